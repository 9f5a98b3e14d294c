// The reference matcher: a deliberately plain TypeScript matcher of a message against the catalog's syntax
// trees, with the semantics written down in docs/catalog-format.md and none of the WASM matcher's machinery
// (no generated code, no dispatch tree, no word-wide compares). Property tests use it as the oracle for the WASM matcher, and
// `--explain` uses it to show where a line stopped matching an entry. Slow on purpose; never on a hot path.
import { isIPv6 } from 'node:net';
import type { CatalogEntry } from './load.js';
import { HOLDS_SPACES, MAX_LENGTH, type FieldType } from './field-types.js';
import { MESSAGE_CUT, cutSensitive, secondReading, type SecondReading } from './program.js';
import type { TemplateNode } from './template.js';

type Spans = Map<string, string>;

/**
 * How far the furthest attempt got: template elements passed first, then bytes. Counting elements first
 * keeps a greedy free-text field that swallowed the line from looking like progress.
 */
export interface Progress { elements: number; pos: number; expected: string }
let progress: Progress | null = null;
let depth = 0;
function reached(pos: number, expected: string) {
  if (progress && (depth > progress.elements || (depth === progress.elements && pos >= progress.pos))) {
    progress.elements = depth; progress.pos = pos; progress.expected = expected;
  }
}

const HOST_BYTES = /^[A-Za-z0-9._:%-]*$/;
const isName = (s: string) => s.length <= 253 && /^[A-Za-z0-9_-]{1,63}(\.[A-Za-z0-9_-]{1,63})*$/.test(s);

function ipv6(s: string): boolean {
  const pct = s.indexOf('%');
  if (pct >= 0) {
    const zone = s.slice(pct + 1);
    if (!/^[A-Za-z0-9_.-]+$/.test(zone)) return false;
    s = s.slice(0, pct);
  }
  return isIPv6(s);
}

function valid(type: FieldType, v: string): boolean {
  switch (type) {
    case 'user': return true;
    case 'word': return v.length > 0 && !v.includes(' ');
    case 'keyword': return v.length <= MAX_LENGTH.keyword && /^[A-Za-z0-9._@+-]+$/.test(v);
    case 'quoted': case 'text': case 'rest': return true;
    case 'port': return v.length <= MAX_LENGTH.port && /^\d+$/.test(v) && Number(v) <= 65535;
    case 'uint': return v.length <= MAX_LENGTH.uint && /^\d+$/.test(v);
    case 'ipv4': return /^\d{1,3}(\.\d{1,3}){3}$/.test(v) && v.split('.').every((p) => Number(p) <= 255);
    case 'ipv6': return v.length <= MAX_LENGTH.ipv6 && ipv6(v);
    case 'ip': case 'host': {
      if (!HOST_BYTES.test(v) || v.length === 0 || v.length > MAX_LENGTH[type]) return false;
      if (/[:%]/.test(v)) return ipv6(v);
      if (/^[0-9.]+$/.test(v)) return valid('ipv4', v);
      return type === 'host' && isName(v);
    }
  }
}

/** The rest of the template: the remaining nodes of the current sequence, then of the enclosing ones. */
type Cont = { nodes: TemplateNode[]; i: number; up: Cont } | null;

const settle = (c: Cont): Cont => { while (c && c.i === c.nodes.length) c = c.up; return c; };

/**
 * Matches the rest of the template `c` at `pos`, in the documented priority order: optional parts
 * with-then-without, alternatives in order, fields longest first, except that an optional part right after
 * a field (also across the end of an enclosing optional part) is tried with it for every field length
 * before any length without it.
 */
function run(entry: CatalogEntry, c: Cont, s: Buffer, pos: number, spans: Spans): boolean {
  c = settle(c);
  if (!c) {
    if (pos !== s.length) reached(pos, 'the end of the message');
    return pos === s.length;
  }
  depth++;
  try {
    return node(entry, c, s, pos, spans);
  } finally {
    depth--;
  }
}

function node(entry: CatalogEntry, c: NonNullable<Cont>, s: Buffer, pos: number, spans: Spans): boolean {
  const n = c.nodes[c.i];
  const after: Cont = { nodes: c.nodes, i: c.i + 1, up: c.up };
  const next = (p: number) => run(entry, after, s, p, spans);
  switch (n.kind) {
    case 'lit': {
      const b = Buffer.from(n.text);
      let same = 0;
      while (same < b.length && s[pos + same] === b[same]) same++;
      if (same < b.length) { reached(pos + same, JSON.stringify(b.subarray(same).toString())); return false; }
      return next(pos + b.length);
    }
    case 'space': {
      if (s[pos] !== 0x20) { reached(pos, 'a space'); return false; }
      // one space before a field that may hold spaces (the field keeps the rest of a run), else the whole run
      let a = settle(after);
      while (a && a.nodes[a.i].kind === 'opt') a = settle({ nodes: a.nodes, i: a.i + 1, up: a.up }); // past parts left out
      const following = a ? a.nodes[a.i] : null;
      const f = following?.kind === 'field' ? entry.fields.find((x) => x.key === following.name) : undefined;
      if (f && HOLDS_SPACES.has(f.type)) return next(pos + 1);
      let p = pos;
      while (s[p] === 0x20) p++;
      return next(p);
    }
    case 'alt':
      reached(pos, `one of ${n.key}`);
      for (const o of n.options) {
        const b = Buffer.from(o);
        if (s.subarray(pos, pos + b.length).equals(b) && next(pos + b.length)) { spans.set(n.key, o); return true; }
      }
      return false;
    case 'opt':
      return run(entry, { nodes: n.body, i: 0, up: after }, s, pos, spans) || next(pos);
    case 'field': {
      const f = entry.fields.find((x) => x.key === n.name)!;
      reached(pos, `<${n.name}> (${f.type})`);
      const tryWith = (cont: (p: number) => boolean) => {
        const shortest = n.name === shortestFirstKey || f.serverText; // server-written text ends first
        for (let k = 0; k <= s.length - pos; k++) {
          const e = shortest ? pos + k : s.length - k;
          if (f.type === 'rest' && e !== s.length) continue;
          if (!valid(f.type, s.subarray(pos, e).toString('latin1'))) continue;
          if (cont(e)) { spans.set(n.name, s.subarray(pos, e).toString('utf8')); positions?.set(n.name, [pos, e]); return true; }
        }
        return false;
      };
      const a = settle(after);
      const following = a ? a.nodes[a.i] : null;
      if (a && following?.kind === 'opt') {
        const skip: Cont = { nodes: a.nodes, i: a.i + 1, up: a.up };
        const take: Cont = { nodes: following.body, i: 0, up: skip };
        const withPart = () => tryWith((p) => run(entry, take, s, p, spans)), without = () => tryWith((p) => run(entry, skip, s, p, spans));
        return n.name === partLastKey ? without() || withPart() : withPart() || without(); // program.ts OptionalPart
      }
      return tryWith(next);
    }
  }
}

// The field read shortest-first instead of longest-first, for the second reading (referenceRead), and where
// each field was found (the readings are compared by place, as the matcher compares them).
let shortestFirstKey: string | null = null;
let partLastKey: string | null = null; // and the optional part after it tried last (program.ts OptionalPart)
let positions: Map<string, [number, number]> | null = null;

export function referenceMatch(entry: CatalogEntry, message: Buffer, shortestFirst: string | null = null, partLast = false): Spans | null {
  const spans: Spans = new Map();
  shortestFirstKey = shortestFirst;
  partLastKey = partLast ? shortestFirst : null;
  try {
    return run(entry, { nodes: entry.nodes, i: 0, up: null }, message, 0, spans) ? spans : null;
  } finally {
    shortestFirstKey = partLastKey = null;
  }
}

/**
 * The documented reading of a message by one entry, the ambiguity rules included: a message of the length
 * sshd cuts at (program.ts MESSAGE_CUT) is 'ambiguous' for an entry whose client text may now end it; and
 * where the compiler marks the entry (program.ts secondReading: client-typed text on both sides of
 * server-written fields, or two user names in a row), the message is read again with that client field
 * shortest-first (an optional part after it last, program.ts OptionalPart), unless the gate's field holds
 * none of its values (or the field not the text after the part), and if a field of the mask then holds other text the
 * result is 'ambiguous'.
 */
export function referenceRead(entry: CatalogEntry, message: Buffer, second: SecondReading | null = secondReading(entry)): Spans | 'ambiguous' | null {
  const cut = cutSensitive(entry) && message.length === MESSAGE_CUT[entry.family];
  message = withoutTrailingSpaces(message);
  if (!second) { const r = referenceMatch(entry, message); return r && cut ? 'ambiguous' : r; }
  const at1 = positions = new Map();
  const first = referenceMatch(entry, message);
  positions = null;
  if (!first) return null;
  if (cut) return 'ambiguous';
  const gate = second.gate && entry.fields.find((f) => f.slot === second.gate!.slot)!;
  const gated = second.gate ? entry.fields.filter((f) => (second.gate!.fields & (1 << f.slot)) !== 0 && first.has(f.key)) : [];
  if (gate && second.gate && gated.length === 0 && !second.gate.values.includes(first.get(gate.key) ?? '\u0000none')) return first;
  const key = entry.fields.find((f) => f.slot === second.slot)!.key;
  const held = at1.get(key);
  if (second.part && !(held && message.subarray(held[0], held[1]).includes(second.part.text))) return first;
  const at2 = positions = new Map();
  const again = referenceMatch(entry, message, key, second.part !== null);
  positions = null;
  const place = (m: Map<string, [number, number]>, k: string) => String(m.get(k) ?? 'none');
  const compared = entry.fields.filter((f) => (second.mask & (1 << f.slot)) !== 0).map((f) => f.key);
  return again && compared.every((k) => place(at1, k) === place(at2, k)) ? first : 'ambiguous';
}

/**
 * The message inside rsyslog's `message repeated N times: [ <message>]`, or null: what is matched when no
 * entry matches the whole message (assembly/matcher/match.ts repeatedMessage).
 */
export function repeatedInner(message: Buffer): Buffer | null {
  const m = /^message repeated (\d{1,10}) times: \[ ?/.exec(message.toString('latin1'));
  const body = withoutTrailingSpaces(message);
  if (!m || body.length < 28 || body[body.length - 1] !== 0x5d || m[0].length >= body.length - 1) return null;
  return body.subarray(m[0].length, body.length - 1);
}

/** A message is matched without the spaces that end it (a collector's, never sshd's). */
export function withoutTrailingSpaces(message: Buffer): Buffer {
  let n = message.length;
  while (n > 0 && message[n - 1] === 0x20) n--;
  return message.subarray(0, n);
}

/** Where each field of the (longest-first) reading of `message` lies, as [start, end) byte offsets. */
export function referencePlaces(entry: CatalogEntry, message: Buffer): Map<string, [number, number]> | null {
  const at = positions = new Map<string, [number, number]>();
  try { return referenceMatch(entry, message) ? at : null; } finally { positions = null; }
}

/** Where matching `message` against `entry` got furthest, for explaining a miss. */
export function furthestProgress(entry: CatalogEntry, message: Buffer): Progress {
  progress = { elements: 0, pos: 0, expected: '' };
  depth = 0;
  try {
    referenceMatch(entry, message);
    return progress;
  } finally {
    progress = null;
  }
}
