/**
 * With `perFunction`, each function also gets a counter of its own, exported as `__instructions:<name>`
 * (for finding where the instructions go; `instructionProfile` reads them).
 */
export declare function instrument(wasm: Uint8Array, perFunction?: boolean): Uint8Array;
/** The counter of an instance of an instrumented module. */
export declare function instructionCounter(exports: WebAssembly.Exports): () => bigint;
/** Instructions per function of an instance of a module instrumented with `perFunction`, largest first. */
export declare function instructionProfile(exports: WebAssembly.Exports): [string, bigint][];
