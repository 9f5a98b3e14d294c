// The allocator WAMR uses to copy each record's tag and body into linear memory (exported as malloc/free).
// Fluent Bit allocates two blocks per record and frees both right after the call, so a bump arena that
// starts over whenever nothing is live never fragments and never grows per record. Without these exports
// WAMR would insert a small heap of its own (records above ~8 KiB then arrive as a null pointer).
//
// Blocks come from a static region sized for records up to ARENA_CAPACITY. A bigger request is served past
// the module's static data, growing memory once to the largest record ever seen (and reusing it after).
// Every block is followed by SLACK spare bytes: the filter may write a short marker field into a record
// in place, behind its closing brace, when the record is too large for the output buffer.

export const SLACK: usize = 64;
const ARENA_CAPACITY: usize = (2 << 20) + (64 << 10); // two 1 MiB records side by side, plus tags
const ARENA: usize = memory.data(<i32>ARENA_CAPACITY, 16);
const ARENA_END: usize = ARENA + ARENA_CAPACITY;
const MAX_BLOCKS: i32 = 8; // blocks remembered per call (WAMR makes two)
const BLOCKS: usize = memory.data(MAX_BLOCKS * 8, 8); // (start, size) of each live block

let top: usize = ARENA;
let spillTop: usize = 0; // 0: nothing spilled past the static data in this call
let live: i32 = 0;
let blocks: i32 = 0;
let spillPages: i32 = 0; // pages grown for oversized records, ever (tests read it)

/** Returns a block of `size` bytes (+ SLACK), or 0 when memory cannot grow; never traps. */
export function arenaAlloc(size: usize): usize {
  const need = size + SLACK;
  if (need < size) return 0; // wrapped: no 4 GiB request can be met
  let p = (top + 7) & ~<usize>7;
  if (p <= ARENA_END && need <= ARENA_END - p) {
    top = p + need;
  } else {
    p = spillTop == 0 ? (__heap_base + 15) & ~<usize>15 : (spillTop + 7) & ~<usize>7;
    const end = <u64>p + <u64>need;
    const have = <u64>memory.size() << 16;
    if (end > have) {
      if (end > 0xffff_0000) return 0;
      const pages = <i32>((end - have + 0xffff) >> 16);
      if (memory.grow(pages) < 0) return 0;
      spillPages += pages;
    }
    spillTop = <usize>end;
  }
  if (blocks < MAX_BLOCKS) {
    store<u32>(BLOCKS + (<usize>blocks << 3), <u32>p);
    store<u32>(BLOCKS + (<usize>blocks << 3) + 4, <u32>size);
    blocks++;
  }
  live++;
  return p;
}

/** Frees a block; once every block of the call is freed the arena starts over. */
export function arenaFree(ptr: usize): void {
  if (ptr == 0 || live == 0) return;
  live--;
  if (live == 0) {
    top = ARENA;
    spillTop = 0;
    blocks = 0;
  }
}

/**
 * True when [ptr, ptr + size) lies inside a block this arena handed out in the current call: the filter
 * may then write up to SLACK bytes past `size` without touching anything else.
 */
export function arenaOwns(ptr: usize, size: usize): bool {
  for (let i = blocks - 1; i >= 0; i--) { // newest first: WAMR copies the record in after the tag
    const at = BLOCKS + (<usize>i << 3);
    if (<usize>load<u32>(at) == ptr && <usize>load<u32>(at + 4) >= size) return true;
  }
  return false;
}

export function arenaLive(): i32 { return live; }
export function arenaSpillPages(): i32 { return spillPages; }
