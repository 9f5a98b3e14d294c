import type { Catalog } from '../compile/load.js';
export declare const grokName: (s: string) => string;
export declare function exportGrok(catalog: Catalog): string;
