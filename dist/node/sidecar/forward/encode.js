// Events -> forward-protocol frames, in the mode a caller picks. The sidecar passes events on as
// PackedForward (one bin of concatenated entries: the cheapest for the receiver to skip through); the other
// modes exist for the test client, which must speak every mode a real agent may send.
import { gzipSync } from 'node:zlib';
import { Encoder } from '@msgpack/msgpack';
const encoder = new Encoder();
const encode = (v) => encoder.encode(v);
export function encodeEntries(events) {
    const parts = events.map((e) => encode([e.time, e.record]));
    return Buffer.concat(parts);
}
/** One frame; `option` (chunk, size, compressed) is added as the protocol places it. */
export function encodeFrame(tag, events, mode, chunk = null) {
    const option = {};
    if (chunk !== null)
        option.chunk = chunk;
    const withOption = Object.keys(option).length > 0 || mode === 'compressed';
    switch (mode) {
        case 'message': {
            if (events.length !== 1)
                throw new Error('message mode carries exactly one event');
            const e = events[0];
            return encode(withOption ? [tag, e.time, e.record, option] : [tag, e.time, e.record]);
        }
        case 'forward':
            return encode(withOption ? [tag, events.map((e) => [e.time, e.record]), option] : [tag, events.map((e) => [e.time, e.record])]);
        case 'packed': {
            option.size = events.length;
            return encode([tag, encodeEntries(events), option]);
        }
        case 'compressed': {
            option.size = events.length;
            option.compressed = 'gzip';
            return encode([tag, gzipSync(encodeEntries(events)), option]);
        }
    }
}
export const encodeAck = (chunk) => encode({ ack: chunk });
