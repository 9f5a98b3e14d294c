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
//
// With --detect or --sessions, the alerts and session events a message made cannot be replies of their own
// (rsyslog takes exactly one reply per message, and a reply only modifies that message): they go into the
// message's reply as an array, $!ssh_log_matcher!events, each the whole ECS document the other modes write
// as a record, for a rule to send elsewhere (docs/sidecar.md#brute-force-decisions-and-sessions).
import type { Readable } from 'node:stream';
import { toEcsDocument } from '../binding/index.js';
import { enrichBatch, eventRecords, isFault, type Fault, type Outcome } from './enrich.js';
import type { LineModeContext } from './json-lines.js';
import { splitLines, wholeLines } from './line-source.js';
import { isObject } from './merge.js';
import { MessageBatch } from './message-batch.js';

const reply = (vars: Record<string, unknown>) => JSON.stringify({ '$!': vars }) + '\n';
const outcomeStatus = (s: string, error?: string): Record<string, unknown> => ({ ssh_log_matcher: error ? { status: s, error } : { status: s } });

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

/** The message variables of one outcome, with the alerts and session events its line made under ssh_log_matcher.events. */
function variables(o: Outcome, events: string): Record<string, unknown> {
  const vars = isFault(o) ? outcomeStatus(o.fault, o.error) : o.event ? toEcsDocument(o) : outcomeStatus(o.status);
  if (events) (vars.ssh_log_matcher as Record<string, unknown>).events = eventRecords(events);
  return vars;
}

export function mmexternalChunk(chunk: Buffer, input: string, key: string, batch: MessageBatch, ctx: LineModeContext): string {
  const { outcomes, events } = enrichBatch(splitLines(chunk), (line) => messageOf(line, input, key), batch, ctx.counters);
  return outcomes.map((o, i) => reply(variables(o, events[i]))).join('');
}

export async function runMmexternal(input: string, key: string, stdin: Readable, ctx: LineModeContext): Promise<void> {
  const batch = new MessageBatch(ctx.matcher);
  // Each chunk is answered as soon as it is read: rsyslog sends the next message only after our reply.
  for await (const chunk of wholeLines(stdin, ctx.stop)) {
    await ctx.out.write(mmexternalChunk(chunk, input, key, batch, ctx));
  }
}
