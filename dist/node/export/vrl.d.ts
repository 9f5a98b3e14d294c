import type { Catalog } from '../compile/load.js';
export declare function exportVrl(catalog: Catalog): string;
