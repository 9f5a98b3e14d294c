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
//
// Values are read so that they can be passed on exactly: 64-bit integers as BigInt (a uint64 beyond 2^53 is
// not rounded), every ext type (the timestamp -1 too) as ExtData with its bytes, and a `__proto__` key as an
// ordinary own key (the msgpack library refuses it, which left such a record unacked and resent forever).
// What one frame may cost is bounded (FrameLimits): a gzip payload inflates to at most maxInflatedBytes and a
// frame carries at most maxEvents events, so 65 KB of gzip cannot become millions of objects.
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { Decoder, ExtData, type ExtensionCodecType } from '@msgpack/msgpack';
import { FrameError, objectEnd } from './frame.js';

export type ForwardRecord = Record<string, unknown>;
/** One event: `time` as received (number, ExtData or Fluent Bit's [time, metadata]). */
export interface ForwardEvent { time: unknown; record: ForwardRecord }
/** `inflatedBytes`: the size of a gzip payload once inflated (0 for other frames). */
export interface ForwardMessage { tag: string; events: ForwardEvent[]; chunk: string | null; inflatedBytes: number }

/** What one frame may make us hold. */
export interface FrameLimits { maxInflatedBytes: number; maxEvents: number }

/** A frame within --max-frame-bytes that would cost more than the limits allow: refused, not malformed. */
export class FrameLimitError extends FrameError {}

/** Every ext type stays ExtData (its exact bytes), and only ExtData is encoded as an ext. */
export const rawExtensions: ExtensionCodecType<undefined> = {
  tryToEncode: (object: unknown) => (object instanceof ExtData ? object : null),
  decode: (data: Uint8Array, type: number) => new ExtData(type, data),
} as unknown as ExtensionCodecType<undefined>;

// The library throws on a "__proto__" map key. Map keys of up to 16 bytes go through its key decoder, so
// this one hands back, for "__proto__", a stand-in no input can spell (random per process); restoreProto
// turns it back into an own "__proto__" key where it was seen.
const PROTO = '__proto__';
const STAND_IN = `\u0000__proto__\u0000${randomBytes(12).toString('base64')}`;
let sawProto = false;
const utf8 = new TextDecoder('utf-8');
const keyDecoder = {
  canBeCached: (byteLength: number) => byteLength > 0 && byteLength <= 16,
  decode(bytes: Uint8Array, offset: number, byteLength: number): string {
    let key = '';
    for (let i = offset; i < offset + byteLength; i++) {
      const b = bytes[i];
      if (b >= 0x80) { key = utf8.decode(bytes.subarray(offset, offset + byteLength)); break; } // not ASCII: decode it
      key += String.fromCharCode(b);
    }
    if (key === PROTO) { sawProto = true; return STAND_IN; }
    return key;
  },
};

export const decoderOptions = { useBigInt64: true, extensionCodec: rawExtensions, keyDecoder } as const;
const decoder = new Decoder(decoderOptions as ConstructorParameters<typeof Decoder>[0]);

/** Renames the stand-in keys back to own "__proto__" keys, keeping the order of the keys. */
function restoreProto(v: unknown): unknown {
  if (Array.isArray(v)) { for (let i = 0; i < v.length; i++) v[i] = restoreProto(v[i]); return v; }
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array || v instanceof ExtData) return v;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (!keys.includes(STAND_IN)) { for (const k of keys) o[k] = restoreProto(o[k]); return o; }
  const out: Record<string, unknown> = {};
  for (const k of keys) Object.defineProperty(out, k === STAND_IN ? PROTO : k, { value: restoreProto(o[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

function arrayHeader(b: Uint8Array): { count: number; at: number } {
  const t = b[0];
  if (t >= 0x90 && t <= 0x9f) return { count: t & 0x0f, at: 1 };
  if (t === 0xdc) return { count: (b[1] << 8) | b[2], at: 3 };
  if (t === 0xdd) return { count: ((b[1] << 24) >>> 0) + ((b[2] << 16) | (b[3] << 8) | b[4]), at: 5 };
  throw new FrameError('a frame must be a msgpack array');
}

/** Payload of a bin or str object (its bytes without the header), or null when it is neither. */
function rawPayload(b: Uint8Array, at: number, end: number): Uint8Array | null {
  const t = b[at];
  const size = t >= 0xa0 && t <= 0xbf ? 1 : t === 0xc4 || t === 0xd9 ? 2 : t === 0xc5 || t === 0xda ? 3 : t === 0xc6 || t === 0xdb ? 5 : 0;
  return size ? b.subarray(at + size, end) : null;
}

const isRecord = (v: unknown): v is ForwardRecord =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof ExtData) && !(v instanceof Date);

function isTime(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || (v instanceof ExtData && v.type === 0 && (v.data as Uint8Array).length === 8)
    || (Array.isArray(v) && v.length === 2 && isTime(v[0]) && !Array.isArray(v[0]));
}

function toEvent(entry: unknown, where: string): ForwardEvent {
  if (!Array.isArray(entry) || entry.length !== 2) throw new FrameError(`${where}: an entry must be [time, record]`);
  if (!isTime(entry[0])) throw new FrameError(`${where}: bad time`);
  if (!isRecord(entry[1])) throw new FrameError(`${where}: the record must be a map`);
  return { time: entry[0], record: entry[1] };
}

function decodeOne(b: Uint8Array): unknown {
  sawProto = false;
  let v: unknown;
  try { v = decoder.decode(b); } catch (e) { throw new FrameError(`bad msgpack: ${(e as Error).message}`); }
  return sawProto ? restoreProto(v) : v;
}

/** One frame's events; `limits` a number is the old form (the largest inflated payload, no event limit). */
export function decodeFrame(frame: Uint8Array, limits: number | FrameLimits): ForwardMessage {
  const { maxInflatedBytes, maxEvents } = typeof limits === 'number' ? { maxInflatedBytes: limits, maxEvents: Infinity } : limits;
  const { count, at } = arrayHeader(frame);
  if (count < 2 || count > 4) throw new FrameError(`a frame has 2 to 4 elements, this one ${count}`);
  const bounds: [number, number][] = [];
  for (let i = 0, p = at; i < count; i++) { const end = objectEnd(frame, p); bounds.push([p, end]); p = end; }
  const tag = decodeOne(frame.subarray(...bounds[0]));
  if (typeof tag !== 'string') throw new FrameError('the tag must be a string');
  const second = frame.subarray(...bounds[1]);
  const payload = rawPayload(frame, ...bounds[1]);
  const isArray = (second[0] >= 0x90 && second[0] <= 0x9f) || second[0] === 0xdc || second[0] === 0xdd;
  const messageMode = !payload && !isArray;
  const optionAt = messageMode ? 3 : 2;
  if (messageMode ? count < 3 : count > 3) throw new FrameError(`a frame of this mode cannot have ${count} elements`);
  const option = count > optionAt ? decodeOne(frame.subarray(...bounds[optionAt])) : null;
  if (option !== null && !isRecord(option)) throw new FrameError('the option must be a map');
  const chunk = option && typeof option.chunk === 'string' ? option.chunk : null;

  let events: ForwardEvent[];
  let inflatedBytes = 0;
  if (messageMode) {
    events = [toEvent([decodeOne(second), decodeOne(frame.subarray(...bounds[2]))], 'message')];
  } else if (isArray) {
    const n = arrayHeader(second).count;
    if (n > maxEvents) throw new FrameLimitError(`a frame of ${n} events, more than the ${maxEvents} allowed (--max-frame-events)`);
    const entries = decodeOne(second) as unknown[];
    events = entries.map((e, i) => toEvent(e, `entry ${i}`));
  } else {
    let bytes = payload!;
    if (option?.compressed === 'gzip') {
      try { bytes = gunzipSync(bytes, { maxOutputLength: maxInflatedBytes }); } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new FrameLimitError(`a gzip payload that inflates to more than ${maxInflatedBytes} bytes (--max-inflated-bytes)`);
        }
        throw new FrameError(`bad gzip payload: ${(e as Error).message}`);
      }
      inflatedBytes = bytes.length;
    } else if (option?.compressed !== undefined && option.compressed !== 'text') {
      throw new FrameError(`unknown compression ${JSON.stringify(option.compressed)}`);
    }
    events = [];
    try {
      sawProto = false;
      for (const e of decoder.decodeMulti(bytes)) {
        if (events.length === maxEvents) throw new FrameLimitError(`a frame of more than the ${maxEvents} events allowed (--max-frame-events)`);
        events.push(toEvent(sawProto ? restoreProto(e) : e, `entry ${events.length}`));
        sawProto = false;
      }
    } catch (e) {
      throw e instanceof FrameError ? e : new FrameError(`bad packed entries: ${(e as Error).message}`);
    }
  }
  return { tag, events, chunk, inflatedBytes };
}
