import type { Catalog } from '../compile/load.js';
export interface EngineRun {
    engine: 'lognormalizer' | 'pdbtool';
    version: string;
    command: string;
    /** Lines of output read back (one per input line when the engine keeps them aligned). */
    lines: number;
    /** Lines classified as some entry. */
    matched: number;
    /** Entry id per input line (null: no entry), or null when the output is not one line per input line. */
    ids: (string | null)[] | null;
    seconds: number;
    peakRssKb: number | null;
}
/** Path of a program on PATH, or null. */
export declare function findProgram(name: string): string | null;
/** `lognormalizer -r <exported rulebase> -e json -T` over the corpus; entry ids from event.tags. */
export declare function runLognormalizer(corpusPath: string, catalog: Catalog): Promise<EngineRun | null>;
/** `pdbtool match -p <exported patterndb> -f <corpus>`; entry ids from .classifier.rule_id. */
export declare function runPdbtool(corpusPath: string, catalog: Catalog): Promise<EngineRun | null>;
/** Share of lines whose id equals the expected one (ids aligned with the corpus lines). */
export declare function agreement(ids: (string | null)[], expected: (string | null)[]): number;
/** Reads an expected-ids file written by make-corpus (`-` for none). */
export declare function readExpected(path: string): (string | null)[];
