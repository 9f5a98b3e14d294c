import { type FieldType } from './field-types.js';
import type { CatalogEntry } from './load.js';
import { NO_SLOT } from './abi.js';
export { NO_SLOT };
/**
 * One step of an entry's program: the template flattened into a sequence the code generator walks. An `opt`
 * step is followed by its body; `skip` is the index where the sequence goes on without it. The body's last
 * step flows straight into that continuation, so "what comes next" is always the following step.
 */
export type Step = {
    op: 'lit';
    bytes: number[];
} | {
    op: 'space';
} | {
    op: 'field';
    type: FieldType;
    slot: number;
} | {
    op: 'alt';
    slot: number;
    options: number[][];
} | {
    op: 'opt';
    skip: number;
} | {
    op: 'end';
};
export declare function entryProgram(entry: CatalogEntry): Step[];
/** Bytes a message matching this entry can start with (all 256 when it can start with anything). */
export declare function firstBytes(entry: CatalogEntry): Set<number>;
/**
 * A cheap pre-check per entry, run before its bytecode: the shortest message it can match, and the
 * fixed bytes (up to 4) every match starts and ends with, as little-endian words with masks.
 */
export declare function entryFilter(entry: CatalogEntry): [number, number, number, number, number];
/**
 * [slot, mask] for the ambiguity check (assembly/matcher/match.ts): when client-typed fields stand both
 * before and after a server-written one, the slot of the last client-typed field before it (read again
 * shortest-first) and the mask of the server-written slots both readings must agree on; else [255, 0].
 */
export declare function entryCheck(entry: CatalogEntry): [number, number];
