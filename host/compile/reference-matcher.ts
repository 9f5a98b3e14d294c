// The reference matcher: a deliberately plain TypeScript matcher of a message against the catalog's syntax
// trees, with the semantics written down in docs/catalog-format.md and none of the WASM matcher's machinery
// (no bytecode, no dispatch index, no SWAR). Property tests use it as the oracle for the WASM matcher, and
// `--explain` uses it to show where a line stopped matching an entry. Slow on purpose; never on a hot path.
import { isIPv6 } from 'node:net';
import type { CatalogEntry } from './load.js';
import type { FieldType } from './field-types.js';
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
    case 'user': case 'word': return v.length > 0 && (type === 'user' || !v.includes(' '));
    case 'keyword': return /^[A-Za-z0-9._@+-]{1,64}$/.test(v);
    case 'quoted': case 'text': case 'rest': return true;
    case 'port': return /^\d{1,5}$/.test(v) && Number(v) <= 65535;
    case 'uint': return /^\d{1,20}$/.test(v);
    case 'ipv4': return /^\d{1,3}(\.\d{1,3}){3}$/.test(v) && v.split('.').every((p) => Number(p) <= 255);
    case 'ipv6': return v.length <= 64 && ipv6(v);
    case 'ip': case 'host': {
      if (!HOST_BYTES.test(v) || v.length === 0 || v.length > (type === 'host' ? 255 : 64)) return false;
      if (/[:%]/.test(v)) return ipv6(v);
      if (/^[0-9.]+$/.test(v)) return valid('ipv4', v);
      return type === 'host' && isName(v);
    }
  }
}

/**
 * All ways to match `nodes` at `pos` then `k` (the continuation), in the documented priority order:
 * optional parts with-then-without, alternatives in order, fields longest first, except that an optional
 * part right after a field is tried (with it) for every field length before any length without it.
 */
function seq(entry: CatalogEntry, nodes: TemplateNode[], i: number, s: Buffer, pos: number, spans: Spans, k: (pos: number) => boolean): boolean {
  if (i === nodes.length) return k(pos);
  depth++;
  try {
    return node(entry, nodes, i, s, pos, spans, k);
  } finally {
    depth--;
  }
}

function node(entry: CatalogEntry, nodes: TemplateNode[], i: number, s: Buffer, pos: number, spans: Spans, k: (pos: number) => boolean): boolean {
  const n = nodes[i];
  const next = (p: number) => seq(entry, nodes, i + 1, s, p, spans, k);
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
      return seq(entry, n.body, 0, s, pos, spans, next) || next(pos);
    case 'field': {
      const f = entry.fields.find((x) => x.key === n.name)!;
      reached(pos, `<${n.name}> (${f.type})`);
      const ends: number[] = [];
      for (let e = s.length; e >= pos; e--) ends.push(e);
      const tryWith = (cont: (p: number) => boolean) => {
        for (const e of ends) {
          const v = s.subarray(pos, e).toString('latin1');
          if (f.type === 'rest' && e !== s.length) continue;
          if (!valid(f.type, v)) continue;
          if (cont(e)) { spans.set(n.name, s.subarray(pos, e).toString('utf8')); return true; }
        }
        return false;
      };
      const after = nodes[i + 1];
      if (after?.kind === 'opt') {
        const rest = (p: number) => seq(entry, nodes, i + 2, s, p, spans, k);
        return tryWith((p) => seq(entry, after.body, 0, s, p, spans, rest)) || tryWith(rest);
      }
      return tryWith(next);
    }
  }
}

export function referenceMatch(entry: CatalogEntry, message: Buffer): Spans | null {
  const spans: Spans = new Map();
  return seq(entry, entry.nodes, 0, message, 0, spans, (p) => { if (p !== message.length) reached(p, 'the end of the message'); return p === message.length; }) ? spans : null;
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
