// The compiled catalog's metadata (dist/catalog.json): what each entry index means.
import { readFileSync } from 'node:fs';
import { distPath } from './paths.js';
const cache = new Map();
export function loadCatalogMeta(path = distPath('catalog.json')) {
    let meta = cache.get(path);
    if (!meta) {
        meta = JSON.parse(readFileSync(path, 'utf8'));
        cache.set(path, meta);
    }
    return meta;
}
