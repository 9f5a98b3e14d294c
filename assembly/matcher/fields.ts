// Field scanners: how far a typed field may extend, and whether a candidate value has the type's shape.
// Pure functions over [start, end) byte ranges; never allocate.
import { SHAPE_TEXT, SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME } from '../generated/abi';
import { inMemory, bytesBelow, nonDigits, nonDigits4 } from './words';

// One table lookup per byte instead of a chain of comparisons: scanning fields is the matcher's hot loop.
const C_DIGIT: u8 = 1, C_HEX: u8 = 2, C_LABEL: u8 = 4, C_ADDRESS: u8 = 8, C_KEYWORD: u8 = 16;
const CLASS: usize = memory.data<u8>([
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 16, 0, 28, 24, 0, 31, 31, 31, 31, 31, 31, 31, 31, 31, 31, 8, 0, 0, 0, 0, 0,
  16, 30, 30, 30, 30, 30, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 0, 0, 0, 0, 28,
  0, 30, 30, 30, 30, 30, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
]); // DIGIT 0-9; HEX 0-9a-fA-F; LABEL alnum - _; ADDRESS label . : %; KEYWORD alnum . _ @ + -

// @ts-ignore: decorator
@inline function is(c: u32, cls: u8): bool { return (load<u8>(CLASS + <usize>c) & cls) != 0; }
// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 48 < 10; }
// @ts-ignore: decorator
@inline function isHex(c: u32): bool { return is(c, C_HEX); }
// @ts-ignore: decorator
@inline function isLabelByte(c: u32): bool { return is(c, C_LABEL); }
// The bytes a value of a type may start with (field-types.ts TYPE_SCANNERS first, TYPE_BYTES).
// @ts-ignore: decorator
@inline export function isAddressByte(c: u32): bool { return is(c, C_ADDRESS); }
// @ts-ignore: decorator
@inline export function isKeywordByte(c: u32): bool { return is(c, C_KEYWORD); }
// @ts-ignore: decorator
@inline export function isDigitByte(c: u32): bool { return c - 48 < 10; }
// @ts-ignore: decorator
@inline export function isIPv4Byte(c: u32): bool { return c - 48 < 10 || c == 46; }

// Each field type has a run function (how far a value starting at `p` may extend: the run of bytes the type
// allows, capped at its longest value, which keeps hostile lines linear) and a shape function (SHAPE_* of a
// candidate [p, e), or -1 when it does not have the type's shape). The generated entry code calls the pair of
// its field's type directly (host/compile/field-types.ts names them); user, quoted, text and rest run to the
// end of the message and need no function.

// The last word run scanned: [wordFrom, wordTo) holds no space and wordTo is a space or the end. A word
// starting anywhere in it ends at wordTo, so a word field tried at many starts inside one long run (after
// each `=` of `a=a=a=...`) scans the run once, not once per start.
let wordFrom: usize = 1;
let wordTo: usize = 0;

export function runWord(p: usize, end: usize): usize {
  if (p >= wordFrom && p <= wordTo) return wordTo;
  wordFrom = p;
  while (p + 8 <= end) { // eight bytes at a time: the first space of a word, exactly (no borrow between bytes)
    const x = load<u64>(p) ^ 0x2020202020202020;
    const space = ~(((x & 0x7f7f7f7f7f7f7f7f) + 0x7f7f7f7f7f7f7f7f) | x | 0x7f7f7f7f7f7f7f7f);
    if (space != 0) { p += <usize>ctz(space) >> 3; wordTo = p; return p; }
    p += 8;
  }
  while (p < end && load<u8>(p) != 32) p++;
  wordTo = p;
  return p;
}

export function runKeyword(p: usize, end: usize, cap: usize): usize {
  const limit = min(end, p + cap);
  while (p < limit && isKeywordByte(load<u8>(p))) p++;
  return p;
}

export function runDigits(p: usize, end: usize, cap: usize): usize {
  const limit = min(end, p + cap);
  while (p < limit && isDigit(load<u8>(p))) p++;
  return p;
}

// The last port run: its bytes and value, so that the shape check of the whole run reads no digit again.
let portFrom: usize = 1;
let portTo: usize = 0;
let portValue: u32 = 0;

/** runDigits for a port (at most `cap` digits, cap < 10), noting the run's value for shapePort. */
export function runPort(p: usize, end: usize, cap: usize): usize {
  const limit = min(end, p + cap);
  portFrom = p;
  if (cap < 8 && inMemory(p, 8)) { // one word read, its bytes from the limit on masked (as stops)
    const t = load<u64>(p) ^ 0x3030303030303030; // a digit's value where its byte is one
    // A nonzero high nibble where a byte is no digit (words.ts nonDigits: exact up to the first non-digit,
    // which is all ctz reads), and in every byte from the limit on.
    const stops = nonDigits(t) | ~bytesBelow(limit > p ? limit - p : 0);
    const k = <usize>ctz(stops) >> 3; // the digits: bytes [0, k), k < 8
    portTo = p + k;
    portValue = k != 0 ? digitsWord((t & bytesBelow(k)) << (<u64>(8 - k) << 3)) : 0;
    return p + k;
  }
  let v: u32 = 0;
  while (p < limit) {
    const d = <u32>load<u8>(p) - 48;
    if (d >= 10) break;
    v = v * 10 + d;
    p++;
  }
  portTo = p;
  portValue = v;
  return p;
}

/**
 * The decimal value of eight digit values, one a byte, the first (most significant) in the low byte: pairs,
 * then fours, then the eight, each a multiplication (Lemire's SWAR parse; leading zero bytes add nothing).
 */
// @ts-ignore: decorator
@inline function digitsWord(v: u64): u32 {
  v = (v * 10) + (v >> 8); // the low byte of each pair: 10 * first + second
  v = (((v & 0x000000ff000000ff) * 0x000f424000000064) + (((v >> 16) & 0x000000ff000000ff) * 0x0000271000000001)) >> 32;
  return <u32>v;
}

export function runIPv4(p: usize, end: usize): usize {
  const limit = min(end, p + 15);
  while (p < limit && (isDigit(load<u8>(p)) || load<u8>(p) == 46)) p++;
  return p;
}

// What the last runAddress scan saw, so that the shape check of a candidate spanning the whole run (the
// usual case: an address ends where its bytes end) need not read the bytes again.
let runFrom: usize = 0;
let runTo: usize = 0;
let runColon: usize = 0; // the first ':' or '%' of the run, or runTo
let runNonNumeric: usize = 0; // the first byte that is neither a digit nor a dot, or runTo; 0: not worked out
let runQuad = false; // the whole run [runFrom, runTo) is a dotted quad (isIPv4 holds)
let runQuadEnd: usize = 0; // [runFrom, runQuadEnd) is a dotted quad though the run goes on ("1.2.3.4:"), or 0
const SHAPE_UNKNOWN: i32 = -2;
let runLimit: usize = 0; // the run's limit (min(end, p + cap)): a second scan from runFrom to it is the same run
let runPercent: usize = 0; // the first '%' of the run (an IPv6 zone's start), or runTo
let runShape: i32 = SHAPE_UNKNOWN; // shapeAddress of the whole run with names, once worked out
let runShapeIp: i32 = SHAPE_UNKNOWN; // and without names

/** Forgets the last scans (address and word runs): called for every line, since another line's bytes may lie at the same place. */
// Each cached fact is read only behind a test of its run's start (runFrom, portFrom: never 1, no byte of a
// line lies there) or end (wordTo: never 0), so setting those three forgets the rest.
export function forgetRuns(): void { runFrom = 1; wordTo = 0; portFrom = 1; }

export function runAddress(p: usize, end: usize, cap: usize): usize {
  const limit = min(end, p + cap);
  // The entries of one message often read the same address (each of `Received disconnect from <host> port
  // ...`'s readings, every entry of a family sharing its start): the run, its facts and its shape stay.
  if (p == runFrom && limit == runLimit) return runTo;
  runFrom = p;
  runLimit = limit;
  runQuad = false;
  runShape = SHAPE_UNKNOWN;
  runShapeIp = SHAPE_UNKNOWN;
  // The usual value is a dotted quad: read it as one first (each part's digits and value at once), and
  // note that the run is one, so the shape check of the whole run needs no second pass. With 16 bytes of
  // message ahead, two words answer it (quadRun); nearer the end, part by part.
  const quadEnd = p + 16 <= end ? quadRun(p, limit) : dottedQuad(p, limit);
  runQuadEnd = quadEnd;
  if (quadEnd != 0 && (quadEnd == limit || (load<u8>(CLASS + <usize>load<u8>(quadEnd)) & C_ADDRESS) == 0)) {
    runTo = quadEnd; runColon = quadEnd; runNonNumeric = quadEnd; runPercent = quadEnd; runQuad = true;
    return quadEnd;
  }
  // Else an IPv6 address of hex groups with an optional %zone, checked while its run is read (most
  // addresses that are not quads): the same run and facts as the loop below, its shape known.
  // (Such an address has a ':' among its first five bytes: a name or a number is not tried as one.)
  if ((p + 8 > end || hasColon5(load<u64>(p))) && ipv6Run(p, limit)) return runTo;
  let colon: usize = 0, nonNumeric: usize = 0, percent: usize = 0;
  while (p < limit) {
    const c = <u32>load<u8>(p);
    const cls = load<u8>(CLASS + <usize>c);
    if ((cls & C_ADDRESS) == 0) break;
    if ((cls & C_DIGIT) == 0) { // not a digit: a dot, a colon, a percent sign or a name byte
      if (c == 58 || c == 37) { if (colon == 0) colon = p; if (c == 37 && percent == 0) percent = p; }
      else if (c != 46 && nonNumeric == 0) nonNumeric = p;
    }
    p++;
  }
  runTo = p;
  runColon = colon != 0 ? colon : p;
  runNonNumeric = nonNumeric != 0 ? nonNumeric : p;
  runPercent = percent != 0 ? percent : p;
  return p;
}

/**
 * Whether the address run at p (up to limit) is an IPv6 address made of hex groups, at most one `::` and an
 * optional `%zone` (as isIPv6 reads it, but no embedded IPv4), read in one pass. When it is, the run's facts
 * (runTo, runColon, runPercent) and its shape are set as runAddress's loop and shapeAddress would set them,
 * runNonNumeric left unknown. Any other run (a name, an embedded quad, a bad group) returns false and is left to them.
 */
function ipv6Run(p: usize, limit: usize): bool {
  const start = p;
  let groups = 0, double = false;
  let colon: usize = 0; // the first ':'
  // As isIPv6, where the address ends (its `e`) at the limit, a '%' or the first byte no address holds.
  if (p < limit && load<u8>(p) == 58) {
    if (p + 1 >= limit || load<u8>(p + 1) != 58) return false;
    double = true;
    colon = p;
    p += 2;
  }
  if (!double || !v6Ends(p, limit)) {
    while (true) {
      const g = p;
      if (p + 4 < limit) { // the group's longest and the byte after it inside the limit: no bound a byte
        if (isHex(load<u8>(p))) { p++; if (isHex(load<u8>(p))) { p++; if (isHex(load<u8>(p))) { p++; if (isHex(load<u8>(p))) {
          p++; if (isHex(load<u8>(p))) return false; } } } }
      } else while (p < limit && isHex(load<u8>(p))) p++;
      if (p == g || p - g > 4) return false;
      groups++;
      if (p >= limit) break;
      let c = <u32>load<u8>(p);
      if (c != 58) { if (c == 37 || !isAddressByte(c)) break; return false; } // (a dot: an embedded quad, not this form)
      if (colon == 0) colon = p;
      p++;
      if (p >= limit) return false;
      c = <u32>load<u8>(p);
      if (c == 58) { // "::"
        if (double) return false;
        double = true;
        p++;
        if (p >= limit) break;
        c = <u32>load<u8>(p);
        if (!isHex(c)) { if (c == 37 || !isAddressByte(c)) break; return false; }
      } else if (!isHex(c)) return false; // a single ':' before no group
    }
  }
  if (double ? groups > 7 : groups != 8) return false;
  let end = p;
  if (p < limit && load<u8>(p) == 37) { // "%" then one or more label bytes or dots, ending the run
    end = p + 1;
    while (end < limit) {
      const c = <u32>load<u8>(end);
      if (!isLabelByte(c) && c != 46) break;
      end++;
    }
    if (end == p + 1 || (end < limit && (load<u8>(CLASS + <usize>load<u8>(end)) & C_ADDRESS) != 0)) return false;
  }
  runTo = end;
  runColon = colon != 0 ? colon : p; // (a valid address has a ':' before any '%')
  runNonNumeric = 0; // not worked out: a shorter candidate in the run is read byte by byte (shapeAddress)
  runPercent = p < end ? p : end;
  runShape = <i32>SHAPE_IPV6;
  runShapeIp = <i32>SHAPE_IPV6;
  return true;
}

/** Whether one of the first five bytes of x is a ':'. */
// @ts-ignore: decorator
@inline function hasColon5(x: u64): bool {
  const y = (x ^ 0x3a3a3a3a3a3a3a3a) | 0xffffff0000000000; // the three bytes above the fifth never zero
  return ((y - 0x0101010101010101) & ~y & 0x8080808080808080) != 0;
}

/** Whether an IPv6 address read by ipv6Run ends at p: the limit, a '%' or a byte no address holds. */
// @ts-ignore: decorator
@inline function v6Ends(p: usize, limit: usize): bool {
  if (p >= limit) return true;
  const c = load<u8>(p);
  return c == 37 || (load<u8>(CLASS + <usize>c) & C_ADDRESS) == 0;
}

/**
 * After one part of a dotted quad at p (one to three digits, at most 255): where it ends, or 0. Reads the
 * part as one word of four bytes without a bound: the caller knows 16 bytes of message lie ahead of the
 * quad. Its first non-digit comes from words.ts nonDigits4; four digits make no part.
 */
// @ts-ignore: decorator
@inline function quadPart(p: usize): usize {
  const t = load<u32>(p) ^ 0x30303030;
  const k = <usize>ctz(nonDigits4(t)) >> 3; // the digits before the first non-digit; 4: no non-digit
  if (k - 1 >= 3) return 0; // none, or four
  if (k == 3 && (t & 0xff) * 100 + ((t >> 8) & 0xff) * 10 + ((t >> 16) & 0xff) > 255) return 0;
  return p + k;
}

/**
 * dottedQuad with 16 bytes of message at p (a quad is at most 15), so no byte needs a bound of its own:
 * the end of a dotted quad at p (as isIPv4) inside [p, limit), whatever non-digit follows, or 0.
 */
function quadRun(p: usize, limit: usize): usize {
  p = quadPart(p); if (p == 0 || load<u8>(p) != 46) return 0;
  p = quadPart(p + 1); if (p == 0 || load<u8>(p) != 46) return 0;
  p = quadPart(p + 1); if (p == 0 || load<u8>(p) != 46) return 0;
  p = quadPart(p + 1); // a fourth part of four digits is none, as in dottedQuad
  return p > limit ? 0 : p; // (0 stays 0)
}

/**
 * The end of a dotted quad at p within [p, limit) (four parts of one to three digits, each at most 255,
 * no leading-zero rule: as isIPv4), or 0. Stops after the fourth part, whatever follows.
 */
function dottedQuad(p: usize, limit: usize): usize {
  for (let part = 0; ; part++) {
    if (p >= limit) return 0;
    let v = <u32>load<u8>(p) - 48;
    if (v >= 10) return 0;
    p++;
    if (p < limit) {
      const d = <u32>load<u8>(p) - 48;
      if (d < 10) {
        v = v * 10 + d; p++;
        if (p < limit) {
          const d2 = <u32>load<u8>(p) - 48;
          if (d2 < 10) { v = v * 10 + d2; p++; if (v > 255) return 0; }
        }
      }
    }
    if (part == 3) return p < limit && <u32>load<u8>(p) - 48 < 10 ? 0 : p;
    if (p >= limit || load<u8>(p) != 46) return 0;
    p++;
  }
  return 0; // not reached: the fourth part returns
}

// @ts-ignore: decorator
@inline export function shapeNonEmpty(p: usize, e: usize): i32 { return e > p ? <i32>SHAPE_TEXT : -1; }

export function shapePort(p: usize, e: usize): i32 {
  if (p == portFrom && e == portTo) return e > p && e - p <= 5 && portValue <= 65535 ? <i32>SHAPE_TEXT : -1;
  return e > p && e - p <= 5 && digitsValue(p, e) <= 65535 ? <i32>SHAPE_TEXT : -1;
}

// @ts-ignore: decorator
@inline export function shapeUint(p: usize, e: usize): i32 { return e > p && e - p <= 20 ? <i32>SHAPE_TEXT : -1; }

export function shapeIPv4(p: usize, e: usize): i32 { return isIPv4(p, e) ? <i32>SHAPE_IPV4 : -1; }

export function shapeIPv6(p: usize, e: usize): i32 { return isIPv6(p, e) ? <i32>SHAPE_IPV6 : -1; }

/** host (`names` set) or ip: decided by the bytes present, so a value is never read two ways. */
export function shapeAddress(p: usize, e: usize, names: bool): i32 {
  if (p == runFrom && e == runTo) { // the whole run: worked out once for the message
    if (runQuad) return <i32>SHAPE_IPV4;
    if (names) { if (runShape == SHAPE_UNKNOWN) runShape = shapeOf(p, e, runColon < e, runNonNumeric < e, true); return runShape; }
    if (runShapeIp == SHAPE_UNKNOWN) runShapeIp = shapeOf(p, e, runColon < e, runNonNumeric < e, false);
    return runShapeIp;
  }
  if (runQuadEnd != 0 && p == runFrom && e == runQuadEnd) return <i32>SHAPE_IPV4; // the quad before a ':' ("from 1.2.3.4: 11: Bye")
  let colon = false, nonNumeric = false;
  if (p == runFrom && e <= runTo && runNonNumeric != 0) { // [p, e) is a prefix of the last run, its facts known
    colon = runColon < e;
    nonNumeric = runNonNumeric < e;
  } else {
    for (let q = p; q < e; q++) {
      const c = load<u8>(q);
      if (c == 58 || c == 37) colon = true;
      else if (!isDigit(c) && c != 46) nonNumeric = true;
    }
  }
  return shapeOf(p, e, colon, nonNumeric, names);
}

/** The shape of [p, e) from what it holds: a colon or '%' (IPv6), only digits and dots (IPv4), else a name. */
function shapeOf(p: usize, e: usize, colon: bool, nonNumeric: bool, names: bool): i32 {
  const whole = p == runFrom && e == runTo;
  if (colon) return (whole ? isIPv6Zone(p, e, runPercent) : isIPv6(p, e)) ? <i32>SHAPE_IPV6 : -1;
  // Digits and dots only: the whole run is a quad exactly when runAddress's quad reader said so (runQuad,
  // answered before shapeOf is asked), which reads the same grammar as isIPv4.
  if (!nonNumeric) return !whole && isIPv4(p, e) ? <i32>SHAPE_IPV4 : -1;
  if (!names) return -1;
  return isHostName(p, e) ? <i32>SHAPE_NAME : -1;
}

function digitsValue(p: usize, e: usize): u32 {
  let v: u32 = 0;
  for (; p < e; p++) { const c = <u32>load<u8>(p); if (!isDigit(c)) return 0xffffffff; v = v * 10 + (c - 48); }
  return v;
}

export function isIPv4(p: usize, e: usize): bool {
  let parts = 0;
  while (true) {
    let n = 0, v: u32 = 0;
    while (p < e && isDigit(load<u8>(p)) && n < 4) { v = v * 10 + (<u32>load<u8>(p) - 48); p++; n++; }
    if (n == 0 || n > 3 || v > 255) return false;
    parts++;
    if (p == e) return parts == 4;
    if (load<u8>(p) != 46 || parts == 4) return false;
    p++;
  }
}

/** RFC 4291 text form, with an optional embedded IPv4 tail and an optional %zone. */
export function isIPv6(p: usize, e: usize): bool {
  let zone = p;
  while (zone < e && load<u8>(zone) != 37) zone++;
  return isIPv6Zone(p, e, zone);
}

/** isIPv6 where `zone` is the first '%' of [p, e), or e when it holds none (a run's scan has found it). */
function isIPv6Zone(p: usize, e: usize, zone: usize): bool {
  // zone: "%" then one or more label bytes or dots, at the end
  if (zone < e) {
    if (zone + 1 == e) return false;
    for (let z = zone + 1; z < e; z++) { const c = load<u8>(z); if (!isLabelByte(c) && c != 46) return false; }
    e = zone;
  }
  if (e - p < 2) return false;
  let groups = 0;
  let doubleColon = false;
  if (load<u8>(p) == 58) {
    if (load<u8>(p + 1) != 58) return false;
    doubleColon = true;
    p += 2;
    if (p == e) return true;
  }
  while (true) {
    let q = p;
    while (q < e && isHex(load<u8>(q))) q++;
    if (q < e && load<u8>(q) == 46) { // embedded IPv4 ends the address
      if (!isIPv4(p, e)) return false;
      groups += 2;
      break;
    }
    if (q == p || q - p > 4) return false;
    groups++;
    p = q;
    if (p == e) break;
    if (load<u8>(p) != 58) return false;
    p++;
    if (p == e) return false;
    if (load<u8>(p) == 58) {
      if (doubleColon) return false;
      doubleColon = true;
      p++;
      if (p == e) break;
    }
  }
  return doubleColon ? groups <= 7 : groups == 8;
}

/** Dot-separated labels of letters, digits, '-' and '_'; not all-numeric (that would be a bad IPv4). */
export function isHostName(p: usize, e: usize): bool {
  if (e == p || e - p > 253) return false;
  let label = 0;
  for (let q = p; q < e; q++) {
    const c = load<u8>(q);
    if (c == 46) { if (label == 0) return false; label = 0; }
    else if (isLabelByte(c)) { if (++label > 63) return false; }
    else return false;
  }
  return label > 0;
}
