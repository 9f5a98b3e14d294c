import type { Catalog, CatalogEntry } from './load.js';
/** Node kinds; assembly/fluent-bit/enrich.ts reads the same numbers. */
export declare const NODE_OBJECT = 0;
export declare const NODE_CONST = 1;
export declare const NODE_SLOT_STRING = 2;
export declare const NODE_SLOT_NUMBER = 3;
export declare const NODE_SLOT_IP = 4;
export declare const NODE_SLOT_DOMAIN = 5;
export declare const NODE_HEADER = 6;
/** Header spans of the matched line (the word-2 argument of a NODE_HEADER). */
export declare const HEADER_TIMESTAMP = 0, HEADER_HOSTNAME = 1, HEADER_PROGRAM = 2, HEADER_PID = 3, HEADER_PRIORITY = 4, HEADER_FACILITY_CODE = 5, HEADER_SEVERITY_CODE = 6;
/** Behaviours a leaf belongs to: full enrichment, or only the entry id and severity. */
export declare const MODE_ENRICH = 1, MODE_CLASSIFY = 2;
type Leaf = {
    kind: number;
    arg: number;
    frag?: string;
    modes: number;
};
type Tree = Map<string, Tree | Leaf>;
/**
 * The entry's document as a tree, from the same plan the core module and toEcsDocument follow
 * (host/compile/document-plan.ts), so all three agree on paths, values and key order.
 */
export declare function entryTree(e: CatalogEntry): Tree;
interface Tables {
    names: number[];
    frags: number[];
    nodes: number[];
    entryNodes: number[];
    maxNodes: number;
}
/** u32 words per node. */
export declare const NODE_WORDS = 5;
/**
 * Node = 5 u32 words: name offset in NAMES; name length | kind << 8 | modes << 16; for an object the index
 * just past its subtree, for a slot or header leaf its number; then a fragment's offset and length in
 * FRAGS: the whole member (`"name":value`) of a constant, or of an object made only of constants, so the
 * module writes it in one copy (length 0: no fragment).
 */
export declare function eventJsonTables(catalog: Catalog): Tables;
export declare function emitEventJson(catalog: Catalog): string;
export {};
