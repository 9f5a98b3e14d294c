import type { CatalogEntry } from './load.js';
/** A message both entries match, or null when their languages are disjoint. */
export declare function sharedMessage(a: CatalogEntry, b: CatalogEntry): string | null;
