// One chunk of whole lines to ECS JSON lines, with counts per entry index and per status: the unit of work
// of the CLI, on the main thread or on a worker (host/cli/json-worker.ts).
import type { Matcher } from '../binding/index.js';
import { STATUS, W_ENTRY, W_STATUS } from '../binding/layout.js';

export interface ChunkJson { json: Uint8Array; entries: Uint32Array; statuses: Uint32Array }

/** `onlyEvents`: only the alerts and session events (detection or sessions on), no line documents. */
export function chunkToJson(matcher: Matcher, chunk: Uint8Array, onlyMatched: boolean, onlyEvents = false): ChunkJson {
  const entries = new Uint32Array(matcher.entries.length);
  const statuses = new Uint32Array(STATUS.length);
  // The module reuses its output area on the next batch, so each batch's JSON is copied out.
  const parts: Uint8Array[] = [];
  let total = 0;
  const sink = (json: Uint8Array | string) => { parts.push(typeof json === 'string' ? Buffer.from(json) : json.slice()); total += parts[parts.length - 1].length; };
  if (onlyEvents) matcher.writeAlerts(chunk, sink);
  else matcher.writeJsonLines(chunk, sink, {
    onlyMatched,
    visit: (rec) => {
      const entry = rec.words[rec.at + W_ENTRY] | 0;
      statuses[rec.words[rec.at + W_STATUS]]++;
      if (entry >= 0) entries[entry]++;
    },
  });
  // Mostly one batch made the whole chunk: its copy is the chunk's JSON, in an ArrayBuffer of its own.
  if (parts.length === 1 && !Buffer.isBuffer(parts[0])) return { json: parts[0], entries, statuses };
  // Else a buffer of its own (never Node's shared pool), so a worker can transfer it without detaching the
  // pool; not zero-filled first, since the parts cover every byte (a million documents are some 600 MB).
  const json: Uint8Array = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const p of parts) { json.set(p, at); at += p.length; }
  return { json, entries, statuses };
}
