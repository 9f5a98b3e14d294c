import type { Catalog } from './load.js';
import { type Step } from './program.js';
/**
 * An expression true when the `bytes` equal memory at `at` (+ offset), a word at a time. The caller has
 * checked that the bytes lie inside the message.
 */
export declare function bytesEqualExpr(at: string, bytes: number[], offset?: number): string;
/** Every literal text a message matching the entry can start with, up to its first field. */
export declare function leadingLiterals(steps: Step[]): number[][];
export declare function emitEntriesCode(catalog: Catalog): string;
