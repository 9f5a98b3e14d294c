// Field scanners: how far a typed field may extend, and whether a candidate value has the type's shape.
// Pure functions over [start, end) byte ranges; never allocate.
import { T_HOST, T_IPV4, T_IPV6, T_IP, T_PORT, T_UINT, T_USER, T_WORD, T_QUOTED, T_TEXT, T_REST, T_KEYWORD,
  SHAPE_TEXT, SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME } from './opcodes';

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
// @ts-ignore: decorator
@inline function isAddressByte(c: u32): bool { return is(c, C_ADDRESS); }
// @ts-ignore: decorator
@inline function isKeywordByte(c: u32): bool { return is(c, C_KEYWORD); }

/** Types whose value may be empty. */
export function mayBeEmpty(t: u8): bool { return t == T_QUOTED || t == T_TEXT || t == T_REST; }

/**
 * The furthest end a field of type `t` starting at `p` could have: the run of bytes the type allows, capped
 * at the type's longest value. Bounding address and number runs keeps hostile lines linear.
 */
export function runEnd(t: u8, p: usize, end: usize): usize {
  let cap: usize = 0;
  if (t == T_USER || t == T_QUOTED || t == T_TEXT || t == T_REST) return end;
  if (t == T_WORD) {
    while (p < end && load<u8>(p) != 32) p++;
    return p;
  }
  if (t == T_KEYWORD) {
    const limit = min(end, p + 64);
    while (p < limit && isKeywordByte(load<u8>(p))) p++;
    return p;
  }
  if (t == T_PORT || t == T_UINT) {
    cap = t == T_PORT ? 5 : 20;
    const limit = min(end, p + cap);
    while (p < limit && isDigit(load<u8>(p))) p++;
    return p;
  }
  cap = t == T_IPV4 ? 15 : t == T_HOST ? 255 : 64;
  const limit = min(end, p + cap);
  if (t == T_IPV4) { while (p < limit && (isDigit(load<u8>(p)) || load<u8>(p) == 46)) p++; return p; }
  while (p < limit && isAddressByte(load<u8>(p))) p++;
  return p;
}

/** SHAPE_* of [p, e) for type t, or -1 when the candidate does not have the type's shape. */
export function shapeOf(t: u8, p: usize, e: usize): i32 {
  if (t == T_USER || t == T_WORD || t == T_KEYWORD) return e > p ? <i32>SHAPE_TEXT : -1;
  if (t == T_QUOTED || t == T_TEXT || t == T_REST) return <i32>SHAPE_TEXT;
  if (t == T_PORT) return e > p && e - p <= 5 && digitsValue(p, e) <= 65535 ? <i32>SHAPE_TEXT : -1;
  if (t == T_UINT) return e > p && e - p <= 20 ? <i32>SHAPE_TEXT : -1;
  if (t == T_IPV4) return isIPv4(p, e) ? <i32>SHAPE_IPV4 : -1;
  if (t == T_IPV6) return isIPv6(p, e) ? <i32>SHAPE_IPV6 : -1;
  // host or ip: decide by the bytes present, so a value is never read two ways
  let colon = false, nonNumeric = false;
  for (let q = p; q < e; q++) {
    const c = load<u8>(q);
    if (c == 58 || c == 37) colon = true;
    else if (!isDigit(c) && c != 46) nonNumeric = true;
  }
  if (colon) return isIPv6(p, e) ? <i32>SHAPE_IPV6 : -1;
  if (!nonNumeric) return isIPv4(p, e) ? <i32>SHAPE_IPV4 : -1;
  if (t == T_IP) return -1;
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
  // zone: "%" then one or more label bytes or dots, at the end
  for (let q = p; q < e; q++) {
    if (load<u8>(q) == 37) {
      if (q + 1 == e) return false;
      for (let z = q + 1; z < e; z++) { const c = load<u8>(z); if (!isLabelByte(c) && c != 46) return false; }
      e = q;
      break;
    }
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
