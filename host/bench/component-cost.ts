// Per-line cost of the component's Node binding against the raw binding, in one process on the same
// lines: `npm run measure:component -- [lines [log file]]` (node --expose-gc dist/node/bench/component-cost.js). Prints ns per line and the ratio to the raw
// binding's match() of the same run (ratios are the stable part; absolute figures depend on the machine).
// Each path's answers are counted and must agree, so a broken path fails instead of reporting a number.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMatcher, createComponentMatcher } from '../binding/index.js';
import { distPath } from '../binding/paths.js';
import { findCatalogFiles, loadCatalog } from '../compile/load.js';
import type * as Wit from '../../dist/component/interfaces/ssh-log-matcher-matcher-matcher.js';

const ROUNDS = 7;
// With `node --expose-gc`, garbage is collected between timed runs.
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});
const BATCH = 1024; // lines per batch call, as the Node binding's matchLines sends them

/** `total` lines cycling through the given log file, or else the golden corpora and the catalog examples. */
function corpus(total: number, file?: string): string[] {
  const files = file ? [file] : ['examples/sample/auth.log',
    ...(existsSync('test/fixtures') ? readdirSync('test/fixtures').filter((f) => f.endsWith('.log')).map((f) => join('test/fixtures', f)) : [])];
  const base = [
    ...files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== '')),
    ...(file ? [] : loadCatalog(findCatalogFiles('catalog')).entries.flatMap((e) => e.examples.map((x) => x.line))),
  ];
  return Array.from({ length: total }, (_, i) => base[i % base.length]);
}

async function witMatcher(): Promise<typeof Wit> {
  const { instantiate } = (await import(distPath('component', 'ssh-log-matcher.js'))) as {
    instantiate(get: () => Promise<WebAssembly.Module>, imports: object): Promise<{ matcher: typeof Wit }>;
  };
  const core = await WebAssembly.compile(readFileSync(distPath('component', 'ssh-log-matcher.core.wasm')));
  return (await instantiate(async () => core, {})).matcher;
}

async function main(total: number, file?: string) {
  const lines = corpus(total, file);
  const chunk = lines.join('\n') + '\n';
  const batches: string[][] = [];
  for (let i = 0; i < lines.length; i += BATCH) batches.push(lines.slice(i, i + BATCH));
  const raw = await createMatcher();
  const comp = await createComponentMatcher();
  const wit = await witMatcher();

  // Each path returns how many lines it matched; all must agree.
  const paths: [string, () => number][] = [
    ['raw binding, match(line)', () => lines.reduce((n, l) => n + (raw.match(l) ? 1 : 0), 0)],
    ['raw binding, classify(line)', () => lines.reduce((n, l) => n + (raw.classify(l) ? 1 : 0), 0)],
    ['raw binding, matchLines(chunk)', () => raw.matchLines(chunk).filter((r) => r.event).length],
    ['component binding, match(line)', () => lines.reduce((n, l) => n + (comp.match(l) ? 1 : 0), 0)],
    ['component binding, classify(line)', () => lines.reduce((n, l) => n + (comp.classify(l) ? 1 : 0), 0)],
    ['component binding, matchLines(chunk)', () => comp.matchLines(chunk).filter((r) => r.event).length],
    ['component WIT match-line (jco, no adapter)', () => lines.reduce((n, l) => n + (wit.matchLine(l) ? 1 : 0), 0)],
    [`component WIT match-lines, ${BATCH} per call`, () => batches.reduce((n, b) => n + wit.matchLines(b).filter((e) => e).length, 0)],
    [`component WIT classify-lines, ${BATCH} per call`, () => batches.reduce((n, b) => n + wit.classifyLines(b).filter((e) => e).length, 0)],
  ];
  // Rounds are interleaved (every path once per round) so that load from other processes and GC drift
  // fall on all paths alike; the median round of each path is reported.
  for (const [, run] of paths) run(); // warm-up
  const times = paths.map(() => [] as number[]);
  const matched = paths.map(() => 0);
  for (let r = 0; r < ROUNDS; r++) {
    paths.forEach(([, run], i) => {
      collectGarbage(); // no path pays for the garbage of the one before
      const t = performance.now();
      matched[i] = run();
      times[i].push(performance.now() - t);
    });
  }
  const results = paths.map(([name], i) => {
    const sorted = times[i].sort((a, b) => a - b);
    return { name, ns: (sorted[ROUNDS >> 1] * 1e6) / lines.length, matched: matched[i] };
  });
  const expected = results[0].matched;
  const wrong = results.filter((r) => r.matched !== expected);
  if (wrong.length) throw new Error(`paths disagree on matched lines: ${wrong.map((r) => `${r.name}: ${r.matched}`).join(', ')} (raw: ${expected})`);
  const base = results[0].ns;
  console.log(`${lines.length} lines (${expected} matched), median of ${ROUNDS} interleaved rounds, Node ${process.version}`);
  console.log('| path | ns/line | lines/s | cost vs raw match |');
  console.log('|---|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.name} | ${r.ns.toFixed(0)} | ${(1e9 / r.ns / 1e6).toFixed(2)}M | ${(r.ns / base).toFixed(2)} |`);
}

await main(Number(process.argv[2] ?? 200_000), process.argv[3]);
