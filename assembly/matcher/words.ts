// Reading a value a word at a time up to its end: whether a read of n bytes at p stays inside memory (a
// value may end at memory's last byte, where the word past it cannot be read), and the masks that keep the
// bytes of a word that belong to the value (the low ones: the value's first bytes). Shared by the
// matcher's scans, the writer, detection's hashing and the raw module's newline search.

/** Whether the n bytes at p lie inside memory. */
// @ts-ignore: decorator
@inline export function inMemory(p: usize, n: usize): bool { return <u64>p + <u64>n <= (<u64>memory.size() << 16); }

/** A word's low n bytes, for n from 1 to 8. */
// @ts-ignore: decorator
@inline export function lowBytes(n: usize): u64 { return <u64>-1 >> (<u64>(8 - n) << 3); }

/** A word's bytes below byte n, for n from 0 to 7 (none for 0). */
// @ts-ignore: decorator
@inline export function bytesBelow(n: usize): u64 { return (<u64>1 << (<u64>n << 3)) - 1; }
