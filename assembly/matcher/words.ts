// Reading a value a word at a time up to its end: whether a read of n bytes at p stays inside memory (a
// value may end at memory's last byte, where the word past it cannot be read), and the masks that keep the
// bytes of a word that belong to the value (the low ones: the value's first bytes), and which of a word's
// bytes are digits. Shared by the matcher's scans, the writer, detection's hashing and the raw module's
// newline search.

/** Whether the n bytes at p lie inside memory. */
// @ts-ignore: decorator
@inline export function inMemory(p: usize, n: usize): bool { return <u64>p + <u64>n <= (<u64>memory.size() << 16); }

/** A word's low n bytes, for n from 1 to 8. */
// @ts-ignore: decorator
@inline export function lowBytes(n: usize): u64 { return <u64>-1 >> (<u64>(8 - n) << 3); }

/**
 * Of t = w ^ 0x30..30 (w's digits become their values): a nonzero high nibble in each byte of w that is no
 * digit. A byte is a digit iff t's high nibble is 0 and its low nibble below 10, that is iff t | (t + 0x06)
 * has a zero high nibble; the addition carries into the next byte only from a byte t >= 0xfa, no digit, so
 * the nibbles are exact up to the first non-digit, which is what ctz reads (of eight bytes, or of four).
 */
// @ts-ignore: decorator
@inline export function nonDigits(t: u64): u64 { return (t | (t + 0x0606060606060606)) & 0xf0f0f0f0f0f0f0f0; }
// @ts-ignore: decorator
@inline export function nonDigits4(t: u32): u32 { return (t | (t + 0x06060606)) & 0xf0f0f0f0; }

/** A word's bytes below byte n, for n from 0 to 7 (none for 0). */
// @ts-ignore: decorator
@inline export function bytesBelow(n: usize): u64 { return (<u64>1 << (<u64>n << 3)) - 1; }
