// Entry file of the Fluent Bit filter module (dist/fluent-bit/ssh-log-matcher.wasm), for `filter_wasm` in
// JSON mode (docs/fluent-bit.md). Each exported behaviour has Fluent Bit's filter signature:
//   (tag, tag_len, time_sec, time_nsec, record, record_len) -> NUL-terminated JSON object, "" to drop.
// The message is taken from `log`, then `message`, then `MESSAGE` (journald), matched with the same
// matcher as the raw module, and the entry's ECS fields are merged into the record (assembly/fluent-bit/
// merge.ts, the module's one ECS writer). Never allocates per record, never traps: malloc/free are a bump arena reset per call, the
// output is one static buffer, and every failure has a defined result:
// - no message key, unmatched line (except in the drop behaviour), unreadable JSON: the record, unchanged;
// - a message longer than the line buffer or an output too large for the output buffer: the record,
//   unchanged but for the marker "ssh_log_matcher":{"status":"too-long"}; never dropped.
import { matchLine } from '../../matcher/match';
import { RESULT_SIZE, MODE_ENRICH, MODE_CLASSIFY, MAX_LINE_BYTES } from '../../generated/abi';
import { arenaAlloc, arenaFree, arenaOwns, arenaLive, arenaSpillPages, SLACK } from './arena';
import { skipSpace, beginObject, nextMember, decodeString, keyStart, keyEnd, keyEscaped, valueStart, valueEnd, objectClose, stringEscaped, stringPlainEnd, keyEquals } from '../../ecs/json-read';
import { setLinePlain } from '../../ecs/values';
import { OUT, OUT_CAPACITY, outReset, outFinish } from './output';
import { writeMerged, recordKeysBegin, recordKey } from '../../ecs/merge';
import { setReferenceTime } from '../../ecs/options';
import { outBegin, outByte, outBytes, outOverflowed, outPosition } from '../../ecs/output';
import { configureDetection, observeLine, detectMode, alerts, addressEvictions, liveAddresses } from '../../detect/detect';
import { writeAlert } from '../../detect/alert';
import { MAX_ADDRESSES, MAX_CONNECTIONS } from '../../detect/tables';
import { configureSessions, observeSession, writeSession, sessionsOn, sessionEvictions, sessionsWritten, MAX_SESSIONS } from '../../detect/sessions';

const LINE_CAPACITY: usize = MAX_LINE_BYTES; // the decoded message, as the raw module's input buffer
const LINE: usize = memory.data(<i32>LINE_CAPACITY + 16, 16); // +16: the matcher reads words near the end
const RESULT: usize = memory.data(<i32>RESULT_SIZE, 16);
const EMPTY: usize = memory.data(8, 8); // "": Fluent Bit drops the record
// Returned only when the host could not copy the record in (it passes 0 when our malloc failed).
const UNAVAILABLE: usize = memory.data<u8>([123, 34, 115, 115, 104, 95, 108, 111, 103, 95, 109, 97, 116, 99, 104, 101, 114, 34, 58, 123, 34,
  115, 116, 97, 116, 117, 115, 34, 58, 34, 117, 110, 97, 118, 97, 105, 108, 97, 98, 108, 101, 34, 125, 125, 0]); // {"ssh_log_matcher":{"status":"unavailable"}}
const MARKER: usize = memory.data<u8>([44, 34, 115, 115, 104, 95, 108, 111, 103, 95, 109, 97, 116, 99, 104, 101, 114, 34, 58, 123, 34,
  115, 116, 97, 116, 117, 115, 34, 58, 34, 116, 111, 111, 45, 108, 111, 110, 103, 34, 125]); // ,"ssh_log_matcher":{"status":"too-long"}
const MARKER_LENGTH: usize = 40;

export function malloc(size: usize): usize { return arenaAlloc(size); }
export function free(ptr: usize): void { arenaFree(ptr); }

/** Matched records get the full ECS document; every other record passes unchanged. */
export function ssh_enrich(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, false, sec);
}

/** As ssh_enrich, but records whose message matches no entry are dropped. */
export function ssh_enrich_drop_unmatched(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, true, sec);
}

// Brute-force decisions (docs/fluent-bit.md): one function per fail2ban mode, with fail2ban's defaults
// (maxretry 5, findtime 10m), since filter_wasm passes a function no parameters. The state lives in this
// module instance, so in the filter instance that runs it. A filter cannot add records to the stream, so
// a decision is added to the record that made it, as its "ssh_log_matcher.alert" member (the alert's ECS
// document; Elasticsearch and OpenSearch read the dotted key as ssh_log_matcher.alert).

/** As ssh_enrich, with fail2ban's normal mode decisions added to the records that make them. */
export function ssh_enrich_detect(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, false, sec, detecting(0, nsec));
}
export function ssh_enrich_detect_ddos(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, false, sec, detecting(1, nsec));
}
export function ssh_enrich_detect_extra(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, false, sec, detecting(2, nsec));
}
export function ssh_enrich_detect_aggressive(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, false, sec, detecting(3, nsec));
}

/** CrowdSec's ssh-bf and ssh-slow-bf scenarios (their own capacity and leak speed). */
export function ssh_enrich_detect_ssh_bf(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, false, sec, detecting(4, nsec));
}
export function ssh_enrich_detect_ssh_slow_bf(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, false, sec, detecting(5, nsec));
}

// Sessions (docs/detect.md#sessions): the lines of one connection (an sshd process and the children linked
// to it) joined into one ECS event when it ends or times out. The event is added to the record of the line that ended it, as the member
// "ssh_log_matcher.sessions": an array of the session documents that line made ready (usually one).

/** As ssh_enrich, with the session events added to the records that end them. */
export function ssh_enrich_sessions(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, false, sec, false, joining());
}

/** As ssh_enrich_detect (fail2ban's normal mode), with the session events too. */
export function ssh_enrich_detect_sessions(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_ENRICH, false, sec, detecting(0, nsec), joining());
}

/** Session events written and sessions the full table evicted by this instance. */
export function sessions_written(): f64 { return <f64>sessionsWritten; }
export function session_evictions(): f64 { return <f64>sessionEvictions; }

/** Turns sessions on at the first record, the table sized to the most. */
function joining(): bool {
  if (!sessionsOn()) configureSessions(MAX_SESSIONS);
  return true;
}

/** Decisions made, addresses followed and tickets evicted by this instance (for tests and monitoring). */
export function detect_alerts(): f64 { return <f64>alerts; }
export function detect_addresses(): u32 { return liveAddresses; }
export function detect_address_evictions(): f64 { return <f64>addressEvictions; }

/** Turns detection on in `mode` at the first record (the tables sized to the most, seeded by its time). */
function detecting(mode: i32, nsec: u32): bool {
  if (detectMode() != mode) configureDetection(mode, 5, 600, MAX_ADDRESSES, MAX_CONNECTIONS, nsec);
  return true;
}

const ALERT_KEY: usize = memory.data<u8>([44, 34, 115, 115, 104, 95, 108, 111, 103, 95, 109, 97, 116, 99, 104, 101, 114, 46, 97, 108, 101, 114, 116, 34, 58]); // ,"ssh_log_matcher.alert":

/** Reopens the merged record just written before its closing brace, for one more member; false if it did not fit. */
// @ts-ignore: decorator
@inline function reopenRecord(): bool {
  if (outOverflowed()) return false;
  let e = outPosition();
  while (e > OUT && load<u8>(e - 1) != 0x7d) e--;
  if (e == OUT) return false;
  outBegin(e - 1, OUT + OUT_CAPACITY);
  return true;
}

/** Puts the last alert into the merged record just written: before its closing brace. */
function appendAlert(rec: usize, origin: usize): void {
  if (!reopenRecord()) return;
  outBytes(ALERT_KEY, 25);
  writeAlert(rec, origin);
  outByte(0x7d);
}

const SESSIONS_KEY: usize = memory.data<u8>([44, 34, 115, 115, 104, 95, 108, 111, 103, 95, 109, 97, 116, 99, 104, 101, 114, 46, 115, 101, 115, 115, 105, 111, 110, 115, 34, 58, 91]); // ,"ssh_log_matcher.sessions":[

/**
 * Puts the `n` session events the line made ready into the merged record just written (after its alert, if
 * any): before its closing brace. Written with the output's room check, as the alert: what does not fit
 * makes the record too long, never a cut document.
 */
function appendSessions(n: u32): void {
  if (!reopenRecord()) return;
  outBytes(SESSIONS_KEY, 29);
  for (let i: u32 = 0; i < n; i++) {
    if (i != 0) outByte(0x2c);
    writeSession(i);
  }
  outByte(0x5d);
  outByte(0x7d);
}

/** Matched records get only event.code (the entry id) and event.severity; others pass unchanged. */
export function ssh_classify(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  return filter(record, <usize>length, MODE_CLASSIFY, false, sec);
}

/** The record copied to the output buffer as it is: the cost of the call itself, for measurements. */
export function ssh_passthrough(tag: usize, tagLength: u32, sec: u32, nsec: u32, record: usize, length: u32): usize {
  if (!readable(record, <usize>length)) return UNAVAILABLE;
  if (<usize>length >= OUT_CAPACITY) return record;
  memory.copy(OUT, record, <usize>length);
  store<u8>(OUT + <usize>length, 0);
  return OUT;
}

/** Blocks the host has not freed yet, and pages ever grown for oversized records (for tests). */
export function arena_live(): i32 { return arenaLive(); }
export function arena_spill_pages(): i32 { return arenaSpillPages(); }

function readable(record: usize, length: usize): bool {
  return record != 0 && <u64>record + <u64>length < (<u64>memory.size() << 16);
}

// What the top-level walk found.
let messageAt: usize = 0; // the message string's text, without quotes
let messageEnd: usize = 0;
let messageEscaped: bool = false;
let messagePlainEnd: usize = 0; // where the message stops being plain (json-read.ts stringPlainEnd)
let topClose: usize = 0;
let topMembers: bool = false;
let hasMarkerKey: bool = false;

// @ts-ignore: decorator
@inline function keyIs3(a: u32, b: u32, c: u32): bool {
  return load<u8>(keyStart) == a && load<u8>(keyStart + 1) == b && load<u8>(keyStart + 2) == c;
}

/** Rank of a message key (log 3, message 2, MESSAGE 1) or 0; escaped keys are not message keys. */
function messageRank(): i32 {
  if (keyEscaped) return 0;
  const n = keyEnd - keyStart;
  if (n == 3) return keyIs3(0x6c, 0x6f, 0x67) ? 3 : 0;
  if (n != 7) return 0;
  let lower = true, upper = true;
  const word = 'message';
  for (let i: usize = 0; i < 7; i++) {
    const c = <u32>load<u8>(keyStart + i);
    const m = <u32>load<u16>(changetype<usize>(word) + (i << 1));
    if (c != m) lower = false;
    if (c != m - 32) upper = false;
  }
  return lower ? 2 : upper ? 1 : 0;
}

/** Walks the top-level members once: the message string of best rank, the closing brace. */
function walkTop(open: usize, end: usize): bool {
  messageAt = 0;
  let rank = 0;
  topMembers = false;
  hasMarkerKey = false;
  recordKeysBegin();
  beginObject(open);
  while (true) {
    const r = nextMember(end);
    if (r < 0) return false;
    if (r == 0) break;
    topMembers = true;
    recordKey(); // what the merge needs to know of the record's keys, from this one walk
    if (keyEquals('ssh_log_matcher', 15)) hasMarkerKey = true;
    const k = messageRank();
    if (k > rank && load<u8>(valueStart) == 0x22) {
      rank = k;
      messageAt = valueStart + 1;
      messageEnd = valueEnd - 1;
      messageEscaped = stringEscaped; // the value was skipped last
      messagePlainEnd = stringPlainEnd;
    }
  }
  topClose = objectClose;
  return true;
}

/**
 * The record unchanged but for the too-long marker, written in place behind its closing brace: the
 * arena left SLACK bytes there. A record we did not allocate, or that already has the key, passes as is.
 */
function markTooLong(record: usize, length: usize): usize {
  if (hasMarkerKey || !arenaOwns(record, length + 1) || SLACK < MARKER_LENGTH + 1) return record;
  const skip: usize = topMembers ? 0 : 1; // the first member takes no comma
  const n = MARKER_LENGTH - skip;
  const tail = record + length + 1 - topClose; // the brace, any trailing space, the NUL
  memory.copy(topClose + n, topClose, tail);
  memory.copy(topClose, MARKER + skip, n);
  return record;
}

/** `sec`: the record's time, the reference an RFC 3164 timestamp takes its year from. */
function filter(record: usize, length: usize, mode: u32, dropUnmatched: bool, sec: u32, detect: bool = false, sessions: bool = false): usize {
  if (!readable(record, length)) return UNAVAILABLE;
  const end = record + length;
  const open = skipSpace(record, end);
  if (open >= end || load<u8>(open) != 0x7b) return record; // not an object: Fluent Bit never sends one
  if (!walkTop(open, end) || messageAt == 0) return record;
  // A message without escapes is matched where it lies, in a record our arena holds (SLACK bytes follow
  // it, so the matcher's word-wide reads past the end stay inside); otherwise it is decoded into LINE.
  let line = messageAt;
  let lineEnd = messageEnd;
  if (messageEscaped || !arenaOwns(record, length + 1)) {
    const n = decodeString(messageAt, messageEnd, LINE, LINE_CAPACITY);
    if (n < 0) return markTooLong(record, length);
    line = LINE;
    lineEnd = LINE + <usize>n;
    if (lineEnd > LINE && load<u8>(lineEnd - 1) == 0x0a) lineEnd--; // docker-style messages end in a newline
  } else if (lineEnd - line > LINE_CAPACITY) return markTooLong(record, length);
  const entry = matchLine(line, lineEnd, RESULT, line);
  if (entry < 0) return dropUnmatched ? EMPTY : record;
  if (line == messageAt && mode != MODE_CLASSIFY) setLinePlain(line, messagePlainEnd); // the walk found how far it needs no escape
  setReferenceTime(<i64>sec);
  // A message without its header (parsed by a syslog parser) is counted at the record's time.
  const alert = detect && observeLine(RESULT, line, <i64>sec);
  const ready = sessions ? observeSession(RESULT, line) : 0;
  outReset();
  if (!writeMerged(record, length, open, topClose, topMembers, entry, RESULT, line, mode)) return record;
  if (alert) appendAlert(RESULT, line);
  if (ready != 0) appendSessions(ready);
  const out = outFinish();
  return out != 0 ? out : markTooLong(record, length);
}
