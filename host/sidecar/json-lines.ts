// Mode `json-lines`: lines in (stdin or files), one JSON record out per line, in order (Vector's exec source,
// Logstash's pipe). `--input raw`: each line is a log line; out goes its ECS document. `--input json`: each
// line is a JSON object whose `--message-key` holds the log line; out goes the same object with the ECS
// fields added: by the module itself (assembly/adapters/raw/json-records.ts, the Fluent Bit module's merge), or
// for the records it leaves, through the sidecar's one enrich path (enrich.ts, merge.ts), with the same bytes. `--input journal-json`: each line is a `journalctl -o json` record, matched as the
// syslog line host/input/journal-json.ts makes of it, and enriched the same way. A line that is not a JSON
// object is passed through, never dropped:
// {"event":{"original":<the line>},"ssh_log_matcher":{"status":"malformed","error":...}}.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { Matcher } from '../binding/index.js';
import { journalLine } from '../input/journal-json.js';
import type { SidecarCounters } from './counters.js';
import { parseRecordLine } from './exact-json.js';
import { recordJson } from './forward/destination.js';
import { splitLines, wholeLines } from './line-source.js';
import { enrichBatch, isFault, mergeOutcome, type Fault } from './enrich.js';
import { isObject } from './merge.js';
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
 * next batch, so the pieces are copied out. With --detect or --sessions the module writes each alert and
 * session event after the line that made it, in the same pass: the CLI's output, byte for byte.
 */
export function rawChunk(chunk: Buffer, ctx: LineModeContext): Buffer {
  const { matcher, counters } = ctx;
  const parts: Buffer[] = [];
  matcher.writeJsonLines(chunk, (json) => parts.push(Buffer.from(json)), {
    visit: (rec) => counters.lines.add(matcher.statusOf(rec), matcher.entryIdOf(rec)),
  });
  return Buffer.concat(parts);
}

/**
 * The enriched JSON records of one chunk of JSON lines; `lineOf` makes the log line of a record (default:
 * the string under `key`). With the default, the module merges the records itself (the bytes of a record
 * pass through as they came); the records it leaves, and a chunk that is not valid UTF-8, take the host's
 * path (jsonRecords), whose output is the same for the records both can merge.
 */
export function jsonChunk(chunk: Buffer, key: string, batch: MessageBatch, ctx: LineModeContext,
  lineOf?: (record: Record<string, unknown>) => unknown): Buffer {
  const { matcher, counters } = ctx;
  // The module's merge does not feed the detector: with --detect or --sessions every record takes the host's path.
  const parts = lineOf === undefined && !matcher.observing && isUtf8(chunk)
    ? matcher.core.mergeJsonRecords(chunk, key, (rec) => counters.lines.add(matcher.statusOf(rec), matcher.entryIdOf(rec)))
    : null;
  if (!parts) return Buffer.from(jsonRecords(splitLines(chunk), key, batch, ctx, lineOf).join(''));
  const left = parts.flatMap((p) => ('left' in p ? [Buffer.from(p.left.buffer, p.left.byteOffset, p.left.byteLength).toString('utf8')] : []));
  if (!left.length) return Buffer.concat(parts as Uint8Array[]);
  const lines = jsonRecords(left, key, batch, ctx);
  let k = 0;
  return Buffer.concat(parts.map((p) => ('left' in p ? Buffer.from(lines[k++]) : p)));
}

/**
 * The host's path: each line parsed, enriched through the sidecar's one path (enrich.ts), written again; one
 * JSON line each, followed by the alerts and session events its line made (--detect, --sessions).
 */
export function jsonRecords(lines: readonly string[], key: string, batch: MessageBatch, ctx: LineModeContext,
  lineOf: (record: Record<string, unknown>) => unknown = (r) => r[key]): string[] {
  // A parse fault is kept beside the records, not in their place: a record may have a key "fault".
  const faults = new Map<number, Fault>();
  const records = lines.map((line, i): Record<string, unknown> => {
    let value: unknown;
    try { value = parseRecordLine(line); } catch (e) { faults.set(i, { fault: 'malformed', error: `malformed JSON: ${(e as Error).message}` }); return {}; }
    if (!isObject(value)) faults.set(i, { fault: 'malformed', error: 'not a JSON object' });
    return isObject(value) ? value : {};
  });
  const { outcomes, events } = enrichBatch(records.map((_, i) => i), (i) => {
    const fault = faults.get(i);
    if (fault) return fault;
    const line = lineOf(records[i]);
    return typeof line === 'string' ? line : { fault: 'no-message' };
  }, batch, ctx.counters);
  return records.map((rec, i) => {
    const o = outcomes[i];
    if (isFault(o) && o.fault === 'malformed') return JSON.stringify(malformedRecord(lines[i], o.error!)) + '\n';
    const merged = mergeOutcome(rec, o);
    try { return JSON.stringify(merged) + '\n' + events[i]; } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      return recordJson(merged) + '\n' + events[i]; // the record holds a BigInt (parseRecordLine): its digits as they came
    }
  });
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
