// Feeds a byte stream to the matcher in whole-line chunks: a partial last line is carried to the next
// chunk, and flushed at the end of input, so no line is ever split or lost.
import type { Readable } from 'node:stream';

export async function* wholeLineChunks(input: Readable): AsyncGenerator<Uint8Array> {
  let carry: Buffer = Buffer.alloc(0);
  for await (const piece of input) {
    const buf: Buffer = carry.length ? Buffer.concat([carry, piece as Buffer]) : (piece as Buffer);
    const lastNl = buf.lastIndexOf(10);
    if (lastNl < 0) { carry = buf; continue; }
    yield buf.subarray(0, lastNl + 1);
    carry = buf.subarray(lastNl + 1);
  }
  if (carry.length) yield carry;
}
