// Where the ECS writer writes: one output region at a time, set by the adapter (the core module's batch
// area, the Fluent Bit filter's static buffer, the component's arena). Every write checks room: what would
// not fit sets the overflow flag and writes nothing more, so a caller can pass the record through instead.
// JSON text rules shared by every host live here and nowhere else: strings are raw UTF-8 with invalid
// sequences replaced by U+FFFD per maximal subpart (as the WHATWG decoder, so Node's, does), control
// characters escaped as JSON.stringify escapes them; digit runs are numbers, or strings beyond 15 digits
// (a double would round them). Never allocates.
import { inMemory, bytesBelow } from '../matcher/words';

let pos: usize = 0;
let limit: usize = 0;
let overflow: bool = false;

/** Starts writing at `at`, with room up to `end`. */
export function outBegin(at: usize, end: usize): void { pos = at; limit = end; overflow = false; }
export function outPosition(): usize { return pos; }
export function outOverflowed(): bool { return overflow; }

/**
 * The first byte written since `start` (the generated writers put a comma before every member, the first
 * too) becomes `c`, or `c` is written when none was: a document's opening brace.
 */
export function outLeading(start: usize, c: u32): void {
  if (pos > start) store<u8>(start, c);
  else outByte(c);
}

/** Drops the first byte written since `start` (a first member's comma where no comma goes). */
export function outDropFirst(start: usize): void {
  if (overflow || pos <= start) return;
  memory.copy(start, start + 1, pos - start - 1);
  pos--;
}

// After an overflow `limit` is `pos`: nothing more fits, so a write tests its own room and nothing else
// (in an interpreter the flag's test as well cost on every write; the writers make dozens a document).
function full(): void { overflow = true; limit = pos; }

// outByte and outBytes are inlined: an interpreter (WAMR in Fluent Bit) pays far more for a call than for
// the few instructions of either, and the generated writers make dozens of them per document. Each is one
// test and the write (a test written as a function returning a bool, the optimizer makes a block with a
// value of it).
// @ts-ignore: decorator
@inline export function outByte(c: u32): void {
  if (pos < limit) { store<u8>(pos, c); pos++; } else full();
}

/** Copies [src, src + len) out, in one memory.copy (in an interpreter one dispatch, not one per word). */
// @ts-ignore: decorator
@inline export function outBytes(src: usize, len: usize): void {
  if (len <= limit - pos) { memory.copy(pos, src, len); pos += len; } else full();
}

/** Bytes that need no escaping (a typed field's: field-types.ts JSON_SAFE) as a JSON string, in one copy. */
export function outQuoted(src: usize, len: usize): void {
  if (len + 2 > limit - pos) { full(); return; }
  store<u8>(pos, 0x22);
  memory.copy(pos + 1, src, len);
  store<u8>(pos + 1 + len, 0x22);
  pos += len + 2;
}

/** A key as `"name":` (catalog names never need escaping; the generator checks). */
export function outKey(name: usize, len: usize): void {
  if (len + 3 > limit - pos) { full(); return; }
  store<u8>(pos, 0x22);
  memory.copy(pos + 1, name, len);
  store<u8>(pos + 1 + len, 0x22);
  store<u8>(pos + 2 + len, 0x3a);
  pos += len + 3;
}

export function outU32(n: u32): void {
  const digits = n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
  if (<usize>digits > limit - pos) { full(); return; }
  let p = pos + digits;
  do { store<u8>(--p, 0x30 + n % 10); n /= 10; } while (n != 0);
  pos += digits;
}

/** `n` in decimal (durations in nanoseconds, byte counts). */
export function outU64(n: u64): void {
  if (n >= 1000000000) { outU64(n / 1000000000); outPadded(<u32>(n % 1000000000), 9); return; }
  outU32(<u32>n);
}

/** `n` as exactly `width` digits, zero-padded (dates). */
export function outPadded(n: u32, width: u32): void {
  if (<usize>width > limit - pos) { full(); return; }
  let p = pos + <usize>width;
  for (let i: u32 = 0; i < width; i++) { store<u8>(--p, 0x30 + n % 10); n /= 10; }
  pos += <usize>width;
}

/**
 * A run of ASCII digits as a JSON number, leading zeros dropped ("022" is 22). Beyond 15 digits a double
 * would round, so such a run is written as a string of its digits, as every host reads it.
 */
export function outDigits(src: usize, len: usize): void {
  if (len > 15) { outJsonString(src, len); return; }
  while (len > 1 && load<u8>(src) == 0x30) { src++; len--; }
  outBytes(src, len);
}

const HEX: usize = memory.data<u8>([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);

/** Length of the valid UTF-8 sequence at p (2-4), or the negated number of bytes to replace by U+FFFD. */
export function utf8Sequence(p: usize, end: usize): i32 {
  const b0 = <u32>load<u8>(p);
  let need = 0;
  let lo: u32 = 0x80, hi: u32 = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) need = 1;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    need = 2;
    if (b0 == 0xe0) lo = 0xa0;
    else if (b0 == 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    need = 3;
    if (b0 == 0xf0) lo = 0x90;
    else if (b0 == 0xf4) hi = 0x8f;
  } else return -1;
  let i: i32 = 1;
  while (i <= need) {
    if (p + <usize>i >= end) return -i;
    const b = <u32>load<u8>(p + <usize>i);
    if (b < lo || b > hi) return -i;
    lo = 0x80; hi = 0xbf;
    i++;
  }
  return need + 1;
}

/**
 * The high bit of the first byte of x (the lowest) that a JSON string cannot hold as it is, and maybe of
 * some bytes after it; none when every byte is plain. Below that byte no subtraction borrows and each term
 * keeps its bytes' high bit clear, so only bytes from it on can be marked: `ctz` finds it exactly, and the
 * masks the usual exact forms need (`& ~x`) are left out (in an interpreter each costs on every word).
 */
// @ts-ignore: decorator
@inline function specialBytes(x: u64): u64 { return specialTerms(x) & 0x8080808080808080; }

/** specialBytes before its mask: of two words, one mask tests both. */
// @ts-ignore: decorator
@inline function specialTerms(x: u64): u64 {
  // Below 0x20 and `"` in one term: flipping bit 1 maps exactly these bytes below 0x21 (`"` to the space's
  // 0x20, every control byte to another below 0x20, the space itself to 0x22), which borrow. `\`: the xor
  // leaves 0, which borrows. Not ASCII: x's own high bit.
  return ((x ^ 0x0202020202020202) - 0x2121212121212121) | ((x ^ 0x5c5c5c5c5c5c5c5c) - 0x0101010101010101) | x;
}

/** The first byte in [p, end) that a JSON string cannot hold as it is: below 0x20, `"`, `\\`, or not ASCII. */
// @ts-ignore: decorator
@inline function safeRun(p: usize, end: usize): usize {
  // A byte is special when it is below 0x20, a quote, a backslash, or has its high bit set. Two words a
  // turn while they fit, one test for both (the loop's own test and jump cost as much as a word), then one
  // word. The position is worked out after the loop: written as a return inside it, the optimizer computes
  // it on every turn, and in an interpreter each of those instructions costs.
  // The two words' terms share one mask; once a turn holds a hit, its words are masked on their own.
  let hit: u64 = 0;
  while (p + 16 <= end) {
    const x = load<u64>(p), y = load<u64>(p, 8);
    if (((specialTerms(x) | specialTerms(y)) & 0x8080808080808080) != 0) {
      const a = specialBytes(x);
      if (a != 0) hit = a; else { hit = specialBytes(y); p += 8; }
      break;
    }
    p += 16;
  }
  if (hit == 0 && p + 8 <= end) { hit = specialBytes(load<u64>(p)); if (hit == 0) p += 8; }
  if (hit != 0) return p + (<usize>ctz(hit) >> 3);
  // The last few bytes (most field values are shorter than a word): one word read, the bytes past the end
  // masked off, where that word lies inside memory (a value may end at memory's last byte).
  if (p < end && inMemory(p, 8)) {
    const hit = specialBytes(load<u64>(p)) & bytesBelow(end - p);
    return hit != 0 ? p + (<usize>ctz(hit) >> 3) : end;
  }
  while (p < end) {
    const c = <u32>load<u8>(p);
    if (c < 0x20 || c == 0x22 || c == 0x5c || c >= 0x80) break;
    p++;
  }
  return p;
}

/**
 * The end of the run of bytes from p that a JSON string holds as they are (printable ASCII but `"` and
 * `\\`): every string inside it goes out quoted and copied (values.ts writeSpan).
 */
export function plainPrefix(p: usize, end: usize): usize { return safeRun(p, end); }

/** Bytes [src, src + len) take this many as the inside of a JSON string. */
function escapedLength(src: usize, len: usize): usize {
  const end = src + len;
  let p = src, n: usize = 0;
  while (p < end) {
    const q = safeRun(p, end);
    n += q - p;
    p = q;
    if (p >= end) break;
    const c = <u32>load<u8>(p);
    if (c >= 0x80) {
      const k = utf8Sequence(p, end);
      if (k > 0) { n += <usize>k; p += <usize>k; } else { n += 3; p += <usize>(-k); }
      continue;
    }
    n += c == 0x22 || c == 0x5c || c == 0x0a || c == 0x0d || c == 0x09 || c == 0x08 || c == 0x0c ? 2 : 6;
    p++;
  }
  return n;
}

/**
 * Bytes [src, src + len) as a quoted JSON string. No byte becomes more than six (`\u001f`): where that
 * worst case fits, the room is checked once for the whole string (else the string's escaped length is
 * counted first); runs that need no escaping go out in one copy each.
 */
export function outJsonString(src: usize, len: usize): void {
  if (overflow) return;
  if (len * 6 + 2 > limit - pos && escapedLength(src, len) + 2 > limit - pos) { full(); return; }
  let o = pos;
  store<u8>(o++, 0x22);
  const end = src + len;
  let p = src;
  while (p < end) {
    const q = safeRun(p, end);
    if (q > p) { memory.copy(o, p, q - p); o += q - p; p = q; if (p >= end) break; }
    const c = <u32>load<u8>(p);
    if (c >= 0x80) {
      const n = utf8Sequence(p, end);
      if (n > 0) { for (let k: i32 = 0; k < n; k++) store<u8>(o + <usize>k, load<u8>(p + <usize>k)); o += <usize>n; p += <usize>n; }
      else { store<u8>(o, 0xef); store<u8>(o + 1, 0xbf); store<u8>(o + 2, 0xbd); o += 3; p += <usize>(-n); }
      continue;
    }
    store<u8>(o, 0x5c);
    if (c == 0x22 || c == 0x5c) { store<u8>(o + 1, c); o += 2; }
    else if (c == 0x0a) { store<u8>(o + 1, 0x6e); o += 2; }
    else if (c == 0x0d) { store<u8>(o + 1, 0x72); o += 2; }
    else if (c == 0x09) { store<u8>(o + 1, 0x74); o += 2; }
    else if (c == 0x08) { store<u8>(o + 1, 0x62); o += 2; }
    else if (c == 0x0c) { store<u8>(o + 1, 0x66); o += 2; }
    else {
      store<u8>(o + 1, 0x75); store<u8>(o + 2, 0x30); store<u8>(o + 3, 0x30);
      store<u8>(o + 4, load<u8>(HEX + (c >> 4))); store<u8>(o + 5, load<u8>(HEX + (c & 15)));
      o += 6;
    }
    p++;
  }
  store<u8>(o++, 0x22);
  pos = o;
}
