import type { Catalog } from './load.js';
export interface DocumentTables {
    names: number[];
    frags: number[];
    nodes: number[];
    entryNodes: number[];
    maxNodes: number;
    maxFrags: number;
}
export declare function documentTables(catalog: Catalog): DocumentTables;
export declare function emitDocument(catalog: Catalog): string;
