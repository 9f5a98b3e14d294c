// The shape of the ECS document written for a line: an ordered list of leaves (dotted path + where the
// value comes from), one plan per entry and one for lines that matched no entry. Both writers follow it:
// host/binding/event.ts (toEcsDocument, objects) and assembly/matcher/document.ts (JSON text in WASM), so
// their output is the same bytes. Leaves are ordered so every object's keys are contiguous: a document's
// key order then never depends on which optional values a line happens to have.
import type { CatalogEntry } from './load.js';


export type Source =
  | { kind: 'const'; json: string }
  | { kind: 'line' }
  | { kind: 'messageOrLine' }
  | { kind: 'timestamp' } | { kind: 'hostname' } | { kind: 'program' }
  | { kind: 'pid' }
  | { kind: 'pri' } | { kind: 'priFacility' } | { kind: 'priSeverity' }
  | { kind: 'field'; slot: number; numeric: boolean }
  | { kind: 'derived'; slot: number; shape: 'ip' | 'domain' }
  | { kind: 'status' }
  | { kind: 'value'; value: string | number }; // a value already decoded (the Node side)

export interface Leaf { path: string; source: Source }

/** Entry fields as they appear in documents: derived x.ip / x.domain right after x.address. */
export function documentFieldPaths(entry: Pick<CatalogEntry, 'fields'>): Leaf[] {
  const out: Leaf[] = [];
  for (const f of entry.fields) {
    out.push({ path: f.name, source: { kind: 'field', slot: f.slot, numeric: (f.type === 'port' || f.type === 'uint') && f.ecsType === 'long' } });
    if (f.name.endsWith('.address') && ['host', 'ip', 'ipv4', 'ipv6'].includes(f.type)) {
      const base = f.name.slice(0, -'.address'.length);
      out.push({ path: `${base}.ip`, source: { kind: 'derived', slot: f.slot, shape: 'ip' } });
      if (f.type === 'host') out.push({ path: `${base}.domain`, source: { kind: 'derived', slot: f.slot, shape: 'domain' } });
    }
  }
  return contiguous(out);
}

/** Reorders items so that paths sharing a prefix are adjacent, keeping first-appearance order otherwise. */
export function contiguous<T extends { path: string }>(items: T[]): T[] {
  interface Node { children: Map<string, Node>; items: T[] }
  const root: Node = { children: new Map(), items: [] };
  for (const it of items) {
    let n = root;
    for (const seg of it.path.split('.')) {
      let c = n.children.get(seg);
      if (!c) { c = { children: new Map(), items: [] }; n.children.set(seg, c); }
      n = c;
    }
    n.items.push(it);
  }
  const out: T[] = [];
  const walk = (n: Node) => { out.push(...n.items); for (const c of n.children.values()) walk(c); };
  walk(root);
  return out;
}

const c = (value: unknown): Source => ({ kind: 'const', json: JSON.stringify(value) });

/** What a plan needs of an entry: its classification; `fields` in document order (documentFieldPaths). */
export interface PlanEntry {
  id: string; title: string; severity: number; level: string; facility: string | null;
  event: { category: string[]; type: string[]; action: string; outcome: string };
}

export function documentPlan(entry: PlanEntry | null, fields: Leaf[]): Leaf[] {
  const under = (root: string) => fields.filter((f) => f.path.split('.')[0] === root);
  const others = fields.filter((f) => !['event', 'process'].includes(f.path.split('.')[0]));
  const leaves: Leaf[] = [{ path: 'message', source: { kind: 'messageOrLine' } }];
  if (entry) leaves.push(
    { path: 'event.kind', source: c('event') }, { path: 'event.code', source: c(entry.id) },
    { path: 'event.category', source: c(entry.event.category) }, { path: 'event.type', source: c(entry.event.type) },
    { path: 'event.action', source: c(entry.event.action) }, { path: 'event.outcome', source: c(entry.event.outcome) },
    { path: 'event.severity', source: c(entry.severity) }, ...under('event'));
  leaves.push({ path: 'event.original', source: { kind: 'line' } });
  if (entry) leaves.push({ path: 'log.level', source: c(entry.level) });
  leaves.push(
    { path: 'log.syslog.timestamp', source: { kind: 'timestamp' } },
    { path: 'log.syslog.priority', source: { kind: 'pri' } },
    { path: 'log.syslog.facility.code', source: { kind: 'priFacility' } });
  if (entry?.facility) leaves.push({ path: 'log.syslog.facility.name', source: c(entry.facility) });
  leaves.push(
    { path: 'log.syslog.severity.code', source: { kind: 'priSeverity' } },
    { path: 'host.hostname', source: { kind: 'hostname' } },
    { path: 'process.name', source: { kind: 'program' } },
    { path: 'process.pid', source: { kind: 'pid' } },
    ...under('process'), ...others,
    { path: 'ssh_log_matcher.status', source: { kind: 'status' } });
  if (entry) leaves.push({ path: 'ssh_log_matcher.entry', source: c(entry.id) }, { path: 'ssh_log_matcher.title', source: c(entry.title) });
  const order = contiguous(leaves);
  if (order.some((l, i) => l !== leaves[i])) throw new Error(`document plan of ${entry?.id ?? 'unmatched lines'} is not contiguous`);
  return leaves;
}
