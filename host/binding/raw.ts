// The raw binding of the raw module (dist/ssh-log-matcher.wasm): copies bytes into its fixed input buffer
// and reads result records back. This is the fast path; it knows nothing of ECS or JSON.
import { readFileSync } from 'node:fs';
import { distPath } from './paths.js';
import { RECORD_LEFT, RESULT_WORDS, W_LINE, W_MESSAGE, W_STATUS } from './layout.js';
import { bytesWithoutCR, writeTooLongRecord } from './too-long.js';
import { moduleOptions, type DocumentOptions, type ModuleOptions } from './options.js';
import { OPTION_KEEP_ORIGINAL } from '../compile/abi.js';
import type { DetectCounters, DetectSettings } from './detect.js';

interface RawExports {
  memory: WebAssembly.Memory;
  inputPtr(): number;
  inputCapacity(): number;
  resultPtr(): number;
  resultCapacity(): number;
  entryCount(): number;
  matchLine(len: number): number;
  matchBatch(len: number, final: number): number;
  matchBatchJson(len: number, final: number, onlyMatched: number): number;
  matchBatchAlerts(len: number, final: number): number;
  detectConfigure(mode: number, maxretry: number, findtime: number, addresses: number, connections: number, seed: number): number;
  detectAlerts(): number;
  detectAddresses(): number;
  detectAddressEvictions(): number;
  detectConnectionEvictions(): number;
  sessionsConfigure(slots: number, timeout: number): void;
  sessionsWrittenCount(): number;
  sessionEvictionCount(): number;
  writeRecordDocument(index: number): number;
  mergeJsonRecords(len: number, final: number): number;
  recordKeyPtr(): number;
  setRecordKey(length: number): number;
  setDocumentOptions(flags: number, nowSeconds: number, offsetMinutes: number): void;
  batchConsumed(): number;
  outputPtr(): number;
  outputLength(): number;
}

/**
 * The output of mergeJsonRecords in order: merged records (JSON lines, copied out of the module) and the
 * records the module left to the host, each to be replaced by the host's own line for it.
 */
export type MergedPart = Uint8Array | { left: Uint8Array };

/** Receives a batch's JSON text (a view of module memory, valid until the next call) or one host-made line. */
export type JsonSink = (json: Uint8Array | string) => void;

/**
 * One line's record, valid only during the visit it is passed to (batch visits reuse one object, and the
 * module reuses its result area on the next call). `words` is a view of the module's result
 * area (or a host-made record for a line too long for the input buffer); `at` is the record's first word;
 * `base` is what must be added to the record's offsets to index the caller's bytes.
 */
export interface RecordRef { words: Uint32Array; at: number; base: number }

let compiled: WebAssembly.Module | null = null;
export function rawModule(path = distPath('ssh-log-matcher.wasm')): WebAssembly.Module {
  if (!compiled) compiled = new WebAssembly.Module(readFileSync(path));
  return compiled;
}

export class RawModule {
  readonly exports: RawExports;
  readonly inputCapacity: number;
  private readonly inputAt: number;
  private readonly resultAt: number;
  private readonly scratch = new Uint32Array(RESULT_WORDS);
  private options: ModuleOptions = moduleOptions();

  constructor(module: WebAssembly.Module = rawModule()) {
    const instance = new WebAssembly.Instance(module, {});
    this.exports = instance.exports as unknown as RawExports;
    this.inputCapacity = this.exports.inputCapacity();
    this.inputAt = this.exports.inputPtr();
    this.resultAt = this.exports.resultPtr();
  }

  get memoryBytes(): number { return this.exports.memory.buffer.byteLength; }

  /** What the module's documents hold (event.original, the zone and reference time of timestamps). */
  setDocumentOptions(o: DocumentOptions): void { this.options = moduleOptions(o); }

  /** Tells the module the options, with the reference time of this call. */
  private applyOptions(): void {
    const { seconds, offsetMinutes } = this.options.at();
    this.exports.setDocumentOptions(this.options.keepOriginal ? OPTION_KEEP_ORIGINAL : 0, seconds, offsetMinutes);
  }

  /**
   * The ECS document of one line (its bytes as matched, without the newline), written by the module: the
   * line is matched again into the first record. A line too long for the input buffer is written with an
   * empty line and its text put into the JSON here, the one place a value is escaped outside the module.
   */
  lineDocumentJson(line: Uint8Array): string {
    this.applyOptions();
    line = bytesWithoutCR(line);
    const fits = line.length <= this.inputCapacity;
    if (fits) {
      this.bytes().set(line, this.inputAt);
      this.exports.matchLine(line.length);
    } else {
      this.words().set(this.tooLong(0, 0).words, 0);
    }
    const n = this.exports.writeRecordDocument(0);
    const json = Buffer.from(this.exports.memory.buffer, this.exports.outputPtr(), n).toString('utf8');
    if (fits) return json;
    const text = JSON.stringify(Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8'));
    return json.replace('"message":""', () => `"message":${text}`).replace('"original":""', () => `"original":${text}`);
  }

  /** Brute-force decisions on the lines scanJson and scanAlerts read from now on (null: off); tables emptied. */
  setDetection(settings: DetectSettings | null): void {
    const s = settings;
    if (!s) { this.exports.detectConfigure(-1, 0, 0, 0, 0, 0); return; }
    if (!this.exports.detectConfigure(s.mode, s.maxretry, s.findtime, s.addresses, s.connections, s.seed)) throw new Error('the module refused the detection settings');
  }

  /** Session events on the lines scanJson and scanAlerts read from now on (`slots` table slots; 0: off; `timeout` seconds, 0: the module's default). */
  setSessions(slots: number, timeout = 0): void { this.exports.sessionsConfigure(slots, timeout); }

  get sessionCounters(): { sessions: number; evictions: number } {
    return { sessions: this.exports.sessionsWrittenCount(), evictions: this.exports.sessionEvictionCount() };
  }

  get detectCounters(): DetectCounters {
    const e = this.exports;
    return { alerts: e.detectAlerts(), addresses: e.detectAddresses(), addressEvictions: e.detectAddressEvictions(), connectionEvictions: e.detectConnectionEvictions() };
  }

  // Views are re-made when stale, although the module never grows its memory (tests check that).
  private bytes(): Uint8Array { return new Uint8Array(this.exports.memory.buffer); }
  private words(): Uint32Array { return new Uint32Array(this.exports.memory.buffer, this.resultAt, RESULT_WORDS * this.exports.resultCapacity()); }

  /** Matches one line (without its newline); the record's offsets index `line`. */
  matchLine(line: Uint8Array): RecordRef {
    line = bytesWithoutCR(line);
    if (line.length > this.inputCapacity) return this.tooLong(0, line.length);
    this.bytes().set(line, this.inputAt);
    this.exports.matchLine(line.length);
    return { words: this.words(), at: 0, base: 0 };
  }

  /**
   * Matches every newline-separated line of `chunk` (the last one may lack its newline), calling `visit`
   * once per line in order. One call into WebAssembly per input buffer's worth of lines.
   */
  scanLines(chunk: Uint8Array, visit: (rec: RecordRef) => void): number {
    return this.scan(chunk, visit, null);
  }

  /**
   * As scanLines, and the module also writes each line's ECS document as a line of JSON, handed to `sink`
   * batch by batch. Lines too long for the input buffer never reach the module: `tooLongJson` writes them.
   */
  scanJson(chunk: Uint8Array, onlyMatched: boolean, visit: (rec: RecordRef) => void, sink: JsonSink, tooLongJson: (rec: RecordRef) => string): number {
    return this.scan(chunk, visit, { sink, tooLongJson, onlyMatched, alertsOnly: false });
  }

  /** With detection or sessions on: only the alerts and session events of the lines of `chunk`, as JSON lines, to `sink` (no documents). */
  scanAlerts(chunk: Uint8Array, sink: JsonSink): number {
    return this.scan(chunk, () => {}, { sink, tooLongJson: () => '', onlyMatched: true, alertsOnly: true });
  }

  /**
   * With detection or sessions on: matches each of `lines` (one line each, without its newline) alone, so the
   * alerts and session events it makes are known to be its own; `visit` gets its record (valid during the
   * visit) and those events' JSON lines ('' for none). One call into WebAssembly per line: for hosts that
   * match records one by one (the sidecar's enrich path) and must put each event beside its record. A line
   * that does not fit the input buffer with its newline is matched with matchLine and observes nothing.
   */
  observeLines(lines: readonly Uint8Array[], visit: (rec: RecordRef, events: string) => void): void {
    this.applyOptions();
    const mem = this.bytes();
    const words = this.words();
    const out = this.exports.outputPtr();
    for (const line of lines) {
      if (line.length + 1 > this.inputCapacity) { visit(this.matchLine(line), ''); continue; }
      mem.set(line, this.inputAt);
      mem[this.inputAt + line.length] = 10;
      this.exports.matchBatchAlerts(line.length + 1, 1);
      const n = this.exports.outputLength();
      visit({ words, at: 0, base: 0 }, n ? Buffer.from(mem.buffer, mem.byteOffset + out, n).toString('utf8') : '');
    }
  }

  private scan(chunk: Uint8Array, visit: (rec: RecordRef) => void, json: { sink: JsonSink; tooLongJson: (rec: RecordRef) => string; onlyMatched: boolean; alertsOnly: boolean } | null): number {
    const cap = this.inputCapacity;
    let off = 0;
    let lines = 0;
    const mem = this.bytes();
    const words = this.words();
    if (json) this.applyOptions();
    const call = (len: number, final: boolean) => json
      ? json.alertsOnly ? this.exports.matchBatchAlerts(len, final ? 1 : 0) : this.exports.matchBatchJson(len, final ? 1 : 0, json.onlyMatched ? 1 : 0)
      : this.exports.matchBatch(len, final ? 1 : 0);
    const flush = () => { if (json) json.sink(mem.subarray(this.exports.outputPtr(), this.exports.outputPtr() + this.exports.outputLength())); };
    while (off < chunk.length) {
      const n = Math.min(cap, chunk.length - off);
      mem.set(chunk.subarray(off, off + n), this.inputAt);
      const count = call(n, off + n === chunk.length);
      const used = this.exports.batchConsumed();
      // One record object, moved along: visitors read it during the call and must not keep it.
      const ref: RecordRef = { words, at: 0, base: off };
      for (let i = 0; i < count; i++) { ref.at = i * RESULT_WORDS; visit(ref); }
      if (count > 0) flush();
      lines += count;
      if (count === 0) {
        // No newline within a whole input buffer. A line of exactly the buffer's size is matched on its
        // own; a longer one cannot be, so it is reported too-long and skipped, never split.
        const nl = chunk.indexOf(10, off);
        let end = nl < 0 ? chunk.length : nl;
        if (end > off && chunk[end - 1] === 13) end--; // a CRLF line is the same line as with LF, at the limit too
        if (end - off <= cap) {
          call(end - off, true);
          visit({ words, at: 0, base: off });
          flush();
        } else {
          const rec = this.tooLong(off, end - off);
          visit(rec);
          if (json && !json.onlyMatched) json.sink(json.tooLongJson(rec) + '\n'); // never counted: no entry matched it
        }
        lines++;
        off = nl < 0 ? chunk.length : nl + 1;
        continue;
      }
      off += used;
    }
    return lines;
  }

  /**
   * The JSON records of `chunk`, one a line, with the ECS fields of the message under `key` merged in by the
   * module (assembly/adapters/raw/json-records.ts); `visit` sees the record of each merged one. A record the
   * module leaves (not JSON, no string under the key, longer than the input buffer, ...) is a `left` part,
   * without its newline (and a CR before it). Null when the key cannot be configured (empty or over 256
   * bytes): every record is the host's then.
   */
  mergeJsonRecords(chunk: Uint8Array, key: string, visit: (rec: RecordRef) => void): MergedPart[] | null {
    const k = Buffer.from(key, 'utf8');
    if (k.length === 0 || k.length > 256) return null;
    this.bytes().set(k, this.exports.recordKeyPtr());
    if (!this.exports.setRecordKey(k.length)) return null;
    this.applyOptions();
    const cap = this.inputCapacity;
    const mem = this.bytes();
    const words = this.words();
    const out = this.exports.outputPtr();
    const parts: MergedPart[] = [];
    const copy = (from: number, to: number) => { if (to > from) parts.push(Buffer.from(mem.subarray(out + from, out + to))); };
    const left = (start: number, end: number) => {
      if (end > start && chunk[end - 1] === 13) end--;
      parts.push({ left: Buffer.from(chunk.subarray(start, end)) });
    };
    let off = 0;
    while (off < chunk.length) {
      const n = Math.min(cap, chunk.length - off);
      mem.set(chunk.subarray(off, off + n), this.inputAt);
      let count = this.exports.mergeJsonRecords(n, off + n === chunk.length ? 1 : 0);
      let next = -1;
      if (count === 0) {
        // No newline within a whole input buffer: a record of exactly its size is merged on its own, a
        // longer one is the host's, whole.
        const nl = chunk.indexOf(10, off);
        const end = nl < 0 ? chunk.length : nl;
        if (end - off > cap) { left(off, end); off = end + 1; continue; }
        count = this.exports.mergeJsonRecords(end - off, 1);
        next = end + 1;
      }
      const ref: RecordRef = { words, at: 0, base: off };
      let from = 0;
      for (let i = 0; i < count; i++) {
        ref.at = i * RESULT_WORDS;
        if (words[ref.at + W_STATUS] !== RECORD_LEFT) { visit(ref); continue; }
        const at = words[ref.at + W_MESSAGE];
        copy(from, at);
        from = at;
        const start = off + words[ref.at + W_LINE];
        left(start, start + words[ref.at + W_LINE + 1]);
      }
      copy(from, this.exports.outputLength());
      off = next >= 0 ? next : off + this.exports.batchConsumed();
    }
    return parts;
  }

  /** The record of a too-long line (too-long.ts) at `start` of the caller's bytes. */
  private tooLong(start: number, len: number): RecordRef {
    return { words: writeTooLongRecord(this.scratch, len), at: 0, base: start };
  }
}
