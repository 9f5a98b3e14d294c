// The component's Node host binding: the jco-transpiled module in dist/component/ (built from
// wit/matcher.wit and assembly/adapters/component/), behind the same API as the raw binding's Matcher, so a
// caller can swap one for the other. The raw binding (index.ts) stays the fast path: every component call
// crosses jco's generated lifting code (see docs/component.md for the cost). This one is the portable
// contract, and a second implementation the tests compare the raw path against.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { loadCatalogMeta, type CatalogMeta, type EntryMeta } from './catalog-meta.js';
import { asNumber, ecsJson, MatchedLine, type DocumentWriter, type LineHeader, type LineResult, type MatchEvent, type FieldValue } from './event.js';
import { moduleOptions, OptionError, type DocumentOptions, type ModuleOptions } from './options.js';
import { distPath } from './paths.js';
import { MAX_LINE_BYTES, bytesWithoutCR, textWithoutCR, tooLongResult } from './too-long.js';
import { DETECT_MODES, detectSettings, sessionSettings, type DetectCounters, type DetectOptions, type SessionCounters, type SessionOptions } from './detect.js';
import { FAIL2BAN_MODES } from '../compile/detect-modes.js';
// Types jco generated from the WIT: checked against this adapter by tsc in every build.
import type * as Wit from '../../dist/component/interfaces/ssh-log-matcher-matcher-matcher.js';

/**
 * What both bindings offer: the raw `Matcher` and `ComponentMatcher` answer these identically. The raw
 * binding alone has the record-level calls (`scanLines`, `decode`, `statusOf`, `entryIdOf`): they hand out
 * views of the raw module's result records, which the component's interface does not expose.
 */
export interface LineMatcher {
  /** The catalog's entries, in the order of their indexes. */
  readonly entries: readonly EntryMeta[];
  match(line: string | Uint8Array): MatchEvent | null;
  matchDetailed(line: string | Uint8Array): LineResult;
  classify(line: string | Uint8Array): string | null;
  matchLines(chunk: string | Uint8Array): LineResult[];
  /** Every line of a chunk as ECS JSON lines (the CLI's output), handed to `sink` in pieces, in order. */
  writeJsonLines(chunk: string | Uint8Array, sink: (json: string | Uint8Array) => void, opts?: { onlyMatched?: boolean }): number;
}

// The JSON functions are declared here as well as in the generated types, so that this file compiles with
// the types of a build older than them (tsc runs before the component is built); they must agree.
interface WitDocumentOptions { keepOriginal: boolean; referenceTime: bigint; utcOffsetMinutes: number }
interface WitDetectOptions { mode: (typeof DETECT_MODES)[number]; maxretry?: number; findtime?: number; addresses?: number; connections?: number; seed: number }
interface WitDetectCounters { alerts: bigint; addresses: number; addressEvictions: bigint; connectionEvictions: bigint; sessionsWritten: bigint; sessionEvictions: bigint }
type WitMatcher = typeof Wit & {
  configureDetection(options: WitDetectOptions | undefined): void;
  configureSessions(slots: number, timeout: number | undefined): void;
  counters(): WitDetectCounters;
  detectLinesJson(lines: string[], options: WitDocumentOptions, onlyMatched: boolean): string[];
  detectLinesEvents(lines: string[], options: WitDocumentOptions): string[];
  detectLinesJsonBytes(lines: Uint8Array[], options: WitDocumentOptions, onlyMatched: boolean): string[];
  detectLinesEventsBytes(lines: Uint8Array[], options: WitDocumentOptions): string[];
  matchLineJson(line: string, options: WitDocumentOptions): string;
  matchLinesJson(lines: string[], options: WitDocumentOptions): string[];
  matchLineDetailedBytes(line: Uint8Array): Wit.LineResult;
  matchLinesDetailedBytes(lines: Uint8Array[]): Wit.LineResult[];
  matchLineJsonBytes(line: Uint8Array, options: WitDocumentOptions): string;
};
interface ComponentModule {
  instantiate(getCoreModule: (path: string) => Promise<WebAssembly.Module>, imports: object,
    instantiateCore?: (module: WebAssembly.Module, imports: Record<string, unknown>) => Promise<WebAssembly.Instance>): Promise<{ matcher: WitMatcher }>;
}

/** Longest line the component matches, in UTF-8 bytes (host/compile/abi.ts, as every module). */
export { MAX_LINE_BYTES };
// What setDetection and setSessions take and the counters give, for callers of `ssh-log-matcher/component`.
export { OptionError };
export type { DetectCounters, DetectOptions, SessionCounters, SessionOptions };
// A batch call carries at most this many lines and bytes, so arguments and results stay inside the
// component's fixed 4 MiB arena and its memory never grows (host/component/build.ts).
const BATCH_LINES = 1024;
const BATCH_BYTES = 1 << 20;

/** The core instance's exports the host reads besides the WIT functions. */
interface CoreExports { memory: WebAssembly.Memory; arenaInUse(): number }

let loaded: { bindings: ComponentModule; core: WebAssembly.Module } | null = null;

const utf8 = new TextDecoder('utf-8'); // invalid sequences become U+FFFD, never an exception
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');


export class ComponentMatcher implements LineMatcher {
  /** ECS names of the fields each entry reports as numbers (the raw binding's rule, host/binding/event.ts). */
  private readonly numeric = new Map<string, Set<string>>();
  private options: ModuleOptions = moduleOptions();
  /** Each entry's field names in the raw binding's order (its document fields), so events list them alike. */
  private readonly order = new Map<string, Map<string, number>>();
  private detecting = false;
  private joining = false;

  // Private so that the emitted .d.ts names no jco-generated type (their path differs under dist/node).
  private constructor(private readonly component: WitMatcher, private readonly core: CoreExports, private readonly catalog: CatalogMeta) {
    for (const e of catalog.entries) {
      this.numeric.set(e.id, new Set(e.documentFields.flatMap(({ path, source }) => (source.kind === 'field' && source.numeric ? [path] : []))));
      this.order.set(e.id, new Map(e.documentFields.filter(({ source }) => source.kind === 'field' || source.kind === 'derived').map(({ path }, i) => [path, i])));
    }
  }

  /** Instantiates the component through its jco binding: a fresh instance each time, like `createMatcher()`. */
  static async create(catalog: CatalogMeta = loadCatalogMeta(), options: DocumentOptions = {}): Promise<ComponentMatcher> {
    if (!loaded) {
      const bindings = (await import(pathToFileURL(distPath('component', 'ssh-log-matcher.js')).href)) as ComponentModule;
      const core = await WebAssembly.compile(await readFile(distPath('component', 'ssh-log-matcher.core.wasm')));
      loaded = { bindings, core };
    }
    const { bindings, core } = loaded;
    let exports: CoreExports | null = null;
    const { matcher } = await bindings.instantiate(async () => core, {}, async (module, imports) => {
      const instance = await WebAssembly.instantiate(module, imports as WebAssembly.Imports);
      exports ??= instance.exports as unknown as CoreExports;
      return instance;
    });
    if (!exports) throw new Error('ssh-log-matcher: the component has no core instance');
    const m = new ComponentMatcher(matcher, exports, catalog);
    m.setDocumentOptions(options);
    return m;
  }

  /** Changes what the component's documents hold from the next call on. */
  setDocumentOptions(options: DocumentOptions): void { this.options = moduleOptions(options); }

  private witOptions(): WitDocumentOptions {
    const { seconds, offsetMinutes } = this.options.at();
    return { keepOriginal: this.options.keepOriginal, referenceTime: BigInt(seconds), utcOffsetMinutes: offsetMinutes };
  }

  /** The ECS documents of lines as JSON text, written by the component's ECS writer, one per line. */
  writeJson(lines: string[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < lines.length; i += BATCH_LINES) out.push(...this.component.matchLinesJson(lines.slice(i, i + BATCH_LINES), this.witOptions()));
    return out;
  }

  get entries(): readonly EntryMeta[] { return this.catalog.entries; }

  /**
   * Every line of a chunk as ECS JSON lines, the same bytes as the raw binding's writeJsonLines: both are
   * written by the module's one ECS writer. `sink` gets text of about a megabyte at a time, in line order.
   * Returns the number of lines.
   */
  writeJsonLines(chunk: string | Uint8Array, sink: (json: string) => void, opts: { onlyMatched?: boolean } = {}): number {
    if (this.observing) return this.detectJson(chunk, sink, opts.onlyMatched ?? false, true);
    const results = this.matchLines(chunk);
    let text = '';
    for (const r of results) {
      if (opts.onlyMatched && !r.event) continue;
      text += ecsJson(r) + '\n';
      if (text.length >= 1 << 20) { sink(text); text = ''; }
    }
    if (text) sink(text);
    return results.length;
  }

  /**
   * Brute-force decisions (docs/detect.md) on the lines writeJsonLines and writeAlerts read from now on,
   * made in the component (`configure-detection`) with the raw binding's options and checks: each decision
   * is one more JSON line, an ECS alert, after the line that made it. `null` turns them off. The tables are
   * emptied. Throws OptionError on a bad value.
   */
  setDetection(options: DetectOptions | null): void {
    if (!options) { this.component.configureDetection(undefined); this.detecting = false; return; }
    const s = detectSettings(options);
    const fail2ban = s.mode < FAIL2BAN_MODES.length; // CrowdSec's scenarios have their own numbers
    this.configure(() => this.component.configureDetection({
      mode: DETECT_MODES[s.mode], maxretry: fail2ban ? s.maxretry : undefined, findtime: fail2ban ? s.findtime : undefined,
      addresses: s.addresses, connections: s.connections, seed: s.seed,
    }));
    this.detecting = true;
  }

  /**
   * Session events (docs/detect.md#sessions) on the lines writeJsonLines and writeAlerts read from now on,
   * joined in the component (`configure-sessions`) with the raw binding's options and checks: `slots` a
   * power of two from 8 to 16384 (default 16384), `timeout` seconds (default 300); `false` turns them off.
   */
  setSessions(on: boolean | SessionOptions): void {
    const { slots, timeout } = sessionSettings(on);
    this.configure(() => this.component.configureSessions(slots, timeout));
    this.joining = slots !== 0;
  }

  /** A configure-* call; its error (the component's words for a bad value) as an OptionError. */
  private configure(call: () => void): void {
    try { call(); } catch (e) {
      const payload = (e as { payload?: unknown }).payload;
      throw typeof payload === 'string' ? new OptionError(payload) : e;
    }
  }

  /** Whether detection or sessions are on: lines then make alerts or session events, not only documents. */
  get observing(): boolean { return this.detecting || this.joining; }

  /** Decisions made, addresses followed, and what the full tables evicted, since setDetection. */
  get detectCounters(): DetectCounters {
    const c = this.component.counters();
    return { alerts: Number(c.alerts), addresses: c.addresses, addressEvictions: Number(c.addressEvictions), connectionEvictions: Number(c.connectionEvictions) };
  }

  /** Session events written, and sessions the full table evicted, since setSessions. */
  get sessionCounters(): SessionCounters {
    const c = this.component.counters();
    return { sessions: Number(c.sessionsWritten), evictions: Number(c.sessionEvictions) };
  }

  /** With detection or sessions on: only the alerts and session events for the lines of a chunk, as JSON lines, to `sink`. */
  writeAlerts(chunk: string | Uint8Array, sink: (json: string) => void): number {
    return this.detectJson(chunk, sink, true, false);
  }

  /**
   * The detect-lines-* calls over a chunk's lines, in batches: each line's JSON lines (its document unless
   * `documents` is off, or it is unmatched and `onlyMatched` on; then its alert and session events), handed
   * to `sink` about a megabyte at a time. A too-long line is not given to the component: it observes
   * nothing, as in the raw binding, and its document is written as matchLines' result's.
   */
  private detectJson(chunk: string | Uint8Array, sink: (json: string) => void, onlyMatched: boolean, documents: boolean): number {
    let text = '';
    const add = (json: string) => {
      text += json;
      if (text.length >= 1 << 20) { sink(text); text = ''; }
    };
    const lines = this.lines(chunk);
    const tooLong = (line: string | Uint8Array) => { if (documents && !onlyMatched) add(ecsJson(this.tooLong(line)) + '\n'); };
    if (typeof chunk === 'string') {
      this.batches(lines as string[], byteLength, (b) => {
        for (const json of documents ? this.component.detectLinesJson(b, this.witOptions(), onlyMatched) : this.component.detectLinesEvents(b, this.witOptions())) add(json);
      }, tooLong);
    } else {
      this.batches(lines as Uint8Array[], (b) => b.length, (b) => {
        for (const json of documents ? this.component.detectLinesJsonBytes(b, this.witOptions(), onlyMatched) : this.component.detectLinesEventsBytes(b, this.witOptions())) add(json);
      }, tooLong);
    }
    if (text) sink(text);
    return lines.length;
  }

  /** Size of the core instance's linear memory; it never grows (tests check that). */
  get memoryBytes(): number { return this.core.memory.buffer.byteLength; }

  /** Bytes of the component's call arena in use: 0 whenever no call is running. */
  arenaInUse(): number { return this.core.arenaInUse(); }

  // Bytes go to the component as bytes (the `-bytes` functions of the WIT), never decoded here: the
  // component then matches them and measures the 1 MiB limit as the core module does, so both bindings
  // answer alike on every input, invalid UTF-8 included. Strings go as strings, which jco encodes as the
  // raw binding does (lone surrogates become U+FFFD).

  /** The event of one line (a newline inside is matched as a character), or null when no entry matches. */
  match(line: string | Uint8Array): MatchEvent | null {
    if (typeof line !== 'string') return this.matchDetailed(line).event;
    const text = textWithoutCR(line);
    if (byteLength(text) > MAX_LINE_BYTES) return null; // too long: answered here, as the raw binding does
    const e = this.component.matchLine(text);
    return e ? this.event(e) : null;
  }

  /** Entry id of one line, or null. */
  classify(line: string | Uint8Array): string | null {
    if (typeof line !== 'string') return this.matchDetailed(line).event?.id ?? null;
    const text = textWithoutCR(line);
    if (byteLength(text) > MAX_LINE_BYTES) return null;
    return this.component.classify(text) ?? null;
  }

  /** Full result of one line, matched or not. */
  matchDetailed(line: string | Uint8Array): LineResult {
    if (typeof line !== 'string') {
      const bytes = bytesWithoutCR(line);
      if (bytes.length > MAX_LINE_BYTES) return this.tooLong(bytes);
      return this.lineResult(this.component.matchLineDetailedBytes(bytes), bytes);
    }
    const text = textWithoutCR(line);
    if (byteLength(text) > MAX_LINE_BYTES) return this.tooLong(text);
    return this.lineResult(this.component.matchLineDetailed(text));
  }

  /** Every newline-separated line of a chunk, in order, one result each; batched calls into the component. */
  matchLines(chunk: string | Uint8Array): LineResult[] {
    const out: LineResult[] = [];
    const tooLong = (line: string | Uint8Array) => { out.push(this.tooLong(line)); };
    if (typeof chunk === 'string') this.batches(this.lines(chunk) as string[], byteLength, (b) => { for (const r of this.component.matchLinesDetailed(b)) out.push(this.lineResult(r)); }, tooLong);
    else this.batches(this.lines(chunk) as Uint8Array[], (b) => b.length, (b) => { this.component.matchLinesDetailedBytes(b).forEach((r, i) => out.push(this.lineResult(r, b[i]))); }, tooLong);
    return out;
  }

  /** A chunk's newline-separated lines (as a string's split('\n')), without the empty one a final newline leaves. */
  private lines(chunk: string | Uint8Array): string[] | Uint8Array[] {
    if (typeof chunk === 'string') {
      const lines = chunk.split('\n');
      if (lines[lines.length - 1] === '') lines.pop(); // a final newline ends the last line, it starts none
      return lines;
    }
    const lines: Uint8Array[] = [];
    for (let off = 0, nl = chunk.indexOf(10); ; off = nl + 1, nl = chunk.indexOf(10, off)) {
      lines.push(chunk.subarray(off, nl < 0 ? chunk.length : nl));
      if (nl < 0) break;
    }
    if (lines[lines.length - 1].length === 0) lines.pop();
    return lines;
  }

  /**
   * Lines without their carriage return, in batches of at most BATCH_LINES lines and BATCH_BYTES bytes, in
   * order; a too-long line goes to `tooLong` instead, in its place.
   */
  private batches<L extends string | Uint8Array>(lines: L[], size: (line: L) => number, call: (batch: L[]) => void, tooLong: (line: L) => void): void {
    let batch: L[] = [];
    let bytes = 0;
    const flush = () => {
      call(batch);
      batch = [];
      bytes = 0;
    };
    for (let line of lines) {
      line = (typeof line === 'string' ? textWithoutCR(line) : bytesWithoutCR(line)) as L;
      const n = size(line);
      if (n > MAX_LINE_BYTES) { if (batch.length) flush(); tooLong(line); continue; }
      if (batch.length === BATCH_LINES || bytes + n > BATCH_BYTES) flush();
      batch.push(line);
      bytes += n;
    }
    if (batch.length) flush();
  }

  private header(h: Wit.Header): LineHeader {
    return {
      framing: h.framing,
      priority: h.priority ?? null,
      timestamp: h.timestamp ?? null,
      hostname: h.hostname ?? null,
      program: h.program ?? null,
      pid: h.pid === undefined ? null : Number(h.pid),
    };
  }

  private event(e: Wit.Event): MatchEvent {
    const numeric = this.numeric.get(e.id);
    const rank = this.order.get(e.id);
    const named = rank ? [...e.fields].sort((a, b) => (rank.get(a.name) ?? Infinity) - (rank.get(b.name) ?? Infinity)) : e.fields;
    const fields: Record<string, FieldValue> = {};
    for (const { name, value } of named) fields[name] = numeric?.has(name) ? asNumber(value) : value;
    const { category, type, action, outcome } = e.classification;
    return {
      id: e.id, title: e.title, severity: e.severity, level: e.level, facility: e.facility ?? null,
      event: { category, type, action, outcome }, fields, message: e.message, header: this.header(e.header),
    };
  }

  /** A result of the component; `bytes`: the line, when it was given as bytes. */
  private lineResult(r: Wit.LineResult, bytes: Uint8Array | null = null): LineResult {
    return new MatchedLine(r.status, r.line, r.event ? this.event(r.event) : null, this.header(r.header), r.message ?? null, this.writer,
      bytes, 0, bytes?.length ?? 0);
  }

  /** The component writes a result's document when asked, from the line as it was given (bytes or text). */
  private readonly writer: DocumentWriter = {
    documentJson: (raw, r) => (raw ? this.component.matchLineJsonBytes(raw, this.witOptions()) : this.component.matchLineJson(r.line, this.witOptions())),
  };

  /** A line the component is not given: the result the raw binding makes for it (invalid UTF-8 and lone surrogates as U+FFFD). */
  private tooLong(line: string | Uint8Array): LineResult {
    const r = tooLongResult(typeof line === 'string' ? line : utf8.decode(line));
    const raw = typeof line === 'string' ? null : line;
    return new MatchedLine(r.status, r.line, r.event, r.header, r.message, this.writer, raw, 0, raw?.length ?? 0);
  }
}

/** Instantiates the component's Node binding; the same methods as `createMatcher()`'s raw binding. */
export async function createComponentMatcher(options: DocumentOptions = {}): Promise<ComponentMatcher> {
  return ComponentMatcher.create(loadCatalogMeta(), options);
}
