// Runs every catalog example through the built matcher: each must be classified as its own entry and
// yield exactly the fields it lists. Used by the build (after the module is compiled) and by the tests.
import { createMatcher, type Matcher } from '../binding/index.js';
import { at, CatalogError, type Catalog } from '../compile/load.js';
import { compileCatalog } from '../compile/main.js';

export function checkExamples(catalog: Catalog, matcher: Matcher): string[] {
  const problems: string[] = [];
  for (const entry of catalog.entries) for (const ex of entry.examples) {
    const r = matcher.matchDetailed(ex.line);
    if (!r.event) { problems.push(`${at(ex.where)}: example of ${entry.id} does not match (status ${r.status}): ${JSON.stringify(ex.line)}`); continue; }
    if (r.event.id !== entry.id) { problems.push(`${at(ex.where)}: example of ${entry.id} matches ${r.event.id} instead`); continue; }
    const got = r.event.fields;
    for (const k of new Set([...Object.keys(ex.fields), ...Object.keys(got)])) {
      if (!(k in got)) problems.push(`${at(ex.where)}: example of ${entry.id} yields no ${k} (expected ${JSON.stringify(ex.fields[k])})`);
      else if (!(k in ex.fields)) problems.push(`${at(ex.where)}: example of ${entry.id} also yields ${k}=${JSON.stringify(got[k])}; list it under fields`);
      else if (got[k] !== ex.fields[k]) problems.push(`${at(ex.where)}: example of ${entry.id} yields ${k}=${JSON.stringify(got[k])}, expected ${JSON.stringify(ex.fields[k])}`);
    }
  }
  return problems;
}

/**
 * `node dist/node/build/examples.js [catalog]`: the build's last check of the catalog, run once the modules
 * are built: every example line yields its entry and fields. Here, not in host/compile, because it needs the
 * built module through the binding, and the binding reads what the compiler writes.
 */
async function main(dir = 'catalog') {
  const catalog = compileCatalog(dir);
  const problems = checkExamples(catalog, await createMatcher());
  if (problems.length) { console.error(new CatalogError(problems).problems.join('\n')); process.exit(1); }
  console.error(`catalog: ${catalog.entries.reduce((n, e) => n + e.examples.length, 0)} examples yield their fields`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv[2]);
