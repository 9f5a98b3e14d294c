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
    private readonly writer;
    private readonly reader;
    private lastSrc;
    private lastBuf;
    /** `writer`: the module that matched the records, which writes their documents when asked. */
    constructor(meta: CatalogMeta, writer: DocumentWriter);
    private header;
    entryOf(rec: RecordRef): EntryMeta | null;
    private fields;
    decode(src: Uint8Array, rec: RecordRef): LineResult;
}
/** Writes a result's document when asked: the module that matched the line (the one ECS writer). */
export interface DocumentWriter {
    /** `raw`: the line's bytes as they were matched (one trailing CR included), or null to use `r.line`. */
    documentJson(raw: Uint8Array | null, r: LineResult): string;
}
/**
 * A line's result as the bindings make it. It keeps where its line's bytes are, not a document: the
 * document is written by the module only when asked (ecsJson, toEcsDocument), so decoding stays cheap.
 */
export declare class MatchedLine implements LineResult {
    #private;
    status: Status;
    line: string;
    event: MatchEvent | null;
    header: LineHeader;
    message: string | null;
    constructor(status: Status, line: string, event: MatchEvent | null, header: LineHeader, message: string | null, writer: DocumentWriter, src?: Uint8Array | null, start?: number, end?: number);
    documentJson(): string;
}
/** The ECS document of a result as JSON text: the bytes the module writes (CLI, Fluent Bit, component). */
export declare function ecsJson(r: LineResult): string;
/** The ECS document of a result, parsed from the module's JSON (ecsJson). */
export declare function toEcsDocument(r: LineResult): Record<string, unknown>;
