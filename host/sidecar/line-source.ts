// The sidecar's line input: whole-line chunks until end of input or `stop` (host/cli/line-stream.ts, shared
// with the CLI), and the lines of a chunk as text.
import type { Readable } from 'node:stream';
import { chunksUntil, wholeLinesOf } from '../io/line-stream.js';

export { chunksUntil };

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
