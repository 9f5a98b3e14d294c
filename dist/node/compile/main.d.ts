import { type Catalog } from './load.js';
export declare function checkAmbiguity(catalog: Catalog): string[];
export declare function compileCatalog(dir: string): Catalog;
/** Writes the AssemblyScript the matcher modules are built from, under `root`/assembly/generated/. */
export declare function writeGenerated(catalog: Catalog, root?: string): void;
