// Per-record cost of each behaviour of the Fluent Bit filter module, measured through the filter_wasm
// harness (host/binding/filter-wasm.ts, so each figure includes the copies Fluent Bit makes), next to
// ssh_passthrough, which only copies the record to the output buffer: the ratio to it is the figure to
// compare between machines. All behaviours run in one process, in turns, on the same records. Not a test:
// it asserts nothing about time.
//   npm run measure:fluent-bit  (node dist/node/bench/filter-cost.js [file.log] [key]): the table for the
//   lines of a log file; by default every catalog example line plus the bundled sample.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentBitHarness, BEHAVIOURS, type Behaviour } from '../binding/filter-wasm.js';
import { PACKAGE_ROOT } from '../binding/paths.js';
import { findCatalogFiles, loadCatalog } from '../compile/load.js';

export interface BehaviourCost { behaviour: Behaviour; nsPerRecord: number; vsPassthrough: number; kept: number }

export interface MeasureOptions {
  key?: string; // the record key holding the line (Fluent Bit's tail uses `log`)
  rounds?: number; // turns per behaviour; the fastest turn is kept
  minRecords?: number; // records per turn (the lines are cycled)
}

const encoder = new TextEncoder();

export function measure(lines: readonly string[], opts: MeasureOptions = {}): BehaviourCost[] {
  if (lines.length === 0) throw new Error('measure: no lines');
  const key = opts.key ?? 'log';
  const rounds = opts.rounds ?? 5;
  const perTurn = Math.max(lines.length, opts.minRecords ?? 200_000);
  const records = lines.map((l) => encoder.encode(JSON.stringify({ [key]: l })));
  const tag = encoder.encode('ssh.auth');
  const harness = new FluentBitHarness();
  const behaviours: Behaviour[] = ['ssh_passthrough', ...BEHAVIOURS];
  const best = new Map<Behaviour, number>();
  const kept = new Map<Behaviour, number>();
  const turn = (b: Behaviour) => {
    let n = 0;
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perTurn; i++) if (harness.callRaw(b, records[i % records.length], tag) !== null) n++;
    const ns = Number(process.hrtime.bigint() - t0) / perTurn;
    best.set(b, Math.min(best.get(b) ?? Infinity, ns));
    kept.set(b, n);
  };
  for (const b of behaviours) turn(b); // warm-up
  best.clear();
  for (let r = 0; r < rounds; r++) for (const b of behaviours) turn(b);
  const base = best.get('ssh_passthrough')!;
  return behaviours.map((b) => ({ behaviour: b, nsPerRecord: best.get(b)!, vsPassthrough: best.get(b)! / base, kept: kept.get(b)! }));
}

export function formatCosts(costs: readonly BehaviourCost[], records: number): string {
  const rows = costs.map((c) => `| ${c.behaviour} | ${c.nsPerRecord.toFixed(0)} | ${c.vsPassthrough.toFixed(2)} | ${c.kept} |`);
  return [`| function_name | ns/record | x passthrough | records kept (of ${records}) |`, '|---|---|---|---|', ...rows].join('\n');
}

function defaultLines(): string[] {
  const catalog = loadCatalog(findCatalogFiles(join(PACKAGE_ROOT, 'catalog')), PACKAGE_ROOT);
  const examples = catalog.entries.flatMap((e) => e.examples.map((x) => x.line));
  return [...examples, ...readFileSync(join(PACKAGE_ROOT, 'examples/sample/auth.log'), 'utf8').split('\n')];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const [file, key] = process.argv.slice(2);
  try {
    const lines = file ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : defaultLines().filter((l) => l !== '');
    console.log(formatCosts(measure(lines, { key }), Math.max(lines.length, 200_000)));
  } catch (e) {
    console.error(`measure: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
