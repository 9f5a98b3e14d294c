// Adds the ECS fields to each event's record through the sidecar's one enrich path (../enrich.ts), all of a
// frame's messages matched in one batch.
// The message is the value of the first of `keys` the record has as a str (or a bin, read as UTF-8): by
// default `log`, `message`, `MESSAGE`, as the Fluent Bit module reads it (Fluent Bit's tail input keeps the
// line under `log`, Fluentd's under `message`, journald under `MESSAGE`); only --message-key when given.
// One trailing newline is not part of the line (container logs end in one), as in the Fluent Bit module.
import type { SidecarCounters } from '../counters.js';
import { enrichBatch, eventRecords, mergeOutcome } from '../enrich.js';
import type { MessageBatch } from '../message-batch.js';
import type { ForwardEvent } from './message.js';

const utf8 = new TextDecoder('utf-8');

/** The keys forward mode looks for the line under when --message-key is not given. */
export const DEFAULT_MESSAGE_KEYS = ['log', 'message', 'MESSAGE'] as const;

function messageOf(record: Record<string, unknown>, keys: readonly string[]): string | null {
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(record, key)) continue;
    const v = record[key];
    const text = typeof v === 'string' ? v : v instanceof Uint8Array ? utf8.decode(v) : null;
    if (text !== null) return text.endsWith('\n') ? text.slice(0, -1) : text;
  }
  return null;
}

/**
 * Merges each event's outcome into its record; returns the events to pass on: these, each followed by the
 * alerts and session events its line made (--detect, --sessions), as events of their own with its time.
 */
export function enrichEvents(events: readonly ForwardEvent[], keys: readonly string[], batch: MessageBatch, counters: SidecarCounters): ForwardEvent[] {
  const { outcomes, events: made } = enrichBatch(events, (e) => messageOf(e.record, keys) ?? { fault: 'no-message' }, batch, counters);
  const out: ForwardEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    mergeOutcome(events[i].record, outcomes[i]);
    out.push(events[i]);
    for (const record of eventRecords(made[i])) out.push({ time: events[i].time, record });
  }
  return out;
}
