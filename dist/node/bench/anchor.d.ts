export declare const ANCHOR_DIR: string;
/** Writes the anchor corpus of `lines` lines (seed 42, as its README) to `path`. */
export declare function writeAnchorCorpus(path: string, lines: number): void;
export interface AnchorRun {
    engine: string;
    command: string;
    seconds: number;
    cpuSeconds: number;
    peakRssKb: number;
}
/** Median of `rounds` runs of each engine, interleaved; lognormalizer is left out when not installed. */
export declare function runAnchor(corpus: string, rounds?: number, onRun?: () => void): AnchorRun[];
