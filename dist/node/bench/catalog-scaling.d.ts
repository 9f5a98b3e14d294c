import type { Catalog } from '../compile/load.js';
export declare function withSyntheticEntries(catalog: Catalog, count: number): {
    catalog: Catalog;
    added: number;
};
/** Builds the core module for `catalog` in a scratch copy of assembly/; returns its bytes. */
export declare function buildCoreModule(catalog: Catalog): Uint8Array;
export interface ScalingFigures {
    entries: number;
    syntheticEntries: number;
    instructionsPerLine: number;
    syntheticInstructionsPerLine: number;
    ratio: number;
}
export declare function catalogScaling(corpus: Uint8Array, synthetic?: number): ScalingFigures;
