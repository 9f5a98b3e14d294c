// Feeds a byte stream to the matcher in whole-line chunks: a partial last line is carried to the next
// chunk, and flushed at the end of input, so no line is ever split or lost. One more way to end: `stop`
// (SIGTERM, SIGINT). On stop, the bytes the stream had already taken from its pipe or file at that moment
// are still read and the partial last line is flushed as a line, so a line we have accepted is never
// dropped; nothing the stream reads after the stop is taken, so a writer that keeps the pipe full cannot
// keep us going (what it wrote stays in its pipe, never accepted). Used by the CLI and the sidecar.
import type { Readable } from 'node:stream';

/**
 * The chunks of a byte stream as they arrive, until it ends or `stop` is aborted. Pulling (not flowing):
 * while the consumer is busy nothing more is read, so the writer feels our pace.
 */
export async function* chunksUntil(input: Readable, stop: AbortSignal): AsyncGenerator<Buffer> {
  let ended = false;
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  // Bytes still to take after the stop: what the stream held when it came.
  let left = stop.aborted ? input.readableLength : Infinity;
  const poke = () => { const w = wake; wake = null; w?.(); };
  const onEnd = () => { ended = true; poke(); };
  const onError = (e: Error) => { failed = e; poke(); };
  const onStop = () => { left = Math.min(left, input.readableLength); poke(); };
  input.on('readable', poke);
  input.once('end', onEnd);
  input.once('error', onError);
  stop.addEventListener('abort', onStop);
  try {
    for (;;) {
      const stopped = left !== Infinity;
      const n = stopped ? Math.min(left, input.readableLength) : undefined;
      const piece = n === 0 ? null : (input.read(n) as Buffer | null);
      if (piece !== null) {
        if (stopped) left -= piece.length;
        yield piece;
        continue;
      }
      if (failed) throw failed;
      if (ended || stopped) return;
      await new Promise<void>((resolve) => { wake = resolve; });
    }
  } finally {
    input.off('readable', poke);
    input.off('end', onEnd);
    input.off('error', onError);
    stop.removeEventListener('abort', onStop);
  }
}


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

/** Whole-line chunks of a stream until it ends or `stop` is aborted. */
export function wholeLineChunks(input: Readable, stop: AbortSignal = new AbortController().signal): AsyncGenerator<Buffer> {
  return wholeLinesOf(chunksUntil(input, stop));
}
