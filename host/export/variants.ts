// Templates flattened for engines without optional parts (liblognorm, patterndb): every combination of
// optional parts becomes one variant, the one with all optional parts first (the matcher's preference).
// A single space stays a literal space (these engines match literal text); a run of two or more spaces in
// the reference, where real lines vary, becomes a `spaces` node (one or more spaces), unless a field that
// may hold spaces follows (exactSpaces).
import type { CatalogEntry, CatalogExample, CatalogField } from '../compile/load.js';
import { ADDRESS_TYPES, HOLDS_SPACES, TOKEN_TYPES } from '../compile/field-types.js';
import { frameLine } from './syslog-framing.js';
import type { TemplateNode } from '../compile/template.js';

/**
 * The template spaces that take exactly one space (the matcher's codegen.ts exactSpace): those right before
 * a field that may hold spaces, also past optional parts left out, so that the field keeps the rest of a
 * run (`Invalid user  0101 from` has the user ` 0101`). Every other space takes a whole run.
 */
export function exactSpaces(entry: CatalogEntry): Set<TemplateNode> {
  const typeOf = new Map(entry.fields.map((f) => [f.key, f.type]));
  const out = new Set<TemplateNode>();
  const walk = (nodes: TemplateNode[], up: TemplateNode[][]) => nodes.forEach((n, i) => {
    const rest = [nodes.slice(i + 1), ...up];
    if (n.kind === 'opt') walk(n.body, rest);
    if (n.kind !== 'space') return;
    const next = rest.flat().find((x) => x.kind !== 'opt'); // what follows with the optional parts left out
    if (next?.kind === 'field' && HOLDS_SPACES.has(typeOf.get(next.name)!)) out.add(n);
  });
  walk(entry.nodes, []);
  return out;
}

export type FlatNode =
  | { kind: 'lit'; text: string }
  /** A run of two or more spaces in the reference: the matcher reads any run of one or more. */
  | { kind: 'spaces' }
  /**
   * `optional`: the field sits in an optional part (the variant without it exists too). `empty`: the
   * variant where the field is empty, for engines whose parsers never match an empty value (liblognorm).
   */
  | { kind: 'field'; field: CatalogField; optional?: boolean; empty?: boolean }
  | { kind: 'alt'; options: string[]; field: CatalogField | null };

/** Lengths of the template's space runs, in the order the parser makes `space` nodes. */
export function spaceRuns(template: string): number[] {
  const runs: number[] = [];
  for (let i = 0; i < template.length;) {
    const c = template[i];
    if (c === '\\') { i += 2; continue; }
    if (c === '[') { // literal alternatives are taken raw, spaces and all (see template.ts)
      const close = template.indexOf(']', i);
      const inner = close > 0 ? template.slice(i + 1, close) : '';
      if (inner.includes('|') && !/[<[\\]/.test(inner)) { i = close + 1; continue; }
    }
    if (c === ' ') {
      let j = i;
      while (template[j] === ' ') j++;
      runs.push(j - i);
      i = j;
      continue;
    }
    i++;
  }
  return runs;
}

/** Every variant of the entry, literals merged, with-optional-part first. */
export function entryVariants(entry: CatalogEntry): FlatNode[][] {
  const byKey = new Map(entry.fields.map((f) => [f.key, f]));
  const runs = spaceRuns(entry.template);
  let spaceIndex = 0;
  // Number the space nodes once, in source order, so each variant uses the right run length.
  const numbered = new Map<TemplateNode, number>();
  const number = (ns: TemplateNode[]) => { for (const n of ns) { if (n.kind === 'space') numbered.set(n, runs[spaceIndex++] ?? 1); else if (n.kind === 'opt') number(n.body); } };
  number(entry.nodes);
  const exact = exactSpaces(entry);
  const expand = (ns: TemplateNode[], optional = false): FlatNode[][] => {
    let out: FlatNode[][] = [[]];
    for (const n of ns) {
      let tails: FlatNode[][];
      switch (n.kind) {
        case 'lit': tails = [[{ kind: 'lit', text: n.text }]]; break;
        case 'space': tails = [[numbered.get(n)! > 1 && !exact.has(n) ? { kind: 'spaces' } : { kind: 'lit', text: ' ' }]]; break;
        case 'field': tails = [[{ kind: 'field', field: byKey.get(n.name)!, optional }]]; break;
        case 'alt': tails = [[{ kind: 'alt', options: n.options, field: byKey.get(n.key) ?? null }]]; break;
        case 'opt': tails = [...expand(n.body, true), []]; break;
      }
      out = out.flatMap((head) => tails.map((t) => [...head, ...t]));
    }
    return out.map(mergeLiterals);
  };
  return expand(entry.nodes);
}

function mergeLiterals(ns: FlatNode[]): FlatNode[] {
  const out: FlatNode[] = [];
  for (const n of ns) {
    const last = out[out.length - 1];
    if (n.kind === 'lit' && last?.kind === 'lit') out[out.length - 1] = { kind: 'lit', text: last.text + n.text };
    else out.push(n);
  }
  return out;
}

/** The literal text right after position i (empty when a field, an alternative or the end follows). */
export function literalAfter(ns: FlatNode[], i: number): string {
  const n = ns[i + 1];
  return n?.kind === 'lit' ? n.text : '';
}

/** What an engine reproduces exactly beyond first-occurrence field ends (see firstOccurrenceLimit). */
export interface Exactness { tails: boolean; addresses: boolean }

/**
 * Why an engine whose fields end at the FIRST occurrence of the following text (liblognorm's string-to,
 * patterndb's @ESTRING@) cannot yield the matcher's values for these fields, or null when it can: some
 * value contains the text that follows it in the template (the matcher takes the rightmost place).
 * `exact` names what the export expresses exactly anyway (a final quoted text, address fields).
 */
export function firstOccurrenceLimit(entry: CatalogEntry, values: Record<string, string | number>, exact: Exactness = { tails: true, addresses: true }): string | null {
  const present = new Set(entry.fields.filter((f) => f.name in values).map((f) => f.name));
  for (const v of entryVariants(entry)) {
    const fields = v.flatMap((n) => (n.kind === 'field' || (n.kind === 'alt' && n.field) ? [n.field!.name] : []));
    if (fields.length !== present.size || !fields.every((f) => present.has(f))) continue;
    for (let i = 0; i < v.length; i++) {
      const n = v[i];
      if (n.kind !== 'field') continue;
      const value = String(values[n.field.name]);
      const next = v[i + 1];
      const after = next?.kind === 'lit' ? next.text : next?.kind === 'spaces' ? ' ' : '';
      if (!after) continue;
      const isTail = next?.kind === 'lit' && i + 2 === v.length;
      const t = n.field.type;
      if (HOLDS_SPACES.has(t)) {
        if (!(isTail && exact.tails) && value.includes(after)) return `${n.field.name} contains "${after}"`;
      } else if (TOKEN_TYPES.has(t)) {
        if (value.includes(after[0])) return `${n.field.name} contains "${after[0]}"`;
      } else if (ADDRESS_TYPES.has(t) && !exact.addresses && !/^[0-9.]+$/.test(value) && value.includes(after[0])) { // an IPv4 address is digits and dots
        return `${n.field.name} contains "${after[0]}"`;
      }
    }
    return null;
  }
  return null;
}

/**
 * Why an engine that matches literal spaces (one where the reference wrote one) cannot read this example
 * line, or null: its message has more runs of two or more spaces than the template (the matcher reads
 * any run of spaces where the template has one).
 */
export function spacingLimit(entry: CatalogEntry, line: string): string | null {
  const message = line.slice(frameLine(line, () => true).message);
  const runs = (message.match(/ {2,}/g) ?? []).length;
  return runs > spaceRuns(entry.template).filter((n) => n > 1).length ? 'a run of spaces where the reference has one space' : null;
}

/** Why a first-occurrence, literal-space engine cannot reproduce this example (see the two limits above). */
export function exampleLimit(entry: CatalogEntry, example: CatalogExample, exact?: Exactness): string | null {
  return firstOccurrenceLimit(entry, example.fields, exact) ?? spacingLimit(entry, example.line);
}
