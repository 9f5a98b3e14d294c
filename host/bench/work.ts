// Work per line, counted instead of timed: WebAssembly instructions executed (host/bench/instruction-count.ts)
// by the raw module's batch entry points and by the Fluent Bit module's filter functions, over the first
// lines of a corpus. Deterministic, so the figures hold on a shared, noisy machine, and it is what an
// interpreter such as WAMR (Fluent Bit's) pays. `node dist/node/bench/work.js --corpus F [--raw W]
// [--fluent-bit W]` prints them for any pair of modules, e.g. an older build's; `--attack N` counts them
// on a seeded attack corpus of N lines (host/bench/attack-corpus.ts) instead of a file.
import { readFileSync } from 'node:fs';
import { instrument, instructionCounter } from './instruction-count.js';
import { distPath } from '../binding/paths.js';
import { attackCorpus } from './attack-corpus.js';

export interface WorkFigures {
  lines: number;
  /** Instructions per line: the split-only pass, matching (classify), matching and writing JSON (enrich). */
  raw: { split: number | null; classify: number; enrich: number };
  /** Instructions per record of {"log": line}, as Fluent Bit's filter_wasm calls the module. */
  fluentBit: { passthrough: number; classify: number; enrich: number; enrichDetect?: number; enrichSessions?: number; enrichDetectSessions?: number };
}

type Exports = Record<string, (...a: number[]) => number> & { memory: WebAssembly.Memory };

/** The first `lines` newline-terminated lines of `corpus`. */
export function firstLines(corpus: Uint8Array, lines: number): Uint8Array {
  let end = 0;
  for (let n = 0; n < lines && end < corpus.length; n++) {
    const nl = corpus.indexOf(10, end);
    end = nl < 0 ? corpus.length : nl + 1;
  }
  return corpus.subarray(0, end);
}

/** `sec`: the reference time the CLI gives (now), so an RFC 3164 date is placed and its @timestamp written. */
export function rawWork(wasm: Uint8Array, data: Uint8Array, sec = RECORD_TIME): WorkFigures['raw'] & { lines: number } {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(instrument(wasm) as Uint8Array<ArrayBuffer>), {});
  const ex = inst.exports as unknown as Exports;
  if (typeof ex.setDocumentOptions === 'function') ex.setDocumentOptions(0, sec, 0);
  const count = instructionCounter(inst.exports);
  const pass = (call: (n: number, final: number) => number) => {
    let off = 0, lines = 0;
    const before = count();
    const cap = ex.inputCapacity();
    while (off < data.length) {
      const n = Math.min(cap, data.length - off);
      new Uint8Array(ex.memory.buffer, ex.inputPtr(), n).set(data.subarray(off, off + n));
      lines += call(n, off + n >= data.length ? 1 : 0);
      const used = ex.batchConsumed();
      if (used === 0) throw new Error('work: a line longer than the input buffer in the corpus');
      off += used;
    }
    return { lines, perLine: Number(count() - before) / lines };
  };
  const split = typeof ex.splitBatch === 'function' ? pass((n, f) => ex.splitBatch(n, f)).perLine : null;
  const classify = pass((n, f) => ex.matchBatch(n, f));
  const enrich = pass((n, f) => ex.matchBatchJson(n, f, 0));
  return { lines: classify.lines, split, classify: classify.perLine, enrich: enrich.perLine };
}

/**
 * The record time Fluent Bit passes with each record: an RFC 3164 date takes its year from it, and a line
 * whose date cannot be placed has no moment, so no session (and decisions would count it at this time).
 * December 1 of this year, the year the attack corpus's dates are in.
 */
export const RECORD_TIME = Math.floor(Date.UTC(new Date().getUTCFullYear(), 11, 1) / 1000);

export function fluentBitWork(wasm: Uint8Array, data: Uint8Array, sec = RECORD_TIME): WorkFigures['fluentBit'] {
  const module = new WebAssembly.Module(instrument(wasm) as Uint8Array<ArrayBuffer>);
  const enc = new TextEncoder();
  const text = new TextDecoder().decode(data);
  const records = text.split('\n').filter((l) => l !== '').map((l) => enc.encode(JSON.stringify({ log: l })));
  const tag = enc.encode('tail.0');
  // One instance for the stateless functions; each function with state (decisions, sessions) gets a fresh
  // one, so it starts from empty tables as a filter instance does.
  const fresh = () => {
    const inst = new WebAssembly.Instance(module, {});
    return { ex: inst.exports as unknown as Exports, count: instructionCounter(inst.exports) };
  };
  const shared = fresh();
  const per = (fn: string, { ex, count } = shared) => {
    const dup = (b: Uint8Array) => {
      const p = ex.malloc(b.length + 1);
      const mem = new Uint8Array(ex.memory.buffer);
      mem.set(b, p);
      mem[p + b.length] = 0;
      return p;
    };
    let work = 0n;
    for (const r of records) {
      const t = dup(tag), p = dup(r);
      const before = count(); // the call only, as Fluent Bit makes it: not the copies in
      ex[fn](t, tag.length, sec, 0, p, r.length);
      work += count() - before;
      ex.free(p); ex.free(t);
    }
    return Number(work) / records.length;
  };
  const figures: WorkFigures['fluentBit'] = { passthrough: per('ssh_passthrough'), classify: per('ssh_classify'), enrich: per('ssh_enrich') };
  // With fail2ban's decisions and with sessions (docs/detect.md): what each adds to a record.
  const has = (fn: string) => typeof shared.ex[fn] === 'function';
  if (has('ssh_enrich_detect')) figures.enrichDetect = per('ssh_enrich_detect', fresh());
  if (has('ssh_enrich_sessions')) figures.enrichSessions = per('ssh_enrich_sessions', fresh());
  if (has('ssh_enrich_detect_sessions')) figures.enrichDetectSessions = per('ssh_enrich_detect_sessions', fresh());
  return figures;
}

export function countWork(corpus: Uint8Array, lines: number, modules = { raw: distPath('ssh-log-matcher.wasm'), fluentBit: distPath('fluent-bit', 'ssh-log-matcher.wasm') }, sec = RECORD_TIME): WorkFigures {
  const data = firstLines(corpus, lines);
  const raw = rawWork(readFileSync(modules.raw), data, sec);
  return { lines: raw.lines, raw: { split: raw.split, classify: raw.classify, enrich: raw.enrich }, fluentBit: fluentBitWork(readFileSync(modules.fluentBit), data, sec) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
  const corpusPath = arg('--corpus'), attack = arg('--attack');
  if (!corpusPath && !attack) {
    console.error('usage: work.js (--corpus FILE | --attack N [--seed S] [--addresses A]) [--lines N] [--raw MODULE] [--fluent-bit MODULE] [--record-time SECONDS]');
    process.exit(2);
  }
  // The attack corpus as the detect benchmark makes it: an address per 200 lines, at least 50.
  const corpus = corpusPath ? readFileSync(corpusPath)
    : new TextEncoder().encode(attackCorpus({ seed: Number(arg('--seed') ?? 1), addresses: Number(arg('--addresses') ?? Math.max(50, Math.round(Number(attack) / 200))), lines: Number(attack) }));
  const figures = countWork(corpus, Number(arg('--lines') ?? 100_000), {
    raw: arg('--raw') ?? distPath('ssh-log-matcher.wasm'), fluentBit: arg('--fluent-bit') ?? distPath('fluent-bit', 'ssh-log-matcher.wasm'),
  }, Number(arg('--record-time') ?? RECORD_TIME));
  console.log(JSON.stringify(figures, null, 2));
}
