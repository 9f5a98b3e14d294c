// The compiled catalog's metadata (dist/catalog.json): what each entry index means.
import { readFileSync } from 'node:fs';
import type { CatalogMeta } from '../compile/emit.js';
import { distPath } from './paths.js';

export type { CatalogMeta };
export type EntryMeta = CatalogMeta['entries'][number];

let cached: CatalogMeta | null = null;
export function loadCatalogMeta(path = distPath('catalog.json')): CatalogMeta {
  if (!cached || path !== distPath('catalog.json')) cached = JSON.parse(readFileSync(path, 'utf8')) as CatalogMeta;
  return cached;
}
