// Adds the ECS fields to each event's record (merge.ts), matching all of a frame's messages in one batch.
// The message is the record's --message-key value: a str, or a bin read as UTF-8.
import { toEcsDocument } from '../../binding/index.js';
import { mergeEcs } from '../merge.js';
const utf8 = new TextDecoder('utf-8');
export function enrichEvents(events, key, batch, counters) {
    const messages = [];
    const owners = [];
    for (let i = 0; i < events.length; i++) {
        const v = events[i].record[key];
        const text = typeof v === 'string' ? v : v instanceof Uint8Array ? utf8.decode(v) : null;
        if (text === null) {
            events[i].record.ssh_log_matcher = { status: 'no-message' };
            counters.lines.add('no-message', null);
            continue;
        }
        messages.push(text);
        owners.push(i);
    }
    const results = batch.match(messages);
    for (let k = 0; k < results.length; k++) {
        const r = results[k];
        counters.lines.add(r.status, r.event?.id ?? null);
        mergeEcs(events[owners[k]].record, toEcsDocument(r));
    }
}
