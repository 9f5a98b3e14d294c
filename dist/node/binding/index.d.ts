import { type CatalogMeta, type EntryMeta } from './catalog-meta.js';
import { CoreMatcher, type RecordRef } from './core.js';
import { toEcsDocument, type LineResult, type MatchEvent } from './event.js';
export type { CatalogMeta, EntryMeta, LineResult, MatchEvent, RecordRef };
export { toEcsDocument };
export { EcsJsonWriter } from './ecs-json.js';
export declare class Matcher {
    readonly core: CoreMatcher;
    readonly catalog: CatalogMeta;
    private readonly decoder;
    constructor(core?: CoreMatcher, catalog?: CatalogMeta);
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
    decode(chunk: Uint8Array, rec: RecordRef): LineResult;
}
/** Instantiates the matcher (synchronous underneath; async so other bindings can share the shape). */
export declare function createMatcher(): Promise<Matcher>;
