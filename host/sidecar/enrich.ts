// The sidecar's one enrich path, for every mode (json-lines, mmexternal, forward): the messages of a batch
// of records collected, matched in one pass (message-batch.ts), each outcome counted, and a record's ECS
// document made and merged (merge.ts) the same way whatever brought the record. A mode only says where a
// record's message is and what its reply looks like. JSON records in json-lines mode take the module's own
// merge first (json-lines.ts); the records it leaves come here.
// With serve --detect or --sessions, the alerts and session events a record's line made come back beside
// its outcome (events), for the mode to write as extra records after it: the detection is the module's,
// in the one matcher of the process, whatever mode brought the line.
import { toEcsDocument, type LineResult } from '../binding/index.js';
import type { SidecarCounters } from './counters.js';
import { mergeEcs } from './merge.js';
import type { MessageBatch } from './message-batch.js';

/** A record with no message to match: `malformed` (not a JSON object) or `no-message` (none under the key). */
export interface Fault { fault: 'malformed' | 'no-message'; error?: string }

/** What one record came to: its line's result, or why it has none. */
export type Outcome = LineResult | Fault;

export const isFault = (o: Outcome): o is Fault => 'fault' in o;

/** Per item its outcome and the alerts and session events its line made (JSON lines, '' for none). */
export interface Enriched { outcomes: Outcome[]; events: string[] }

/** The outcome of each item, in order: `messageOf` finds its message (or the fault); every outcome is counted. */
export function enrichBatch<T>(items: readonly T[], messageOf: (item: T) => string | Fault, batch: MessageBatch, counters: SidecarCounters): Enriched {
  const outcomes = new Array<Outcome>(items.length);
  const events = new Array<string>(items.length).fill('');
  const messages: string[] = [];
  const owners: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const m = messageOf(items[i]);
    if (typeof m === 'string') { messages.push(m); owners.push(i); continue; }
    outcomes[i] = m;
    counters.lines.add(m.fault, null);
  }
  const matched = batch.match(messages);
  for (let k = 0; k < matched.results.length; k++) {
    const r = matched.results[k];
    counters.lines.add(r.status, r.event?.id ?? null);
    outcomes[owners[k]] = r;
    events[owners[k]] = matched.events[k];
  }
  return { outcomes, events };
}

/** One item's events as records, for modes that pass records, not text (forward, mmexternal). */
export const eventRecords = (events: string): Record<string, unknown>[] =>
  events ? events.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>) : [];

/** The record with its outcome merged in: the line's ECS document, or only the no-message status. */
export function mergeOutcome(record: Record<string, unknown>, outcome: Outcome): Record<string, unknown> {
  if (!isFault(outcome)) return mergeEcs(record, toEcsDocument(outcome));
  record.ssh_log_matcher = outcome.error ? { status: outcome.fault, error: outcome.error } : { status: outcome.fault };
  return record;
}
