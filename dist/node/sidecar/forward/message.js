// One forward-protocol frame -> its events. The spec (fluentd's "Forward Protocol Specification v1") has
// four carrier modes, told apart by the second element of the frame's array:
//   Message                  [tag, time, record, option?]
//   Forward                  [tag, [[time, record], ...], option?]
//   PackedForward            [tag, bin|str (concatenated msgpack [time, record] entries), option?]
//   CompressedPackedForward  the same with option.compressed == "gzip" (gzip members, possibly several)
// `time` is an integer, a float or EventTime (ext type 0); Fluent Bit's v2 event format sends
// [[time, metadata], record] entries. Times are kept exactly as received, so what we pass on carries them
// unchanged. The packed payload is cut out of the frame's bytes, never decoded as text: older clients send
// it as a msgpack str, which is binary, not UTF-8.
import { gunzipSync } from 'node:zlib';
import { Decoder, ExtData } from '@msgpack/msgpack';
import { FrameError, objectEnd } from './frame.js';
const decoder = new Decoder();
function arrayHeader(b) {
    const t = b[0];
    if (t >= 0x90 && t <= 0x9f)
        return { count: t & 0x0f, at: 1 };
    if (t === 0xdc)
        return { count: (b[1] << 8) | b[2], at: 3 };
    if (t === 0xdd)
        return { count: ((b[1] << 24) >>> 0) + ((b[2] << 16) | (b[3] << 8) | b[4]), at: 5 };
    throw new FrameError('a frame must be a msgpack array');
}
/** Payload of a bin or str object (its bytes without the header), or null when it is neither. */
function rawPayload(b, at, end) {
    const t = b[at];
    const size = t >= 0xa0 && t <= 0xbf ? 1 : t === 0xc4 || t === 0xd9 ? 2 : t === 0xc5 || t === 0xda ? 3 : t === 0xc6 || t === 0xdb ? 5 : 0;
    return size ? b.subarray(at + size, end) : null;
}
const isRecord = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof ExtData) && !(v instanceof Date);
function isTime(v) {
    return typeof v === 'number' || (v instanceof ExtData && v.type === 0 && v.data.length === 8)
        || (Array.isArray(v) && v.length === 2 && isTime(v[0]) && !Array.isArray(v[0]));
}
function toEvent(entry, where) {
    if (!Array.isArray(entry) || entry.length !== 2)
        throw new FrameError(`${where}: an entry must be [time, record]`);
    if (!isTime(entry[0]))
        throw new FrameError(`${where}: bad time`);
    if (!isRecord(entry[1]))
        throw new FrameError(`${where}: the record must be a map`);
    return { time: entry[0], record: entry[1] };
}
function decodeOne(b) {
    try {
        return decoder.decode(b);
    }
    catch (e) {
        throw new FrameError(`bad msgpack: ${e.message}`);
    }
}
export function decodeFrame(frame, maxBytes) {
    const { count, at } = arrayHeader(frame);
    if (count < 2 || count > 4)
        throw new FrameError(`a frame has 2 to 4 elements, this one ${count}`);
    const bounds = [];
    for (let i = 0, p = at; i < count; i++) {
        const end = objectEnd(frame, p);
        bounds.push([p, end]);
        p = end;
    }
    const tag = decodeOne(frame.subarray(...bounds[0]));
    if (typeof tag !== 'string')
        throw new FrameError('the tag must be a string');
    const second = frame.subarray(...bounds[1]);
    const payload = rawPayload(frame, ...bounds[1]);
    const isArray = (second[0] >= 0x90 && second[0] <= 0x9f) || second[0] === 0xdc || second[0] === 0xdd;
    const messageMode = !payload && !isArray;
    const optionAt = messageMode ? 3 : 2;
    if (messageMode ? count < 3 : count > 3)
        throw new FrameError(`a frame of this mode cannot have ${count} elements`);
    const option = count > optionAt ? decodeOne(frame.subarray(...bounds[optionAt])) : null;
    if (option !== null && !isRecord(option))
        throw new FrameError('the option must be a map');
    const chunk = option && typeof option.chunk === 'string' ? option.chunk : null;
    let events;
    if (messageMode) {
        events = [toEvent([decodeOne(second), decodeOne(frame.subarray(...bounds[2]))], 'message')];
    }
    else if (isArray) {
        const entries = decodeOne(second);
        events = entries.map((e, i) => toEvent(e, `entry ${i}`));
    }
    else {
        let bytes = payload;
        if (option?.compressed === 'gzip') {
            try {
                bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
            }
            catch (e) {
                throw new FrameError(`bad gzip payload: ${e.message}`);
            }
        }
        else if (option?.compressed !== undefined && option.compressed !== 'text') {
            throw new FrameError(`unknown compression ${JSON.stringify(option.compressed)}`);
        }
        events = [];
        try {
            for (const e of decoder.decodeMulti(bytes))
                events.push(toEvent(e, `entry ${events.length}`));
        }
        catch (e) {
            throw e instanceof FrameError ? e : new FrameError(`bad packed entries: ${e.message}`);
        }
    }
    return { tag, events, chunk };
}
