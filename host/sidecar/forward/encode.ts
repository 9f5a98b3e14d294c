// Events -> forward-protocol frames, in the mode a caller picks. The sidecar passes events on as
// PackedForward (one bin of concatenated entries: the cheapest for the receiver to skip through); the other
// modes exist for the test client, which must speak every mode a real agent may send.
// Values go out as they came in (message.ts): BigInt as a 64-bit integer, ExtData as its ext type and bytes.
import { gzipSync } from 'node:zlib';
import { Encoder } from '@msgpack/msgpack';
import { rawExtensions, type ForwardEvent } from './message.js';

export type CarrierMode = 'message' | 'forward' | 'packed' | 'compressed';

/** Nesting the encoder accepts; a deeper record (or one deep enough to exhaust the stack) throws. */
export const MAX_DEPTH = 2000;
const encoder = new Encoder({ useBigInt64: true, extensionCodec: rawExtensions, maxDepth: MAX_DEPTH });
const encode = (v: unknown) => encoder.encode(v);

/** One [time, record] entry; throws when the record cannot be encoded (too deep). */
export const encodeEntry = (e: ForwardEvent): Uint8Array => encode([e.time, e.record]);

export function encodeEntries(events: readonly ForwardEvent[]): Uint8Array {
  const parts = events.map(encodeEntry);
  return Buffer.concat(parts);
}

/** A PackedForward frame of entries encoded already. */
export function encodePacked(tag: string, entries: readonly Uint8Array[], chunk: string | null): Uint8Array {
  const option: Record<string, unknown> = { size: entries.length };
  if (chunk !== null) option.chunk = chunk;
  return encode([tag, Buffer.concat(entries), option]);
}

/** One frame; `option` (chunk, size, compressed) is added as the protocol places it. */
export function encodeFrame(tag: string, events: readonly ForwardEvent[], mode: CarrierMode, chunk: string | null = null): Uint8Array {
  const option: Record<string, unknown> = {};
  if (chunk !== null) option.chunk = chunk;
  const withOption = Object.keys(option).length > 0 || mode === 'compressed';
  switch (mode) {
    case 'message': {
      if (events.length !== 1) throw new Error('message mode carries exactly one event');
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

export const encodeAck = (chunk: string) => encode({ ack: chunk });
