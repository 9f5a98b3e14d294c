// The project's catalog, loaded once per test file, and the matcher built from it.
import { findCatalogFiles, loadCatalog, type Catalog } from '../../host/compile/load.js';
import { Matcher } from '../../host/binding/index.js';

let catalog: Catalog | null = null;
export function projectCatalog(): Catalog {
  catalog ??= loadCatalog(findCatalogFiles('catalog'));
  return catalog;
}

/** The reference time of test documents (RFC 3164 years): the Fluent Bit harness's default record time. */
export const REFERENCE_TIME = new Date(1764064798_000);

export const newMatcher = () => new Matcher(undefined, undefined, { referenceTime: REFERENCE_TIME });
