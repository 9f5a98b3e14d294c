// The two V8 RegExp baselines are generated from the same catalog as the matcher: on a generated corpus
// they must classify every line exactly as the WASM matcher does (which makes them usable as oracles and
// makes the benchmark's comparison fair).
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../host/bench/corpus.js';
import { alternationBaseline, perEntryBaseline } from '../host/bench/regex-baselines.js';
import { createMatcher } from '../host/binding/index.js';
import { projectCatalog } from './support/catalog.js';

const catalog = projectCatalog();
const baselines = [perEntryBaseline(catalog), alternationBaseline(catalog)];

describe.each(baselines)('$name', (baseline) => {
  it('classifies every catalog example as its entry', () => {
    for (const e of catalog.entries) for (const x of e.examples) expect(baseline.classify(x.line), x.line).toBe(e.index);
  });

  it('agrees with the WASM matcher on 50k generated lines', async () => {
    const { text } = generateCorpus({ lines: 50_000, seed: 5 });
    const m = await createMatcher();
    const wasm: number[] = [];
    m.scanLines(text, (rec) => { wasm.push(rec.words[rec.at] | 0); });
    const mine = baseline.scan(text.toString('utf8'));
    expect(mine.length).toBe(wasm.length);
    const lines = text.toString('utf8').split('\n');
    const diff = [...mine.keys()].filter((i) => mine[i] !== wasm[i]).slice(0, 5).map((i) => `${wasm[i]} vs ${mine[i]}: ${lines[i]}`);
    expect(diff).toEqual([]);
  });

  it('frames lines like the matcher: unknown programs are not SSH, a bare message tries every family', () => {
    const line = catalog.entries.find((e) => e.id === 'tectia.auth.failed')!.examples[0].line;
    expect(baseline.classify(`Nov 25 10:00:00 gw CRON[1]: ${line}`)).toBe(-1);
    expect(baseline.classify(`<86>1 2026-11-25T10:00:00Z gw sshd2 1 - [a b="]\\""] ${line}`)).toBeGreaterThanOrEqual(0);
    expect(baseline.classify(`${line}\r`)).toBeGreaterThanOrEqual(0);
    expect(baseline.scan(`${line}\nnothing here\n`)).toEqual(new Int32Array([baseline.classify(line), -1]));
  });
});
