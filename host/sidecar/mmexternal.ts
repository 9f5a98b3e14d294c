// Mode `mmexternal`: rsyslog's external message modification interface (plugins/external/INTERFACE.md in
// rsyslog's source). rsyslog writes one message per line on our stdin and waits for exactly one reply line
// per message, in order: a JSON object of the properties to change. We only ever set message variables,
// {"$!": {...}}: the line's ECS document when an entry matched, only {"ssh_log_matcher":{"status":...}}
// otherwise, so rsyslog rules can test $!ssh_log_matcher!status. A message we cannot read still gets its
// reply (status "malformed"): a missing reply would stall rsyslog's worker.
//
// interface.input decides what a line is: "fulljson" (the whole message object; we match the property named
// by --message-key, default rawmsg, so the matcher sees the syslog header), "msg" (the MSG part; rsyslog
// keeps the space after the tag's colon, which we drop) or "rawmsg" (the line as received).
import type { Readable } from 'node:stream';
import { toEcsDocument } from '../binding/index.js';
import { enrichBatch, isFault, type Fault } from './enrich.js';
import type { LineModeContext } from './json-lines.js';
import { splitLines, wholeLines } from './line-source.js';
import { isObject } from './merge.js';
import { MessageBatch } from './message-batch.js';

const reply = (vars: Record<string, unknown>) => JSON.stringify({ '$!': vars }) + '\n';
const status = (s: string, error?: string) => reply({ ssh_log_matcher: error ? { status: s, error } : { status: s } });

const dropSpaces = (msg: string) => msg.replace(/^ +/, '');

/** The message to match in one line of rsyslog's input, or why there is none. */
function messageOf(line: string, input: string, key: string): string | Fault {
  if (input === 'msg') return dropSpaces(line);
  if (input === 'rawmsg') return line;
  let obj: unknown;
  try { obj = JSON.parse(line); } catch (e) { return { fault: 'malformed', error: `malformed JSON: ${(e as Error).message}` }; }
  if (!isObject(obj)) return { fault: 'malformed', error: 'not a JSON object' };
  const own = obj[key];
  if (typeof own === 'string') return key === 'msg' ? dropSpaces(own) : own;
  if (typeof obj.msg === 'string') return dropSpaces(obj.msg); // a message with no rawmsg
  return { fault: 'no-message' };
}

export function mmexternalChunk(chunk: Buffer, input: string, key: string, batch: MessageBatch, ctx: LineModeContext): string {
  const outcomes = enrichBatch(splitLines(chunk), (line) => messageOf(line, input, key), batch, ctx.counters);
  return outcomes.map((o) => (isFault(o) ? status(o.fault, o.error) : o.event ? reply(toEcsDocument(o)) : status(o.status))).join('');
}

export async function runMmexternal(input: string, key: string, stdin: Readable, ctx: LineModeContext): Promise<void> {
  const batch = new MessageBatch(ctx.matcher);
  // Each chunk is answered as soon as it is read: rsyslog sends the next message only after our reply.
  for await (const chunk of wholeLines(stdin, ctx.stop)) {
    await ctx.out.write(mmexternalChunk(chunk, input, key, batch, ctx));
  }
}
