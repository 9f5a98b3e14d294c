// Writes assembly/generated/document.ts: every entry's document plan (and the plan for lines no entry
// matched) as a tree of nodes in preorder, the one table the module's ECS writer reads
// (assembly/ecs/document.ts writes whole documents from it, assembly/ecs/merge.ts merges it into a host's
// JSON record). Constant parts (event.code, event.category, ssh_log_matcher.entry, ...) are JSON fragments
// made here; the other leaves name the field slot or header span the module copies from the matched line.
//
// Node = NODE_WORDS u32 words: name offset in DOC_NAMES; name length | kind << 8 | modes << 16; for an
// object the index just past its subtree, for a field leaf its slot, for related.* the mask of its slots;
// then a fragment's offset and length in DOC_FRAGS: for a constant the whole member (`"name":value`), for
// an object made only of constants of its own modes the whole member too (written in one copy), for
// log.level and event.severity the catalog's value used when the line has no PRI (length 0: none).
import type { Catalog } from './load.js';
import { documentPlan, type Leaf } from './document-plan.js';
import { FACILITY_NAMES, SEVERITY_NAMES } from './ecs.js';
import { NODE, NODE_WORDS, STATUS, type NodeKind } from './abi.js';

export type Tree = Map<string, Tree | Leaf>;
export const isLeaf = (x: Tree | Leaf): x is Leaf => !(x instanceof Map);

export function treeOf(leaves: Leaf[]): Tree {
  const t: Tree = new Map();
  for (const leaf of leaves) {
    const parts = leaf.path.split('.');
    let n = t;
    for (const p of parts.slice(0, -1)) {
      let next = n.get(p);
      if (next === undefined) { next = new Map(); n.set(p, next); }
      if (isLeaf(next)) throw new Error(`document: ${leaf.path} lies under the value ${next.path}`);
      n = next;
    }
    n.set(parts[parts.length - 1], leaf);
  }
  return t;
}

function kindOf(l: Leaf): [NodeKind, number] {
  const s = l.source;
  switch (s.kind) {
    case 'field': return [s.numeric ? 'fieldNumber' : 'fieldString', s.slot];
    case 'derived': return [s.shape === 'ip' ? 'derivedIp' : 'derivedDomain', s.slot];
    case 'relatedIp': case 'relatedUser': return [s.kind, s.slots.reduce((m, x) => m | (1 << x), 0)];
    default: return [s.kind, 0];
  }
}

export interface DocumentTables { names: number[]; frags: number[]; nodes: number[]; entryNodes: number[]; maxNodes: number; maxFrags: number }

const utf8 = new TextEncoder();

export function documentTables(catalog: Catalog): DocumentTables {
  const names: number[] = [], frags: number[] = [], nodes: number[] = [], entryNodes: number[] = [];
  const nameAt = new Map<string, number>();
  const fragAt = new Map<string, number>();
  let maxNodes = 0, maxFrags = 0, planFrags = 0;
  const frag = (text: string): [number, number] => {
    const bytes = utf8.encode(text);
    let at = fragAt.get(text);
    if (at === undefined) { at = frags.length; fragAt.set(text, at); frags.push(...bytes); }
    planFrags += bytes.length;
    return [at, bytes.length];
  };
  const modesOf = (x: Tree | Leaf): number => isLeaf(x) ? x.modes! : [...x.values()].reduce((m, c) => m | modesOf(c), 0);
  // The JSON of a subtree made only of constants written in every mode the subtree is, else null.
  const constantJson = (x: Tree | Leaf, modes: number): string | null => {
    if (isLeaf(x)) return x.source.kind === 'const' && x.modes === modes ? x.source.json : null;
    const parts: string[] = [];
    for (const [k, c] of x) {
      const v = constantJson(c, modes);
      if (v === null) return null;
      parts.push(`${JSON.stringify(k)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  };
  const emit = (name: string, x: Tree | Leaf) => {
    if (!/^[@a-z0-9_]{1,255}$/.test(name)) throw new Error(`document: key '${name}' would need JSON escaping`);
    if (!nameAt.has(name)) { nameAt.set(name, names.length); names.push(...utf8.encode(name)); }
    const at = nodes.length;
    const [kind, arg] = isLeaf(x) ? kindOf(x) : ['object' as NodeKind, 0];
    const modes = modesOf(x);
    nodes.push(nameAt.get(name)!, name.length | (NODE[kind] << 8) | (modes << 16), arg, 0, 0);
    let f: [number, number] | null = null;
    if (isLeaf(x) && x.source.kind === 'level') f = x.source.json ? frag(x.source.json) : null;
    else {
      const whole = constantJson(x, modes);
      if (whole !== null) f = frag(`${JSON.stringify(name)}:${whole}`);
    }
    if (f) { nodes[at + 3] = f[0]; nodes[at + 4] = f[1]; }
    if (!isLeaf(x)) {
      for (const [k, c] of x) emit(k, c);
      nodes[at + 2] = nodes.length / NODE_WORDS;
    }
  };
  for (const e of [...catalog.entries, null]) {
    const start = nodes.length / NODE_WORDS;
    entryNodes.push(start);
    planFrags = 0;
    for (const [k, c] of treeOf(documentPlan(e))) emit(k, c);
    maxNodes = Math.max(maxNodes, nodes.length / NODE_WORDS - start);
    maxFrags = Math.max(maxFrags, planFrags);
  }
  entryNodes.push(nodes.length / NODE_WORDS);
  return { names, frags, nodes, entryNodes, maxNodes, maxFrags };
}

/** Length-prefixed JSON strings, one per index: status names, facility names, severity names. */
function stringTable(values: readonly string[]): number[] {
  return values.flatMap((v) => { const b = [...utf8.encode(JSON.stringify(v))]; return [b.length, ...b]; });
}

const list = (xs: number[], perLine = 32) => {
  const rows: string[] = [];
  for (let i = 0; i < xs.length; i += perLine) rows.push('  ' + xs.slice(i, i + perLine).join(', '));
  return `[\n${rows.join(',\n')}\n]`;
};

export function emitDocument(catalog: Catalog): string {
  const t = documentTables(catalog);
  return `// GENERATED by host/compile/emit-document.ts from catalog/**/*.yaml. Do not edit: \`npm run build\` rewrites it.
// The ECS document of every entry (and, last, of lines no entry matched) as node trees in preorder;
// layout in the generator. Read by the module's one ECS writer, assembly/ecs/.

export const DOC_ENTRIES: i32 = ${catalog.entries.length};
export const DOC_MAX_NODES: i32 = ${t.maxNodes};
/** Bytes of constant text one document can hold at most. */
export const DOC_MAX_CONST: u32 = ${t.maxFrags};
export const DOC_NAMES: usize = memory.data<u8>(${list(t.names)});
export const DOC_FRAGS: usize = memory.data<u8>(${list(t.frags)});
export const DOC_NODES: usize = memory.data<u32>(${list(t.nodes, 20)});
export const DOC_ENTRY_NODES: usize = memory.data<u32>(${list(t.entryNodes, 16)});
// JSON strings by number, each after its length byte.
export const STATUS_JSON: usize = memory.data<u8>(${list(stringTable(STATUS))});
export const FACILITY_JSON: usize = memory.data<u8>(${list(stringTable(FACILITY_NAMES))});
export const SEVERITY_NAME_JSON: usize = memory.data<u8>(${list(stringTable(SEVERITY_NAMES))});
/** log.level from a PRI: the catalog's level names. */
export const LEVEL_JSON: usize = memory.data<u8>(${list(stringTable(['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug']))});
`;
}
