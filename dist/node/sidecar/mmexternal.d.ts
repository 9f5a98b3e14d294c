import type { Readable } from 'node:stream';
import type { LineModeContext } from './json-lines.js';
import { MessageBatch } from './message-batch.js';
export declare function mmexternalChunk(chunk: Buffer, input: string, key: string, batch: MessageBatch, ctx: LineModeContext): string;
export declare function runMmexternal(input: string, key: string, stdin: Readable, ctx: LineModeContext): Promise<void>;
