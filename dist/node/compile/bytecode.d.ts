import type { Catalog, CatalogEntry } from './load.js';
export declare const OP: {
    readonly END: 0;
    readonly LIT: 1;
    readonly SPACE: 2;
    readonly FIELD: 3;
    readonly ALT: 4;
    readonly OPT: 5;
};
export declare const NO_SLOT = 255;
export declare function entryBytecode(entry: CatalogEntry): number[];
/** Bytes a message matching this entry can start with (all 256 when it can start with anything). */
export declare function firstBytes(entry: CatalogEntry): Set<number>;
/**
 * A cheap pre-check per entry, run before its bytecode: the shortest message it can match, and the
 * fixed bytes (up to 4) every match starts and ends with, as little-endian words with masks.
 */
export declare function entryFilter(entry: CatalogEntry): [number, number, number, number, number];
/**
 * [slot, mask] for the ambiguity check (assembly/matcher/match.ts): when client-typed fields stand both
 * before and after a server-written one, the slot of the last client-typed field before it (read again
 * shortest-first) and the mask of the server-written slots both readings must agree on; else [255, 0].
 */
export declare function entryCheck(entry: CatalogEntry): [number, number];
export interface Tables {
    programBlob: number[];
    code: number[];
    entryPc: number[];
    entryFamily: number[];
    bucketStart: number[];
    bucketItems: number[];
    entryFilter: number[];
    entryCheck: number[];
}
export declare function buildTables(catalog: Catalog): Tables;
