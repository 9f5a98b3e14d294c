// The compiled catalog's metadata (dist/catalog.json): what each entry index means.
import { readFileSync } from 'node:fs';
import type { CatalogMeta } from '../compile/emit.js';
import { distPath } from './paths.js';

export type { CatalogMeta };
export type EntryMeta = CatalogMeta['entries'][number];

const cache = new Map<string, CatalogMeta>();
export function loadCatalogMeta(path = distPath('catalog.json')): CatalogMeta {
  let meta = cache.get(path);
  if (!meta) { meta = JSON.parse(readFileSync(path, 'utf8')) as CatalogMeta; cache.set(path, meta); }
  return meta;
}
