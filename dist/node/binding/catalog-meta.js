// The compiled catalog's metadata (dist/catalog.json): what each entry index means.
import { readFileSync } from 'node:fs';
import { distPath } from './paths.js';
let cached = null;
export function loadCatalogMeta(path = distPath('catalog.json')) {
    if (!cached || path !== distPath('catalog.json'))
        cached = JSON.parse(readFileSync(path, 'utf8'));
    return cached;
}
