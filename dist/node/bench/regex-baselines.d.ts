import type { Catalog } from '../compile/load.js';
export interface RegexBaseline {
    readonly name: string;
    /** Entry index of one line (without its newline), or -1. */
    classify(line: string): number;
    /** Entry index of every newline-separated line of `text` (a final newline ends the last line). */
    scan(text: string): Int32Array;
}
export declare function perEntryBaseline(catalog: Catalog): RegexBaseline;
export declare function alternationBaseline(catalog: Catalog): RegexBaseline;
