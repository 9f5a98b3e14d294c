// The sidecar's one enrich path (host/sidecar/enrich.ts) and the module's record merge behind `--input json`
// (assembly/adapters/raw/json-records.ts): the module's output is byte for byte the host path's, every mode
// gives a line the same document, and what the module cannot merge is left to the host, never dropped.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { shortLine } from '../host/bench/short-lines.js';
import { SidecarCounters } from '../host/sidecar/counters.js';
import { enrichEvents } from '../host/sidecar/forward/enrich-events.js';
import { jsonChunk, jsonRecords, rawChunk, type LineModeContext } from '../host/sidecar/json-lines.js';
import { MessageBatch } from '../host/sidecar/message-batch.js';
import { mmexternalChunk } from '../host/sidecar/mmexternal.js';
import { newMatcher } from './support/catalog.js';
import { hostileLine, prng } from './support/hostile.js';

const matcher = newMatcher();
const context = (): LineModeContext => ({ matcher, counters: new SidecarCounters(), out: null as never, stop: new AbortController().signal });
const batch = new MessageBatch(matcher);
const decoder = new TextDecoder();
const lines = (b: Buffer | string) => b.toString().split('\n').slice(0, -1);

const SSH = [
  'Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user admin, coming from 203.0.113.77.',
  '<38>Nov 25 10:00:10 gw sshd[9]: Accepted password for root from 10.0.0.1 port 22 ssh2',
  'Failed password for invalid user o"ne from fe80::1%eth0 port 2222 ssh2',
  'Nov 25 10:00:15 gw CRON[413]: (root) CMD (true)',
  'Accepted publickey for r\u00f6ot from 10.0.0.2 port 22 ssh2: RSA SHA256:abc\t\u0001',
];

function messages(n: number): string[] {
  const rand = prng(15);
  return Array.from({ length: n }, (_, i) => (i % 3 === 0 ? shortLine(i) : i % 3 === 1 ? SSH[i % SSH.length] : decoder.decode(hostileLine(rand))));
}

/** Both paths on the same lines: the module's (jsonChunk) and the host's (jsonRecords), and what each counted. */
function bothPaths(input: string[]) {
  const viaModule = context(), viaHost = context();
  const chunk = Buffer.from(input.map((l) => l + '\n').join(''));
  return {
    module: lines(jsonChunk(chunk, 'message', batch, viaModule)), host: lines(jsonRecords(input, 'message', batch, viaHost).join('')),
    counted: [viaModule, viaHost].map(({ counters: { lines: c } }) => [[...c.byStatus].sort(), [...c.byEntry].sort(), c.lines]),
  };
}

describe('serve --input json through the module merge', () => {
  it('merges usual records in the module: nothing is left to the host', () => {
    const records = messages(300).map((m, i) => JSON.stringify({ message: m, n: i, host: { name: 'h' }, tags: ['a'] }));
    const parts = matcher.core.mergeJsonRecords(Buffer.from(records.join('\n') + '\n'), 'message', () => {})!;
    expect(parts.filter((p) => 'left' in p)).toEqual([]);
    expect(lines(Buffer.concat(parts as Uint8Array[]))).toHaveLength(300);
    const spaced = records.map((r) => r.replace(/^\{"message":/, '{ "message" : ').replace(/}$/, ' }\r'));
    expect(matcher.core.mergeJsonRecords(Buffer.from(spaced.join('\n')), 'message', () => {})!.filter((p) => 'left' in p)).toEqual([]);
  });

  it('leaves a record longer than its input buffer to the host, whole, between merged ones', () => {
    const long = JSON.stringify({ message: SSH[1], pad: 'x'.repeat(matcher.core.inputCapacity) });
    const { module, host } = bothPaths([JSON.stringify({ message: SSH[0] }), long, JSON.stringify({ message: SSH[2] })]);
    expect(module).toEqual(host);
    expect(JSON.parse(module[1]).event.code).toBe('openssh.auth.accepted');
  });

  it('writes the same bytes and counts as the host path, for records it merges and records it leaves', () => {
    const msgs = messages(200);
    const input = [
      ...msgs.map((m, i) => JSON.stringify({ message: m, id: i, event: { dataset: 'x' }, user: 'not an object', log: { file: { path: '/var/log/auth.log' } } })),
      ...msgs.slice(0, 40).map((m, i) => ` {${i % 2 ? ' ' : '\t'}"message" :${JSON.stringify(m)} , "k": [ 1 , {} ] }\r`), // white space between tokens
      `{"message": ${JSON.stringify(SSH[0])}, "id": 18446744073709551615, "f": 1.5e300, "z": -0, "a": [123456789012345678901234567890, {"__proto__": 1}]}`,
      `{"__proto__": {"x": 1}, "message": ${JSON.stringify(SSH[1])}}`,
      `{"message": ${JSON.stringify(SSH[1])}, "ssh_log_matcher": {"status": "theirs"}}`,
      `{"message": ${JSON.stringify(SSH[1])}, "2": "an index key", "b": 1}`,
      `{"message": ${JSON.stringify(SSH[1])}, "b": 1, "b": 2}`,
      `{"message": "\\u0041ccepted password for root from 10.0.0.1 port 22 ssh2", "s": "\\/"}`,
      `{"mess\\u0061ge": ${JSON.stringify(SSH[1])}}`,
      '{"message": 5}', '{"log": "no message key"}', '[1, 2]', 'not json', '', '{"message": "x",}', '{"message":"x"} {}',
      '{"message": "\\ud800 lone", "t": "\\u001f\\u00e9"}',
    ];
    const { module, host, counted } = bothPaths(input);
    expect(module).toHaveLength(input.length);
    for (let i = 0; i < input.length; i++) expect([i, module[i]]).toEqual([i, host[i]]);
    expect(counted[0]).toEqual(counted[1]);
    expect(JSON.parse(module.at(-3)!).ssh_log_matcher.status).toBe('malformed'); // still refused, never dropped
  });

  it('random records: the same bytes as the host path', () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null),
        fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map((b) => ({ raw: b.toString() })),
        fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), tie('v'), { maxKeys: 3 })),
    })).v;
    const json = (v: unknown): string => (v && typeof v === 'object' && 'raw' in v && Object.keys(v).length === 1 ? String((v as { raw: string }).raw)
      : Array.isArray(v) ? `[${v.map(json).join(',')}]`
        : v && typeof v === 'object' ? `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${json(x)}`).join(',')}}` : JSON.stringify(v));
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom(...SSH, ''), fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 4 })), { minLength: 1, maxLength: 20 }),
      (records) => {
        const input = records.map(([m, rest]) => `{"message":${JSON.stringify(m)}${Object.keys(rest).length ? ',' + json(rest).slice(1, -1) : ''}}`);
        const { module, host } = bothPaths(input);
        expect(module).toEqual(host);
      }), { numRuns: 150, seed: 15 });
  });
});

describe('every sidecar mode gives a line the same document (the one enrich path)', () => {
  it('raw, JSON records, mmexternal and forward', () => {
    const msgs = messages(90).filter((m) => !m.includes('\n') && !m.includes('\r'));
    const ctx = context();
    const raw = lines(rawChunk(Buffer.from(msgs.map((m) => m + '\n').join('')), ctx)).map((l) => JSON.parse(l));
    const json = lines(jsonChunk(Buffer.from(msgs.map((m) => JSON.stringify({ message: m }) + '\n').join('')), 'message', batch, ctx)).map((l) => JSON.parse(l));
    const mm = lines(mmexternalChunk(Buffer.from(msgs.map((m) => JSON.stringify({ rawmsg: m }) + '\n').join('')), 'fulljson', 'rawmsg', batch, ctx)).map((l) => JSON.parse(l)['$!']);
    const events = msgs.map((m) => ({ time: 0, record: { log: m } as Record<string, unknown> }));
    enrichEvents(events, ['log', 'message', 'MESSAGE'], batch, ctx.counters);
    const withoutMessage = ({ message: _m, ...rest }: Record<string, unknown>) => rest;
    for (let i = 0; i < msgs.length; i++) {
      const doc = raw[i];
      expect(withoutMessage(json[i])).toEqual(withoutMessage(doc));
      expect(json[i].message).toBe(msgs[i]); // the record's own value wins
      expect(events[i].record).toEqual({ ...withoutKey(doc, 'log'), log: msgs[i] }); // its own log (a string) wins
      if (doc.ssh_log_matcher.status === 'matched') expect(mm[i]).toEqual(doc);
      else expect(mm[i]).toEqual({ ssh_log_matcher: { status: doc.ssh_log_matcher.status } });
    }
    expect(ctx.counters.lines.lines).toBe(4 * msgs.length);
  });
});

const withoutKey = (o: Record<string, unknown>, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));
