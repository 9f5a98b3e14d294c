// Whole-line chunking of the CLI and the sidecar: a line that arrives in many pieces (one long line with no
// newline for megabytes) is copied a bounded number of times, not once per piece (issue 13, point 5).
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { wholeLineChunks } from '../host/io/line-stream.js';
import { wholeLines } from '../host/sidecar/line-source.js';

const PIECE = 64 * 1024;

/** `total` bytes of one unterminated line in 64 KiB pieces, then `tail`. */
function* pieces(total: number, tail = ''): Generator<Buffer> {
  for (let sent = 0; sent < total; sent += PIECE) yield Buffer.alloc(Math.min(PIECE, total - sent), 0x61);
  if (tail) yield Buffer.from(tail);
}

/** Bytes Buffer.concat copies while `run` runs. */
async function copiedBytes(run: () => Promise<Buffer[]>): Promise<{ bytes: number; out: Buffer[] }> {
  let bytes = 0;
  const real = Buffer.concat;
  vi.spyOn(Buffer, 'concat').mockImplementation((list: readonly Uint8Array[], len?: number) => {
    const b = real(list, len);
    bytes += b.length;
    return b;
  });
  const out = await run();
  return { bytes, out };
}

const collect = async (gen: AsyncIterable<Buffer>) => { const out: Buffer[] = []; for await (const c of gen) out.push(c); return out; };

afterEach(() => { vi.restoreAllMocks(); });

describe.each([
  ['CLI (host/cli/line-stream.ts)', (r: Readable) => wholeLineChunks(r)],
  ['sidecar (host/sidecar/line-source.ts)', (r: Readable) => wholeLines(r, new AbortController().signal)],
])('%s', (_name, chunks) => {
  it.each([10, 40])('copies a %i MB line without newline about once, whatever the number of pieces', async (mb) => {
    const total = mb << 20;
    const { bytes, out } = await copiedBytes(() => collect(chunks(Readable.from(pieces(total, 'end\nnext'), { objectMode: false }))));
    expect(out.map((c) => c.length)).toEqual([total + 4, 4]); // the long line whole, then the unterminated last line
    expect(out[0].subarray(total).toString()).toBe('end\n');
    expect(out[1].toString()).toBe('next');
    // Before the fix: every piece copied the whole carry again, 640 pieces of 64 KiB -> 13 GB for 40 MB.
    expect(bytes).toBeLessThanOrEqual(2 * (total + 8));
  });

  it('an input that never ends its last line is flushed whole at the end', async () => {
    const { bytes, out } = await copiedBytes(() => collect(chunks(Readable.from(pieces(3 << 20)))));
    expect(out.map((c) => c.length)).toEqual([3 << 20]);
    expect(bytes).toBeLessThanOrEqual(2 * (3 << 20));
  });

  it('keeps lines whole across pieces that split them anywhere', async () => {
    const text = 'one\ntwo\r\nthree\n\nfour five six\nseven';
    for (const size of [1, 2, 3, 5, 7, 100]) {
      const parts: Buffer[] = [];
      for (let i = 0; i < text.length; i += size) parts.push(Buffer.from(text.slice(i, i + size)));
      const out = await collect(chunks(Readable.from(parts)));
      expect(Buffer.concat(out).toString()).toBe(text);
      for (const c of out.slice(0, -1)) expect(c[c.length - 1]).toBe(10);
    }
  });
});
