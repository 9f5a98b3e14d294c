// The shape of the ECS document written for a line: an ordered list of leaves (dotted path + where the
// value comes from), one plan per entry and one for lines that matched no entry. The module's one ECS
// writer (assembly/ecs/document.ts) follows it, from the tables host/compile/emit-document.ts makes of
// it; every host (Node, the CLI, the sidecar, Fluent Bit, the component) gets its documents from there.
// Leaves are ordered so every object's keys are contiguous: a document's key order then never depends on
// which optional values a line happens to have.
import type { CatalogEntry } from './load.js';
import { ADDRESS_TYPES, JSON_SAFE, writesNumber } from './field-types.js';
import { ECS_VERSION, RELATED_USER_FIELDS, derivedAddressFields } from './ecs.js';
import { MODE_CLASSIFY, MODE_DOCUMENT, MODE_ENRICH } from './abi.js';

export type Source =
  | { kind: 'const'; json: string }
  | { kind: 'original' } // event.original: the whole line, only when the host asks for it
  | { kind: 'messageOrLine' }
  | { kind: 'timestamp' } // @timestamp: the header's timestamp in ISO 8601, UTC (assembly/ecs/timestamp.ts)
  | { kind: 'hostname' } | { kind: 'program' } | { kind: 'pid' }
  | { kind: 'pri' } | { kind: 'priFacility' } | { kind: 'priFacilityName' } | { kind: 'priSeverity' } | { kind: 'priSeverityName' }
  | { kind: 'level'; json: string } // the PRI's severity name, else the catalog's level (json; '' for none)
  | { kind: 'field'; slot: number; numeric: boolean; jsonSafe: boolean } // jsonSafe: no byte needs escaping (field-types.ts)
  | { kind: 'derived'; slot: number; shape: 'ip' | 'domain' }
  | { kind: 'relatedIp'; slots: number[] } // values of these slots that are IP addresses, deduplicated
  | { kind: 'relatedUser'; slots: number[] }
  | { kind: 'status' }
  | { kind: 'repeated' }; // rsyslog's count of a line matched inside `message repeated N times: [...]`

export interface Leaf { path: string; source: Source; modes?: number }

/** Entry fields as they appear in documents: derived x.ip / x.domain right after x.address. */
export function documentFieldPaths(entry: Pick<CatalogEntry, 'fields'>): Leaf[] {
  const out: Leaf[] = [];
  for (const f of entry.fields) {
    out.push({ path: f.name, source: { kind: 'field', slot: f.slot, numeric: writesNumber(f), jsonSafe: JSON_SAFE.has(f.type) } });
    const derived = derivedAddressFields(f.name);
    if (derived && ADDRESS_TYPES.has(f.type)) {
      out.push({ path: derived.ip, source: { kind: 'derived', slot: f.slot, shape: 'ip' } });
      if (f.type === 'host' && derived.domain) out.push({ path: derived.domain, source: { kind: 'derived', slot: f.slot, shape: 'domain' } });
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

/** What a plan needs of an entry: its classification and its fields. */
export interface PlanEntry {
  id: string; title: string; severity: number; level: string;
  event: { category: string[]; type: string[]; action: string; outcome: string };
  sshEvent: string | null;
  fields: CatalogEntry['fields'];
}

const ALL = MODE_DOCUMENT | MODE_ENRICH;
const REPEATED_FIELD = 'system.auth.ssh.repeated';
/** What ssh_classify writes: the entry id and its severity. */
const CLASSIFY_PATHS = new Set(['event.code', 'event.severity']);

/**
 * The document of an entry's lines (null: lines no entry matched). `message` comes first and
 * `event.original` is written only on request; both belong to the whole document only (MODE_DOCUMENT):
 * a host record merged with the ECS fields (MODE_ENRICH) holds the line itself.
 */
export function documentPlan(entry: PlanEntry | null): Leaf[] {
  const fields = entry ? documentFieldPaths(entry) : [];
  const root = (f: Leaf) => f.path.split('.')[0];
  const under = (r: string) => fields.filter((f) => root(f) === r);
  const others = fields.filter((f) => !['event', 'process', 'source', 'user'].includes(root(f)));
  const slotsOf = (pick: (f: CatalogEntry['fields'][number], path: string) => boolean) =>
    entry ? fields.filter((l) => l.source.kind === 'field' || l.source.kind === 'derived')
      .flatMap((l) => { const s = l.source as { slot: number }; const f = entry.fields[s.slot]; return pick(f, l.path) ? [s.slot] : []; }) : [];
  const ipSlots = slotsOf((f, path) => path.endsWith('.ip') || (path === f.name && f.ecsType === 'ip'));
  const userSlots = slotsOf((f, path) => path === f.name && RELATED_USER_FIELDS.has(f.name));
  const leaves: Leaf[] = [
    { path: 'message', source: { kind: 'messageOrLine' }, modes: MODE_DOCUMENT },
    { path: '@timestamp', source: { kind: 'timestamp' } },
    { path: 'ecs.version', source: c(ECS_VERSION) },
  ];
  if (entry) leaves.push(
    { path: 'event.kind', source: c('event') }, { path: 'event.code', source: c(entry.id) },
    { path: 'event.category', source: c(entry.event.category) }, { path: 'event.type', source: c(entry.event.type) },
    { path: 'event.action', source: c(entry.event.action) }, { path: 'event.outcome', source: c(entry.event.outcome) },
    { path: 'event.severity', source: c(entry.severity) }, ...under('event'));
  leaves.push(
    { path: 'event.original', source: { kind: 'original' }, modes: MODE_DOCUMENT },
    { path: 'log.level', source: { kind: 'level', json: entry ? JSON.stringify(entry.level) : '' } },
    { path: 'log.syslog.priority', source: { kind: 'pri' } },
    { path: 'log.syslog.facility.code', source: { kind: 'priFacility' } },
    { path: 'log.syslog.facility.name', source: { kind: 'priFacilityName' } },
    { path: 'log.syslog.severity.code', source: { kind: 'priSeverity' } },
    { path: 'log.syslog.severity.name', source: { kind: 'priSeverityName' } },
    { path: 'host.hostname', source: { kind: 'hostname' } },
    { path: 'process.name', source: { kind: 'program' } },
    { path: 'process.pid', source: { kind: 'pid' } },
    ...under('process'), ...under('source'), ...under('user'), ...others);
  if (entry?.sshEvent) leaves.push({ path: 'system.auth.ssh.event', source: c(entry.sshEvent) });
  // The count of rsyslog's wrapper around any entry's line, under the name the wrapper's own entry
  // (openssh.auth.failed-repeated) gives its count field; that entry writes the field itself.
  if (entry && !entry.fields.some((f) => f.name === REPEATED_FIELD)) leaves.push({ path: REPEATED_FIELD, source: { kind: 'repeated' } });
  if (ipSlots.length) leaves.push({ path: 'related.ip', source: { kind: 'relatedIp', slots: ipSlots } });
  if (userSlots.length) leaves.push({ path: 'related.user', source: { kind: 'relatedUser', slots: userSlots } });
  leaves.push({ path: 'ssh_log_matcher.status', source: { kind: 'status' } });
  if (entry) leaves.push({ path: 'ssh_log_matcher.entry', source: c(entry.id) }, { path: 'ssh_log_matcher.title', source: c(entry.title) });
  for (const l of leaves) l.modes ??= CLASSIFY_PATHS.has(l.path) ? ALL | MODE_CLASSIFY : ALL;
  const order = contiguous(leaves);
  const paths = new Set<string>();
  for (const l of order) {
    if (paths.has(l.path)) throw new Error(`document plan of ${entry?.id ?? 'unmatched lines'} has ${l.path} twice`);
    paths.add(l.path);
  }
  return order;
}
