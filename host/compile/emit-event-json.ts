// Writes assembly/generated/event-json.ts: for every entry, the ECS document the Fluent Bit module adds to a
// matched record, as a tree of nodes in preorder (the Fluent Bit module merges it into the record's own
// objects, so it needs the tree, not the flat leaf list the core module writes). Constant parts
// (event.code, event.category, log.level, ssh_log_matcher.entry, ...) are JSON fragments made here; captured
// parts name the field slot or header span the module copies from the matched line. The shape is the
// document plan's (toEcsDocument's) without `message` and `event.original`: the record holds the line.
import { documentFieldPaths, documentPlan, type Source } from './document-plan.js';
import type { Catalog, CatalogEntry } from './load.js';

/** Node kinds; assembly/fluent-bit/enrich.ts reads the same numbers. */
export const NODE_OBJECT = 0;
export const NODE_CONST = 1;
export const NODE_SLOT_STRING = 2;
export const NODE_SLOT_NUMBER = 3;
export const NODE_SLOT_IP = 4; // the slot's value when its shape is an IP address
export const NODE_SLOT_DOMAIN = 5; // the slot's value when its shape is a host name
export const NODE_HEADER = 6;

/** Header spans of the matched line (the word-2 argument of a NODE_HEADER). */
export const HEADER_TIMESTAMP = 0, HEADER_HOSTNAME = 1, HEADER_PROGRAM = 2, HEADER_PID = 3,
  HEADER_PRIORITY = 4, HEADER_FACILITY_CODE = 5, HEADER_SEVERITY_CODE = 6;

/** Behaviours a leaf belongs to: full enrichment, or only the entry id and severity. */
export const MODE_ENRICH = 1, MODE_CLASSIFY = 2;

type Leaf = { kind: number; arg: number; frag?: string; modes: number };
type Tree = Map<string, Tree | Leaf>;
const isLeaf = (x: Tree | Leaf): x is Leaf => !(x instanceof Map);

/** setDotted's rule: a later value at the same path replaces the earlier one. */
function put(tree: Tree, path: string, leaf: Leaf) {
  const parts = path.split('.');
  let t = tree;
  for (const p of parts.slice(0, -1)) {
    const next = t.get(p);
    if (next instanceof Map) t = next;
    else { const o: Tree = new Map(); t.set(p, o); t = o; }
  }
  t.set(parts[parts.length - 1], leaf);
}

const HEADERS: Partial<Record<Source['kind'], number>> = {
  timestamp: HEADER_TIMESTAMP, hostname: HEADER_HOSTNAME, program: HEADER_PROGRAM, pid: HEADER_PID,
  pri: HEADER_PRIORITY, priFacility: HEADER_FACILITY_CODE, priSeverity: HEADER_SEVERITY_CODE,
};

/** What ssh_classify writes besides nothing else: the entry id and its severity. */
const CLASSIFY_PATHS = new Set(['event.code', 'event.severity']);

/**
 * The entry's document as a tree, from the same plan the core module and toEcsDocument follow
 * (host/compile/document-plan.ts), so all three agree on paths, values and key order.
 */
export function entryTree(e: CatalogEntry): Tree {
  const t: Tree = new Map();
  for (const leaf of documentPlan(e, documentFieldPaths(e))) {
    const src = leaf.source;
    const modes = CLASSIFY_PATHS.has(leaf.path) ? MODE_ENRICH | MODE_CLASSIFY : MODE_ENRICH;
    if (src.kind === 'line' || src.kind === 'messageOrLine') continue; // the record holds the line itself
    if (src.kind === 'const') put(t, leaf.path, { kind: NODE_CONST, arg: 0, frag: src.json, modes });
    else if (src.kind === 'status') put(t, leaf.path, { kind: NODE_CONST, arg: 0, frag: JSON.stringify('matched'), modes });
    else if (src.kind === 'field') put(t, leaf.path, { kind: src.numeric ? NODE_SLOT_NUMBER : NODE_SLOT_STRING, arg: src.slot, modes });
    else if (src.kind === 'derived') put(t, leaf.path, { kind: src.shape === 'ip' ? NODE_SLOT_IP : NODE_SLOT_DOMAIN, arg: src.slot, modes });
    else if (HEADERS[src.kind] !== undefined) put(t, leaf.path, { kind: NODE_HEADER, arg: HEADERS[src.kind]!, modes });
    else throw new Error(`event-json: ${e.id}: no node kind for a ${src.kind} leaf at ${leaf.path}`);
  }
  return t;
}

interface Tables { names: number[]; frags: number[]; nodes: number[]; entryNodes: number[]; maxNodes: number }

const utf8 = new TextEncoder();

/** u32 words per node. */
export const NODE_WORDS = 5;

/**
 * Node = 5 u32 words: name offset in NAMES; name length | kind << 8 | modes << 16; for an object the index
 * just past its subtree, for a slot or header leaf its number; then a fragment's offset and length in
 * FRAGS: the whole member (`"name":value`) of a constant, or of an object made only of constants, so the
 * module writes it in one copy (length 0: no fragment).
 */
export function eventJsonTables(catalog: Catalog): Tables {
  const names: number[] = [], frags: number[] = [], nodes: number[] = [], entryNodes: number[] = [];
  const nameAt = new Map<string, number>();
  let maxNodes = 0;
  const modesOf = (x: Tree | Leaf): number => isLeaf(x) ? x.modes : [...x.values()].reduce((m, c) => m | modesOf(c), 0);
  // The JSON of a subtree made only of constants that every full enrichment writes, else null.
  const constantJson = (x: Tree | Leaf): string | null => {
    if (isLeaf(x)) return x.kind === NODE_CONST && (x.modes & MODE_ENRICH) ? x.frag! : null;
    const parts: string[] = [];
    for (const [k, c] of x) {
      const v = constantJson(c);
      if (v === null) return null;
      parts.push(`${JSON.stringify(k)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  };
  const emit = (name: string, x: Tree | Leaf) => {
    if (!/^[a-z0-9_]{1,255}$/.test(name)) throw new Error(`event-json: key '${name}' would need JSON escaping`);
    if (!nameAt.has(name)) { nameAt.set(name, names.length); names.push(...utf8.encode(name)); }
    const at = nodes.length;
    const word1 = name.length | ((isLeaf(x) ? x.kind : NODE_OBJECT) << 8) | (modesOf(x) << 16);
    nodes.push(nameAt.get(name)!, word1, isLeaf(x) ? x.arg : 0, 0, 0);
    const whole = isLeaf(x) && x.kind === NODE_CONST ? x.frag! : constantJson(x);
    if (whole !== null) {
      const bytes = utf8.encode(`${JSON.stringify(name)}:${whole}`);
      nodes[at + 3] = frags.length; nodes[at + 4] = bytes.length;
      frags.push(...bytes);
    }
    if (!isLeaf(x)) {
      for (const [k, c] of x) emit(k, c);
      nodes[at + 2] = nodes.length / NODE_WORDS;
    }
  };
  for (const e of catalog.entries) {
    const start = nodes.length / NODE_WORDS;
    entryNodes.push(start);
    for (const [k, c] of entryTree(e)) emit(k, c);
    maxNodes = Math.max(maxNodes, nodes.length / NODE_WORDS - start);
  }
  entryNodes.push(nodes.length / NODE_WORDS);
  return { names, frags, nodes, entryNodes, maxNodes };
}

const list = (xs: number[], perLine = 32) => {
  const rows: string[] = [];
  for (let i = 0; i < xs.length; i += perLine) rows.push('  ' + xs.slice(i, i + perLine).join(', '));
  return `[\n${rows.join(',\n')}\n]`;
};

export function emitEventJson(catalog: Catalog): string {
  const t = eventJsonTables(catalog);
  return `// GENERATED by host/compile/emit-event-json.ts from catalog/**/*.yaml. Do not edit: \`npm run build\` rewrites it.
// The ECS fields the Fluent Bit module adds per entry, as node trees in preorder (layout in the generator).

export const EJ_MAX_NODES: i32 = ${t.maxNodes};
export const EJ_NODE_SIZE: usize = ${NODE_WORDS * 4}; // bytes per node
export const EJ_NAMES: usize = memory.data<u8>(${list(t.names)});
export const EJ_FRAGS: usize = memory.data<u8>(${list(t.frags)});
export const EJ_NODES: usize = memory.data<u32>(${list(t.nodes, 20)});
export const EJ_ENTRY_NODES: usize = memory.data<u32>(${list(t.entryNodes, 16)});
`;
}
