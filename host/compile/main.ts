// Build-time catalog compiler: catalog/**/*.yaml -> assembly/generated/ (entries as code, tables) + dist/catalog.json.
// Fails with file:line: reason for anything wrong in the catalog, including two entries that could match
// the same message.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sharedMessage } from './ambiguity.js';
import { firstBytes } from './program.js';
import { emitEntriesCode } from './codegen.js';
import { emitAssemblyTables, emitMeta } from './emit.js';
import { emitMessagesDoc } from './emit-docs.js';
import { emitDocument } from './emit-document.js';
import { emitWriters } from './emit-writer.js';
import { emitAbi } from './abi.js';
import { emitComponentMeta } from './emit-component-meta.js';
import { emitDetectRules, loadDetectRules } from './detect-rules.js';
import { CatalogError, at, findCatalogFiles, loadCatalog, type Catalog } from './load.js';

export function checkAmbiguity(catalog: Catalog): string[] {
  const programs = new Map(catalog.families.map((f) => [f.name, new Set(f.programs)]));
  const overlap = (a: string, b: string) => a === b || [...programs.get(a)!].some((p) => programs.get(b)!.has(p));
  const problems: string[] = [];
  const es = catalog.entries;
  const firsts = es.map((e) => firstBytes(e));
  for (let i = 0; i < es.length; i++) for (let j = i + 1; j < es.length; j++) {
    if (!overlap(es[i].family, es[j].family)) continue;
    if (![...firsts[i]].some((b) => firsts[j].has(b))) continue;
    const msg = sharedMessage(es[i], es[j]);
    if (msg !== null) problems.push(`${at(es[j].where)}: entries ${es[i].id} (${at(es[i].where)}) and ${es[j].id} can match the same message, e.g. ${JSON.stringify(msg)}`);
  }
  return problems;
}

export function compileCatalog(dir: string): Catalog {
  const catalog = loadCatalog(findCatalogFiles(dir));
  const clashes = checkAmbiguity(catalog);
  if (clashes.length) throw new CatalogError(clashes);
  return catalog;
}

function write(path: string, text: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes the AssemblyScript the matcher modules are built from, under `root`/assembly/generated/. */
export function writeGenerated(catalog: Catalog, root = '.'): void {
  write(join(root, 'assembly/generated/catalog.ts'), emitAssemblyTables(catalog));
  write(join(root, 'assembly/generated/entries.ts'), emitEntriesCode(catalog));
  write(join(root, 'assembly/generated/component-meta.ts'), emitComponentMeta(catalog));
  write(join(root, 'assembly/generated/abi.ts'), emitAbi());
  write(join(root, 'assembly/generated/document.ts'), emitDocument(catalog));
  write(join(root, 'assembly/generated/writers.ts'), emitWriters(catalog));
  write(join(root, 'assembly/generated/detect.ts'), emitDetectRules(catalog, loadDetectRules(catalog)));
}

/** `main.js tables` writes the generated code and tables, the catalog metadata and docs/messages.md. */
async function main(step: string, dir = 'catalog') {
  try {
    const catalog = compileCatalog(dir);
    if (step === 'tables') {
      writeGenerated(catalog);
      write('dist/catalog.json', JSON.stringify(emitMeta(catalog), null, 1) + '\n');
      write('docs/messages.md', emitMessagesDoc(catalog));
      console.error(`catalog: ${catalog.entries.length} entries in ${catalog.families.length} families`);
    } else throw new Error(`unknown step ${step}`);
  } catch (e) {
    if (e instanceof CatalogError) { console.error(e.problems.join('\n')); process.exit(1); }
    throw e;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv[2] ?? 'tables', process.argv[3]);
