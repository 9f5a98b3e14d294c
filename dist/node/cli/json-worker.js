// A worker thread of the parallel CLI: its own matcher instance turns each chunk into JSON lines and counts
// (host/cli/json-chunk.ts), handed back with the chunk's sequence number.
import { parentPort, workerData } from 'node:worker_threads';
import { createMatcher } from '../binding/index.js';
import { chunkToJson } from './json-chunk.js';
const matcher = await createMatcher((workerData ?? {}));
parentPort.on('message', ({ seq, chunk, onlyMatched }) => {
    const done = { seq, ...chunkToJson(matcher, chunk, onlyMatched) };
    parentPort.postMessage(done, [done.json.buffer, done.entries.buffer, done.statuses.buffer]);
});
