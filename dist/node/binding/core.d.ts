interface CoreExports {
    memory: WebAssembly.Memory;
    inputPtr(): number;
    inputCapacity(): number;
    resultPtr(): number;
    resultCapacity(): number;
    entryCount(): number;
    matchLine(len: number): number;
    matchBatch(len: number, final: number): number;
    batchConsumed(): number;
}
/**
 * One line's record, valid until the next call into the matcher. `words` is a view of the module's result
 * area (or a host-made record for a line too long for the input buffer); `at` is the record's first word;
 * `base` is what must be added to the record's offsets to index the caller's bytes.
 */
export interface RecordRef {
    words: Uint32Array;
    at: number;
    base: number;
}
export declare function coreModule(path?: string): WebAssembly.Module;
export declare class CoreMatcher {
    readonly exports: CoreExports;
    readonly inputCapacity: number;
    private readonly inputAt;
    private readonly resultAt;
    private readonly scratch;
    constructor(module?: WebAssembly.Module);
    get memoryBytes(): number;
    private bytes;
    private words;
    /** Matches one line (without its newline); the record's offsets index `line`. */
    matchLine(line: Uint8Array): RecordRef;
    /**
     * Matches every newline-separated line of `chunk` (the last one may lack its newline), calling `visit`
     * once per line in order. One call into WebAssembly per input buffer's worth of lines.
     */
    scanLines(chunk: Uint8Array, visit: (rec: RecordRef) => void): number;
    private tooLong;
}
export {};
