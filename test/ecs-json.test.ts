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

  it('keeps lines too long for the input buffer, in order, and filters with onlyMatched', () => {
    const long = 'x'.repeat(m.core.inputCapacity + 5);
    const chunk = new TextEncoder().encode(`Daemon is running.\n${long}\nnoise\n`);
    expect(wasmJson(chunk)).toEqual(nodeJson(chunk));
    expect(wasmJson(chunk, true).map((l) => JSON.parse(l).event.code)).toEqual(['tectia.server.running']);
  });
});
