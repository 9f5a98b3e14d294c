// The WASM matcher against the plain reference matcher (test/support/reference-matcher.ts) on lines made
// from every catalog example by random edits: insertions of template pieces, deletions, duplications,
// hostile bytes. Both must agree on the entry and on every field value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceRead, repeatedInner } from '../host/compile/reference-matcher.js';
import { projectCatalog, newMatcher } from './support/catalog.js';

const catalog = projectCatalog();
const m = newMatcher();
const messages = catalog.entries.flatMap((e) => e.examples.map((x) => m.matchDetailed(x.line).message ?? x.line));
const PIECES = [' ', "'", '"', '.', ',', ':', '(', ')', ', coming from ', ' (uid ', '10.0.0.1', '::1', '%eth0', '999999', 'x', '\u00e9', '\u0000', '  '];

/** The first entry in catalog order that reads the message, by the reference matcher and the ambiguity rule. */
function oracle(message: string): { id: string; fields: Record<string, string> } | 'ambiguous' | null {
  const read = (bytes: Buffer) => {
    for (const e of catalog.entries) {
      const spans = referenceRead(e, bytes);
      if (spans === 'ambiguous') return spans;
      if (spans) return { id: e.id, fields: Object.fromEntries(e.fields.filter((f) => spans.has(f.key)).map((f) => [f.name, spans.get(f.key)!])) };
    }
    return null;
  };
  const bytes = Buffer.from(message);
  const whole = read(bytes);
  const inner = whole === null ? repeatedInner(bytes) : null; // rsyslog's wrapper, when nothing reads it whole
  return inner ? read(inner) : whole;
}

/** What the matcher must report for a message the oracle read: the entry id, 'ambiguous', or null. */
const verdict = (o: ReturnType<typeof oracle>) => (o === 'ambiguous' ? o : o?.id ?? null);
const reported = (r: { status: string; event: { id: string } | null }) => (r.status === 'ambiguous' ? 'ambiguous' : r.event?.id ?? null);

const edit = fc.oneof(
  fc.tuple(fc.constant('insert' as const), fc.nat(), fc.constantFrom(...PIECES)),
  fc.tuple(fc.constant('delete' as const), fc.nat(), fc.integer({ min: 1, max: 6 })),
  fc.tuple(fc.constant('repeat' as const), fc.nat(), fc.integer({ min: 1, max: 12 })),
);

describe('WASM matcher agrees with the reference matcher', () => {
  it('on every catalog example, unedited', () => {
    for (const msg of messages) {
      expect(reported(m.matchDetailed(msg)), msg).toBe(verdict(oracle(msg)));
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
      // the reference matcher has no ambiguity check: a line the WASM matcher reports ambiguous (client text read two
      // ways puts a server-written field in two places) must at least be one the reference matcher reads
      if (r.status === 'ambiguous') { expect(want, s).not.toBeNull(); return; }
      if (want) matched++;
      expect(reported(r)).toBe(verdict(want));
      if (want && want !== 'ambiguous' && r.event) {
        const raw = Object.fromEntries(Object.entries(r.event.fields).filter(([k]) => k in want.fields));
        // Numbers are compared as numbers: a port written "02" is 2 in an event.
        const norm = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, /^\d{1,15}$/.test(String(v)) ? String(Number(v)) : String(v)]));
        expect(norm(raw)).toEqual(norm(want.fields));
      }
    }), { numRuns: 20_000, seed: 42 });
    // Edits keep a good share of lines matching, so the comparison covers field values, not only misses.
    expect(matched / runs).toBeGreaterThan(0.05);
    expect(matched).toBeLessThan(runs);
  }, 300_000); // the reference matcher tries all 1,492 entries on each of 20,000 lines: ~100 s on a quiet 2-core machine

  it('on lines whose client-typed text makes the server-written fields readable two ways', () => {
    const lines = [
      // a user name and a key comment that each repeat the server-written part with other values
      'Accepted publickey for bob from 6.6.6.6 port 1 ssh2 from 10.0.0.9 port 5555 ssh2: RSA SHA256:x from 7.7.7.7 port 2 ssh2',
      'Accepted publickey for bob from 10.0.0.9 port 5555 ssh2: RSA SHA256:x from 7.7.7.7 port 2 ssh2: y',
      'Failed publickey for root from 10.0.0.9 port 5555 ssh2: ED25519 SHA256:k from 6.6.6.6 port 22: z',
      'Accepted password for alice from 192.0.2.1 port 50000 ssh2',
    ];
    let ambiguous = 0;
    for (const line of lines) {
      const want = oracle(line);
      if (want === 'ambiguous') ambiguous++;
      expect(reported(m.matchDetailed(line)), line).toBe(verdict(want));
    }
    expect(ambiguous).toBeGreaterThan(0); // the rule itself is exercised, not only plain readings
  });

  // The matcher reads a dotted quad in one pass and skips the second reading where the first one's client
  // field holds no byte the field could end at sooner: both are shortcuts that must not change a verdict.
  it('on addresses at the edges of every shape, and user names around the second reading', () => {
    const templates = [
      (a: string, u: string) => `Failed password for ${u} from ${a} port 22 ssh2`,
      (a: string, u: string) => `Accepted publickey for ${u} from ${a} port 5555 ssh2: RSA SHA256:x`,
      (a: string, u: string) => `Connection closed by authenticating user ${u} ${a} port 22 [preauth]`,
      (a: string) => `Connection from ${a} port 4242 on 10.0.0.2 port 22 rdomain ""`,
    ];
    const addresses = ['1.2.3.4', '255.255.255.255', '256.1.1.1', '1.2.3.256', '01.002.003.004', '1.2.3.1234', '1.2.3', '1.2.3.4.5',
      '1.2.3.4a', '1.2.3.4:22', '1.2.3.4%eth0', '::ffff:1.2.3.4', 'fe80::1%eth0', '1..2.3', '.1.2.3.4', '1.2.3.4.', 'a1.2.3.4', '999', 'host-1.example.com',
      // IPv6 as hex groups, read with its run (fields.ts ipv6Run), and the forms next to it that it leaves to the loop
      '::', ':::', '::1', ':1', '1:', '1::', 'fe80::', '1::2::3', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1:2:3:4:5:6:7::',
      '1::2:3:4:5:6:7:8', '12345::1', 'abcd:EF01::ffff', 'fe80::1%', 'fe80::1%eth0%x', 'fe80::1%eth0:1', 'fe80::1%a.b-c_d', 'fe80::g', 'fe80::1g',
      '2001:db8::1.2.3.4', '1:2:3:4:5:6:1.2.3.4', 'fe80::1.', 'fe80::1-a', '::ffff:', 'a:b:c:d:e:f:0:1%25'];
    const users = ['root', 'a b', 'x from 6.6.6.6 port 22', ' 0101', '', 'u:v', 'from'];
    const check = (line: string) => {
      const r = m.matchDetailed(line);
      const want = oracle(r.message ?? line);
      if (r.status === 'ambiguous') { expect(want, line).not.toBeNull(); return; }
      expect(reported(r), line).toBe(verdict(want));
      if (want && want !== 'ambiguous' && r.event) {
        const got = Object.fromEntries(Object.entries(r.event.fields).filter(([k]) => k in want.fields).map(([k, v]) => [k, String(v)]));
        expect(got, line).toEqual(Object.fromEntries(Object.entries(want.fields).map(([k, v]) => [k, /^\d{1,15}$/.test(v) ? String(Number(v)) : v])));
      }
    };
    let matched = 0;
    for (const t of templates) for (const a of addresses) for (const u of users) { check(t(a, u)); if (m.matchDetailed(t(a, u)).status === 'matched') matched++; }
    fc.assert(fc.property(fc.constantFrom(...templates), fc.string({ unit: fc.constantFrom(...'0123456789.:%afx-'), minLength: 1, maxLength: 24 }),
      fc.constantFrom(...users), (t, a, u) => check(t(a, u))), { numRuns: 2_000, seed: 7 });
    // Runs of IPv6 bytes long enough for eight groups, a zone and what may follow one.
    fc.assert(fc.property(fc.constantFrom(...templates), fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF::::%.g-_'), minLength: 1, maxLength: 48 }),
      fc.constantFrom(...users), (t, a, u) => check(t(a, u))), { numRuns: 2_000, seed: 11 });
    expect(matched).toBeGreaterThan(100); // the shapes are read, not only refused
  }, 120_000);
});
