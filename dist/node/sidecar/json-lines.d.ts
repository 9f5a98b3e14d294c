import type { Readable } from 'node:stream';
import { type Matcher } from '../binding/index.js';
import type { SidecarCounters } from './counters.js';
import { MessageBatch } from './message-batch.js';
import type { BoundedOutput } from './output.js';
export interface LineModeContext {
    matcher: Matcher;
    counters: SidecarCounters;
    out: BoundedOutput;
    stop: AbortSignal;
}
export declare function malformedRecord(line: string, error: string): Record<string, unknown>;
/**
 * The ECS documents of the raw log lines of one chunk, one JSON line each: the module writes the JSON itself
 * (the CLI's fast path, the same bytes as toEcsDocument + JSON.stringify); its output area is reused by the
 * next batch, so the pieces are copied out.
 */
export declare function rawChunk(chunk: Buffer, ctx: LineModeContext): Buffer;
/** The enriched JSON records of one chunk of JSON lines; `lineOf` makes the log line of a record (default: its `key`). */
export declare function jsonChunk(chunk: Buffer, key: string, batch: MessageBatch, ctx: LineModeContext, lineOf?: (record: Record<string, unknown>) => unknown): string;
export declare function runJsonLines(files: string[], input: string, key: string, stdin: Readable, ctx: LineModeContext): Promise<void>;
