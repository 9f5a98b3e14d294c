// Turns a result record into what users see: a flat event (entry, classification, ECS fields by name)
// and the nested ECS document the CLI and sidecar write.
import type { CatalogMeta, EntryMeta } from './catalog-meta.js';
import type { RecordRef } from './core.js';
import { documentPlan, type Leaf, type Source } from '../compile/document-plan.js';
import { ABSENT, FRAMING, SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME, STATUS, W_ENTRY, W_FIELDS, W_FRAMING,
  W_HOSTNAME, W_LINE, W_MESSAGE, W_PID, W_PRI, W_PROGRAM, W_STATUS, W_TIMESTAMP, type Framing, type Status } from './layout.js';

export type FieldValue = string | number;

export interface LineHeader {
  framing: Framing;
  priority: number | null;
  timestamp: string | null;
  hostname: string | null;
  program: string | null;
  pid: number | null;
}

/** A matched line. `fields` holds ECS names (dotted) with their values, address fields expanded. */
export interface MatchEvent {
  id: string;
  title: string;
  severity: number;
  level: string;
  facility: string | null;
  event: EntryMeta['event'];
  fields: Record<string, FieldValue>;
  message: string;
  header: LineHeader;
}

export interface LineResult {
  status: Status;
  line: string;
  event: MatchEvent | null;
  header: LineHeader;
  message: string | null;
}

/**
 * Reads one record's strings. The line is decoded once; when it is pure ASCII (the usual case) every span
 * is a slice of it, otherwise each span is decoded on its own. Invalid UTF-8 becomes U+FFFD, never an error.
 */
class SpanReader {
  private src: Buffer = Buffer.alloc(0);
  private lineStart = 0;
  private line = '';
  private ascii = true;

  reset(src: Buffer, rec: RecordRef): string {
    this.src = src;
    this.lineStart = rec.base + rec.words[rec.at + W_LINE];
    const end = this.lineStart + rec.words[rec.at + W_LINE + 1];
    this.line = src.toString('utf8', this.lineStart, end);
    this.ascii = this.line.length === end - this.lineStart && !this.line.includes('\ufffd');
    return this.line;
  }

  span(rec: RecordRef, word: number): string | null {
    const start = rec.words[rec.at + word];
    if (start === ABSENT) return null;
    const from = rec.base + start;
    const len = rec.words[rec.at + word + 1] & 0x0fffffff;
    if (this.ascii && from >= this.lineStart) return this.line.slice(from - this.lineStart, from - this.lineStart + len);
    return this.src.toString('utf8', from, from + len);
  }
}

/** Digits as a JSON-safe number; beyond 15 digits a double would round, so the digits stay a string. */
export const asNumber = (digits: string): number | string => (digits.length <= 15 ? Number(digits) : digits);

const asBuffer = (b: Uint8Array) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

export class EventDecoder {
  private readonly reader = new SpanReader();
  private lastSrc: Uint8Array | null = null;
  private lastBuf: Buffer = Buffer.alloc(0);

  constructor(private readonly meta: CatalogMeta) {}

  private header(rec: RecordRef): LineHeader {
    const w = rec.words, at = rec.at;
    const pri = w[at + W_PRI] | 0;
    const pid = this.reader.span(rec, W_PID);
    return {
      framing: FRAMING[w[at + W_FRAMING]] ?? 'bare',
      priority: pri < 0 ? null : pri,
      timestamp: this.reader.span(rec, W_TIMESTAMP),
      hostname: this.reader.span(rec, W_HOSTNAME),
      program: this.reader.span(rec, W_PROGRAM),
      pid: pid !== null && /^\d{1,15}$/.test(pid) ? Number(pid) : null,
    };
  }

  entryOf(rec: RecordRef): EntryMeta | null {
    const idx = rec.words[rec.at + W_ENTRY] | 0;
    return idx < 0 ? null : this.meta.entries[idx] ?? null;
  }

  private fields(rec: RecordRef, entry: EntryMeta): Record<string, FieldValue> {
    const out: Record<string, FieldValue> = {};
    for (const { path, source } of entry.documentFields) {
      if (source.kind !== 'field' && source.kind !== 'derived') continue;
      const word = W_FIELDS + source.slot * 2;
      const value = this.reader.span(rec, word);
      if (value === null) continue;
      if (source.kind === 'field') out[path] = source.numeric ? asNumber(value) : value;
      else {
        const shape = rec.words[rec.at + word + 1] >>> 28;
        if (source.shape === 'ip' ? shape === SHAPE_IPV4 || shape === SHAPE_IPV6 : shape === SHAPE_NAME) out[path] = value;
      }
    }
    return out;
  }

  decode(src: Uint8Array, rec: RecordRef): LineResult {
    if (src !== this.lastSrc) { this.lastSrc = src; this.lastBuf = asBuffer(src); }
    const w = rec.words, at = rec.at;
    const status = STATUS[w[at + W_STATUS]] ?? 'no-match';
    const line = this.reader.reset(this.lastBuf, rec);
    const header = this.header(rec);
    const message = this.reader.span(rec, W_MESSAGE);
    const entry = status === 'matched' ? this.entryOf(rec) : null;
    const event: MatchEvent | null = entry && {
      id: entry.id, title: entry.title, severity: entry.severity, level: entry.level, facility: entry.facility,
      event: entry.event, fields: this.fields(rec, entry), message: message ?? '', header,
    };
    return { status, line, event, header, message };
  }
}

/** Sets a dotted ECS name in a nested object ("source.ip" -> { source: { ip } }). */
export function setDotted(doc: Record<string, unknown>, name: string, value: unknown): void {
  const parts = name.split('.');
  let o = doc;
  for (const p of parts.slice(0, -1)) {
    const next = o[p];
    o = (next && typeof next === 'object' ? next : (o[p] = {})) as Record<string, unknown>;
  }
  o[parts[parts.length - 1]] = value;
}

/**
 * The ECS document of one line, following the document plan (host/compile/document-plan.ts) that the
 * WASM JSON writer follows too. Matched and unmatched lines alike keep the original line in
 * `event.original`; `ssh_log_matcher.status` is the marker telling them apart.
 */
export function toEcsDocument(r: LineResult): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  for (const leaf of planOf(r.event)) {
    const v = leaf.source.kind === 'value' ? r.event!.fields[leaf.path] : valueOf(leaf.source, r);
    if (v !== null && v !== undefined) setDotted(doc, leaf.path, v);
  }
  return doc;
}

// Plans by entry and the fields a line has; field leaves are looked up by path in the event's fields.
const plans = new Map<string, Leaf[]>();
function planOf(e: MatchEvent | null): Leaf[] {
  const names = e ? Object.keys(e.fields) : [];
  const key = e ? `${e.id}\u0000${names.join('\u0000')}` : '';
  let plan = plans.get(key);
  if (!plan) {
    plan = documentPlan(e, names.map((path) => ({ path, source: { kind: 'value', value: '' } })));
    plans.set(key, plan);
  }
  return plan;
}

const consts = new Map<string, unknown>();
function constValue(json: string): unknown {
  if (!consts.has(json)) consts.set(json, JSON.parse(json));
  const v = consts.get(json);
  return Array.isArray(v) ? v.slice() : v; // documents are the caller's to change; the cache is not
}

function valueOf(s: Source, r: LineResult): unknown {
  const h = r.header;
  switch (s.kind) {
    case 'const': return constValue(s.json);
    case 'value': return s.value;
    case 'line': return r.line;
    case 'messageOrLine': return r.message ?? r.line;
    case 'timestamp': return h.timestamp;
    case 'hostname': return h.hostname;
    case 'program': return h.program;
    case 'pid': return h.pid;
    case 'pri': return h.priority;
    case 'priFacility': return h.priority === null ? null : h.priority >> 3;
    case 'priSeverity': return h.priority === null ? null : h.priority & 7;
    case 'status': return r.status;
    case 'field': case 'derived': throw new Error('field sources are decoded into values first');
  }
}
