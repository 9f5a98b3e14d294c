// Mode `json-lines`: lines in (stdin or files), one JSON record out per line, in order (Vector's exec source,
// Logstash's pipe). `--input raw`: each line is a log line; out goes its ECS document. `--input json`: each
// line is a JSON object whose `--message-key` holds the log line; out goes the same object with the ECS
// fields added (merge.ts). `--input journal-json`: each line is a `journalctl -o json` record, matched as the
// syslog line host/input/journal-json.ts makes of it, and enriched the same way. A line that is not a JSON
// object is passed through, never dropped:
// {"event":{"original":<the line>},"ssh_log_matcher":{"status":"malformed","error":...}}.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { toEcsDocument, type Matcher } from '../binding/index.js';
import { journalLine } from '../input/journal-json.js';
import type { SidecarCounters } from './counters.js';
import { parseRecordLine } from './exact-json.js';
import { recordJson } from './forward/destination.js';
import { splitLines, wholeLines } from './line-source.js';
import { isObject, mergeEcs } from './merge.js';
import { MessageBatch } from './message-batch.js';
import type { BoundedOutput } from './output.js';

export interface LineModeContext {
  matcher: Matcher;
  counters: SidecarCounters;
  out: BoundedOutput;
  stop: AbortSignal;
}

export function malformedRecord(line: string, error: string): Record<string, unknown> {
  return { event: { original: line }, ssh_log_matcher: { status: 'malformed', error } };
}

/**
 * The ECS documents of the raw log lines of one chunk, one JSON line each: the module writes the JSON itself
 * (the CLI's fast path, the same bytes as toEcsDocument + JSON.stringify); its output area is reused by the
 * next batch, so the pieces are copied out.
 */
export function rawChunk(chunk: Buffer, ctx: LineModeContext): Buffer {
  const { matcher, counters } = ctx;
  const parts: Buffer[] = [];
  matcher.writeJsonLines(chunk, (json) => parts.push(Buffer.from(json)), {
    visit: (rec) => counters.lines.add(matcher.statusOf(rec), matcher.entryIdOf(rec)),
  });
  return Buffer.concat(parts);
}

/** The enriched JSON records of one chunk of JSON lines; `lineOf` makes the log line of a record (default: its `key`). */
export function jsonChunk(chunk: Buffer, key: string, batch: MessageBatch, ctx: LineModeContext,
  lineOf: (record: Record<string, unknown>) => unknown = (r) => r[key]): string {
  const lines = splitLines(chunk);
  const records: (Record<string, unknown> | string)[] = new Array(lines.length);
  const messages: string[] = [];
  const owners: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    let value: unknown;
    try { value = parseRecordLine(lines[i]); } catch (e) {
      records[i] = JSON.stringify(malformedRecord(lines[i], `malformed JSON: ${(e as Error).message}`));
      ctx.counters.lines.add('malformed', null);
      continue;
    }
    if (!isObject(value)) {
      records[i] = JSON.stringify(malformedRecord(lines[i], 'not a JSON object'));
      ctx.counters.lines.add('malformed', null);
      continue;
    }
    records[i] = value;
    const line = lineOf(value);
    if (typeof line === 'string') { messages.push(line); owners.push(i); }
  }
  const results = batch.match(messages);
  const enriched = new Map<number, Record<string, unknown>>();
  for (let k = 0; k < results.length; k++) {
    const r = results[k];
    ctx.counters.lines.add(r.status, r.event?.id ?? null);
    enriched.set(owners[k], toEcsDocument(r));
  }
  let text = '';
  for (let i = 0; i < records.length; i++) {
    const rec = records[i];
    if (typeof rec === 'string') { text += rec + '\n'; continue; }
    const doc = enriched.get(i);
    if (doc) mergeEcs(rec, doc);
    else { rec.ssh_log_matcher = { status: 'no-message' }; ctx.counters.lines.add('no-message', null); }
    let json: string;
    try { json = JSON.stringify(rec); } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      json = recordJson(rec); // the record holds a BigInt (parseRecordLine): its digits as they came
    }
    text += json + '\n';
  }
  return text;
}

export async function runJsonLines(files: string[], input: string, key: string, stdin: Readable, ctx: LineModeContext): Promise<void> {
  const batch = new MessageBatch(ctx.matcher);
  for (const src of files.length ? files : ['-']) {
    if (ctx.stop.aborted) break;
    const stream = src === '-' ? stdin : createReadStream(src);
    for await (const chunk of wholeLines(stream, ctx.stop)) {
      await ctx.out.write(input === 'raw' ? rawChunk(chunk, ctx)
        : jsonChunk(chunk, key, batch, ctx, input === 'journal-json' ? journalLine : undefined));
    }
    if (stream !== stdin) stream.destroy();
  }
}
