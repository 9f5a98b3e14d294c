// Does the cost of a line grow with the catalog? Builds a second raw module from the catalog plus
// synthetic entries that share their leading words with real ones (the worst case for a dispatch on leading
// text: every real message now has more entries beside it), and counts the instructions per line of both
// modules on the same corpus. The synthetic entries go through the same disjointness proof as real ones;
// the few that it finds could match a real message are left out.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkAmbiguity, compileCatalog, writeGenerated } from '../compile/main.js';
import { parseTemplate } from '../compile/template.js';
import type { Catalog, CatalogEntry } from '../compile/load.js';
import { rawWork } from './work.js';
import { PACKAGE_ROOT, distPath } from '../binding/paths.js';

/** The words a template starts with, up to its first placeholder or bracket (at most two). */
function leadingWords(template: string): string | null {
  const m = /^([A-Za-z][A-Za-z0-9:,.-]*)(?: ([A-Za-z][A-Za-z0-9:,.-]*))?/.exec(template);
  if (!m) return null;
  return m[2] && !/[<[\\]/.test(m[2]) ? `${m[1]} ${m[2]}` : m[1];
}

export function withSyntheticEntries(catalog: Catalog, count: number): { catalog: Catalog; added: number } {
  const bases = catalog.entries.filter((e) => leadingWords(e.template) !== null);
  const synthetic: CatalogEntry[] = [];
  for (let k = 0; k < count; k++) {
    const base = bases[k % bases.length];
    const template = `${leadingWords(base.template)} zq${k}x synthetic <value>`;
    synthetic.push({
      ...base, id: `${base.family}.synthetic.e${k}`, title: `Synthetic entry ${k}`, template, nodes: parseTemplate(template),
      fields: [{ key: 'value', slot: 0, name: 'event.reason', type: 'word', ecsType: 'keyword', serverText: false, writtenFor: null }], examples: [],
      where: { file: 'synthetic', line: k + 1 },
    });
  }
  let entries = [...catalog.entries, ...synthetic];
  // Leave out every synthetic entry the proof says could match the same message as another entry.
  for (;;) {
    const all: Catalog = { families: catalog.families, entries: entries.map((e, index) => ({ ...e, index })) };
    const clashes = checkAmbiguity(all);
    const bad = new Set(clashes.flatMap((c) => [...c.matchAll(/(\S+\.synthetic\.e\d+)/g)].map((m) => m[1])));
    if (bad.size === 0) return { catalog: all, added: all.entries.length - catalog.entries.length };
    entries = entries.filter((e) => !bad.has(e.id));
  }
}

/** Builds the raw module for `catalog` in a scratch copy of assembly/; returns its bytes. */
export function buildCoreModule(catalog: Catalog): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ssh-scaling-'));
  try {
    cpSync(join(PACKAGE_ROOT, 'assembly'), join(dir, 'assembly'), { recursive: true });
    writeGenerated(catalog, dir);
    const out = join(dir, 'core.wasm');
    execFileSync(join(PACKAGE_ROOT, 'node_modules/.bin/asc'), [join(dir, 'assembly/adapters/raw/main.ts'), '--config', join(PACKAGE_ROOT, 'asconfig.json'), '--target', 'raw', '-o', out], { stdio: ['ignore', 'ignore', 'inherit'] });
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ScalingFigures { entries: number; syntheticEntries: number; instructionsPerLine: number; syntheticInstructionsPerLine: number; ratio: number }

export function catalogScaling(corpus: Uint8Array, synthetic = 300): ScalingFigures {
  const real = compileCatalog(join(PACKAGE_ROOT, 'catalog'));
  const { catalog, added } = withSyntheticEntries(real, synthetic);
  const bigger = buildCoreModule(catalog);
  const base = rawWork(readFileSync(distPath('ssh-log-matcher.wasm')), corpus);
  const more = rawWork(bigger, corpus);
  return { entries: real.entries.length, syntheticEntries: added, instructionsPerLine: base.classify, syntheticInstructionsPerLine: more.classify, ratio: more.classify / base.classify };
}
