// Public Node API: `const m = await createMatcher(); m.match(line)`.
import { loadCatalogMeta, type CatalogMeta, type EntryMeta } from './catalog-meta.js';
import { RawModule, rawModule, type JsonSink, type RecordRef } from './raw.js';
import { EventDecoder, ecsJson, toEcsDocument, type LineResult, type MatchEvent } from './event.js';
import { STATUS, W_LINE, W_STATUS, type Status } from './layout.js';
import { OptionError, type DocumentOptions } from './options.js';
import { detectSettings, type DetectCounters, type DetectOptions } from './detect.js';

/** Session events written, and sessions the full table evicted. */
export interface SessionCounters { sessions: number; evictions: number }

export type { CatalogMeta, DetectCounters, DetectOptions, DocumentOptions, EntryMeta, JsonSink, LineResult, MatchEvent, RecordRef };
export { ecsJson, toEcsDocument, OptionError };
export { createComponentMatcher, ComponentMatcher, type LineMatcher } from './component.js';

const encoder = new TextEncoder();
const asBytes = (line: string | Uint8Array) => (typeof line === 'string' ? encoder.encode(line) : line);
// A chunk given as a string is encoded once: scanLines' records index its UTF-8 bytes, and decode(chunk,
// rec) is called once per record with the same string.
let lastText: string | null = null;
let lastBytes: Uint8Array = new Uint8Array(0);
const chunkBytes = (chunk: string | Uint8Array): Uint8Array => {
  if (typeof chunk !== 'string') return chunk;
  if (chunk !== lastText) { lastText = chunk; lastBytes = encoder.encode(chunk); }
  return lastBytes;
};

export class Matcher {
  readonly core: RawModule;
  readonly catalog: CatalogMeta;
  private readonly decoder: EventDecoder;
  private detecting = false;
  private joining = false;

  constructor(core = new RawModule(), catalog = loadCatalogMeta(), options: DocumentOptions = {}) {
    this.core = core;
    this.catalog = catalog;
    core.setDocumentOptions(options);
    // A result's document is written when asked, by this matcher's module, from the line's bytes.
    this.decoder = new EventDecoder(catalog, { documentJson: (raw) => core.lineDocumentJson(raw!) });
  }

  /** Changes what the module's documents hold from the next call on. */
  setDocumentOptions(options: DocumentOptions): void { this.core.setDocumentOptions(options); }

  get entries(): readonly EntryMeta[] { return this.catalog.entries; }

  /**
   * Brute-force decisions with fail2ban's semantics (docs/detect.md) on the lines writeJsonLines and
   * writeAlerts read from now on: each decision is one more JSON line, an ECS alert, after the line that
   * made it. `null` turns them off. The module's tables are emptied. Throws OptionError on a bad value.
   */
  setDetection(options: DetectOptions | null): void {
    this.core.setDetection(options ? detectSettings(options) : null);
    this.detecting = options !== null;
  }

  /** Whether detection or sessions are on: lines then make alerts or session events, not only documents. */
  get observing(): boolean { return this.detecting || this.joining; }

  /** Decisions made, addresses followed, and what the full tables evicted, since setDetection. */
  get detectCounters(): DetectCounters { return this.core.detectCounters; }

  /**
   * Session events (docs/detect.md#sessions) on the lines writeJsonLines and writeAlerts read from now on:
   * the lines of one connection (an sshd process and its linked children) joined into one ECS event
   * (category session, type end), one more JSON line after the line that ends the connection, or after the
   * line that found it timed out (no login, silent for `timeout` seconds, default 300) or evicted it.
   * `slots`: the table's size, a power of two from 8 to 16384 (default 16384); `false` turns them off. The
   * table is emptied.
   */
  setSessions(on: boolean | { slots?: number; timeout?: number }): void {
    const o = typeof on === 'object' ? on : {};
    const slots = on === false ? 0 : o.slots ?? 1 << 14;
    if (!Number.isInteger(slots) || (slots !== 0 && (slots < 8 || slots > 1 << 14 || (slots & (slots - 1)) !== 0))) throw new OptionError(`sessions slots ${slots}: a power of two from 8 to 16384`);
    const timeout = o.timeout ?? 300;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 0xffffffff) throw new OptionError(`sessions timeout ${timeout}: seconds, at least 1`);
    this.core.setSessions(slots, timeout);
    this.joining = slots !== 0;
  }

  /** Session events written, and sessions the full table evicted, since setSessions. */
  get sessionCounters(): SessionCounters { return this.core.sessionCounters; }

  /** With detection or sessions on: only the alerts and session events for the lines of a chunk, as JSON lines, to `sink`. */
  writeAlerts(text: string | Uint8Array, sink: JsonSink): number { return this.core.scanAlerts(chunkBytes(text), sink); }

  /**
   * With detection or sessions on: each line matched alone (one call into WebAssembly a line), with the
   * alerts and session events it made as JSON lines ('' for none), so a host can put them beside the record
   * the line came in. `visit` gets the line's result.
   */
  observeLines(lines: readonly Uint8Array[], visit: (result: LineResult, events: string) => void): void {
    let i = 0;
    this.core.observeLines(lines, (rec, events) => visit(this.decoder.decode(lines[i++], rec), events));
  }

  /** The event of one line (a newline inside is matched as a byte), or null when no entry matches. */
  match(line: string | Uint8Array): MatchEvent | null {
    const bytes = asBytes(line);
    return this.decoder.decode(bytes, this.core.matchLine(bytes)).event;
  }

  /** Full result of one line, matched or not: status, header, message. */
  matchDetailed(line: string | Uint8Array): LineResult {
    const bytes = asBytes(line);
    return this.decoder.decode(bytes, this.core.matchLine(bytes));
  }

  /** Entry id of one line, or null: no field is decoded. */
  classify(line: string | Uint8Array): string | null {
    const bytes = asBytes(line);
    const rec = this.core.matchLine(bytes);
    return this.decoder.entryOf(rec)?.id ?? null;
  }

  /** Every newline-separated line of a chunk, in order, one result each (no line is ever left out). */
  matchLines(chunk: string | Uint8Array): LineResult[] {
    const bytes = asBytes(chunk);
    const out: LineResult[] = [];
    this.core.scanLines(bytes, (rec) => out.push(this.decoder.decode(bytes, rec)));
    return out;
  }

  /**
   * Fastest path: raw records, decoded only if the caller asks (see `decode`). A string chunk is matched as
   * its UTF-8 bytes; pass the same string to `decode`.
   */
  scanLines(chunk: string | Uint8Array, visit: (rec: RecordRef) => void): number {
    return this.core.scanLines(chunkBytes(chunk), visit);
  }

  /**
   * Every line of a chunk as ECS JSON lines, written by the module itself (the fast path of the CLI and
   * sidecar). `sink` gets the JSON in pieces, in line order; `visit` sees each line's record.
   */
  writeJsonLines(text: string | Uint8Array, sink: JsonSink, opts: { onlyMatched?: boolean; visit?: (rec: RecordRef) => void } = {}): number {
    const chunk = chunkBytes(text);
    const tooLong = (rec: RecordRef) => {
      const start = rec.base + rec.words[rec.at + W_LINE];
      return this.core.lineDocumentJson(chunk.subarray(start, start + rec.words[rec.at + W_LINE + 1]));
    };
    return this.core.scanJson(chunk, opts.onlyMatched ?? false, opts.visit ?? (() => {}), sink, tooLong);
  }

  /** Status of a record, without decoding anything. */
  statusOf(rec: RecordRef): Status { return STATUS[rec.words[rec.at + W_STATUS]] ?? 'no-match'; }

  /** Entry id of a record, or null, without decoding anything. */
  entryIdOf(rec: RecordRef): string | null { return this.decoder.entryOf(rec)?.id ?? null; }

  /** The full result of a record that scanLines passed, with the chunk it was given. */
  decode(chunk: string | Uint8Array, rec: RecordRef): LineResult {
    return this.decoder.decode(chunkBytes(chunk), rec);
  }
}

/**
 * Instantiates the matcher (synchronous underneath; async so other bindings can share the shape).
 * `options`: what the ECS documents hold (event.original, the time zone and reference time of timestamps).
 */
export async function createMatcher(options: DocumentOptions = {}): Promise<Matcher> {
  return new Matcher(new RawModule(rawModule()), loadCatalogMeta(), options);
}
