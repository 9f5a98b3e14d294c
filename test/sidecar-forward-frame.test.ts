// The forward server's framing: cutting a byte stream into whole msgpack objects wherever TCP split it.
import { decode, encode } from '@msgpack/msgpack';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameError, FrameSplitter } from '../host/sidecar/forward/frame.js';

const value = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' },
    fc.integer(), fc.double({ noNaN: true }), fc.string(), fc.boolean(), fc.constant(null),
    fc.uint8Array({ maxLength: 300 }), fc.string({ minLength: 32, maxLength: 70000 }).map((s) => s),
    fc.array(tie('v'), { maxLength: 20 }), fc.dictionary(fc.string(), tie('v'), { maxKeys: 20 })),
})).v;

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) { pieces.push(bytes.subarray(from, p)); from = p; }
  return pieces;
}

describe('FrameSplitter', () => {
  it('returns the same objects however the stream is cut', () => {
    fc.assert(fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 40 }), (values, cuts) => {
      const bytes = Buffer.concat(values.map((v) => encode(v)));
      const s = new FrameSplitter(1 << 24);
      const frames = splitAt(bytes, cuts).flatMap((piece) => s.push(piece));
      // Each frame is the bytes of one value, as encoded: compared as bytes, not decoded (msgpack's decoder
      // refuses a "__proto__" key, which the generated maps may hold; decodeFrame keeps it as data).
      expect(frames.map((f) => Buffer.from(f).toString('hex'))).toEqual(values.map((v) => Buffer.from(encode(v)).toString('hex')));
      expect(s.holding).toBe(false);
    }), { numRuns: 200 });
  });

  it('walks a frame fed one byte at a time', () => {
    const v = ['tag', [[1, { message: 'x'.repeat(300), n: [1, 2, { a: null }] }]], { chunk: 'abc' }];
    const bytes = encode(v);
    const s = new FrameSplitter(1 << 20);
    const frames: Uint8Array[] = [];
    for (const b of bytes) frames.push(...s.push(Uint8Array.of(b)));
    expect(frames.map((f) => decode(f))).toEqual([v]);
  });

  it('refuses a frame larger than the limit, even one that only claims to be', () => {
    expect(() => new FrameSplitter(1000).push(encode(['t', 'x'.repeat(2000)]))).toThrow(FrameError);
    expect(() => new FrameSplitter(1000).push(Uint8Array.of(0x92, 0xc6, 0xff, 0xff, 0xff, 0xff))).toThrow(/larger than 1000/);
  });

  it('refuses the byte msgpack never uses', () => {
    expect(() => new FrameSplitter(1000).push(Uint8Array.of(0x92, 0xc1, 0x01))).toThrow(/0xc1/);
  });
});
