// JSON text primitives for the document writer: strings from raw line bytes and numbers from digit runs.
// Strings are decoded as the WHATWG UTF-8 decoder does (each maximal invalid subpart becomes U+FFFD), so
// the text is valid JSON whatever the bytes, and equal to what Node writes for the same bytes.
// The caller guarantees room (at most 6 output bytes per input byte); nothing here checks bounds.

// @ts-ignore: decorator
@inline function hex(n: u32): u8 { return <u8>(n < 10 ? 48 + n : 87 + n); }

/** Writes the bytes [p, e) as a JSON string at `out`; returns the end of what was written. */
export function writeString(out: usize, p: usize, e: usize): usize {
  store<u8>(out++, 34);
  while (p < e) {
    // Eight plain bytes at a time (no control byte, quote, backslash or non-ASCII): copied as they are.
    while (p + 8 <= e) {
      const x = load<u64>(p);
      const q = x ^ 0x2222222222222222, s = x ^ 0x5c5c5c5c5c5c5c5c;
      const special = (x | ((x - 0x2020202020202020) & ~x) | ((q - 0x0101010101010101) & ~q) | ((s - 0x0101010101010101) & ~s)) & 0x8080808080808080;
      if (special != 0) break;
      store<u64>(out, x);
      out += 8;
      p += 8;
    }
    if (p >= e) break;
    const b = <u32>load<u8>(p);
    if (b >= 0x20 && b < 0x80 && b != 34 && b != 92) { store<u8>(out++, <u8>b); p++; continue; }
    if (b < 0x80) {
      store<u8>(out++, 92);
      if (b == 34 || b == 92) store<u8>(out++, <u8>b);
      else if (b == 8) store<u8>(out++, 98);
      else if (b == 9) store<u8>(out++, 116);
      else if (b == 10) store<u8>(out++, 110);
      else if (b == 12) store<u8>(out++, 102);
      else if (b == 13) store<u8>(out++, 114);
      else { store<u8>(out++, 117); store<u8>(out++, 48); store<u8>(out++, 48); store<u8>(out++, hex(b >> 4)); store<u8>(out++, hex(b & 15)); }
      p++;
      continue;
    }
    let need = 0;
    let lower: u32 = 0x80, upper: u32 = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b == 0xe0) { need = 2; lower = 0xa0; }
    else if (b == 0xed) { need = 2; upper = 0x9f; }
    else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b == 0xf0) { need = 3; lower = 0x90; }
    else if (b == 0xf4) { need = 3; upper = 0x8f; }
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    let q = p + 1;
    let ok = need > 0;
    for (let k = 0; ok && k < need; k++) {
      if (q >= e) { ok = false; break; }
      const c = <u32>load<u8>(q);
      if (c < (k == 0 ? lower : 0x80) || c > (k == 0 ? upper : 0xbf)) { ok = false; break; }
      q++;
    }
    if (ok) {
      while (p < q) store<u8>(out++, load<u8>(p++));
    } else {
      store<u8>(out++, 0xef); store<u8>(out++, 0xbf); store<u8>(out++, 0xbd); // U+FFFD
      p = q; // the offending byte, if any, starts the next sequence
    }
  }
  store<u8>(out++, 34);
  return out;
}

/**
 * A run of digits as a JSON number (leading zeros dropped). Beyond 15 digits a double would round, so
 * such a run is written as a string instead, as the Node side does.
 */
export function writeDigits(out: usize, p: usize, e: usize): usize {
  if (e - p > 15) return writeString(out, p, e);
  while (p + 1 < e && load<u8>(p) == 48) p++;
  while (p < e) store<u8>(out++, load<u8>(p++));
  return out;
}

export function writeUint(out: usize, v: u32): usize {
  if (v >= 100) store<u8>(out++, <u8>(48 + v / 100));
  if (v >= 10) store<u8>(out++, <u8>(48 + (v / 10) % 10));
  store<u8>(out++, <u8>(48 + v % 10));
  return out;
}

/**
 * Copies the short constant pieces of a document (keys, prepared values). A word-wise loop: for pieces this
 * short it beats memory.copy, which the engine may run as an out-of-line call.
 */
// @ts-ignore: decorator
@inline export function copyBytes(out: usize, p: usize, n: usize): usize {
  const end = out + n;
  while (out + 8 <= end) { store<u64>(out, load<u64>(p)); out += 8; p += 8; }
  while (out < end) store<u8>(out++, load<u8>(p++));
  return end;
}
