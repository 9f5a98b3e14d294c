import type { Catalog } from '../compile/load.js';
export declare function exportPatterndb(catalog: Catalog, pubDate?: string): string;
