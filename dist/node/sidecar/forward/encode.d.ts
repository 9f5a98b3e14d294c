import type { ForwardEvent } from './message.js';
export type CarrierMode = 'message' | 'forward' | 'packed' | 'compressed';
export declare function encodeEntries(events: readonly ForwardEvent[]): Uint8Array;
/** One frame; `option` (chunk, size, compressed) is added as the protocol places it. */
export declare function encodeFrame(tag: string, events: readonly ForwardEvent[], mode: CarrierMode, chunk?: string | null): Uint8Array;
export declare const encodeAck: (chunk: string) => Uint8Array<ArrayBufferLike>;
