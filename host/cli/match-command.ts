// The default command: SSH log lines in (files or stdin), one ECS JSON document per line out.
import { createReadStream, accessSync, constants } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { createMatcher, type DocumentOptions } from '../binding/index.js';
import { moduleOptions, OptionError } from '../binding/options.js';
import { loadCatalogMeta } from '../binding/catalog-meta.js';
import { wholeLineChunks } from './line-stream.js';
import { MatchStats } from './stats.js';
import { UsageError } from './errors.js';
import { explain } from './explain.js';
import { ParallelJsonWriter } from './parallel.js';
import { chunkToJson, type ChunkJson } from './json-chunk.js';
import { STATUS } from '../binding/layout.js';
import { journalChunkLines } from '../input/journal-json.js';

export interface MatchOptions { stats?: boolean; onlyMatched?: boolean; explain?: boolean; threads?: number; timezone?: string; keepOriginal?: boolean; input?: string }
const INPUTS = ['raw', 'journal-json'];

async function write(out: Writable, text: string | Buffer): Promise<void> {
  if (!out.write(text)) await new Promise<void>((resolve, reject) => {
    const done = (err?: Error) => { out.off('drain', done); out.off('error', done); err ? reject(err) : resolve(); };
    out.once('drain', done);
    out.once('error', done);
  });
}

export async function runMatch(files: string[], opts: MatchOptions, stdin: Readable, stdout: Writable, stderr: Writable): Promise<void> {
  if (opts.input !== undefined && !INPUTS.includes(opts.input)) throw new UsageError(`--input must be one of ${INPUTS.join(', ')}, got "${opts.input}"`);
  const journal = opts.input === 'journal-json';
  for (const f of files.filter((x) => x !== '-')) {
    try { accessSync(f, constants.R_OK); } catch (e) { throw new UsageError(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? e}`); }
  }
  const documents: DocumentOptions = { timezone: opts.timezone, keepOriginal: opts.keepOriginal };
  try { moduleOptions(documents); } catch (e) { if (e instanceof OptionError) throw new UsageError(`--${e.message}`); throw e; }
  const stats = new MatchStats();
  const sources = files.length ? files : ['-'];
  const threads = opts.explain ? 1 : opts.threads ?? 1;
  // With worker threads the main thread only reads, orders and writes: no matcher instance of its own.
  const matcher = threads > 1 ? null : await createMatcher(documents);
  const entries = loadCatalogMeta().entries;
  const emit = async (d: ChunkJson) => {
    d.statuses.forEach((n, s) => { if (n) stats.addCount(STATUS[s], null, n); });
    d.entries.forEach((n, e) => { if (n) stats.addEntry(entries[e].id, n); });
    await write(stdout, Buffer.from(d.json.buffer, d.json.byteOffset, d.json.byteLength));
  };
  const parallel = threads > 1 ? new ParallelJsonWriter(threads, opts.onlyMatched ?? false, emit, documents) : null;
  for (const src of sources) {
    const input = src === '-' ? stdin : createReadStream(src, parallel ? { highWaterMark: 1 << 20 } : {});
    for await (const whole of wholeLineChunks(input)) {
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
          if (!opts.onlyMatched || r.event) text += explain(r) + '\n\n';
        });
        await write(stdout, text);
        continue;
      }
      await emit(chunkToJson(matcher, chunk, opts.onlyMatched ?? false));
    }
  }
  await parallel?.finish();
  if (opts.stats) stderr.write(stats.format() + '\n');
}
