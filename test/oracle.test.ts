// The WASM matcher against the plain reference matcher (test/support/reference-matcher.ts) on lines made
// from every catalog example by random edits: insertions of template pieces, deletions, duplications,
// hostile bytes. Both must agree on the entry and on every field value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceMatch } from '../host/compile/reference-matcher.js';
import { projectCatalog, newMatcher } from './support/catalog.js';

const catalog = projectCatalog();
const m = newMatcher();
const messages = catalog.entries.flatMap((e) => e.examples.map((x) => m.matchDetailed(x.line).message ?? x.line));
const PIECES = [' ', "'", '"', '.', ',', ':', '(', ')', ', coming from ', ' (uid ', '10.0.0.1', '::1', '%eth0', '999999', 'x', '\u00e9', '\u0000', '  '];

function oracle(message: string): { id: string; fields: Record<string, string> } | null {
  const bytes = Buffer.from(message);
  for (const e of catalog.entries) {
    const spans = referenceMatch(e, bytes);
    if (spans) return { id: e.id, fields: Object.fromEntries(e.fields.filter((f) => spans.has(f.key)).map((f) => [f.name, spans.get(f.key)!])) };
  }
  return null;
}

const edit = fc.oneof(
  fc.tuple(fc.constant('insert' as const), fc.nat(), fc.constantFrom(...PIECES)),
  fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 6 })),
  fc.tuple(fc.constant('repeat' as const), fc.nat(), fc.integer({ min: 1, max: 12 })),
);

describe('WASM matcher agrees with the reference matcher', () => {
  it('on every catalog example, unedited', () => {
    for (const msg of messages) {
      const want = oracle(msg);
      const got = m.matchDetailed(msg).event;
      expect(got?.id ?? null, msg).toBe(want?.id ?? null);
    }
  });

  it('on randomly edited examples', () => {
    let matched = 0, runs = 0;
    fc.assert(fc.property(fc.constantFrom(...messages), fc.array(edit, { minLength: 1, maxLength: 4 }), (base, edits) => {
      let s = base;
      for (const [op, at, arg] of edits) {
        const i = s.length ? at % (s.length + 1) : 0;
        if (op === 'insert') s = s.slice(0, i) + arg + s.slice(i);
        else if (op === 'delete') s = s.slice(0, i) + s.slice(i + (arg as number));
        else s = s.slice(0, i) + s.slice(i, i + (arg as number)).repeat(3) + s.slice(i + (arg as number));
      }
      const r = m.matchDetailed(s);
      const want = oracle(r.message ?? s);
      runs++;
      if (want) matched++;
      expect(r.event?.id ?? null).toBe(want?.id ?? null);
      if (want && r.event) {
        const raw = Object.fromEntries(Object.entries(r.event.fields).filter(([k]) => k in want.fields));
        // A number field is the number its digits spell ("port 004" is port 4); the reference keeps the digits.
        const spelled = Object.fromEntries(Object.entries(want.fields).map(([k, v]) => [k, typeof raw[k] === 'number' ? String(Number(v)) : v]));
        expect(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]))).toEqual(spelled);
      }
    }), { numRuns: 20_000, seed: 42 });
    // Edits keep a good share of lines matching, so the comparison covers field values, not only misses.
    expect(matched / runs).toBeGreaterThan(0.05);
    expect(matched).toBeLessThan(runs);
  });
});
