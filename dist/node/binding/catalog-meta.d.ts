import type { CatalogMeta } from '../compile/emit.js';
export type { CatalogMeta };
export type EntryMeta = CatalogMeta['entries'][number];
export declare function loadCatalogMeta(path?: string): CatalogMeta;
