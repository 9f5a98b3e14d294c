// The default command: SSH log lines in (files or stdin), one ECS JSON document per line out.
// Fails like cat and jq: a file that cannot be read is one line on stderr, the others are still read, and
// the exit code says so at the end (2). On SIGTERM or SIGINT it stops reading, writes every line it had read
// (whole lines only: a write in progress is finished, never cut), prints --stats, and exits 128 + signal.
import { createReadStream, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { createMatcher, type DocumentOptions } from '../binding/index.js';
import { moduleOptions, OptionError } from '../binding/options.js';
import { loadCatalogMeta } from '../binding/catalog-meta.js';
import { wholeLineChunks } from '../io/line-stream.js';
import { MatchStats } from '../io/stats.js';
import { reason, UsageError } from '../io/errors.js';
import { ParallelJsonWriter } from './parallel.js';
import { chunkToJson, type ChunkJson } from './json-chunk.js';
import { STATUS } from '../binding/layout.js';
import { journalChunkLines } from '../input/journal-json.js';
import { detectOptions, sessionTimeout } from '../io/detect-flags.js';

export interface MatchOptions {
  stats?: boolean; onlyMatched?: boolean; explain?: boolean; threads?: number; timezone?: string; keepOriginal?: boolean; input?: string;
  /** Brute-force decisions: true (fail2ban's normal mode) or a mode name; maxretry and findtime as given. */
  detect?: boolean | string; maxretry?: string; findtime?: string;
  /** Session events (one per connection, after its last line); onlyEvents: alerts and sessions, no documents. */
  sessions?: boolean; sessionTimeout?: string; onlyEvents?: boolean;
}
export interface MatchIO { stdin: Readable; stdout: Writable; stderr: Writable; stop: AbortSignal }
const INPUTS = ['raw', 'journal-json'];

/** Writing standard output failed (a full disk, a closed pipe): not the input's fault. */
export class OutputError extends Error {
  constructor(readonly failure: NodeJS.ErrnoException) { super(`cannot write standard output: ${reason(failure)}`); }
}

async function write(out: Writable, text: string | Buffer): Promise<void> {
  try {
    if (!out.write(text)) await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => { out.off('drain', done); out.off('error', done); err ? reject(err) : resolve(); };
      out.once('drain', done);
      out.once('error', done);
    });
  } catch (e) { throw e instanceof OutputError ? e : new OutputError(e as NodeJS.ErrnoException); }
}

/** A file to read, or why it cannot be: a directory is found before any read, as cat reports it. */
function openInput(src: string, highWaterMark: number | undefined): Readable {
  if (statSync(src).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  return createReadStream(src, highWaterMark ? { highWaterMark } : {});
}

/** Runs the command; returns the exit code: 0, or 2 when a file could not be read. */
export async function runMatch(files: string[], opts: MatchOptions, io: MatchIO): Promise<number> {
  const { stdin, stdout, stderr, stop } = io;
  if (opts.input !== undefined && !INPUTS.includes(opts.input)) throw new UsageError(`--input must be one of ${INPUTS.join(', ')}, got "${opts.input}"`);
  const journal = opts.input === 'journal-json';
  const documents: DocumentOptions = { timezone: opts.timezone, keepOriginal: opts.keepOriginal };
  try { moduleOptions(documents); } catch (e) { if (e instanceof OptionError) throw new UsageError(`--${e.message}`); throw e; }
  if (opts.explain && opts.detect !== undefined && opts.detect !== false) throw new UsageError('--explain and --detect cannot be used together');
  const detect = detectOptions(opts);
  const stats = new MatchStats();
  const sources = files.length ? files : ['-'];
  if (opts.onlyEvents && !detect && !opts.sessions) throw new UsageError('--only-events needs --detect or --sessions');
  if (opts.explain && opts.sessions) throw new UsageError('--explain and --sessions cannot be used together');
  // Decisions and sessions need every line in one instance's tables: they match on the main thread.
  const threads = opts.explain || detect || opts.sessions ? 1 : opts.threads ?? 1;
  // With worker threads the main thread only reads, orders and writes: no matcher instance of its own.
  const matcher = threads > 1 ? null : await createMatcher(documents);
  if (detect) matcher!.setDetection(detect);
  const timeout = sessionTimeout(opts);
  if (opts.sessions) matcher!.setSessions({ timeout });
  const entries = loadCatalogMeta().entries;
  // --explain reads the catalog's sources (YAML, the reference matcher): loaded only when asked for, so a
  // plain run starts without them.
  const explain = opts.explain ? (await import('./explain.js')).explain : null;
  const emit = async (d: ChunkJson) => {
    d.statuses.forEach((n, s) => { if (n) stats.addCount(STATUS[s], null, n); });
    d.entries.forEach((n, e) => { if (n) stats.addEntry(entries[e].id, n); });
    await write(stdout, Buffer.from(d.json.buffer, d.json.byteOffset, d.json.byteLength));
  };
  const parallel = threads > 1 ? new ParallelJsonWriter(threads, opts.onlyMatched ?? false, emit, documents) : null;
  let code = 0;
  try {
    for (const src of sources) {
      if (stop.aborted) break;
      let input: Readable;
      try { input = src === '-' ? stdin : openInput(src, parallel ? 1 << 20 : undefined); } catch (e) {
        stderr.write(`ssh-log-matcher: cannot read ${src}: ${reason(e)}\n`);
        code = 2;
        continue;
      }
      try {
        for await (const whole of wholeLineChunks(input, stop)) {
          const chunk = journal ? journalChunkLines(whole) : whole; // one log line per record
          if (!matcher) { // worker threads do the matching
            await parallel!.push(chunk);
            continue;
          }
          if (opts.explain) {
            let text = '';
            matcher.scanLines(chunk, (rec) => {
              const r = matcher.decode(chunk, rec);
              stats.add(r.status, r.event?.id ?? null);
              if (!opts.onlyMatched || r.event) text += explain!(r) + '\n\n';
            });
            await write(stdout, text);
            continue;
          }
          await emit(chunkToJson(matcher, chunk, opts.onlyMatched ?? false, opts.onlyEvents ?? false));
        }
      } catch (e) {
        if (e instanceof OutputError) throw e;
        // A read error part way (EISDIR on some systems, EIO): what was read is written, the rest reported.
        stderr.write(`ssh-log-matcher: cannot read ${src === '-' ? 'standard input' : src}: ${reason(e)}\n`);
        code = 2;
      } finally {
        if (input !== stdin) input.destroy();
      }
    }
    await parallel?.finish();
  } finally {
    if (opts.stats) stderr.write(stats.format() + '\n');
  }
  return code;
}
