// The host side's folders form layers (issue 15, point 1): the import graph between host/ folders has no
// cycle, so a reader can learn each folder knowing only those below it. Read from the sources' own import
// statements (static and dynamic), not from a list kept by hand.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const HOST = join(__dirname, '..', 'host');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** folder -> folders it imports from, with one example import per edge. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const folderOf = (file: string) => relative(HOST, file).split('/')[0];
  for (const file of sources(HOST)) {
    const from = folderOf(file);
    if (!graph.has(from)) graph.set(from, new Map());
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"\n]*?from\s+'(\.{1,2}\/[^']+)'|import\('(\.{1,2}\/[^']+)'\)/gm)) {
      const spec = m[1] ?? m[2];
      const target = normalize(join(dirname(file), spec)).replace(/\.js$/, '.ts');
      // Text that only looks like an import (generated AssemblyScript inside a template string) names no file here.
      if (!target.startsWith(HOST + '/') || !existsSync(target)) continue;
      const to = folderOf(target);
      if (to !== from && !graph.get(from)!.has(to)) graph.get(from)!.set(to, `${relative(HOST, file)} imports ${spec}`);
    }
  }
  return graph;
}

/** A cycle of folders as "a -> b -> a" with the imports that make it, or null. */
function findCycle(graph: Map<string, Map<string, string>>): string | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string | null => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of (graph.get(n) ?? new Map()).keys()) {
      if (state.get(m) === 'open') {
        const loop = [...stack.slice(stack.indexOf(m)), m];
        return loop.join(' -> ') + '\n' + loop.slice(0, -1).map((a, i) => graph.get(a)!.get(loop[i + 1])).join('\n');
      }
      if (!state.has(m)) { const c = visit(m); if (c) return c; }
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of graph.keys()) if (!state.has(n)) { const c = visit(n); if (c) return c; }
  return null;
}

describe('host/ folders', () => {
  it('import each other without a cycle', () => {
    expect(findCycle(folderGraph())).toBeNull();
  });

  it('the check sees real edges (the CLI imports the binding) and would see a cycle', () => {
    const graph = folderGraph();
    expect(graph.get('cli')?.has('binding')).toBe(true);
    const withLoop = new Map([...graph].map(([k, v]) => [k, new Map(v)]));
    withLoop.get('binding')!.set('cli', 'made up');
    expect(findCycle(withLoop)).toMatch(/cli -> binding -> cli|binding -> cli -> binding/);
  });
});

// Names (issue 15, point 4): a file name means one thing. Four measure.ts and two corpus.ts with different
// meanings, a host/fluent-bit folder beside the module's adapter, and "core" for the raw module as well as
// WebAssembly's core modules made a reader open the file to learn what it was.
describe('host/ and assembly/ names', () => {
  const ROOT = join(__dirname, '..');
  const names = (dir: string) => sources(join(ROOT, dir)).map((f) => relative(ROOT, f));

  it('no two host/ folders hold a file of the same name (a folder\'s main.ts aside)', () => {
    const byName = new Map<string, string[]>();
    for (const f of names('host')) {
      const base = f.split('/').pop()!;
      if (base !== 'main.ts') byName.set(base, [...(byName.get(base) ?? []), f]);
    }
    expect([...byName.values()].filter((fs) => fs.length > 1)).toEqual([]);
  });

  it('the benchmark and measurement scripts are in host/bench: every bench, measure and corpus script of package.json', () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
    const runs = Object.entries(scripts).filter(([k]) => /^(bench|measure|corpus)\b/.test(k)).map(([, v]) => /dist\/node\/(\S+)\.js/.exec(v)![1]);
    expect(runs.length).toBeGreaterThanOrEqual(5);
    for (const r of runs) expect([r, existsSync(join(ROOT, 'host', r + '.ts'))]).toEqual([r, true]);
    expect(runs.filter((r) => !r.startsWith('bench/'))).toEqual([]);
    expect(names('host').filter((f) => /measure|corpus/.test(f) && !f.startsWith('host/bench/'))).toEqual([]);
  });

  it('"core" is WebAssembly\'s word only: no folder or file of ours is named for the raw module so', () => {
    const all = [...names('host'), ...names('assembly')];
    expect(all.filter((f) => /(^|\/)core(\/|\.ts$)/.test(f))).toEqual([]);
    expect(existsSync(join(ROOT, 'assembly/adapters/raw/main.ts'))).toBe(true);
    expect(existsSync(join(ROOT, 'host/fluent-bit'))).toBe(false); // the filter_wasm harness is host/binding/filter-wasm.ts
  });
});
