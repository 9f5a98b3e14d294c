export interface WorkFigures {
    lines: number;
    /** Instructions per line: the split-only pass, matching (classify), matching and writing JSON (enrich). */
    core: {
        split: number | null;
        classify: number;
        enrich: number;
    };
    /** Instructions per record of {"log": line}, as Fluent Bit's filter_wasm calls the module. */
    fluentBit: {
        passthrough: number;
        classify: number;
        enrich: number;
    };
}
/** The first `lines` newline-terminated lines of `corpus`. */
export declare function firstLines(corpus: Uint8Array, lines: number): Uint8Array;
export declare function coreWork(wasm: Uint8Array, data: Uint8Array): WorkFigures['core'] & {
    lines: number;
};
export declare function fluentBitWork(wasm: Uint8Array, data: Uint8Array): WorkFigures['fluentBit'];
export declare function countWork(corpus: Uint8Array, lines: number, modules?: {
    core: string;
    fluentBit: string;
}): WorkFigures;
