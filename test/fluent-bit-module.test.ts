// The Fluent Bit module meets filter_wasm's contract (docs/fluent-bit.md, /work/shared notes on WAMR):
// no imports, the allocator and behaviours exported with the right arity, only WebAssembly features the
// WAMR fast interpreter in Fluent Bit has, and memory that never grows over a million records.
import binaryen from 'binaryen';
import { describe, expect, it } from 'vitest';
import { FluentBitHarness, filterModule, filterModuleBytes, BEHAVIOURS, DETECT_BEHAVIOURS, SESSION_BEHAVIOURS } from '../host/binding/filter-wasm.js';
import { expectNoAllocator } from './support/no-allocator.js';

describe('Fluent Bit module contract', () => {
  it('imports nothing (no env.abort, no WASI) and exports malloc/free and the behaviours', () => {
    const mod = filterModule();
    expect(WebAssembly.Module.imports(mod)).toEqual([]);
    const names = WebAssembly.Module.exports(mod).map((e) => e.name);
    for (const name of ['memory', 'malloc', 'free', 'ssh_passthrough', ...BEHAVIOURS, ...DETECT_BEHAVIOURS, ...SESSION_BEHAVIOURS]) expect(names).toContain(name);
    // No AssemblyScript runtime exports: WAMR would otherwise consider __new/__pin for the record copies.
    expect(names.filter((n) => n.startsWith('__'))).toEqual([]);
    const x = new FluentBitHarness().exports as unknown as Record<string, (...a: number[]) => number>;
    expect(x.malloc.length).toBe(1);
    expect(x.free.length).toBe(1);
    for (const fn of [...BEHAVIOURS, ...DETECT_BEHAVIOURS, ...SESSION_BEHAVIOURS, 'ssh_passthrough']) expect(x[fn].length, fn).toBe(6);
  });

  it('uses only MVP WebAssembly plus bulk memory: no SIMD, threads, reference types, even sign-extension', () => {
    const F = binaryen.Features;
    const allowed = F.MVP | F.BulkMemory | F.BulkMemoryOpt;
    const check = (features: number) => {
      const m = binaryen.readBinary(filterModuleBytes());
      m.setFeatures(features);
      const ok = m.validate() === 1;
      m.dispose();
      return ok;
    };
    expect(check(allowed)).toBe(true);
    expect(check(F.MVP)).toBe(false); // memory.copy is there: the check can see a feature outside the set
  });

  it('contains no allocator: nothing in the filter path can allocate', async () => {
    await expectNoAllocator('assembly/adapters/fluent-bit/main.ts', 'assembly/ecs/merge/mergeInto');
  });

  it('memory never grows over a million records, and every call leaves the arena empty', () => {
    const fb = new FluentBitHarness();
    const enc = new TextEncoder();
    const records = [
      { log: 'Nov 25 10:00:02 gw sshd2[411]: User alice (uid 1000), coming from 10.0.0.5, authenticated.' },
      { log: 'Authentication failed for user bob, coming from 10.0.0.9.' },
      { message: 'Nov 25 10:00:03 gw CRON[5]: (root) CMD (true)' },
      { MESSAGE: 'no match here', _PID: '12' },
      { other: 1 },
    ].map((r) => enc.encode(JSON.stringify(r)));
    const before = fb.memoryBytes;
    const fns = [...BEHAVIOURS];
    let dropped = 0, expectedDrops = 0;
    for (let i = 0; i < 1_000_000; i++) {
      const r = i % records.length;
      if (fb.callRaw(fns[i % 3], records[r]) === null) dropped++;
      if (fns[i % 3] === 'ssh_enrich_drop_unmatched' && (r === 2 || r === 3)) expectedDrops++; // unmatched messages
    }
    expect(dropped).toBe(expectedDrops);
    expect(fb.memoryBytes).toBe(before);
    expect(fb.exports.arena_live()).toBe(0);
    expect(fb.exports.arena_spill_pages()).toBe(0);
  });
});

describe('Fluent Bit example configs', () => {
  const exported = () => WebAssembly.Module.exports(filterModule()).map((e) => e.name);

  it('the YAML config names an exported behaviour, JSON mode, and files that exist', async () => {
    const { parse } = await import('yaml');
    const { existsSync, readFileSync } = await import('node:fs');
    const cfg = parse(readFileSync('examples/fluent-bit/fluent-bit.yaml', 'utf8'));
    const wasm = cfg.pipeline.filters.find((f: { name: string }) => f.name === 'wasm');
    expect(wasm.event_format).toBe('json');
    expect(exported()).toContain(wasm.function_name);
    expect(existsSync(wasm.wasm_path)).toBe(true);
    expect(existsSync(cfg.pipeline.inputs[0].path)).toBe(true);
  });

  it('the classic config says the same', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const text = readFileSync('examples/fluent-bit/fluent-bit.conf', 'utf8');
    const value = (key: string) => new RegExp(`^\\s*${key}\\s+(\\S+)`, 'mi').exec(text)?.[1];
    expect(value('Event_Format')).toBe('json');
    expect(exported()).toContain(value('Function_Name'));
    expect(existsSync(value('WASM_Path')!)).toBe(true);
    expect(existsSync(value('Path')!)).toBe(true);
  });
});
