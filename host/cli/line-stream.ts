// Feeds a byte stream to the matcher in whole-line chunks: a partial last line is carried to the next
// chunk, and flushed at the end of input, so no line is ever split or lost.
import type { Readable } from 'node:stream';

/**
 * Whole-line chunks of any sequence of byte pieces. The pieces of a line still unterminated are kept in a
 * list and joined once, when its newline (or the end) comes: joining them again on every piece would copy a
 * long line once per piece, quadratic in its length (a 40 MB line without newline took 12 s).
 */
export async function* wholeLinesOf(pieces: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let carry: Buffer[] = [];
  let carried = 0;
  for await (const piece of pieces) {
    const lastNl = piece.lastIndexOf(10);
    if (lastNl < 0) {
      if (piece.length) { carry.push(piece); carried += piece.length; }
      continue;
    }
    const head = piece.subarray(0, lastNl + 1);
    yield carried ? Buffer.concat([...carry, head], carried + head.length) : head;
    carry = lastNl + 1 < piece.length ? [piece.subarray(lastNl + 1)] : [];
    carried = piece.length - lastNl - 1;
  }
  if (carried) yield carry.length === 1 ? carry[0] : Buffer.concat(carry, carried);
}

export function wholeLineChunks(input: Readable): AsyncGenerator<Buffer> {
  return wholeLinesOf(input as AsyncIterable<Buffer>);
}
