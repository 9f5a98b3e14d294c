// Reading the record Fluent Bit hands over: a JSON object, walked in place. Only what the filter needs:
// the members of one object, skipping any value, and decoding a string (every escape, surrogate pairs)
// into UTF-8. Never allocates, never reads at or past `end`; bytes it cannot walk are reported, not guessed.

import { plainPrefix } from './output';

const QUOTE: u32 = 0x22;
const BACKSLASH: u32 = 0x5c;

// @ts-ignore: decorator
@inline function isSpace(c: u32): bool { return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09; }

/** The first byte at or after p that is no JSON whitespace, or end. */
// @ts-ignore: decorator
@inline export function skipSpace(p: usize, end: usize): usize {
  // Mostly no space at all (Fluent Bit writes compact JSON): one test where it is called, no call.
  return p < end && <u32>load<u8>(p) > 0x20 ? p : spaceRun(p, end);
}

function spaceRun(p: usize, end: usize): usize {
  while (p < end) {
    const c = <u32>load<u8>(p);
    if (c > 0x20 || !isSpace(c)) break;
    p++;
  }
  return p;
}

/** Set by skipString: the string just skipped holds at least one backslash escape. */
export let stringEscaped: bool = false;
/**
 * Set by skipString: where the string just skipped stops being plain (its closing quote when it is), for
 * the writer (values.ts setLinePlain).
 */
export let stringPlainEnd: usize = 0;

/** The high bit of the first `"` or `\\` byte of x (bits above it may be set too); 0 when there is none. */
// @ts-ignore: decorator
@inline function quoteOrBackslash(x: u64): u64 {
  // The usual zero-byte test of x ^ '"' and of x ^ '\\', sharing its `& ~v`: both keep x's high bits.
  return (((x ^ 0x2222222222222222) - 0x0101010101010101) | ((x ^ 0x5c5c5c5c5c5c5c5c) - 0x0101010101010101)) & ~x & 0x8080808080808080;
}

/**
 * `p` at an opening quote: the position after the closing quote, or 0 when the string is unterminated.
 * First the plain prefix (output.ts plainPrefix: the quote and the backslash are special too), which for
 * most strings ends at their closing quote; then, past a byte to escape, eight bytes at a time (SWAR)
 * while no quote or backslash is in sight.
 */
export function skipString(p: usize, end: usize): usize {
  p++;
  stringEscaped = false;
  p = plainPrefix(p, end);
  stringPlainEnd = p;
  if (p < end && load<u8>(p) == QUOTE) return p + 1; // mostly the plain prefix ends at the closing quote
  while (true) {
    while (p + 16 <= end) { // two words a turn, one test for both
      const a = quoteOrBackslash(load<u64>(p)), b = quoteOrBackslash(load<u64>(p, 8));
      if ((a | b) != 0) { p += a != 0 ? <usize>ctz(a) >> 3 : 8 + (<usize>ctz(b) >> 3); break; }
      p += 16;
    }
    if (p + 16 > end) {
      while (p + 8 <= end) {
        const hit = quoteOrBackslash(load<u64>(p));
        if (hit != 0) { p += <usize>ctz(hit) >> 3; break; }
        p += 8;
      }
    }
    if (p >= end) return 0;
    const c = <u32>load<u8>(p);
    if (c == QUOTE) return p + 1;
    if (c == BACKSLASH) { stringEscaped = true; p += 2; if (p > end) return 0; continue; }
    p++;
  }
  return 0; // not reached: the loop returns
}

/** `p` at the first byte of any value: the position just after it, or 0 when it is malformed. */
export function skipValue(p: usize, end: usize): usize {
  const c = <u32>load<u8>(p);
  if (c == QUOTE) return skipString(p, end);
  if (c == 0x7b || c == 0x5b) {
    let depth = 0;
    while (p < end) {
      const d = <u32>load<u8>(p);
      if (d == QUOTE) {
        p = skipString(p, end);
        if (p == 0) return 0;
        continue;
      }
      if (d == 0x7b || d == 0x5b) depth++;
      else if (d == 0x7d || d == 0x5d) {
        if (--depth == 0) return p + 1;
      }
      p++;
    }
    return 0;
  }
  const start = p;
  while (p < end) {
    const d = <u32>load<u8>(p);
    if (d == 0x2c || d == 0x7d || d == 0x5d || isSpace(d)) break;
    p++;
  }
  return p > start ? p : 0;
}

// Member walk over one object. A nested walk overwrites these, so callers keep what they need first.
let cursor: usize = 0;
let firstMember: bool = true;
export let keyStart: usize = 0; // key text, without the quotes
export let keyEnd: usize = 0;
export let keyEscaped: bool = false;
export let valueStart: usize = 0;
export let valueEnd: usize = 0;
export let objectClose: usize = 0; // the closing brace, once nextMember returned 0

/** `open` at an object's opening brace. */
export function beginObject(open: usize): void {
  cursor = open + 1;
  firstMember = true;
}

/** 1: a member (key and value set); 0: the object ended (objectClose set); -1: malformed. */
export function nextMember(end: usize): i32 {
  let p = skipSpace(cursor, end);
  if (p >= end) return -1;
  let c = <u32>load<u8>(p);
  if (c == 0x7d) { objectClose = p; return 0; }
  if (!firstMember) {
    if (c != 0x2c) return -1;
    p = skipSpace(p + 1, end);
    if (p >= end) return -1;
    c = <u32>load<u8>(p);
  }
  firstMember = false;
  if (c != QUOTE) return -1;
  const afterKey = skipString(p, end);
  if (afterKey == 0) return -1;
  keyStart = p + 1;
  keyEnd = afterKey - 1;
  keyEscaped = stringEscaped;
  p = skipSpace(afterKey, end);
  if (p >= end || load<u8>(p) != 0x3a) return -1;
  p = skipSpace(p + 1, end);
  if (p >= end) return -1;
  const after = skipValue(p, end);
  if (after == 0) return -1;
  valueStart = p;
  valueEnd = after;
  cursor = after;
  return 1;
}

/** Whether the current member's key is `name`, of `n` characters (ASCII; an escaped key never is). */
export function keyEquals(name: string, n: usize): bool {
  if (keyEscaped || keyEnd - keyStart != n) return false;
  for (let i: usize = 0; i < n; i++) {
    if (<u32>load<u8>(keyStart + i) != <u32>load<u16>(changetype<usize>(name) + (i << 1))) return false;
  }
  return true;
}

function hexDigit(c: u32): i32 {
  if (c >= 0x30 && c <= 0x39) return <i32>c - 0x30;
  c |= 0x20;
  if (c >= 0x61 && c <= 0x66) return <i32>c - 0x61 + 10;
  return -1;
}

/** The code unit of `\uXXXX` whose `u` is at p (needs p + 5 <= end), or -1 when the digits are not hex. */
function hex4(p: usize, end: usize): i32 {
  if (p + 5 > end) return -1;
  let v = 0;
  for (let i: usize = 1; i <= 4; i++) {
    const d = hexDigit(load<u8>(p + i));
    if (d < 0) return -1;
    v = (v << 4) | d;
  }
  return v;
}

const REPLACEMENT: u32 = 0xfffd;

// @ts-ignore: decorator
@inline function utf8Length(cp: u32): usize { return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; }

function putUtf8(dst: usize, cp: u32): usize {
  if (cp < 0x80) { store<u8>(dst, cp); return 1; }
  if (cp < 0x800) {
    store<u8>(dst, 0xc0 | (cp >> 6));
    store<u8>(dst + 1, 0x80 | (cp & 0x3f));
    return 2;
  }
  if (cp < 0x10000) {
    store<u8>(dst, 0xe0 | (cp >> 12));
    store<u8>(dst + 1, 0x80 | ((cp >> 6) & 0x3f));
    store<u8>(dst + 2, 0x80 | (cp & 0x3f));
    return 3;
  }
  store<u8>(dst, 0xf0 | (cp >> 18));
  store<u8>(dst + 1, 0x80 | ((cp >> 12) & 0x3f));
  store<u8>(dst + 2, 0x80 | ((cp >> 6) & 0x3f));
  store<u8>(dst + 3, 0x80 | (cp & 0x3f));
  return 4;
}

/**
 * Decodes the string text [p, end) (without its quotes) into dst, at most `cap` bytes. Returns the length,
 * or -1 when it does not fit. Raw bytes are copied as they are (Fluent Bit sends raw UTF-8 when
 * json.escape_unicode is off); a lone surrogate becomes U+FFFD, as a JavaScript decoder does; an escape
 * JSON does not define keeps the character after the backslash.
 */
export function decodeString(p: usize, end: usize, dst: usize, cap: usize): isize {
  let o: usize = 0;
  while (p < end) {
    // Copy the run up to the next backslash in one go; find it eight bytes at a time.
    let q = p;
    let found = false;
    while (q + 8 <= end) {
      const x = load<u64>(q) ^ 0x5c5c5c5c5c5c5c5c;
      const hit = (x - 0x0101010101010101) & ~x & 0x8080808080808080;
      if (hit != 0) { q += <usize>ctz(hit) >> 3; found = true; break; }
      q += 8;
    }
    if (!found) while (q < end && load<u8>(q) != BACKSLASH) q++;
    const run = q - p;
    if (run > 0) {
      if (run > cap - o) return -1;
      memory.copy(dst + o, p, run);
      o += run;
      p = q;
      if (p >= end) break;
    }
    // p at a backslash
    if (p + 1 >= end) { // a dangling backslash: keep it
      if (o >= cap) return -1;
      store<u8>(dst + o++, BACKSLASH);
      p++;
      continue;
    }
    const e = <u32>load<u8>(p + 1);
    let cp: u32 = e;
    let used: usize = 2;
    if (e == 0x62) cp = 0x08;
    else if (e == 0x66) cp = 0x0c;
    else if (e == 0x6e) cp = 0x0a;
    else if (e == 0x72) cp = 0x0d;
    else if (e == 0x74) cp = 0x09;
    else if (e == 0x75) {
      const u = hex4(p + 1, end);
      if (u < 0) { cp = e; } // `\u` without four hex digits: keep the `u`
      else {
        used = 6;
        cp = <u32>u;
        if (cp >= 0xd800 && cp <= 0xdbff) {
          const lo = p + 6 + 1 < end && load<u8>(p + 6) == BACKSLASH && load<u8>(p + 7) == 0x75 ? hex4(p + 7, end) : -1;
          if (lo >= 0xdc00 && lo <= 0xdfff) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (<u32>lo - 0xdc00);
            used = 12;
          } else cp = REPLACEMENT;
        } else if (cp >= 0xdc00 && cp <= 0xdfff) cp = REPLACEMENT;
      }
    }
    if (utf8Length(cp) > cap - o) return -1;
    o += putUtf8(dst + o, cp);
    p += used;
  }
  return <isize>o;
}
