// The in-process engines the benchmark compares, each reduced to one call: classify every line of a
// corpus buffer into an entry index (-1 for none). All run on the same bytes in the same process.
import type { Catalog } from '../compile/load.js';
import { createMatcher, type Matcher } from '../binding/index.js';
import { alternationBaseline, perEntryBaseline } from './regex-baselines.js';

export interface Engine {
  readonly name: string;
  readonly description: string;
  /** Entry index per line of `corpus` (newline-terminated lines). */
  run(corpus: Buffer, text: string): Int32Array;
}

function wasmBatch(m: Matcher): Engine {
  return {
    name: 'wasm-batch',
    description: 'WASM matcher, batch entry point (one call per MiB of input, entry index read from each record)',
    run(corpus) {
      // The result grows as records come (not sized by a count of the corpus's newlines first: that pass
      // is the harness's, a few per cent of the time measured).
      let out = new Int32Array(1024 + (corpus.length >> 6));
      let n = 0;
      m.scanLines(corpus, (rec) => {
        if (n === out.length) { const grown = new Int32Array(out.length * 2); grown.set(out); out = grown; }
        out[n++] = rec.words[rec.at] | 0;
      });
      return out.subarray(0, n);
    },
  };
}

/** Entry index per line of `text`, one classify call per line. */
function perLine(m: Matcher, classify: (line: string) => string | null): (corpus: Buffer, text: string) => Int32Array {
  const byId = new Map(m.entries.map((e, i) => [e.id, i]));
  return (_corpus, text) => {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    const out = new Int32Array(lines.length);
    for (let i = 0; i < lines.length; i++) { const id = classify(lines[i]); out[i] = id === null ? -1 : byId.get(id)!; }
    return out;
  };
}

function bindingPerLine(m: Matcher): Engine {
  return {
    name: 'binding-per-line',
    description: 'WASM matcher through the Node binding, one call per line (classify(line: string))',
    run: perLine(m, (line) => m.classify(line)),
  };
}

async function componentPerLine(m: Matcher): Promise<Engine | null> {
  let mod: { createComponentMatcher?: () => Promise<{ classify(line: string): string | null }> };
  try { mod = await import('../binding/component.js'); } catch { return null; }
  if (!mod.createComponentMatcher) return null;
  const c = await mod.createComponentMatcher();
  return {
    name: 'component-per-line',
    description: 'WebAssembly component through the jco-transpiled binding, one call per line (classify)',
    run: perLine(m, (line) => c.classify(line)),
  };
}

export async function inProcessEngines(catalog: Catalog): Promise<Engine[]> {
  const m = await createMatcher();
  const per = perEntryBaseline(catalog);
  const alt = alternationBaseline(catalog);
  const engines: Engine[] = [wasmBatch(m), bindingPerLine(m)];
  const comp = await componentPerLine(m);
  if (comp) engines.push(comp);
  engines.push(
    { name: per.name, description: 'V8 RegExp: one anchored regex per entry, tried in catalog order', run: (_c, t) => per.scan(t) },
    { name: alt.name, description: 'V8 RegExp: one alternation of all entries with named groups', run: (_c, t) => alt.scan(t) },
  );
  return engines;
}
