// The two Node bindings' shared API (issue 15, point 8): the component binding has `entries` and
// `writeJsonLines` as the raw binding does, and writes the same bytes; the raw binding's scanLines,
// writeJsonLines and decode take strings as match does.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createComponentMatcher, createMatcher, type ComponentMatcher, type LineMatcher, type Matcher } from '../host/binding/index.js';

const corpora = ['examples/sample/auth.log',
  ...(existsSync('test/fixtures') ? readdirSync('test/fixtures').filter((f) => f.endsWith('.log')).sort().map((f) => join('test/fixtures', f)) : [])];

let raw: Matcher;
let comp: ComponentMatcher;
beforeAll(async () => {
  raw = await createMatcher();
  comp = await createComponentMatcher();
});

const jsonOf = (m: LineMatcher, chunk: string | Uint8Array, onlyMatched = false) => {
  const parts: Buffer[] = [];
  const n = m.writeJsonLines(chunk, (j) => parts.push(Buffer.from(typeof j === 'string' ? j : j.slice())), { onlyMatched });
  return { n, text: Buffer.concat(parts).toString() };
};

describe('component binding: the raw binding\'s API', () => {
  it('has the same entries', () => {
    expect(comp.entries.map((e) => e.id)).toEqual(raw.entries.map((e) => e.id));
  });

  it.each(corpora)('writeJsonLines writes the bytes the raw binding writes (%s)', (file) => {
    const text = readFileSync(file, 'utf8');
    for (const onlyMatched of [false, true]) {
      const a = jsonOf(raw, Buffer.from(text), onlyMatched);
      const b = jsonOf(comp, text, onlyMatched);
      expect(b.n).toBe(a.n);
      expect(b.text).toBe(a.text);
    }
  });
});

describe('raw binding: strings as well as bytes', () => {
  const text = readFileSync('examples/sample/auth.log', 'utf8') + 'Logout for user jürgen.\n';

  it('writeJsonLines of a string equals that of its UTF-8 bytes', () => {
    expect(jsonOf(raw, text)).toEqual(jsonOf(raw, Buffer.from(text)));
  });

  it('scanLines of a string, decoded with that string, equals matchLines', () => {
    const results: unknown[] = [];
    const n = raw.scanLines(text, (rec) => results.push(raw.decode(text, rec)));
    expect(n).toBe(results.length);
    expect(results).toEqual(raw.matchLines(text));
    expect((results[results.length - 1] as { event: { fields: Record<string, string> } }).event.fields['user.name']).toBe('jürgen');
  });
});
