export type ForwardRecord = Record<string, unknown>;
/** One event: `time` as received (number, ExtData or Fluent Bit's [time, metadata]). */
export interface ForwardEvent {
    time: unknown;
    record: ForwardRecord;
}
export interface ForwardMessage {
    tag: string;
    events: ForwardEvent[];
    chunk: string | null;
}
export declare function decodeFrame(frame: Uint8Array, maxBytes: number): ForwardMessage;
