// An entry's program (the template as a flat sequence of steps, the input of host/compile/codegen.ts) and
// the facts about it the compiler needs elsewhere: which bytes a message can start with, the cheap
// pre-check run before an entry's code, and the ambiguity check's slots.
import { ADDRESS_TYPES, CLIENT_TYPED, MAY_BE_EMPTY, NUMBER_TYPES, TYPE_BYTES, type FieldType } from './field-types.js';
import type { CatalogEntry, CatalogField } from './load.js';
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
  | { op: 'field'; type: FieldType; slot: number; shortest: boolean } // shortest: text the server writes, ends first
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
        case 'field': { const f = slotOf.get(n.name)!; out.push({ op: 'field', type: f.type, slot: f.slot, shortest: f.serverText }); break; }
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
export function entryFilter(entry: CatalogEntry): [number, number, number, boolean] {
  const typeOf = new Map(entry.fields.map((f) => [f.key, f.type]));
  const minLen = (nodes: TemplateNode[]): number => nodes.reduce((n, x) => n + (
    x.kind === 'lit' ? utf8(x.text).length : x.kind === 'space' ? 1 : x.kind === 'opt' ? 0
      : x.kind === 'alt' ? Math.min(...x.options.map((o) => utf8(o).length)) : MAY_BE_EMPTY.has(typeOf.get(x.name)!) ? 0 : 1), 0);
  // sshd's ` [preauth]` after the template's last literal (an optional part): the tail check then looks
  // at the last word before it too (`preauth`; codegen.ts dispatch's tailBefore).
  const end = entry.nodes[entry.nodes.length - 1];
  const preauth = end?.kind === 'opt' && end.body.length === 2 && end.body[0].kind === 'space' && end.body[1].kind === 'lit' && end.body[1].text === '[preauth]';
  const tailNodes = (preauth ? entry.nodes.slice(0, -1) : [...entry.nodes]).reverse();
  const tail: number[] = [];
  for (const n of tailNodes) { if (n.kind !== 'lit') break; tail.unshift(...utf8(n.text)); }
  const last = tail.slice(-4);
  const word = (bytes: number[], shift: number) => bytes.reduce((w, b, i) => (w | (b << (8 * (i + shift)))) >>> 0, 0);
  const mask = (k: number, shift: number) => word(new Array(k).fill(0xff), shift);
  return [minLen(entry.nodes), word(last, 4 - last.length), mask(last.length, 4 - last.length), preauth && last.length > 0];
}

/** Whether a field's text is written by the server: a typed value, or text marked `written_by: server`. */
const serverWritten = (f: CatalogField) => ADDRESS_TYPES.has(f.type) || NUMBER_TYPES.has(f.type) || f.serverText;
const clientTyped = (f: CatalogField) => CLIENT_TYPED.has(f.type) && !f.serverText;

/**
 * Where sshd cuts a message: log.c formats it with "%.500s" after escaping it with strnvis (the pre-auth
 * child's lines twice), so a message of exactly this length may have lost its tail, and what now ends it may
 * be client text. Per family; families without an entry are not known to cut.
 */
export const MESSAGE_CUT: Readonly<Record<string, number>> = { openssh: 500 };

/**
 * The second reading of an entry (assembly/matcher/match.ts via codegen.ts emitTry; the reference matcher's
 * referenceRead): the client-typed field `slot` read shortest-first, and the slots of `mask` must be in the
 * same places in both readings. `gate`: the second reading is made only when the first reading's field
 * `gate.slot` holds one of `gate.values` (sshd writes the client text after the address only for those
 * methods: a key's ID, never anything after a password), or when it has one of the client fields after the
 * server's part (`gate.fields`, a mask) all the same, so that user names alone cannot make the other
 * methods' lines ambiguous and hide them: in a line sshd wrote for those methods the server's part ends the
 * message, and the longest-first reading always reaches it, leaving nothing after it.
 */
export interface SecondReading { slot: number; mask: number; gate: { slot: number; values: string[]; fields: number } | null; part: OptionalPart | null }

/**
 * An optional part holding a server-written field right after the client field of a second reading
 * (pam_unix's `for user <user>[(uid=<n>)] by`, the uid written by Linux-PAM 1.5.3 and later, not by older
 * versions). The first reading gives the field's ends to the part (codegen.ts: every end with it first), so
 * that a newer PAM's `alice(uid=1000) by` keeps its uid; but an older PAM writes a user name holding
 * `(uid=7) by (uid=0)` as it is, and that reading would take the uid from client text. The second reading
 * tries the part last (the rightmost reading: the field as long as the template allows), and is made only
 * when the first reading's field holds `text`, the literal text that follows the part (` by `): client text
 * replaying the server's part must hold it, an account name does not (a name with a space stays
 * unambiguous). Where the readings disagree the line is ambiguous.
 */
export interface OptionalPart { text: string }

type Flat = { f: CatalogField; optional: boolean };

function flatFields(entry: CatalogEntry): Flat[] {
  const flat: Flat[] = [];
  const walk = (nodes: TemplateNode[], optional: boolean) => {
    for (const n of nodes) {
      if (n.kind === 'opt') walk(n.body, true);
      else if (n.kind === 'field') flat.push({ f: entry.fields.find((x) => x.key === n.name)!, optional });
    }
  };
  walk(entry.nodes, false);
  return flat;
}

const readings = new WeakMap<CatalogEntry, SecondReading | null>();

export function secondReading(entry: CatalogEntry): SecondReading | null {
  if (!readings.has(entry)) readings.set(entry, findSecondReading(entry));
  return readings.get(entry)!;
}

function findSecondReading(entry: CatalogEntry): SecondReading | null {
  const flat = flatFields(entry).map((x) => x.f);
  const serverMask = flat.filter(serverWritten).reduce((m, f) => m | (1 << f.slot), 0);
  // The first server-written field with client-typed text before it (a server-written field before any
  // client text, such as the repeat count or Solaris' message id, decides nothing): the client-typed field
  // right before it decides where the server's part starts.
  const firstServer = flat.findIndex((f, i) => serverWritten(f) && flat.slice(0, i).some(clientTyped));
  if (firstServer >= 0) {
    const before = flat.slice(0, firstServer).map(clientTyped).lastIndexOf(true);
    const after = flat.slice(firstServer + 1).filter(clientTyped);
    if (after.length > 0) {
      const gates = after.map((f) => f.writtenFor);
      const gate = gates.every((g) => g && g.key === gates[0]!.key && g.values.join() === gates[0]!.values.join()) ? gates[0]! : null;
      const gateField = gate && entry.fields.find((f) => f.key === gate.key);
      const fields = after.reduce((m, f) => m | (1 << f.slot), 0);
      const slot = flat[before].slot;
      return { slot, mask: serverMask, gate: gateField ? { slot: gateField.slot, values: gate.values, fields } : null, part: optionalPart(entry, slot) };
    }
  }
  // Two user names with only literal text between them (Tectia's `client user <a>, server user <b>,`):
  // either could hold the text between them, so the second one's place must agree. (Free text followed by
  // free text, `<message>: <error>`, is left to the rightmost rule: its second part is mostly the server's
  // own error string, and reading such lines as ambiguous would lose real ones.)
  for (let i = 0; i + 1 < flat.length; i++) {
    if (clientTyped(flat[i]) && flat[i].type === 'user' && clientTyped(flat[i + 1]) && flat[i + 1].type === 'user')
      return { slot: flat[i].slot, mask: serverMask | (1 << flat[i + 1].slot), gate: null, part: optionalPart(entry, flat[i].slot) };
  }
  return null;
}

/** The OptionalPart after the field of `slot`, when an optional part holding a server-written field follows it. */
function optionalPart(entry: CatalogEntry, slot: number): OptionalPart | null {
  const byKey = new Map(entry.fields.map((f) => [f.key, f]));
  const holdsServer = (nodes: TemplateNode[]): boolean => nodes.some((n) =>
    (n.kind === 'field' && serverWritten(byKey.get(n.name)!)) || (n.kind === 'opt' && holdsServer(n.body)));
  let found: OptionalPart | null = null;
  const walk = (nodes: TemplateNode[]) => nodes.forEach((n, i) => {
    if (n.kind === 'opt') walk(n.body);
    const part = nodes[i + 1];
    if (n.kind !== 'field' || byKey.get(n.name)!.slot !== slot || part?.kind !== 'opt' || !holdsServer(part.body)) return;
    let text = '';
    for (const t of nodes.slice(i + 2)) {
      if (t.kind === 'space') text += ' ';
      else if (t.kind === 'lit') text += t.text;
      else break;
    }
    if (text) found = { text };
  });
  walk(entry.nodes);
  return found;
}

/**
 * [slot, mask] for the ambiguity check (assembly/matcher/match.ts): when client-typed fields stand both
 * before and after a server-written one, the slot of the last client-typed field before it (read again
 * shortest-first) and the mask of the slots both readings must agree on; else [255, 0]. (secondReading has
 * the whole rule.)
 */
export function entryCheck(entry: CatalogEntry): [number, number] {
  const r = secondReading(entry);
  return r ? [r.slot, r.mask] : [NO_SLOT, 0];
}

/**
 * Whether a message of the family's cut length (MESSAGE_CUT) may have its server-written fields taken from
 * client text: some client-typed field stands before a server-written one.
 */
const cuts = new WeakMap<CatalogEntry, boolean>();

export function cutSensitive(entry: CatalogEntry): boolean {
  let c = cuts.get(entry);
  if (c === undefined) {
    const flat = flatFields(entry).map((x) => x.f);
    cuts.set(entry, c = entry.family in MESSAGE_CUT && flat.some((f, i) => serverWritten(f) && flat.slice(0, i).some(clientTyped)));
  }
  return c;
}

/**
 * A word (a run of bytes without a space, at least REQUIRED_WORD_MIN long) that every message the entry
 * matches holds, taken from the template's own literal text after its first field or optional part: the
 * longest such word, or null. A message without it cannot match, which a search of the message tells for
 * less than the entry's code would spend on fields it then gives up (codegen.ts emitTry: the entries of
 * one family sharing a long optional start, `Disconnecting[ [[authenticating|invalid] user[ <user>] ]<host>
 * port <port>]: ...`, would each read that start again). Literal text outside optional parts and choices
 * only: a template space stands for a run of spaces, so a word never spans one.
 */
export const REQUIRED_WORD_MIN = 4;

export function requiredWord(entry: CatalogEntry): number[] | null {
  let best: number[] | null = null;
  let varied = false; // a field or an optional part came before: the entry's code may work before it fails
  for (const n of entry.nodes) {
    if (n.kind === 'field' || n.kind === 'opt' || n.kind === 'alt') { varied = true; continue; }
    if (n.kind !== 'lit' || !varied) continue;
    for (const w of n.text.split(' ')) {
      const bytes = utf8(w);
      if (bytes.length >= REQUIRED_WORD_MIN && (!best || bytes.length > best.length)) best = bytes;
    }
  }
  return best;
}
