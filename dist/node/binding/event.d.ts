import type { CatalogMeta, EntryMeta } from './catalog-meta.js';
import type { RecordRef } from './core.js';
import { type Framing, type Status } from './layout.js';
export type FieldValue = string | number;
export interface LineHeader {
    framing: Framing;
    priority: number | null;
    timestamp: string | null;
    hostname: string | null;
    program: string | null;
    pid: number | null;
}
/** A matched line. `fields` holds ECS names (dotted) with their values, address fields expanded. */
export interface MatchEvent {
    id: string;
    title: string;
    severity: number;
    level: string;
    facility: string | null;
    event: EntryMeta['event'];
    fields: Record<string, FieldValue>;
    message: string;
    header: LineHeader;
}
export interface LineResult {
    status: Status;
    line: string;
    event: MatchEvent | null;
    header: LineHeader;
    message: string | null;
}
/** Digits as a JSON-safe number; beyond 15 digits a double would round, so the digits stay a string. */
export declare const asNumber: (digits: string) => number | string;
export declare class EventDecoder {
    private readonly meta;
    private readonly reader;
    private lastSrc;
    private lastBuf;
    constructor(meta: CatalogMeta);
    private header;
    entryOf(rec: RecordRef): EntryMeta | null;
    private fields;
    decode(src: Uint8Array, rec: RecordRef): LineResult;
}
/** Sets a dotted ECS name in a nested object ("source.ip" -> { source: { ip } }). */
export declare function setDotted(doc: Record<string, unknown>, name: string, value: unknown): void;
/**
 * The ECS document of one line, following the document plan (host/compile/document-plan.ts) that the
 * WASM JSON writer follows too. Matched and unmatched lines alike keep the original line in
 * `event.original`; `ssh_log_matcher.status` is the marker telling them apart.
 */
export declare function toEcsDocument(r: LineResult): Record<string, unknown>;
