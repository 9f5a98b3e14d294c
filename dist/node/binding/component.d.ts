import { type CatalogMeta } from './catalog-meta.js';
import { type LineResult, type MatchEvent } from './event.js';
import { type DocumentOptions } from './options.js';
/** What both bindings offer: the raw `Matcher` and `ComponentMatcher` answer these identically. */
export interface LineMatcher {
    match(line: string | Uint8Array): MatchEvent | null;
    classify(line: string | Uint8Array): string | null;
    matchLines(chunk: string | Uint8Array): LineResult[];
}
/** Longest line the component matches, in UTF-8 bytes (MAX_LINE in assembly/adapters/component/main.ts). */
export declare const MAX_LINE_BYTES: number;
export declare class ComponentMatcher implements LineMatcher {
    private readonly component;
    private readonly core;
    /** ECS names of the fields each entry reports as numbers (the raw binding's rule, host/binding/event.ts). */
    private readonly numeric;
    private options;
    private constructor();
    /** Instantiates the component through its jco binding: a fresh instance each time, like `createMatcher()`. */
    static create(catalog?: CatalogMeta, options?: DocumentOptions): Promise<ComponentMatcher>;
    /** Changes what the component's documents hold from the next call on. */
    setDocumentOptions(options: DocumentOptions): void;
    private witOptions;
    /** The ECS documents of lines as JSON text, written by the component's ECS writer, one per line. */
    writeJson(lines: string[]): string[];
    /** Size of the core instance's linear memory; it never grows (tests check that). */
    get memoryBytes(): number;
    /** Bytes of the component's call arena in use: 0 whenever no call is running. */
    arenaInUse(): number;
    /** The event of one line (a newline inside is matched as a character), or null when no entry matches. */
    match(line: string | Uint8Array): MatchEvent | null;
    /** Entry id of one line, or null. */
    classify(line: string | Uint8Array): string | null;
    /** Full result of one line, matched or not. */
    matchDetailed(line: string | Uint8Array): LineResult;
    /** Every newline-separated line of a chunk, in order, one result each; batched calls into the component. */
    matchLines(chunk: string | Uint8Array): LineResult[];
    private header;
    private event;
    private lineResult;
    /** The component writes a result's document when asked, from the line (which it gets as text anyway). */
    private readonly writer;
    private withDocument;
}
/** Instantiates the component's Node binding; the same methods as `createMatcher()`'s raw binding. */
export declare function createComponentMatcher(options?: DocumentOptions): Promise<ComponentMatcher>;
