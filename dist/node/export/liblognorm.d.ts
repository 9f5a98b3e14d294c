import type { Catalog } from '../compile/load.js';
export declare function exportLiblognorm(catalog: Catalog): string;
