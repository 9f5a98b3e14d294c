// `npm run bench`: a seeded corpus, every engine classifies it, all must agree before any speed is
// printed; then timings (median of rounds, engines interleaved), end-to-end runs of the CLI and of the
// engines users would pick instead, and peak RSS as the corpus grows. Prints a table of ratios against
// the baselines of the same run; writes bench/results/<date>.json and .svg.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { corpusChunks, generateCorpus, projectCatalog } from './corpus.js';
import { inProcessEngines, type Engine } from './engines.js';
import { runLognormalizer, runPdbtool, type EngineRun } from './external-engines.js';
import { machine, median, seconds, timeProcess } from './timing.js';
import { renderChart } from './chart.js';
import { countWork, firstLines, type WorkFigures } from './work.js';
import { catalogScaling, type ScalingFigures } from './catalog-scaling.js';
import { runAnchor, writeAnchorCorpus, type AnchorRun } from './anchor.js';
import { RawModule } from '../binding/raw.js';
import { PACKAGE_ROOT } from '../binding/paths.js';
import { printDetectBench, runDetectBench, type DetectBench } from './detect-bench.js';
import { printDetectMemory, spawnDetectMemory, type DetectMemory } from './detect-memory.js';

interface Row { engine: string; kind: 'in-process' | 'end-to-end'; description: string; lines: number; bytes: number; seconds: number; peakRssKb: number | null; note?: string }

const opts = new Command()
  .name('npm run bench --')
  .description('Benchmark every engine on a seeded corpus (docs/benchmark.md). Same as: node dist/node/bench/main.js [options]')
  .option('--lines <n>', 'corpus lines', (v) => parseInt(v, 10), 1_000_000)
  .option('--seed <n>', 'corpus seed', (v) => parseInt(v, 10), 1)
  .option('--rounds <n>', 'timed rounds per in-process engine (median is kept)', (v) => parseInt(v, 10), 5)
  .option('--sizes <list>', 'corpus sizes for the peak-RSS scaling run', '1000000,10000000')
  .option('--quick', 'small run: 100k lines, 3 rounds, sizes 100k and 1M')
  .option('--no-scaling', 'skip the catalog-scaling build (it compiles a second module, about a minute)')
  .option('--out <dir>', 'results directory', join(PACKAGE_ROOT, 'bench/results'))
  .option('--detect-lines <n>', 'lines of the attack corpus for --detect beside fail2ban (default: --lines, at most 200,000; 0: skip)', (v) => parseInt(v, 10))
  .option('--detect-memory-lines <n>', 'lines of the fixed-memory run: attack lines from 1,000,000 addresses, --detect and --sessions, memory sampled every 1M (0: skip)', (v) => parseInt(v, 10), 10_000_000)
  .option('--detect-only', 'run only the --detect stages (CLI --detect beside fail2ban, the fixed-memory run), print them and write their JSON')
  .parse()
  .opts<{ lines: number; seed: number; rounds: number; sizes: string; quick?: boolean; out: string; scaling: boolean; detectLines?: number; detectMemoryLines: number; detectOnly?: boolean }>();
if (opts.quick) { opts.lines = 100_000; opts.rounds = 3; opts.sizes = '100000,1000000'; opts.detectMemoryLines = Math.min(opts.detectMemoryLines, 1_000_000); }
opts.detectLines ??= Math.min(opts.lines, 200_000);
const sizes = opts.sizes.split(',').map(Number);

// A progress bar on a terminal; elsewhere (CI logs, a pipe) a line when each stage starts and ends, since a
// bar redrawn with carriage returns says nothing there.
class StageLines {
  private task = '';
  private t0 = 0;
  start(total: number, _value: number, payload: { task: string }): void {
    this.task = payload.task.trim();
    this.t0 = Date.now();
    process.stderr.write(`bench: ${this.task} (${total.toLocaleString('en')} step${total === 1 ? '' : 's'})...\n`);
  }
  increment(_n?: number): void {}
  stop(): void { process.stderr.write(`bench: ${this.task}: done in ${((Date.now() - this.t0) / 1000).toFixed(1)} s\n`); }
}
const bar = process.stderr.isTTY
  ? new SingleBar({ format: '{task} [{bar}] {percentage}% {value}/{total}', stream: process.stderr, hideCursor: true, clearOnComplete: true }, Presets.shades_classic)
  : new StageLines();
const work = (task: string, total: number) => { bar.start(total, 0, { task: task.padEnd(28) }); return (n = 1) => bar.increment(n); };

const tmp = mkdtempSync(join(tmpdir(), 'ssh-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));

async function writeCorpusFile(path: string, lines: number, seed: number) {
  const out = createWriteStream(path);
  const tick = work(`corpus ${lines.toLocaleString('en')} lines`, lines);
  for (const c of corpusChunks({ lines, seed })) {
    if (!out.write(c.text)) await once(out, 'drain');
    tick(c.expected.length);
  }
  out.end();
  await once(out, 'finish');
  bar.stop();
}

function detectStage(): DetectBench | string {
  const lines = opts.detectLines ?? 0;
  if (lines <= 0) return 'skipped (--detect-lines 0)';
  const tick = work('--detect beside fail2ban', 1);
  const b = runDetectBench(tmp, lines, opts.seed, Math.min(3, opts.rounds));
  tick(); bar.stop();
  return b;
}

/** The fixed-memory run, in a process of its own (its RSS is the CLI's, not this process's corpora). */
function detectMemoryStage(): DetectMemory | string {
  const lines = opts.detectMemoryLines;
  if (!(lines > 0)) return 'skipped (--detect-memory-lines 0)';
  const tick = work(`fixed memory, ${lines.toLocaleString('en')} lines`, 1);
  const b = spawnDetectMemory(lines, opts.seed);
  tick(); bar.stop();
  return b;
}

async function main() {
  if (opts.detectOnly) {
    const b = detectStage();
    const memory = detectMemoryStage();
    printDetectBench(b);
    printDetectMemory(memory);
    mkdirSync(opts.out, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:]/g, '-').replace(/\..*/, '');
    writeFileSync(join(opts.out, `${stamp}-detect.json`), JSON.stringify({ date: new Date().toISOString(), machine: machine(), detect: b, detectMemory: memory }, null, 2) + '\n');
    console.log(`\nwrote ${join(opts.out, stamp)}-detect.json`);
    return;
  }
  const catalog = projectCatalog();
  const index = new Map(catalog.entries.map((e, i) => [e.id, i]));
  let tick = work('generating corpus', 1);
  const corpus = generateCorpus({ lines: opts.lines, seed: opts.seed });
  tick(); bar.stop();
  const text = corpus.text.toString('utf8');
  const expected = Int32Array.from(corpus.expected, (id) => (id === null ? -1 : index.get(id)!));
  const corpusPath = join(tmp, 'corpus.log');
  writeFileSync(corpusPath, corpus.text);
  const lines = expected.length, bytes = corpus.text.length;

  // 1. Agreement: every in-process engine must classify every line as the corpus says, before any speed is
  // shown. The other engines run the exported rules, which cannot express every template exactly
  // (docs/exporters.md): they must never name a different entry; lines they leave unparsed are counted.
  const engines = await inProcessEngines(catalog);
  const disagreements: string[] = [];
  const lineText = (i: number) => text.slice(lineStarts[i], lineStarts[i + 1] - 1);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  tick = work('checking agreement', engines.length);
  for (const e of engines) {
    const got = e.run(corpus.text, text);
    let bad = 0;
    for (let i = 0; i < lines; i++) if (got[i] !== expected[i]) {
      if (bad++ < 5) disagreements.push(`${e.name}: line ${i + 1} classified ${catalog.entries[got[i]]?.id ?? 'none'}, expected ${catalog.entries[expected[i]]?.id ?? 'none'}: ${lineText(i)}`);
    }
    if (got.length !== lines) disagreements.push(`${e.name}: ${got.length} results for ${lines} lines`);
    if (bad > 5) disagreements.push(`${e.name}: ... ${bad} lines disagree in all`);
    tick();
  }
  bar.stop();
  const external: { run: EngineRun; unparsed: number; acceptedNoise: number }[] = [];
  for (const runner of [runLognormalizer, runPdbtool]) {
    tick = work(`running ${runner === runLognormalizer ? 'lognormalizer' : 'pdbtool'}`, 1);
    const run = await runner(corpusPath, catalog);
    tick(); bar.stop();
    if (!run) continue;
    if (!run.ids) { disagreements.push(`${run.engine}: output not aligned with the input lines (${run.lines} for ${lines})`); continue; }
    let wrong = 0, unparsed = 0, acceptedNoise = 0;
    run.ids.forEach((id, i) => {
      const want = corpus.expected[i];
      if (id === want) return;
      if (id === null) unparsed++;
      else if (want === null) acceptedNoise++;
      else if (wrong++ < 5) disagreements.push(`${run.engine}: line ${i + 1} classified ${id}, expected ${want}: ${lineText(i)}`);
    });
    if (wrong > 5) disagreements.push(`${run.engine}: ... ${wrong} lines classified as another entry in all`);
    external.push({ run, unparsed, acceptedNoise });
  }
  if (disagreements.length) {
    console.error('engines disagree; no speed is reported:\n' + disagreements.join('\n'));
    process.exit(1);
  }

  // 2. In-process timings: rounds interleaved across engines so machine noise hits all alike.
  // The split-only pass (the same module's newline split, matching nothing) is timed in the same rounds: the
  // floor the batch entry point is compared with.
  const splitter = new RawModule();
  const split: Engine = { name: 'wasm-split-only', description: 'the same module splitting the buffer into lines, matching nothing (the floor of one pass)', run: (buf) => { splitOnly(splitter, buf); return new Int32Array(0); } };
  const timed = [...engines, split];
  const times = new Map<string, number[]>(timed.map((e) => [e.name, []]));
  tick = work('timing in-process engines', opts.rounds * timed.length);
  for (let r = 0; r < opts.rounds; r++) for (const e of timed) { times.get(e.name)!.push(seconds(() => e.run(corpus.text, text))[0]); tick(); }
  bar.stop();
  const rows: Row[] = timed.map((e: Engine) => ({ engine: e.name, kind: 'in-process', description: e.description, lines, bytes, seconds: median(times.get(e.name)!), peakRssKb: null }));
  // Peak RSS of each in-process engine, alone in a child process over the same corpus file.
  tick = work('peak RSS per engine', engines.length);
  for (const row of rows.slice(0, engines.length)) {
    const p = timeProcess('node', [join(PACKAGE_ROOT, 'dist/node/bench/probe.js'), row.engine, corpusPath]);
    row.peakRssKb = p?.peakRssKb ?? null;
    tick();
  }
  bar.stop();

  // 3. End to end: file in, JSON lines out.
  tick = work('end-to-end runs', 6);
  for (const [engine, extra, what] of [['cli', [], 'its default threads'], ['cli-1-thread', ['--threads', '1'], 'one thread']] as const) {
    const args = [join(PACKAGE_ROOT, 'dist/node/cli/main.js'), ...extra, corpusPath];
    const runs = Array.from({ length: 3 }, () => { const r = timeProcess('node', args)!; tick(); return r; });
    rows.push({ engine, kind: 'end-to-end', description: `ssh-log-matcher CLI, ${what}: file in, ECS JSON lines out (median of 3)`, lines, bytes, seconds: median(runs.map((r) => r.seconds)), peakRssKb: Math.max(...runs.map((r) => r.peakRssKb)) });
  }
  bar.stop();
  for (const { run, unparsed, acceptedNoise } of external) {
    rows.push({
      engine: run.engine, kind: 'end-to-end', description: `${run.command} (${run.version})`, lines, bytes, seconds: run.seconds, peakRssKb: run.peakRssKb,
      note: `${unparsed.toLocaleString('en')} matchable lines left unparsed, ${acceptedNoise.toLocaleString('en')} non-matching lines accepted`,
    });
  }

  // 4. Peak RSS of the CLI as the corpus grows.
  const scaling: { lines: number; bytes: number; seconds: number; peakRssKb: number }[] = [];
  for (const n of sizes) {
    const path = join(tmp, `scale-${n}.log`);
    await writeCorpusFile(path, n, opts.seed + 1);
    tick = work(`CLI on ${n.toLocaleString('en')} lines`, 1);
    const run = timeProcess('node', [join(PACKAGE_ROOT, 'dist/node/cli/main.js'), path])!;
    tick(); bar.stop();
    scaling.push({ lines: n, bytes: statSync(path).size, seconds: run.seconds, peakRssKb: run.peakRssKb });
    rmSync(path);
  }

  // 5. Work counted, not timed: instructions per line, on the first 100k lines of this corpus and of the anchor's.
  tick = work('counting instructions', 3);
  const anchorSample = join(tmp, 'anchor-100k.log');
  writeAnchorCorpus(anchorSample, 100_000);
  // At record time 0, as bench/baselines/interpreter.json was counted (no RFC 3164 date can be placed, so no
  // @timestamp is written), so the targets' ratios compare the same work.
  const workFigures = { bench: countWork(corpus.text, 100_000, undefined, 0), anchor: countWork(readFileSync(anchorSample), 100_000, undefined, 0) };
  tick(2);
  const scalingFigures = opts.scaling ? catalogScaling(firstLines(corpus.text, 20_000)) : null;
  tick(); bar.stop();

  // 6. The anchor end to end: the CLI beside lognormalizer with a rulebase written as its users write them.
  const anchorCorpus = join(tmp, 'anchor.log');
  writeAnchorCorpus(anchorCorpus, opts.lines);
  tick = work('anchor: CLI and lognormalizer', 9);
  const anchor = runAnchor(anchorCorpus, 3, () => tick());
  bar.stop();

  // 7. Brute-force decisions: the CLI with --detect beside fail2ban on an attack corpus.
  const detect = detectStage();
  // 8. Fixed memory: 10M attack lines from 1M addresses with --detect and --sessions, memory sampled.
  const detectMemory = detectMemoryStage();

  report(rows, scaling, { lines, bytes, seed: opts.seed, matchedShare: expected.filter((x) => x >= 0).length / lines }, { work: workFigures, scaling: scalingFigures, anchor, anchorLines: opts.lines, detect, detectMemory });
}

/** Splits the whole buffer into lines with the raw module's split-only pass. */
function splitOnly(m: RawModule, buf: Uint8Array): number {
  const ex = m.exports as unknown as { splitBatch(n: number, f: number): number; batchConsumed(): number; inputPtr(): number; memory: WebAssembly.Memory };
  const cap = m.inputCapacity;
  let off = 0, lines = 0;
  while (off < buf.length) {
    const n = Math.min(cap, buf.length - off);
    new Uint8Array(ex.memory.buffer, ex.inputPtr(), n).set(buf.subarray(off, off + n));
    lines += ex.splitBatch(n, off + n >= buf.length ? 1 : 0);
    const used = ex.batchConsumed();
    off += used > 0 ? used : n;
  }
  return lines;
}

interface Extra { work: { bench: WorkFigures; anchor: WorkFigures }; scaling: ScalingFigures | null; anchor: AnchorRun[]; anchorLines: number; detect: DetectBench | string; detectMemory: DetectMemory | string }

/** The targets of the compiled matcher (issue: the catalog compiled to code), each with its figure. */
function extraTargets(x: Extra, wasmRate: number, perEntryRate: number, splitRate: number, seed: number) {
  const base = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'bench/baselines/interpreter.json'), 'utf8')).corpora;
  const fewer = (was: number, now: number) => ({ want: 5, got: was / now, was, now });
  const t: Record<string, { want: number; got: number; was?: number; now?: number; note?: string } | null> = {
    wasmBatchVsRegexPerEntry: { want: 25, got: wasmRate / perEntryRate },
    wasmBatchVsSplitOnly: { want: 4, got: splitRate / wasmRate, note: 'time of a batch over time of the split-only pass; lower is better' },
    instructionsClassifyAnchor: fewer(base.anchor.raw.classify, x.work.anchor.raw.classify),
    instructionsEnrichAnchor: fewer(base.anchor.raw.enrich, x.work.anchor.raw.enrich),
    instructionsFluentBitClassifyAnchor: fewer(base.anchor.fluentBit.classify, x.work.anchor.fluentBit.classify),
    instructionsFluentBitEnrichAnchor: fewer(base.anchor.fluentBit.enrich, x.work.anchor.fluentBit.enrich),
    instructionsClassifyBench: seed === 1 ? fewer(base.bench.raw.classify, x.work.bench.raw.classify) : null,
    instructionsEnrichBench: seed === 1 ? fewer(base.bench.raw.enrich, x.work.bench.raw.enrich) : null,
    catalogScaling: x.scaling ? { want: 1.1, got: x.scaling.ratio, note: 'per-line instructions with the synthetic entries over without; lower is better' } : null,
  };
  const lognorm = x.anchor.find((r) => r.engine === 'lognormalizer');
  const one = x.anchor.find((r) => r.engine === 'cli-1-thread')!;
  const dflt = x.anchor.find((r) => r.engine === 'cli')!;
  t.anchorCliPerCpuSecondVsLognormalizer = lognorm ? { want: 3, got: lognorm.cpuSeconds / dflt.cpuSeconds } : null;
  t.anchorCli1ThreadVsLognormalizer = lognorm ? { want: 3, got: lognorm.seconds / one.seconds } : null;
  return t;
}

function printExtra(x: Extra, targets: ReturnType<typeof extraTargets>) {
  const fmt = (n: number, d = 0) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log('\nWebAssembly instructions per line (counted, deterministic; the first 100k lines):');
  for (const [name, w] of Object.entries(x.work)) {
    console.log(`  ${name.padEnd(7)} raw: split-only ${fmt(w.raw.split ?? 0)}, classify ${fmt(w.raw.classify)}, enrich (JSON) ${fmt(w.raw.enrich)};` +
      ` Fluent Bit module per record: passthrough ${fmt(w.fluentBit.passthrough)}, classify ${fmt(w.fluentBit.classify)}, enrich ${fmt(w.fluentBit.enrich)}`);
  }
  if (x.scaling) console.log(`  catalog scaling: ${x.scaling.entries} entries ${fmt(x.scaling.instructionsPerLine)}/line; with ${x.scaling.syntheticEntries} synthetic entries sharing their first words ${fmt(x.scaling.syntheticInstructionsPerLine)}/line`);
  console.log(`\nanchor corpus (${fmt(x.anchorLines)} lines, bench/anchor/), end to end to /dev/null, median of 3:`);
  for (const r of x.anchor) console.log(`  ${r.engine.padEnd(14)} ${fmt(r.seconds, 2).padStart(7)} s wall ${fmt(r.cpuSeconds, 2).padStart(7)} CPU-s ${fmt(x.anchorLines / r.cpuSeconds).padStart(10)} lines/CPU-s ${fmt(r.peakRssKb / 1024, 1).padStart(7)} MB  ${r.command}`);
  console.log('\ntargets of the compiled matcher:');
  for (const [name, t] of Object.entries(targets)) {
    if (!t) { console.log(`  ${name}: not measured`); continue; }
    const lowerIsBetter = name === 'wasmBatchVsSplitOnly' || name === 'catalogScaling';
    const met = lowerIsBetter ? t.got <= t.want : t.got >= t.want;
    console.log(`  ${name}: ${fmt(t.got, 2)}x (target ${lowerIsBetter ? '<=' : '>='} ${t.want}x)${t.was !== undefined ? ` [${fmt(t.was)} -> ${fmt(t.now!)}]` : ''} ${met ? 'met' : 'NOT met'}`);
  }
}

function report(rows: Row[], scaling: { lines: number; bytes: number; seconds: number; peakRssKb: number }[], corpus: { lines: number; bytes: number; seed: number; matchedShare: number }, extra: Extra) {
  const by = (name: string) => rows.find((r) => r.engine === name);
  const perEntry = by('regex-per-entry')!, alternation = by('regex-alternation')!;
  const lognorm = by('lognormalizer');
  const rate = (r: Row) => r.lines / r.seconds;
  const fmt = (n: number, d = 1) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  const header = ['engine', 'kind', 'lines/s', 'MB/s', 'ns/line', 'peak RSS MB', 'x regex/entry', 'x regex/alt', ...(lognorm ? ['x lognormalizer'] : [])];
  const table = rows.map((r) => [
    r.engine, r.kind, fmt(rate(r), 0), fmt(r.bytes / r.seconds / 1e6), fmt((r.seconds / r.lines) * 1e9, 0),
    r.peakRssKb === null ? '-' : fmt(r.peakRssKb / 1024), fmt(rate(r) / rate(perEntry), 2), fmt(rate(r) / rate(alternation), 2),
    ...(lognorm ? [fmt(rate(r) / rate(lognorm), 2)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const m = machine();
  console.log(`corpus: ${corpus.lines.toLocaleString('en')} lines, ${fmt(corpus.bytes / 1e6)} MB, seed ${corpus.seed}, ${fmt(corpus.matchedShare * 100)}% matchable; all engines agree on every line`);
  console.log(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}\n`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const t of table) console.log(line(t));
  for (const r of rows) if (r.note) console.log(`${r.engine}: ${r.note} (the exported rules' limits, docs/exporters.md)`);
  console.log('\npeak RSS of the CLI as the corpus grows:');
  for (const s of scaling) console.log(`  ${s.lines.toLocaleString('en').padStart(12)} lines  ${fmt(s.peakRssKb / 1024).padStart(8)} MB  ${fmt(s.lines / s.seconds, 0).padStart(12)} lines/s`);
  const wasm = by('wasm-batch')!, cli = by('cli')!;
  const targets = {
    wasmBatchLinesPerSecond: { want: 10e6, got: rate(wasm) },
    cliVsLognormalizer: lognorm ? { want: 3, got: rate(cli) / rate(lognorm) } : null,
    rssGrowthLargestVsSmallest: scaling.length > 1 ? { want: 1.25, got: scaling[scaling.length - 1].peakRssKb / scaling[0].peakRssKb } : null,
  };
  console.log('\ntargets:');
  console.log(`  WASM batch lines/s: ${fmt(targets.wasmBatchLinesPerSecond.got / 1e6, 2)}M (target >= 10M) ${targets.wasmBatchLinesPerSecond.got >= 10e6 ? 'met' : 'NOT met'}`);
  if (targets.cliVsLognormalizer) console.log(`  CLI vs lognormalizer: ${fmt(targets.cliVsLognormalizer.got, 2)}x (target >= 3x) ${targets.cliVsLognormalizer.got >= 3 ? 'met' : 'NOT met'}`);
  else console.log('  CLI vs lognormalizer: lognormalizer not installed (apt-get install liblognorm-utils)');
  if (targets.rssGrowthLargestVsSmallest) console.log(`  CLI peak RSS ${sizes[sizes.length - 1].toLocaleString('en')} vs ${sizes[0].toLocaleString('en')} lines: ${fmt(targets.rssGrowthLargestVsSmallest.got, 2)}x (flat: <= 1.25x) ${targets.rssGrowthLargestVsSmallest.got <= 1.25 ? 'met' : 'NOT met'}`);

  const compiled = extraTargets(extra, rate(wasm), rate(perEntry), rate(by('wasm-split-only')!), corpus.seed);
  printExtra(extra, compiled);
  printDetectBench(extra.detect);
  printDetectMemory(extra.detectMemory);

  mkdirSync(opts.out, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:]/g, '-').replace(/\..*/, '');
  const json = { date: new Date().toISOString(), machine: m, corpus, rows: rows.map((r) => ({ ...r, linesPerSecond: rate(r), mbPerSecond: r.bytes / r.seconds / 1e6, nsPerLine: (r.seconds / r.lines) * 1e9 })), scaling, targets: { ...targets, ...compiled }, instructions: extra.work, catalogScaling: extra.scaling, anchor: extra.anchor, detect: extra.detect, detectMemory: extra.detectMemory };
  writeFileSync(join(opts.out, `${stamp}.json`), JSON.stringify(json, null, 2) + '\n');
  writeFileSync(join(opts.out, `${stamp}.svg`), renderChart(rows.map((r) => ({ label: r.engine, value: rate(r) })), `lines/s, ${corpus.lines.toLocaleString('en')}-line corpus (${m.cpu}, ${m.cores} cores)`));
  console.log(`\nwrote ${join(opts.out, stamp)}.json and .svg`);
}

await main();
