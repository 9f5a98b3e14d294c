// An entry's program (the template as a flat sequence of steps, the input of host/compile/codegen.ts) and
// the facts about it the compiler needs elsewhere: which bytes a message can start with, the cheap
// pre-check run before an entry's code, and the ambiguity check's slots.
import { MAY_BE_EMPTY, TYPE_BYTES, type FieldType } from './field-types.js';
import type { CatalogEntry } from './load.js';
import type { TemplateNode } from './template.js';

import { NO_SLOT } from './abi.js';

export { NO_SLOT };

const utf8 = (s: string) => [...Buffer.from(s, 'utf8')];

/**
 * One step of an entry's program: the template flattened into a sequence the code generator walks. An `opt`
 * step is followed by its body; `skip` is the index where the sequence goes on without it. The body's last
 * step flows straight into that continuation, so "what comes next" is always the following step.
 */
export type Step =
  | { op: 'lit'; bytes: number[] }
  | { op: 'space' }                                   // one or more spaces, all of them
  | { op: 'field'; type: FieldType; slot: number }
  | { op: 'alt'; slot: number; options: number[][] }  // slot NO_SLOT when the choice is not captured
  | { op: 'opt'; skip: number }
  | { op: 'end' };

export function entryProgram(entry: CatalogEntry): Step[] {
  const slotOf = new Map(entry.fields.map((f) => [f.key, f]));
  const out: Step[] = [];
  const seq = (nodes: TemplateNode[]) => {
    for (const n of nodes) {
      switch (n.kind) {
        case 'lit': out.push({ op: 'lit', bytes: utf8(n.text) }); break;
        case 'space': out.push({ op: 'space' }); break;
        case 'field': { const f = slotOf.get(n.name)!; out.push({ op: 'field', type: f.type, slot: f.slot }); break; }
        case 'alt': out.push({ op: 'alt', slot: slotOf.get(n.key)?.slot ?? NO_SLOT, options: n.options.map(utf8) }); break;
        case 'opt': {
          const step = { op: 'opt' as const, skip: 0 };
          out.push(step);
          seq(n.body);
          step.skip = out.length;
          break;
        }
      }
    }
  };
  seq(entry.nodes);
  out.push({ op: 'end' });
  return out;
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
 * A cheap pre-check per entry, run before its code: the shortest message it can match, and the fixed bytes
 * (up to 4) every match ends with, as a little-endian word with its mask. (Its leading bytes are the
 * dispatch tree's to check.)
 */
export function entryFilter(entry: CatalogEntry): [number, number, number] {
  const typeOf = new Map(entry.fields.map((f) => [f.key, f.type]));
  const minLen = (nodes: TemplateNode[]): number => nodes.reduce((n, x) => n + (
    x.kind === 'lit' ? utf8(x.text).length : x.kind === 'space' ? 1 : x.kind === 'opt' ? 0
      : x.kind === 'alt' ? Math.min(...x.options.map((o) => utf8(o).length)) : MAY_BE_EMPTY.has(typeOf.get(x.name)!) ? 0 : 1), 0);
  const tailNodes = [...entry.nodes].reverse();
  const tail: number[] = [];
  for (const n of tailNodes) { if (n.kind !== 'lit') break; tail.unshift(...utf8(n.text)); }
  const last = tail.slice(-4);
  const word = (bytes: number[], shift: number) => bytes.reduce((w, b, i) => (w | (b << (8 * (i + shift)))) >>> 0, 0);
  const mask = (k: number, shift: number) => word(new Array(k).fill(0xff), shift);
  return [minLen(entry.nodes), word(last, 4 - last.length), mask(last.length, 4 - last.length)];
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

