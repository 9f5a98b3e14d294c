// --explain: a human-readable account of one line: its framing, the entry it matched with each field, or,
// when nothing matched, the entries that came closest and where each stopped (like liblognorm's unparsed
// remainder). Uses the reference matcher, so it is slow and meant for single lines.
import { join } from 'node:path';
import { findCatalogFiles, loadCatalog, type Catalog } from '../compile/load.js';
import { furthestProgress } from '../compile/reference-matcher.js';
import { PACKAGE_ROOT } from '../binding/paths.js';
import type { LineResult } from '../binding/index.js';

let catalog: Catalog | null = null;

export function explain(r: LineResult): string {
  catalog ??= loadCatalog(findCatalogFiles(join(PACKAGE_ROOT, 'catalog')), PACKAGE_ROOT);
  const h = r.header;
  const out = [`line:    ${JSON.stringify(r.line)}`];
  const parts = [h.timestamp && `timestamp ${JSON.stringify(h.timestamp)}`, h.hostname && `host ${JSON.stringify(h.hostname)}`,
    h.program && `program ${JSON.stringify(h.program)}`, h.pid !== null && `pid ${h.pid}`, h.priority !== null && `priority ${h.priority}`].filter(Boolean);
  out.push(`framing: ${h.framing}${parts.length ? ` (${parts.join(', ')})` : ''}`);
  out.push(`message: ${JSON.stringify(r.message)}`);
  if (r.event) {
    out.push(`result:  matched ${r.event.id} "${r.event.title}" (${r.event.level}; ${r.event.event.category.join(',')}/${r.event.event.outcome})`);
    for (const [k, v] of Object.entries(r.event.fields)) out.push(`  ${k} = ${JSON.stringify(v)}`);
    return out.join('\n');
  }
  out.push(`result:  ${r.status}`);
  if (r.status !== 'no-match' && r.status !== 'too-complex') return out.join('\n');
  const msg = Buffer.from(r.message ?? '');
  const families = h.program === null ? null : new Set(catalog.families.filter((f) => f.programs.includes(h.program!)).map((f) => f.name));
  const ranked = catalog.entries
    .filter((e) => families === null || families.has(e.family))
    .map((e) => ({ e, p: furthestProgress(e, msg) }))
    .sort((a, b) => b.p.elements - a.p.elements || b.p.pos - a.p.pos)
    .slice(0, 3);
  out.push('closest entries:');
  for (const { e, p } of ranked) {
    out.push(`  ${e.id}: template ${JSON.stringify(e.template)}`);
    out.push(`    matched ${p.pos} of ${msg.length} bytes, then expected ${p.expected} at ${JSON.stringify(msg.subarray(p.pos, p.pos + 24).toString())}`);
  }
  return out.join('\n');
}
