// Entry file of the component's core module (dist/component/ssh-log-matcher.component.wasm), the component
// host adapter: the exports of wit/matcher.wit in the canonical ABI, over the same matcher and ECS writer
// as the raw module (assembly/adapters/raw/). AssemblyScript cannot
// spell canonical-ABI export names (`ssh-log-matcher:matcher/matcher@0.1.0#match-line`); the asc transform
// host/component/rename-exports.ts renames the exports below after compilation (host/component/abi-names.ts
// holds the mapping). Arguments and results live in the bump arena (component/arena.ts); `postReturn`,
// exported as every function's post-return, resets it once the host has read the results.
import { matchLine as matchOne } from '../../matcher/match';
import { newLine } from '../../matcher/runtime';
import { RESULT_SIZE, R_ENTRY, R_STATUS, R_LINE, R_FRAMING, R_PRI, STATUS_TOO_LONG, FRAMING_BARE, ABSENT, OPTION_KEEP_ORIGINAL, MAX_LINE_BYTES } from '../../generated/abi';
import { arenaAlloc, arenaReset, arenaUsed, arenaNext, arenaLimit, cabiRealloc } from './arena';
import { OPTION_EVENT_SIZE, OPTION_STRING_SIZE, LINE_RESULT_SIZE, putOptionEvent, putOptionId, putLineResult, linesAreBytes } from './records';
import { writeDocument, documentBound } from '../../ecs/document';
import { outBegin, outByte, outOverflowed, outPosition } from '../../ecs/output';
import { setDocumentOptions } from '../../ecs/options';
import { detectMode, observeLine } from '../../detect/detect';
import { writeAlert, ALERT_BOUND } from '../../detect/alert';
import { sessionsOn, observeSession, writeSession, SESSION_BOUND } from '../../detect/sessions';
export { setDetection, setSessions, detectCounters } from './detect';

/** Longest line matched, in UTF-8 bytes: the input capacity of the raw module (assembly/adapters/raw/). */
const MAX_LINE: usize = MAX_LINE_BYTES;

const REC: usize = memory.data(RESULT_SIZE, 16);

/** Matches the line [line, line + len) into REC; returns the entry or -1. Longer lines are too-long. */
function matchInto(line: usize, len: usize): i32 {
  if (len <= MAX_LINE) return matchOne(line, line + len, REC, line);
  // The record the Node binding makes for a line it cannot match: every span absent, the line whole.
  newLine();
  for (let w: u32 = 0; w < RESULT_SIZE; w += 8) { store<u32>(REC + w, ABSENT); store<u32>(REC + w + 4, 0); }
  store<i32>(REC + R_ENTRY, -1);
  store<u32>(REC + R_STATUS, STATUS_TOO_LONG);
  store<u32>(REC + R_LINE, 0);
  store<u32>(REC + R_LINE + 4, <u32>len);
  store<u32>(REC + R_FRAMING, FRAMING_BARE);
  store<i32>(REC + R_PRI, -1);
  return -1;
}

export function matchLine(line: usize, len: usize): usize {
  const out = arenaAlloc(OPTION_EVENT_SIZE, 8);
  putOptionEvent(out, matchInto(line, len), REC, line);
  return out;
}

export function classify(line: usize, len: usize): usize {
  const out = arenaAlloc(OPTION_STRING_SIZE, 4);
  putOptionId(out, matchInto(line, len));
  return out;
}

export function matchLineDetailed(line: usize, len: usize): usize {
  const out = arenaAlloc(LINE_RESULT_SIZE, 8);
  putLineResult(out, matchInto(line, len), REC, line);
  return out;
}

// Batch calls: `lines` is a list<string> in memory, `count` (ptr, len) pairs. Each returns a pointer to the
// (ptr, len) of the result list.

export function matchLines(lines: usize, count: usize): usize {
  const items = arenaAlloc(count * OPTION_EVENT_SIZE, 8);
  for (let i: usize = 0; i < count; i++) {
    const line = <usize>load<u32>(lines + (i << 3));
    putOptionEvent(items + i * OPTION_EVENT_SIZE, matchInto(line, <usize>load<u32>(lines + (i << 3) + 4)), REC, line);
  }
  return listResult(items, count);
}

export function classifyLines(lines: usize, count: usize): usize {
  const items = arenaAlloc(count * OPTION_STRING_SIZE, 4);
  for (let i: usize = 0; i < count; i++) {
    const line = <usize>load<u32>(lines + (i << 3));
    putOptionId(items + i * OPTION_STRING_SIZE, matchInto(line, <usize>load<u32>(lines + (i << 3) + 4)));
  }
  return listResult(items, count);
}

export function matchLinesDetailed(lines: usize, count: usize): usize {
  const items = arenaAlloc(count * LINE_RESULT_SIZE, 8);
  for (let i: usize = 0; i < count; i++) {
    const line = <usize>load<u32>(lines + (i << 3));
    putLineResult(items + i * LINE_RESULT_SIZE, matchInto(line, <usize>load<u32>(lines + (i << 3) + 4)), REC, line);
  }
  return listResult(items, count);
}

// Lines given as bytes (list<u8>, the same (ptr, len) in the canonical ABI as a string): matched as they
// are, as the raw module matches them, so the answer and the 1 MiB limit are the caller's bytes' and the
// two Node bindings agree on every input; only the strings of the results are made valid UTF-8.

export function matchLineDetailedBytes(line: usize, len: usize): usize {
  linesAreBytes(true);
  const out = matchLineDetailed(line, len);
  linesAreBytes(false);
  return out;
}

export function matchLinesDetailedBytes(lines: usize, count: usize): usize {
  linesAreBytes(true);
  const out = matchLinesDetailed(lines, count);
  linesAreBytes(false);
  return out;
}

// ECS JSON: the document of each line, as the raw module writes it (assembly/ecs/document.ts).

function options(keepOriginal: u32, referenceTime: i64, offsetMinutes: i32): void {
  setDocumentOptions(keepOriginal != 0 ? OPTION_KEEP_ORIGINAL : 0, <f64>referenceTime, offsetMinutes);
}

// What putJson writes of the line just matched: its document (unless `withDocument` is off), then, in the
// detect-lines-* results, the alert it made and its ready session events, each JSON object there ended by
// a newline (JSON lines). The matchers' calls leave them as they are, the document alone.
let withDocument = true;
let withAlert = false;
let withSessions: u32 = 0;
let jsonLines = false;

function writeJson(line: usize): void {
  if (withDocument) { writeDocument(REC, line); if (jsonLines) outByte(10); }
  if (withAlert) { writeAlert(REC, line); outByte(10); }
  for (let k: u32 = 0; k < withSessions; k++) { writeSession(k); outByte(10); }
}

function jsonBound(): usize {
  return (withDocument ? <usize>documentBound(load<u32>(REC + R_LINE + 4)) + 1 : 0) + (withAlert ? <usize>ALERT_BOUND + 1 : 0)
    + <usize>withSessions * (<usize>SESSION_BOUND + 1);
}

/**
 * The JSON of the line just matched into REC, as a string in the arena at `at` (ptr, len). Written
 * straight into the arena's free memory; only JSON larger than that grows memory, to its bound (the
 * writers only read what the line left, so writing again gives the same bytes).
 */
function putJson(at: usize, line: usize): void {
  let p = arenaNext();
  outBegin(p, arenaLimit());
  writeJson(line);
  if (outOverflowed()) {
    const bound = jsonBound();
    p = arenaAlloc(bound, 1);
    outBegin(p, p + bound);
    writeJson(line);
  } else arenaAlloc(outPosition() - p, 1);
  store<u32>(at, <u32>p);
  store<u32>(at + 4, <u32>(outPosition() - p));
}

export function matchLineJson(line: usize, len: usize, keepOriginal: u32, referenceTime: i64, offsetMinutes: i32): usize {
  options(keepOriginal, referenceTime, offsetMinutes);
  const out = arenaAlloc(8, 4);
  matchInto(line, len);
  putJson(out, line);
  return out;
}

export function matchLinesJson(lines: usize, count: usize, keepOriginal: u32, referenceTime: i64, offsetMinutes: i32): usize {
  options(keepOriginal, referenceTime, offsetMinutes);
  const items = arenaAlloc(count << 3, 4);
  for (let i: usize = 0; i < count; i++) {
    const line = <usize>load<u32>(lines + (i << 3));
    matchInto(line, <usize>load<u32>(lines + (i << 3) + 4));
    putJson(items + (i << 3), line);
  }
  return listResult(items, count);
}

/** The document of a line given as bytes: the ECS writer replaces invalid UTF-8 itself (output.ts). */
export function matchLineJsonBytes(line: usize, len: usize, keepOriginal: u32, referenceTime: i64, offsetMinutes: i32): usize {
  return matchLineJson(line, len, keepOriginal, referenceTime, offsetMinutes);
}

// Detection and sessions (configured by setDetection and setSessions, ./detect.ts): each line goes through
// the one state machine, assembly/detect/, as in the raw module's batch loop (observeLine, then the
// sessions), and its string holds its JSON lines: its document (unless `documents` is off, or the line is
// unmatched and `onlyMatched` on), the alert it made, its session events. The strings joined are the raw
// module's matchBatchJson (matchBatchAlerts) output. Lines given as bytes take the same path: the writers
// replace invalid UTF-8 themselves.

function detectLines(lines: usize, count: usize, keepOriginal: u32, referenceTime: i64, offsetMinutes: i32, documents: bool, onlyMatched: bool): usize {
  options(keepOriginal, referenceTime, offsetMinutes);
  const items = arenaAlloc(count << 3, 4);
  jsonLines = true;
  for (let i: usize = 0; i < count; i++) {
    const line = <usize>load<u32>(lines + (i << 3));
    const entry = matchInto(line, <usize>load<u32>(lines + (i << 3) + 4));
    withAlert = detectMode() >= 0 && observeLine(REC, line);
    withSessions = sessionsOn() ? observeSession(REC, line) : 0;
    withDocument = documents && !(onlyMatched && entry < 0);
    putJson(items + (i << 3), line);
  }
  withDocument = true; withAlert = false; withSessions = 0; jsonLines = false;
  return listResult(items, count);
}

export function detectLinesJson(lines: usize, count: usize, keepOriginal: u32, referenceTime: i64, offsetMinutes: i32, onlyMatched: u32): usize {
  return detectLines(lines, count, keepOriginal, referenceTime, offsetMinutes, true, onlyMatched != 0);
}

export function detectLinesEvents(lines: usize, count: usize, keepOriginal: u32, referenceTime: i64, offsetMinutes: i32): usize {
  return detectLines(lines, count, keepOriginal, referenceTime, offsetMinutes, false, false);
}

export function detectLinesJsonBytes(lines: usize, count: usize, keepOriginal: u32, referenceTime: i64, offsetMinutes: i32, onlyMatched: u32): usize {
  return detectLinesJson(lines, count, keepOriginal, referenceTime, offsetMinutes, onlyMatched);
}

export function detectLinesEventsBytes(lines: usize, count: usize, keepOriginal: u32, referenceTime: i64, offsetMinutes: i32): usize {
  return detectLinesEvents(lines, count, keepOriginal, referenceTime, offsetMinutes);
}

function listResult(items: usize, count: usize): usize {
  const out = arenaAlloc(8, 4);
  store<u32>(out, <u32>items);
  store<u32>(out + 4, <u32>count);
  return out;
}

/** Post-return of every export: the host has read the results, the arena is free again. */
export function postReturn(_retptr: usize): void { arenaReset(); }

export function cabi_realloc(oldPtr: usize, oldSize: usize, align: usize, newSize: usize): usize {
  return cabiRealloc(oldPtr, oldSize, align, newSize);
}

/** Bytes of the arena in use; 0 between calls. Not part of the WIT world: tests read it from the core instance. */
export function arenaInUse(): usize { return arenaUsed(); }
