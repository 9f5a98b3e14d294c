// A worker thread of the parallel CLI: its own matcher instance turns each chunk into JSON lines and counts
// (host/cli/json-chunk.ts), handed back with the chunk's sequence number.
import { parentPort, workerData } from 'node:worker_threads';
import { createMatcher, type DocumentOptions } from '../binding/index.js';
import { chunkToJson, type ChunkJson } from './json-chunk.js';

export interface ChunkJob { seq: number; chunk: Uint8Array; onlyMatched: boolean }
export interface ChunkDone extends ChunkJson { seq: number }

const matcher = await createMatcher((workerData ?? {}) as DocumentOptions);
parentPort!.on('message', ({ seq, chunk, onlyMatched }: ChunkJob) => {
  const done: ChunkDone = { seq, ...chunkToJson(matcher, chunk, onlyMatched) };
  parentPort!.postMessage(done, [done.json.buffer, done.entries.buffer, done.statuses.buffer] as ArrayBuffer[]);
});
