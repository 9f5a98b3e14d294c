import type { CatalogEntry } from './load.js';
type Spans = Map<string, string>;
/**
 * How far the furthest attempt got: template elements passed first, then bytes. Counting elements first
 * keeps a greedy free-text field that swallowed the line from looking like progress.
 */
export interface Progress {
    elements: number;
    pos: number;
    expected: string;
}
export declare function referenceMatch(entry: CatalogEntry, message: Buffer): Spans | null;
/** Where matching `message` against `entry` got furthest, for explaining a miss. */
export declare function furthestProgress(entry: CatalogEntry, message: Buffer): Progress;
export {};
