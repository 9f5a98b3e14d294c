// The benchmark corpus is only worth its numbers if its expected ids are right: 100k generated lines go
// through the WASM matcher and every line must be classified as the generator says.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusChunks, entryWeight, generateCorpus } from '../host/bench/corpus.js';
import { createMatcher } from '../host/binding/index.js';
import { projectCatalog } from './support/catalog.js';

const LINES = 100_000;
const corpus = generateCorpus({ lines: LINES, seed: 42 });

describe('benchmark corpus', () => {
  it('is classified by the matcher exactly as the generator expects, line for line', async () => {
    const m = await createMatcher();
    const text = corpus.text;
    const lines = text.toString('utf8').split('\n');
    const mismatches: string[] = [];
    const framings = new Set<string>();
    let i = 0;
    m.scanLines(text, (rec) => {
      const r = m.decode(text, rec);
      framings.add(r.header.framing);
      const got = r.event?.id ?? null;
      if (got !== corpus.expected[i] && mismatches.length < 5) mismatches.push(`line ${i + 1}: expected ${corpus.expected[i]}, got ${got} (${r.status}): ${lines[i]}`);
      i++;
    });
    expect(i).toBe(LINES);
    expect(mismatches).toEqual([]);
    expect([...framings].sort()).toEqual(['bare', 'rfc3164', 'rfc3164-no-host', 'rfc5424', 'tag']);
  });

  it('mixes every catalog entry, about 5% of lines that match nothing, and skews towards connections and logins', () => {
    const counts = new Map<string | null, number>();
    for (const e of corpus.expected) counts.set(e, (counts.get(e) ?? 0) + 1);
    // every entry the generator should draw at least a few times in LINES lines is there (with ~1,500 entries, many of
    // them fatal internals of weight 0.01, the rarest are expected to be absent from a 100k-line corpus)
    const entries = projectCatalog().entries;
    const total = entries.reduce((n, e) => n + entryWeight(e), 0);
    const expected = entries.filter((e) => (LINES * 0.95 * entryWeight(e)) / total >= 5);
    expect(expected.length).toBeGreaterThan(200);
    for (const e of expected) expect(counts.get(e.id), e.id).toBeGreaterThan(0);
    const none = counts.get(null)! / LINES;
    expect(none).toBeGreaterThan(0.04);
    expect(none).toBeLessThan(0.06);
    const byId = new Map(projectCatalog().entries.map((e) => [e.id, e]));
    const top = [...counts].filter(([k]) => k !== null).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k]) => byId.get(k!)!);
    for (const e of top) expect(e.event.category.some((c) => c === 'network' || c === 'authentication'), e.id).toBe(true);
    const errors = [...counts].filter(([k]) => k !== null && byId.get(k)!.severity <= 3).reduce((n, [, c]) => n + c, 0);
    expect(errors / LINES).toBeLessThan(0.05); // errors are rare (about 3% with the whole OpenSSH error and fatal message set)
  });

  it('holds the hostile material the benchmark is meant to exercise', () => {
    const text = corpus.text.toString('utf8');
    expect(text).toMatch(/user [^\n]*, coming from [0-9.]+, coming from /); // a user name imitating the template
    expect(text).toMatch(/from "?[0-9a-f]*::[0-9a-f:.%a-z]*/); // IPv6
    expect(text).toContain('用户');
    expect(text).toContain("o'brien");
  });

  it('is deterministic: same seed same bytes, chunked or whole; another seed other bytes', () => {
    const a = generateCorpus({ lines: 5000, seed: 9 });
    const chunks = [...corpusChunks({ lines: 5000, seed: 9, chunkLines: 777 })];
    expect(Buffer.concat(chunks.map((c) => c.text)).equals(a.text)).toBe(true);
    expect(chunks.flatMap((c) => c.expected)).toEqual(a.expected);
    expect(generateCorpus({ lines: 5000, seed: 10 }).text.equals(a.text)).toBe(false);
  });
});

describe('make-corpus', () => {
  it('writes the same bytes as generateCorpus, and the expected id of each line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slm-corpus-'));
    const out = join(dir, 'c.log'), ids = join(dir, 'c.ids');
    const r = spawnSync('node', ['dist/node/bench/make-corpus.js', '--lines', '3000', '--seed', '3', '--out', out, '--expected', ids], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const want = generateCorpus({ lines: 3000, seed: 3 });
    expect(readFileSync(out).equals(want.text)).toBe(true);
    expect(readFileSync(ids, 'utf8')).toBe(want.expected.map((e) => e ?? '-').join('\n') + '\n');
    expect(spawnSync('node', ['dist/node/bench/make-corpus.js', '--lines', 'many', '--out', out], { encoding: 'utf8' }).status).not.toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});
