// The project's catalog, loaded once per test file, and the matcher built from it.
import { findCatalogFiles, loadCatalog, type Catalog } from '../../host/compile/load.js';
import { Matcher } from '../../host/binding/index.js';

let catalog: Catalog | null = null;
export function projectCatalog(): Catalog {
  catalog ??= loadCatalog(findCatalogFiles('catalog'));
  return catalog;
}

export const newMatcher = () => new Matcher();
