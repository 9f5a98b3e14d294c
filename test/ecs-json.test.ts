// The module writes each line's ECS document as JSON itself (the CLI's fast path). A result's document
// written later from its kept record (toEcsDocument, ecsJson) must be the same bytes, for every kind of
// line: both come from the one writer, assembly/ecs/, through different calls.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toEcsDocument } from '../host/binding/index.js';
import { hostileLine, joinLines, prng } from './support/hostile.js';
import { projectCatalog, newMatcher } from './support/catalog.js';

const m = newMatcher();
const wasmJson = (chunk: Uint8Array, onlyMatched = false) => {
  const parts: Buffer[] = [];
  m.writeJsonLines(chunk, (j) => parts.push(typeof j === 'string' ? Buffer.from(j) : Buffer.from(j)), { onlyMatched });
  return Buffer.concat(parts).toString('utf8').split('\n').slice(0, -1);
};
const nodeJson = (chunk: Uint8Array) => m.matchLines(chunk).map((r) => JSON.stringify(toEcsDocument(r)));

describe('JSON written by the module', () => {
  it('equals JSON.stringify(toEcsDocument(r)) on the golden corpus and the catalog examples', () => {
    const examples = projectCatalog().entries.flatMap((e) => e.examples.map((x) => new TextEncoder().encode(x.line)));
    for (const chunk of [readFileSync('test/fixtures/tectia.log'), joinLines(examples)]) expect(wasmJson(chunk)).toEqual(nodeJson(chunk));
  });

  it('equals it on random hostile lines: invalid UTF-8, control bytes, NULs, long repetitions', () => {
    const rand = prng(99);
    const chunk = joinLines(Array.from({ length: 20_000 }, () => hostileLine(rand)));
    const got = wasmJson(chunk), want = nodeJson(chunk);
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) expect(got[i], `line ${i + 1}`).toBe(want[i]);
    for (const line of got) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('every invalid UTF-8 sequence becomes U+FFFD exactly as Node decodes it', () => {
    const seqs = [[0xff], [0xc0, 0x80], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xc3], [0x80, 0x80], [0xe2, 0x82, 0xac, 0xff]];
    const lines = seqs.map((s) => new Uint8Array([...new TextEncoder().encode('Logout for user '), ...s, 0x2e]));
    const chunk = joinLines(lines);
    expect(wasmJson(chunk)).toEqual(nodeJson(chunk));
  });

  it('a byte to escape anywhere (header, user name, message; at every place in a word) is escaped wherever it lies', () => {
    // The writer copies spans that lie before a line's first byte to escape without scanning them again
    // (values.ts setLinePlain, from the newline search): the byte is put at every offset of a word, in the
    // host name, the user name and the text after them, and each span must come out as Node decodes it.
    const specials = [[0x22], [0x5c], [0x09], [0x01], [0x7f], [0xc3, 0xa9], [0xff], [0xe2, 0x82]];
    const enc = new TextEncoder(), dec = new TextDecoder();
    const cases: { host: Uint8Array; user: Uint8Array; tail: Uint8Array }[] = [];
    for (const sp of specials) {
      for (let at = 0; at <= 9; at++) {
        const put = (text: string) => { const b = [...enc.encode(text)]; b.splice(Math.min(at, b.length), 0, ...sp); return new Uint8Array(b); };
        cases.push({ host: put('web-frontend-01'), user: enc.encode('alice'), tail: enc.encode('') });
        cases.push({ host: enc.encode('web-01'), user: put('administrator'), tail: enc.encode('') });
        cases.push({ host: enc.encode('web-01'), user: enc.encode('bob'), tail: put(' [preauth] x') });
      }
    }
    const lines = cases.map((c) => new Uint8Array([...enc.encode('Mar 28 23:50:04 '), ...c.host, ...enc.encode(' sshd[4242]: Invalid user '), ...c.user,
      ...enc.encode(' from 10.1.2.3 port 2222'), ...c.tail]));
    const chunk = joinLines(lines);
    const got = wasmJson(chunk);
    expect(got).toEqual(nodeJson(chunk));
    got.forEach((line, i) => {
      const doc = JSON.parse(line);
      const msg = lines[i].subarray(lines[i].indexOf(0x3a, 30) + 2); // after "sshd[4242]: "
      expect(doc.message, `line ${i + 1}`).toBe(dec.decode(msg));
      expect(doc.host.hostname, `line ${i + 1}`).toBe(dec.decode(cases[i].host));
      if (doc.ssh_log_matcher.status === 'matched') expect(doc.user.name, `line ${i + 1}`).toBe(dec.decode(cases[i].user));
    });
    // Most lines match (a user name with a tab or a quote is still a user name): the user-name checks ran.
    expect(got.filter((l) => JSON.parse(l).ssh_log_matcher.status === 'matched').length).toBeGreaterThan(cases.length / 2);
  });

  it('keeps lines too long for the input buffer, in order, and filters with onlyMatched', () => {
    const long = 'x'.repeat(m.core.inputCapacity + 5);
    const chunk = new TextEncoder().encode(`Daemon is running.\n${long}\nnoise\n`);
    expect(wasmJson(chunk)).toEqual(nodeJson(chunk));
    expect(wasmJson(chunk, true).map((l) => JSON.parse(l).event.code)).toEqual(['tectia.server.running']);
  });
});
