import type { Readable } from 'node:stream';
/**
 * The chunks of a byte stream as they arrive, until it ends or `stop` is aborted. Pulling (not flowing):
 * while the consumer is busy nothing more is read, so the writer feels our pace.
 */
export declare function chunksUntil(input: Readable, stop: AbortSignal): AsyncGenerator<Buffer>;
export declare function wholeLines(input: Readable, stop: AbortSignal): AsyncGenerator<Buffer>;
/** The lines of a whole-line chunk as text; the newline (and a CR before it) is not part of a line. */
export declare function splitLines(chunk: Buffer): string[];
