import type { Catalog } from '../compile/load.js';
export declare function exportFluentBit(catalog: Catalog): string;
