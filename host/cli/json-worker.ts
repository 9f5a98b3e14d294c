// A worker thread of the parallel CLI: its own matcher instance turns each chunk of whole lines into ECS
// JSON lines and counts per entry index and status, handing both back with the chunk's sequence number.
import { parentPort } from 'node:worker_threads';
import { createMatcher } from '../binding/index.js';
import { W_ENTRY, W_STATUS } from '../binding/layout.js';

export interface ChunkJob { seq: number; chunk: Uint8Array; onlyMatched: boolean }
export interface ChunkDone { seq: number; json: Uint8Array; entries: Uint32Array; statuses: Uint32Array }

const matcher = await createMatcher();
parentPort!.on('message', ({ seq, chunk, onlyMatched }: ChunkJob) => {
  const entries = new Uint32Array(matcher.entries.length);
  const statuses = new Uint32Array(8);
  const parts: Buffer[] = [];
  matcher.writeJsonLines(chunk, (json) => parts.push(Buffer.from(json)), {
    onlyMatched,
    visit: (rec) => {
      const entry = rec.words[rec.at + W_ENTRY] | 0;
      statuses[rec.words[rec.at + W_STATUS]]++;
      if (entry >= 0) entries[entry]++;
    },
  });
  const json = Buffer.concat(parts);
  const done: ChunkDone = { seq, json, entries, statuses };
  parentPort!.postMessage(done, [json.buffer as ArrayBuffer, entries.buffer, statuses.buffer]);
});
