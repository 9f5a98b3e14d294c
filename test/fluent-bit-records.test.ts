// Random and hostile records through the Fluent Bit module, called as Fluent Bit calls it. Whatever comes
// in, the body that goes out is a valid JSON object with unique keys holding every original key and value;
// a record whose message matches nothing comes back byte for byte; nothing traps.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type Matcher } from '../host/binding/index.js';
import { FluentBitHarness, BEHAVIOURS } from '../host/binding/filter-wasm.js';
import { REFERENCE_TIME } from './support/catalog.js';
import { projectCatalog } from './support/catalog.js';
import { assertUniqueKeys, escapeUnicode, keepsOriginal } from './support/fluent-bit.js';

let matcher: Matcher;
let fb: FluentBitHarness;
let exampleLines: string[];
let userLines: { line: string; user: string }[];
beforeAll(async () => {
  matcher = await createMatcher({ referenceTime: REFERENCE_TIME });
  fb = new FluentBitHarness();
  const examples = projectCatalog().entries.flatMap((e) => e.examples);
  exampleLines = examples.map((x) => x.line);
  userLines = examples.filter((x) => typeof x.fields['user.name'] === 'string' && x.line.includes(x.fields['user.name'] as string))
    .map((x) => ({ line: x.line, user: x.fields['user.name'] as string }));
});

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Text with what JSON escaping must survive: quotes, backslashes, slashes, control characters, lone and
// paired surrogates, raw non-ASCII.
const hostileChar = fc.oneof(
  fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f', '\u2028', 'é', '\ud83d\ude00', ' ', ','),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c)),
  fc.string({ maxLength: 1, unit: 'grapheme-ascii' }),
);
const hostileText = fc.array(hostileChar, { maxLength: 40 }).map((cs) => cs.join(''));

/** A message: a catalog example, one with a hostile user name, a mangled one, or random text. */
const message = fc.oneof(
  fc.nat().map((i) => exampleLines[i % exampleLines.length]),
  fc.tuple(fc.nat(), hostileText).map(([i, t]) => { const u = userLines[i % userLines.length]; return u.line.replace(u.user, u.user + t); }),
  fc.tuple(fc.nat(), hostileText, fc.nat()).map(([i, t, at]) => { const l = exampleLines[i % exampleLines.length]; const k = at % (l.length + 1); return l.slice(0, k) + t + l.slice(k); }),
  hostileText,
);

// Keys the module writes under, with values of every JSON kind, so the merge rule meets every case.
const ecsKey = fc.constantFrom('event', 'user', 'source', 'host', 'process', 'log', 'ssh_log_matcher', 'server', 'destination', 'system');
const value = fc.jsonValue({ maxDepth: 3 });
const ecsValue = fc.oneof(value, fc.dictionary(fc.constantFrom('code', 'kind', 'name', 'ip', 'dataset', 'auth', 'ssh', 'status', 'level'), value, { maxKeys: 4 }));

const record = fc.record({
  messageKey: fc.constantFrom('log', 'message', 'MESSAGE', null),
  message,
  ecs: fc.dictionary(ecsKey, ecsValue, { maxKeys: 4 }),
  extra: fc.dictionary(hostileText, value, { maxKeys: 4 }),
  newline: fc.boolean(),
  escaping: fc.constantFrom('raw', 'unicode', 'slashes'),
  order: fc.boolean(),
}).map((r) => {
  const obj: Record<string, unknown> = {};
  const put = (o: Record<string, unknown>) => { for (const [k, v] of Object.entries(o)) if (!(k in obj)) obj[k] = v; };
  const msg = r.messageKey ? { [r.messageKey]: r.message + (r.newline ? '\n' : '') } : {};
  if (r.order) { put(msg); put(r.ecs); put(r.extra); } else { put(r.extra); put(r.ecs); put(msg); }
  let text = JSON.stringify(obj);
  if (r.escaping === 'unicode') text = escapeUnicode(text);
  if (r.escaping === 'slashes') text = text.replace(/\//g, '\\/');
  return { obj, text };
});

/** The line the module matches: the string under log, else message, else MESSAGE; one trailing \n dropped. */
function lineOf(obj: Record<string, unknown>): string | null {
  for (const k of ['log', 'message', 'MESSAGE']) {
    const v = obj[k];
    if (typeof v === 'string') return v.endsWith('\n') ? v.slice(0, -1) : v;
  }
  return null;
}

function checkBody(input: string, out: Uint8Array, original: unknown): Record<string, unknown> {
  const text = decoder.decode(out);
  const doc = JSON.parse(text) as Record<string, unknown>;
  expect(typeof doc === 'object' && doc !== null && !Array.isArray(doc)).toBe(true);
  assertUniqueKeys(text);
  expect(keepsOriginal(doc, original), input).toBeNull();
  return doc;
}

describe('Fluent Bit module on random and hostile records', () => {
  it('every behaviour: a valid object keeping every original key and value; unmatched records byte-identical', () => {
    let matched = 0, unmatched = 0;
    fc.assert(fc.property(record, ({ obj, text }) => {
      const bytes = encoder.encode(text);
      const line = lineOf(obj);
      const event = line === null ? null : matcher.match(line);
      for (const fn of BEHAVIOURS) {
        const out = fb.callRaw(fn, bytes);
        if (event === null) {
          if (fn === 'ssh_enrich_drop_unmatched' && line !== null) { expect(out).toBeNull(); continue; }
          expect(out && decoder.decode(out)).toBe(text);
          continue;
        }
        expect(out).not.toBeNull();
        const doc = checkBody(text, out!, obj);
        const marker = doc.ssh_log_matcher as Record<string, unknown> | undefined;
        // Ours is there unless the record already held that key.
        if (fn !== 'ssh_classify' && !('ssh_log_matcher' in obj)) expect(marker?.entry).toBe(event.id);
        if (!('event' in obj)) expect((doc.event as Record<string, unknown>).code).toBe(event.id);
        if (fn === 'ssh_classify' && !('event' in obj)) expect(doc.event).toEqual({ code: event.id, severity: event.severity });
      }
      if (event) matched++; else unmatched++;
      expect(fb.exports.arena_live()).toBe(0);
    }), { numRuns: 4000, seed: 2026 });
    expect(matched).toBeGreaterThan(100);
    expect(unmatched).toBeGreaterThan(100);
  });

  it('our fields merge into an object the record already has, and never replace a value it holds', () => {
    const line = exampleLines.find((l) => matcher.match(l)?.fields['user.name'] !== undefined)!;
    const doc = (r: object) => JSON.parse(fb.call('ssh_enrich', { message: line, ...r })!) as Record<string, any>;
    expect(doc({ event: { dataset: 'sshd', code: 'theirs' } }).event).toMatchObject({ dataset: 'sshd', code: 'theirs', kind: 'event' });
    expect(doc({ event: 'a string' }).event).toBe('a string');
    expect(doc({ user: null }).user).toBeNull();
    expect(doc({ user: [1, 2] }).user).toEqual([1, 2]);
    expect(doc({ user: {} }).user.name).toBe(matcher.match(line)!.fields['user.name']);
    expect(doc({ user: { name: 'kept' } }).user.name).toBe('kept');
    expect(doc({ ssh_log_matcher: 7 }).ssh_log_matcher).toBe(7);
  });

  it('hand-made JSON: spacing, duplicate keys, escaped keys, non-string messages, broken or non-object input', () => {
    const line = exampleLines[0];
    const q = JSON.stringify(line);
    const spaced = ` {  "message" :  ${q} ,  "event" : { } , "n" : -1.5e3 }  `;
    const out = fb.call('ssh_enrich', spaced)!;
    assertUniqueKeys(out);
    expect(JSON.parse(out).event.code).toBe(matcher.match(line)!.id);
    expect(out.endsWith('}  ')).toBe(true); // trailing bytes after the object kept

    // duplicate keys stay as they were: the first string under the best key is the message
    const dup = `{"log":${q},"log":"nothing"}`;
    expect(JSON.parse(fb.call('ssh_enrich', dup)!).event.code).toBe(matcher.match(line)!.id);
    // escaped key spellings are not message keys (Fluent Bit never escapes ASCII letters)
    const escapedKey = `{"\\u006cog":${q}}`;
    expect(fb.call('ssh_enrich', escapedKey)).toBe(escapedKey);
    // ...but an escaped spelling of one of our keys still counts as that key: no duplicate appears
    const escapedEvent = `{"message":${q},"\\u0065vent":"x"}`;
    const merged = fb.call('ssh_enrich', escapedEvent)!;
    assertUniqueKeys(merged);
    expect(JSON.parse(merged).event).toBe('x');

    for (const text of ['{"log":42}', '{"log":null,"message":["x"]}', '{}', ' {} ', '[1,2]', '"str"', '', '{', '{"log":"x', '{"a":}',
      '{"log":"a\\', '{"log":"\\ud800"}', '{"log":"\\u12"}', '{"a":[[[[{"b":"}"}]]]],"log":"x"}']) {
      for (const fn of BEHAVIOURS) {
        const got = fb.call(fn, text);
        if (fn === 'ssh_enrich_drop_unmatched' && got === null) continue; // a string message that matched nothing
        if (text === '') { expect(got).toBeNull(); continue; } // an empty body comes back empty (Fluent Bit never sends one)
        expect(got, `${fn} ${text}`).toBe(text);
      }
    }
  });

  it('random bytes as a record: no trap, the bytes come back or the record is dropped on purpose', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }).map((b) => b.map((x) => (x === 0 ? 1 : x))), (bytes) => {
      for (const fn of BEHAVIOURS) {
        const out = fb.callRaw(fn, bytes);
        if (out !== null) expect(Buffer.from(out).equals(Buffer.from(bytes)) || JSON.parse(decoder.decode(out)) !== undefined).toBe(true);
      }
    }), { numRuns: 500, seed: 7 });
  });
});

describe('Fluent Bit module on records it did not allocate', () => {
  it('a record placed at the very end of memory: same body as through malloc, no read past the end', () => {
    const x = fb.exports;
    for (const line of [...exampleLines.slice(0, 20), 'no match', 'x']) {
      const text = JSON.stringify({ log: line });
      const bytes = encoder.encode(text);
      const at = x.memory.buffer.byteLength - bytes.length - 1; // the NUL is the last byte of memory
      const mem = new Uint8Array(x.memory.buffer);
      mem.set(bytes, at);
      mem[at + bytes.length] = 0;
      const out = x.ssh_enrich(0, 0, 1764064798, 0, at, bytes.length); // the harness's record time
      const view = new Uint8Array(x.memory.buffer);
      const body = decoder.decode(view.subarray(out, view.indexOf(0, out)));
      expect(body, line).toBe(fb.call('ssh_enrich', text));
    }
  });
});

describe('Fluent Bit module on large records', () => {
  const userLine = () => userLines.find((u) => u.line.startsWith('User '))!;

  it('a 1 MiB record is enriched whole', () => {
    const { line, user } = userLine();
    const long = 'u'.repeat((1 << 20) - 200); // the line just under the 1 MiB line buffer
    const text = JSON.stringify({ log: line.replace(user, long), pad: 'x'.repeat(1000) });
    expect(text.length).toBeGreaterThan(1 << 20);
    const doc = JSON.parse(fb.call('ssh_enrich', text)!);
    expect(doc.user.name).toBe(long);
    expect(doc.ssh_log_matcher.status).toBe('matched');
  });

  it('a message longer than the line buffer passes with the marker field, in every behaviour', () => {
    const text = JSON.stringify({ log: 'x'.repeat((1 << 20) + 1), a: 1 });
    for (const fn of BEHAVIOURS) {
      const doc = JSON.parse(fb.call(fn, text)!);
      expect(doc).toEqual({ log: 'x'.repeat((1 << 20) + 1), a: 1, ssh_log_matcher: { status: 'too-long' } });
    }
  });

  it('an output larger than the output buffer passes with the marker; memory grows once, not per record', () => {
    const { line, user } = userLine();
    const text = JSON.stringify({ message: line.replace(user, '\u0001'.repeat(800_000)) }); // 4.8 MB escaped
    const first = JSON.parse(fb.call('ssh_enrich', text)!);
    expect(first.ssh_log_matcher).toEqual({ status: 'too-long' });
    expect(first.message).toBe(JSON.parse(text).message);
    const bytes = fb.memoryBytes;
    for (let i = 0; i < 3; i++) expect(JSON.parse(fb.call('ssh_enrich_drop_unmatched', text)!).ssh_log_matcher.status).toBe('too-long');
    expect(fb.memoryBytes).toBe(bytes);
    expect(fb.exports.arena_live()).toBe(0);
    // a record that already has the key passes as it is
    const own = JSON.stringify({ message: JSON.parse(text).message, ssh_log_matcher: 'mine' });
    expect(fb.call('ssh_enrich', own)).toBe(own);
  });

  it('an 8 MiB record without a message passes unchanged', () => {
    const text = JSON.stringify({ data: 'y'.repeat(8 << 20) });
    expect(fb.call('ssh_enrich', text)).toBe(text);
  });
});
