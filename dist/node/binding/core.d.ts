import { type DocumentOptions } from './options.js';
interface CoreExports {
    memory: WebAssembly.Memory;
    inputPtr(): number;
    inputCapacity(): number;
    resultPtr(): number;
    resultCapacity(): number;
    entryCount(): number;
    matchLine(len: number): number;
    matchBatch(len: number, final: number): number;
    matchBatchJson(len: number, final: number, onlyMatched: number): number;
    writeRecordDocument(index: number): number;
    setDocumentOptions(flags: number, nowSeconds: number, offsetMinutes: number): void;
    batchConsumed(): number;
    outputPtr(): number;
    outputLength(): number;
}
/** Receives a batch's JSON text (a view of module memory, valid until the next call) or one host-made line. */
export type JsonSink = (json: Uint8Array | string) => void;
/**
 * One line's record, valid only during the visit it is passed to (batch visits reuse one object, and the
 * module reuses its result area on the next call). `words` is a view of the module's result
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
    private options;
    constructor(module?: WebAssembly.Module);
    get memoryBytes(): number;
    /** What the module's documents hold (event.original, the zone and reference time of timestamps). */
    setDocumentOptions(o: DocumentOptions): void;
    /** Tells the module the options, with the reference time of this call. */
    private applyOptions;
    /**
     * The ECS document of one line (its bytes as matched, without the newline), written by the module: the
     * line is matched again into the first record. A line too long for the input buffer is written with an
     * empty line and its text put into the JSON here, the one place a value is escaped outside the module.
     */
    lineDocumentJson(line: Uint8Array): string;
    private bytes;
    private words;
    /** Matches one line (without its newline); the record's offsets index `line`. */
    matchLine(line: Uint8Array): RecordRef;
    /**
     * Matches every newline-separated line of `chunk` (the last one may lack its newline), calling `visit`
     * once per line in order. One call into WebAssembly per input buffer's worth of lines.
     */
    scanLines(chunk: Uint8Array, visit: (rec: RecordRef) => void): number;
    /**
     * As scanLines, and the module also writes each line's ECS document as a line of JSON, handed to `sink`
     * batch by batch. Lines too long for the input buffer never reach the module: `tooLongJson` writes them.
     */
    scanJson(chunk: Uint8Array, onlyMatched: boolean, visit: (rec: RecordRef) => void, sink: JsonSink, tooLongJson: (rec: RecordRef) => string): number;
    private scan;
    private tooLong;
}
export {};
