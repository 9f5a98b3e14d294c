// Zero allocation, proved two ways: the module cannot allocate (a debug build of it contains no allocator
// at all), and a million random and hostile lines leave linear memory exactly as large as at start-up.
import { describe, expect, it } from 'vitest';
import { RawModule } from '../host/binding/raw.js';
import { hostileLine, joinLines, prng } from './support/hostile.js';
import { expectNoAllocator } from './support/no-allocator.js';

describe('zero allocation', () => {
  it('the matcher module contains no allocator: nothing in it can allocate', async () => {
    await expectNoAllocator('assembly/adapters/raw/main.ts', 'assembly/matcher/match/findEntry');
  });

  it('memory does not grow over a million random and hostile lines', () => {
    const core = new RawModule();
    const before = core.memoryBytes;
    const rand = prng(2026);
    let lines = 0, results = 0;
    while (lines < 1_000_000) {
      const batch = Array.from({ length: 20_000 }, () => hostileLine(rand));
      lines += batch.length;
      results += core.scanLines(joinLines(batch), () => {});
    }
    expect(results).toBe(lines);
    expect(core.memoryBytes).toBe(before);
  });
});
