// The component's only memory allocator: a bump arena over the linear memory above the static data.
// The canonical ABI copies each call's arguments in through `cabi_realloc` and reads its results out of
// this memory before calling the function's post-return, which resets the arena. So memory in use is
// bounded by one call's arguments and results, and normal calls never grow linear memory: the initial
// memory (set in host/component/build.ts) leaves a 4 MiB arena. A single call that needs more (a batch of
// many megabytes, a line of tens of megabytes) grows memory once to its size; that memory is then reused,
// never grown again by calls of the same size.

/** Bytes kept free after the last allocation: the matcher may load a word just past a line's end. */
const SLACK: usize = 16;

let top: usize = 0; // 0: reset, next allocation starts at the arena's base

// @ts-ignore: decorator
@inline function arenaBase(): usize { return (__heap_base + 15) & ~<usize>15; }

/** `size` bytes aligned to `align` (a power of two), valid until the next reset. Traps only when linear memory cannot grow. */
export function arenaAlloc(size: usize, align: usize): usize {
  if (top == 0) top = arenaBase();
  const p = (top + align - 1) & ~(align - 1);
  if (size > <usize>0xffffffff - p - SLACK) unreachable(); // beyond a 32-bit address space
  const end = p + size;
  const have = <usize>memory.size() << 16;
  if (end + SLACK > have) {
    const pages = <i32>((end + SLACK - have + 0xffff) >>> 16);
    if (memory.grow(pages) < 0) unreachable(); // the host refused more memory: nothing sensible to return
  }
  top = end;
  return p;
}

export function arenaReset(): void { top = 0; }

/** Bytes of the arena in use (for tests: zero between calls). */
export function arenaUsed(): usize { return top == 0 ? 0 : top - arenaBase(); }

/**
 * The canonical ABI's allocator. Hosts call it with `oldPtr` 0 for every argument string or list; a true
 * reallocation (which no host makes for arguments) is served by copying into a fresh block.
 */
export function cabiRealloc(oldPtr: usize, oldSize: usize, align: usize, newSize: usize): usize {
  const p = arenaAlloc(newSize, align);
  if (oldPtr != 0) memory.copy(p, oldPtr, min(oldSize, newSize));
  return p;
}

/**
 * Where the next allocation of alignment 1 starts, and the end of linear memory as it is: a writer may
 * fill [arenaNext(), arenaLimit()) and then claim the bytes it used with arenaAlloc(n, 1).
 */
export function arenaNext(): usize { if (top == 0) top = arenaBase(); return top; }
export function arenaLimit(): usize { return (<usize>memory.size() << 16) - SLACK; }
