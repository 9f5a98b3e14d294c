// Zero allocation, proved two ways: the module cannot allocate (a debug build of it contains no allocator
// at all), and a million random and hostile lines leave linear memory exactly as large as at start-up.
import asc from 'assemblyscript/asc';
import { describe, expect, it } from 'vitest';
import { CoreMatcher } from '../host/binding/core.js';
import { hostileLine, joinLines, prng } from './support/hostile.js';

describe('zero allocation', () => {
  it('the matcher module contains no allocator: nothing in it can allocate', async () => {
    const outputs = new Map<string, Uint8Array>();
    const { error } = await asc.main([
      'assembly/core.ts', '--runtime', 'stub', '--use', 'abort=', '--debug', '--optimizeLevel', '0', '--outFile', 'core.debug.wasm',
    ], { writeFile: (name: string, contents: Uint8Array) => { outputs.set(name, contents); } });
    expect(error).toBeNull();
    const names = Buffer.from(outputs.get('core.debug.wasm')!).toString('latin1');
    expect(names).toContain('assembly/matcher/match/findEntry'); // names are there, so the next checks can fail
    expect(names).not.toContain('~lib/rt/stub/__alloc');
    expect(names).not.toContain('~lib/rt/stub/__new');
    expect(names).not.toMatch(/~lib\/(array|string|staticarray)\//);
  });

  it('memory does not grow over a million random and hostile lines', () => {
    const core = new CoreMatcher();
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
