import type { Catalog, CatalogEntry } from './load.js';
import type { TemplateNode } from './template.js';
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
/** Bytes a message matching this entry can start with, or null when it can start with anything. */
export declare function firstBytes(nodes: TemplateNode[]): Set<number> | null;
export interface Tables {
    programBlob: number[];
    code: number[];
    entryPc: number[];
    entryFamily: number[];
    bucketStart: number[];
    bucketItems: number[];
}
export declare function buildTables(catalog: Catalog): Tables;
