// Turns entries into the matcher's bytecode and dispatch tables. The byte layout here is the contract with
// assembly/matcher/template.ts; both sides name the opcodes the same way.
import { FIELD_TYPES, MAY_BE_EMPTY, TYPE_BYTES } from './field-types.js';
import type { Catalog, CatalogEntry } from './load.js';
import type { TemplateNode } from './template.js';

export const OP = { END: 0, LIT: 1, SPACE: 2, FIELD: 3, ALT: 4, OPT: 5 } as const;
export const NO_SLOT = 255;

const utf8 = (s: string) => [...Buffer.from(s, 'utf8')];
const u16 = (n: number) => [n & 0xff, n >> 8];

export function entryBytecode(entry: CatalogEntry): number[] {
  const slotOf = new Map(entry.fields.map((f) => [f.key, f]));
  const seq = (nodes: TemplateNode[]): number[] => nodes.flatMap((n): number[] => {
    switch (n.kind) {
      case 'lit': {
        const b = utf8(n.text);
        if (b.length > 0xffff) throw new Error(`${entry.id}: literal too long`);
        return [OP.LIT, ...u16(b.length), ...b];
      }
      case 'space': return [OP.SPACE];
      case 'field': {
        const f = slotOf.get(n.name)!;
        return [OP.FIELD, FIELD_TYPES[f.type], f.slot];
      }
      case 'alt': {
        const body = n.options.flatMap((o) => { const b = utf8(o); return [b.length, ...b]; });
        return [OP.ALT, slotOf.get(n.key)?.slot ?? NO_SLOT, n.options.length, ...u16(body.length), ...body];
      }
      case 'opt': {
        const body = seq(n.body);
        return [OP.OPT, ...u16(body.length), ...body];
      }
    }
  });
  return [...seq(entry.nodes), OP.END];
}

/** Bytes a message matching this entry can start with (all 256 when it can start with anything). */
export function firstBytes(entry: CatalogEntry): Set<number> {
  const typeOf = new Map(entry.fields.map((f) => [f.key, f.type]));
  const out = new Set<number>();
  // Returns true when the sequence can match the empty string, so what follows may supply the first byte.
  const walk = (nodes: TemplateNode[]): boolean => {
    for (const n of nodes) {
      if (n.kind === 'lit') { out.add(utf8(n.text)[0]); return false; }
      if (n.kind === 'space') { out.add(0x20); return false; }
      if (n.kind === 'alt') { for (const o of n.options) out.add(utf8(o)[0]); return false; }
      if (n.kind === 'opt') { walk(n.body); continue; }
      const type = typeOf.get(n.name)!;
      for (const b of TYPE_BYTES[type]) out.add(b);
      if (!MAY_BE_EMPTY.has(type)) return false;
    }
    return true;
  };
  walk(entry.nodes);
  return out;
}

/**
 * A cheap pre-check per entry, run before its bytecode: the shortest message it can match, and the
 * fixed bytes (up to 4) every match starts and ends with, as little-endian words with masks.
 */
export function entryFilter(entry: CatalogEntry): [number, number, number, number, number] {
  const typeOf = new Map(entry.fields.map((f) => [f.key, f.type]));
  const minLen = (nodes: TemplateNode[]): number => nodes.reduce((n, x) => n + (
    x.kind === 'lit' ? utf8(x.text).length : x.kind === 'space' ? 1 : x.kind === 'opt' ? 0
      : x.kind === 'alt' ? Math.min(...x.options.map((o) => utf8(o).length)) : MAY_BE_EMPTY.has(typeOf.get(x.name)!) ? 0 : 1), 0);
  const fixed = (nodes: TemplateNode[]): number[] => {
    const out: number[] = [];
    for (const n of nodes) {
      if (n.kind === 'lit') out.push(...utf8(n.text));
      else { if (n.kind === 'space') out.push(0x20); break; }
    }
    return out;
  };
  const head = fixed(entry.nodes).slice(0, 4);
  const tailNodes = [...entry.nodes].reverse();
  const tail: number[] = [];
  for (const n of tailNodes) { if (n.kind !== 'lit') break; tail.unshift(...utf8(n.text)); }
  const last = tail.slice(-4);
  const word = (bytes: number[], shift: number) => bytes.reduce((w, b, i) => (w | (b << (8 * (i + shift)))) >>> 0, 0);
  const mask = (k: number, shift: number) => word(new Array(k).fill(0xff), shift);
  return [minLen(entry.nodes), word(head, 0), mask(head.length, 0), word(last, 4 - last.length), mask(last.length, 4 - last.length)];
}

const CLIENT_TYPED = new Set(['user', 'quoted', 'text', 'word', 'rest']);
const SERVER_WRITTEN = new Set(['host', 'ipv4', 'ipv6', 'ip', 'port', 'uint']);

/**
 * [slot, mask] for the ambiguity check (assembly/matcher/match.ts): when client-typed fields stand both
 * before and after a server-written one, the slot of the last client-typed field before it (read again
 * shortest-first) and the mask of the server-written slots both readings must agree on; else [255, 0].
 */
export function entryCheck(entry: CatalogEntry): [number, number] {
  const flat: { slot: number; type: string }[] = [];
  const walk = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'opt') walk(n.body);
      else if (n.kind === 'field') { const f = entry.fields.find((x) => x.key === n.name)!; flat.push({ slot: f.slot, type: f.type }); }
    }
  };
  walk(entry.nodes);
  const firstServer = flat.findIndex((f) => SERVER_WRITTEN.has(f.type));
  if (firstServer < 0) return [NO_SLOT, 0];
  // The client-typed field right before the server-written part decides where that part starts.
  const before = flat.slice(0, firstServer).map((f) => CLIENT_TYPED.has(f.type)).lastIndexOf(true);
  const clientAfter = flat.slice(firstServer + 1).some((f) => CLIENT_TYPED.has(f.type));
  if (before < 0 || !clientAfter) return [NO_SLOT, 0];
  return [flat[before].slot, flat.filter((f) => SERVER_WRITTEN.has(f.type)).reduce((m, f) => m | (1 << f.slot), 0)];
}

export interface Tables {
  programBlob: number[];     // [count] then per program: [len, ...name, mask u32 LE]
  code: number[];            // all entries' bytecode, back to back
  entryPc: number[];         // offset of each entry's bytecode in `code`
  entryFamily: number[];     // family bit mask of each entry
  bucketStart: number[];     // 257 offsets into bucketItems, indexed by the message's first byte
  bucketItems: number[];     // entry indexes, in catalog order
  entryFilter: number[];     // 5 words per entry, see entryFilter()
  entryCheck: number[];      // 2 bytes per entry, see entryCheck()
}

export function buildTables(catalog: Catalog): Tables {
  if (catalog.families.length > 31) throw new Error('at most 31 catalog families');
  const famBit = new Map(catalog.families.map((f, i) => [f.name, 1 << i]));
  const programMasks = new Map<string, number>();
  for (const f of catalog.families) for (const p of f.programs) programMasks.set(p, (programMasks.get(p) ?? 0) | famBit.get(f.name)!);
  const programBlob = [programMasks.size];
  for (const [name, mask] of [...programMasks].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const b = utf8(name);
    programBlob.push(b.length, ...b, mask & 0xff, (mask >> 8) & 0xff, (mask >> 16) & 0xff, (mask >>> 24) & 0xff);
  }
  const code: number[] = [];
  const entryPc: number[] = [];
  for (const e of catalog.entries) { entryPc.push(code.length); code.push(...entryBytecode(e)); }
  const firsts = catalog.entries.map((e) => firstBytes(e));
  const bucketStart: number[] = [];
  const bucketItems: number[] = [];
  for (let b = 0; b < 256; b++) {
    bucketStart.push(bucketItems.length);
    firsts.forEach((first, i) => { if (first.has(b)) bucketItems.push(i); });
  }
  bucketStart.push(bucketItems.length);
  return {
    programBlob, code, entryPc, entryFamily: catalog.entries.map((e) => famBit.get(e.family)!), bucketStart, bucketItems,
    entryFilter: catalog.entries.flatMap((e) => entryFilter(e)),
    entryCheck: catalog.entries.flatMap((e) => entryCheck(e)),
  };
}
