// Whole-line chunks from a byte stream, like host/cli/line-stream.ts, with one more way to end: `stop`
// (SIGTERM). On stop, the bytes the stream had already taken from its pipe or file at that moment are still
// read and the partial last line is flushed as a line, so a line we have accepted is never dropped; nothing
// the stream reads after the stop is taken, so a writer that keeps the pipe full cannot keep us going (what
// it wrote stays in its pipe, never accepted).
import type { Readable } from 'node:stream';
import { wholeLinesOf } from '../cli/line-stream.js';

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

/** Whole-line chunks of a stream until it ends or `stop` is aborted; a long partial line is joined once. */
export function wholeLines(input: Readable, stop: AbortSignal): AsyncGenerator<Buffer> {
  return wholeLinesOf(chunksUntil(input, stop));
}

/** The lines of a whole-line chunk as text; the newline (and a CR before it) is not part of a line. */
export function splitLines(chunk: Buffer): string[] {
  const lines = chunk.toString('utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}
