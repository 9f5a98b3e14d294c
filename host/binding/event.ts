// Turns a result record into what users see: a flat event (entry, classification, ECS fields by name),
// and the ECS document, which the module writes (toEcsDocument).
import type { CatalogMeta, EntryMeta } from './catalog-meta.js';
import type { RecordRef } from './raw.js';
import { ABSENT, FRAMING, SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME, STATUS, W_ENTRY, W_FIELDS, W_FRAMING,
  W_HOSTNAME, W_LINE, W_MESSAGE, W_PID, W_PRI, W_PROGRAM, W_STATUS, W_TIMESTAMP, pidNumber, type Framing, type Status } from './layout.js';

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

  /** `writer`: the module that matched the records, which writes their documents when asked. */
  constructor(private readonly meta: CatalogMeta, private readonly writer: DocumentWriter) {}

  private header(rec: RecordRef): LineHeader {
    const w = rec.words, at = rec.at;
    const pri = w[at + W_PRI] | 0;
    const pid = this.reader.span(rec, W_PID);
    return {
      framing: FRAMING[w[at + W_FRAMING] & 0xff] ?? 'bare', // bits 8-31: rsyslog's repeat count (match.ts)
      priority: pri < 0 ? null : pri,
      timestamp: this.reader.span(rec, W_TIMESTAMP),
      hostname: this.reader.span(rec, W_HOSTNAME),
      program: this.reader.span(rec, W_PROGRAM),
      pid: pidNumber(pid),
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
    // The line as matched: its span, and the one trailing CR the matcher dropped, if any.
    const start = rec.base + w[at + W_LINE];
    let end = start + w[at + W_LINE + 1];
    if (this.lastBuf[end] === 13) end++;
    return new MatchedLine(status, line, event, header, message, this.writer, this.lastBuf, start, end);
  }
}

/** Writes a result's document when asked: the module that matched the line (the one ECS writer). */
export interface DocumentWriter {
  /** `raw`: the line's bytes as they were matched (one trailing CR included), or null to use `r.line`. */
  documentJson(raw: Uint8Array | null, r: LineResult): string;
}

/**
 * A line's result as the bindings make it. It keeps where its line's bytes are, not a document: the
 * document is written by the module only when asked (ecsJson, toEcsDocument), so decoding stays cheap.
 */
export class MatchedLine implements LineResult {
  readonly #writer: DocumentWriter;
  readonly #src: Uint8Array | null;
  readonly #start: number;
  readonly #end: number;
  constructor(public status: Status, public line: string, public event: MatchEvent | null, public header: LineHeader,
    public message: string | null, writer: DocumentWriter, src: Uint8Array | null = null, start = 0, end = 0) {
    this.#writer = writer;
    this.#src = src;
    this.#start = start;
    this.#end = end;
  }

  documentJson(): string { return this.#writer.documentJson(this.#src && this.#src.subarray(this.#start, this.#end), this); }
}

/** The ECS document of a result as JSON text: the bytes the module writes (CLI, Fluent Bit, component). */
export function ecsJson(r: LineResult): string {
  if (!(r instanceof MatchedLine)) throw new TypeError('toEcsDocument: not a result of a matcher of this package (createMatcher, createComponentMatcher)');
  return r.documentJson();
}

/** The ECS document of a result, parsed from the module's JSON (ecsJson). */
export function toEcsDocument(r: LineResult): Record<string, unknown> {
  return JSON.parse(ecsJson(r)) as Record<string, unknown>;
}
