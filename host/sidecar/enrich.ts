// The sidecar's one enrich path, for every mode (json-lines, mmexternal, forward): the messages of a batch
// of records collected, matched in one pass (message-batch.ts), each outcome counted, and a record's ECS
// document made and merged (merge.ts) the same way whatever brought the record. A mode only says where a
// record's message is and what its reply looks like. JSON records in json-lines mode take the module's own
// merge first (json-lines.ts); the records it leaves come here.
import { toEcsDocument, type LineResult } from '../binding/index.js';
import type { SidecarCounters } from './counters.js';
import { mergeEcs } from './merge.js';
import type { MessageBatch } from './message-batch.js';

/** A record with no message to match: `malformed` (not a JSON object) or `no-message` (none under the key). */
export interface Fault { fault: 'malformed' | 'no-message'; error?: string }

/** What one record came to: its line's result, or why it has none. */
export type Outcome = LineResult | Fault;

export const isFault = (o: Outcome): o is Fault => 'fault' in o;

/** The outcome of each item, in order: `messageOf` finds its message (or the fault); every outcome is counted. */
export function enrichBatch<T>(items: readonly T[], messageOf: (item: T) => string | Fault, batch: MessageBatch, counters: SidecarCounters): Outcome[] {
  const outcomes = new Array<Outcome>(items.length);
  const messages: string[] = [];
  const owners: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const m = messageOf(items[i]);
    if (typeof m === 'string') { messages.push(m); owners.push(i); continue; }
    outcomes[i] = m;
    counters.lines.add(m.fault, null);
  }
  const results = batch.match(messages);
  for (let k = 0; k < results.length; k++) {
    const r = results[k];
    counters.lines.add(r.status, r.event?.id ?? null);
    outcomes[owners[k]] = r;
  }
  return outcomes;
}

/** The record with its outcome merged in: the line's ECS document, or only the no-message status. */
export function mergeOutcome(record: Record<string, unknown>, outcome: Outcome): Record<string, unknown> {
  if (!isFault(outcome)) return mergeEcs(record, toEcsDocument(outcome));
  record.ssh_log_matcher = outcome.error ? { status: outcome.fault, error: outcome.error } : { status: outcome.fault };
  return record;
}
