import { type Catalog } from './load.js';
export declare function checkAmbiguity(catalog: Catalog): string[];
export declare function compileCatalog(dir: string): Catalog;
