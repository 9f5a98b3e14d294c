import { type CatalogMeta, type EntryMeta } from './catalog-meta.js';
import { CoreMatcher, type JsonSink, type RecordRef } from './core.js';
import { ecsJson, toEcsDocument, type LineResult, type MatchEvent } from './event.js';
import { type Status } from './layout.js';
import { OptionError, type DocumentOptions } from './options.js';
export type { CatalogMeta, DocumentOptions, EntryMeta, JsonSink, LineResult, MatchEvent, RecordRef };
export { ecsJson, toEcsDocument, OptionError };
export { createComponentMatcher, ComponentMatcher, type LineMatcher } from './component.js';
export declare class Matcher {
    readonly core: CoreMatcher;
    readonly catalog: CatalogMeta;
    private readonly decoder;
    constructor(core?: CoreMatcher, catalog?: CatalogMeta, options?: DocumentOptions);
    /** Changes what the module's documents hold from the next call on. */
    setDocumentOptions(options: DocumentOptions): void;
    get entries(): readonly EntryMeta[];
    /** The event of one line (a newline inside is matched as a byte), or null when no entry matches. */
    match(line: string | Uint8Array): MatchEvent | null;
    /** Full result of one line, matched or not: status, header, message. */
    matchDetailed(line: string | Uint8Array): LineResult;
    /** Entry id of one line, or null: no field is decoded. */
    classify(line: string | Uint8Array): string | null;
    /** Every newline-separated line of a chunk, in order, one result each (no line is ever left out). */
    matchLines(chunk: string | Uint8Array): LineResult[];
    /** Fastest path: raw records, decoded only if the caller asks (see `decode`). */
    scanLines(chunk: Uint8Array, visit: (rec: RecordRef) => void): number;
    /**
     * Every line of a chunk as ECS JSON lines, written by the module itself (the fast path of the CLI and
     * sidecar). `sink` gets the JSON in pieces, in line order; `visit` sees each line's record.
     */
    writeJsonLines(chunk: Uint8Array, sink: JsonSink, opts?: {
        onlyMatched?: boolean;
        visit?: (rec: RecordRef) => void;
    }): number;
    /** Status of a record, without decoding anything. */
    statusOf(rec: RecordRef): Status;
    /** Entry id of a record, or null, without decoding anything. */
    entryIdOf(rec: RecordRef): string | null;
    decode(chunk: Uint8Array, rec: RecordRef): LineResult;
}
/**
 * Instantiates the matcher (synchronous underneath; async so other bindings can share the shape).
 * `options`: what the ECS documents hold (event.original, the time zone and reference time of timestamps).
 */
export declare function createMatcher(options?: DocumentOptions): Promise<Matcher>;
