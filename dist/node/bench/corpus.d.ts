import { type Catalog, type CatalogEntry } from '../compile/load.js';
export interface CorpusOptions {
    lines?: number;
    seed?: number;
    /** Lines per chunk of `corpusChunks` (default 65536). */
    chunkLines?: number;
    catalog?: Catalog;
}
export interface CorpusChunk {
    text: Buffer;
    expected: (string | null)[];
}
export declare const DEFAULT_LINES = 1000000;
/** Share of lines that must match no entry. */
export declare const NOISE_SHARE = 0.05;
export declare function projectCatalog(): Catalog;
/** mulberry32: small, fast, and the same sequence on every platform. */
export declare function prng(seed: number): () => number;
/** How often an entry's message appears, from its ECS classification and level. */
export declare function entryWeight(e: CatalogEntry): number;
/** Generates the corpus chunk by chunk (each chunk ends with a newline). */
export declare function corpusChunks(opts?: CorpusOptions): Generator<CorpusChunk>;
/** The whole corpus in memory (for tests and small runs; use `corpusChunks` for millions of lines). */
export declare function generateCorpus(opts?: CorpusOptions): {
    text: Buffer;
    expected: (string | null)[];
};
