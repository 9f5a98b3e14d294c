// Entry file of the core matcher module (dist/ssh-log-matcher.wasm), the raw host adapter: fixed input and
// result buffers in linear memory and two calls, one line or a whole chunk of newline-separated lines,
// with the ECS writer's JSON lines optional. Built with the stub runtime: nothing here allocates, so
// memory never grows after instantiation.
import { matchLine as matchOne } from '../../matcher/match';
import { newLine } from '../../matcher/runtime';
import { RESULT_SIZE, R_ENTRY, R_LINE, MAX_LINE_BYTES } from '../../generated/abi';
import { ENTRY_COUNT } from '../../generated/catalog';
import { writeDocument, documentBound } from '../../ecs/document';
import { outBegin, outByte, outPosition, plainPrefix } from '../../ecs/output';
import { setLinePlain } from '../../ecs/values';
export { setDocumentOptions } from '../../ecs/options';
import { configureDetection, observeLine, detectMode, alerts, addressEvictions, connectionEvictions, liveAddresses } from '../../detect/detect';
import { writeAlert, ALERT_BOUND } from '../../detect/alert';
import { mergeRecords, recordsConsumed } from './json-records';
export { recordKeyPtr, setRecordKey } from './json-records';
import { configureSessions, observeSession, writeSession, sessionsOn, sessionEvictions, sessionsWritten, SESSION_BOUND, MAX_READY_SESSIONS } from '../../detect/sessions';
import { inMemory, bytesBelow } from '../../matcher/words';

const INPUT_CAPACITY: u32 = MAX_LINE_BYTES;
const RESULT_CAPACITY: u32 = 8192; // records per batch call
const INPUT: usize = memory.data(INPUT_CAPACITY + 8, 16); // +8: word-wide reads near the end stay inside
const RESULTS: usize = memory.data(RESULT_CAPACITY * RESULT_SIZE, 16);
// Room for the JSON of a batch; one line of the largest input needs at most documentBound(1 MiB) < 31 MiB.
const OUTPUT_CAPACITY: u32 = 32 << 20;
const OUTPUT: usize = memory.data(OUTPUT_CAPACITY, 16);

let consumed: u32 = 0;
let written: u32 = 0;

export function inputPtr(): usize { return INPUT; }
export function inputCapacity(): u32 { return INPUT_CAPACITY; }
export function resultPtr(): usize { return RESULTS; }
export function resultCapacity(): u32 { return RESULT_CAPACITY; }
export function resultSize(): u32 { return RESULT_SIZE; }
export function entryCount(): i32 { return ENTRY_COUNT; }

/** Matches the line in INPUT[0, len) into the first result record; returns the entry index or -1. */
export function matchLine(len: u32): i32 {
  if (len > INPUT_CAPACITY) len = INPUT_CAPACITY;
  return matchOne(INPUT, INPUT + len, RESULTS, INPUT);
}

/**
 * Matches the newline-separated lines in INPUT[0, len), one record per line, until the input or the result
 * area is used up. A last line without a newline is only taken when `final` is set; otherwise it is left
 * for the next call. Returns the number of records; `batchConsumed()` tells how many input bytes they used.
 */
export function matchBatch(len: u32, final: bool): u32 {
  return batch(len, final, false, false, false);
}

/**
 * As matchBatch, and also writes each line's ECS document as one line of JSON to the output area
 * (`outputPtr()`, `outputLength()` bytes), skipping unmatched lines when `onlyMatched` is set. Stops early
 * when the output area could not hold the next line's document.
 */
export function matchBatchJson(len: u32, final: bool, onlyMatched: bool): u32 {
  return batch(len, final, true, onlyMatched, false);
}

/**
 * As matchBatchJson with detection (or sessions) on, but the output holds only the alerts and session
 * events, one JSON line each: the decisions without the documents (what a firewall hook reads).
 */
export function matchBatchAlerts(len: u32, final: bool): u32 {
  return batch(len, final, true, true, true);
}

function batch(len: u32, final: bool, json: bool, onlyMatched: bool, alertsOnly: bool = false): u32 {
  if (len > INPUT_CAPACITY) len = INPUT_CAPACITY;
  const end = INPUT + len;
  let p = INPUT;
  let n: u32 = 0;
  outBegin(OUTPUT, OUTPUT + OUTPUT_CAPACITY);
  while (p < end && n < RESULT_CAPACITY) {
    const nl = json ? findPlainNewline(p, end) : findNewline(p, end);
    if (nl == end && !final) break;
    // Room for the worst case, so a document is never cut short (the writer would stop at the end anyway).
    if (json && outPosition() + <usize>documentBound(<u32>(nl - p)) + <usize>ALERT_BOUND + <usize>(SESSION_BOUND * MAX_READY_SESSIONS) > OUTPUT + OUTPUT_CAPACITY) break;
    const rec = RESULTS + n * RESULT_SIZE;
    matchOne(p, nl, rec, INPUT);
    if (json) {
      setLinePlain(p, plainEnd);
      const alert = detectMode() >= 0 && observeLine(rec, INPUT);
      const sessions = sessionsOn() ? observeSession(rec, INPUT) : 0;
      if (!alertsOnly && !(onlyMatched && load<i32>(rec + R_ENTRY) < 0)) {
        writeDocument(rec, INPUT);
        outByte(10);
      }
      if (alert) { writeAlert(rec, INPUT); outByte(10); }
      for (let i: u32 = 0; i < sessions; i++) { writeSession(i); outByte(10); }
    }
    n++;
    p = nl < end ? nl + 1 : end;
  }
  consumed = <u32>(p - INPUT);
  written = <u32>(outPosition() - OUTPUT);
  return n;
}

/**
 * The newline-separated JSON records in INPUT[0, len), each with the ECS fields of the message under the
 * key set by setRecordKey merged in (records.ts), one record a line in the output area; a record it leaves
 * to the host writes nothing and its result record says so (RECORD_LEFT). As matchBatch otherwise.
 */
export function mergeJsonRecords(len: u32, final: bool): u32 {
  if (len > INPUT_CAPACITY) len = INPUT_CAPACITY;
  const n = mergeRecords(INPUT, len, final, RESULTS, RESULT_CAPACITY, OUTPUT, OUTPUT + OUTPUT_CAPACITY);
  consumed = recordsConsumed();
  written = <u32>(outPosition() - OUTPUT);
  return n;
}

/**
 * The floor the benchmark compares matchBatch with: the same pass over the input that only splits it into
 * lines, writing each line's span, and matches nothing. Returns the number of lines, as matchBatch does.
 */
export function splitBatch(len: u32, final: bool): u32 {
  if (len > INPUT_CAPACITY) len = INPUT_CAPACITY;
  const end = INPUT + len;
  let p = INPUT;
  let n: u32 = 0;
  while (p < end && n < RESULT_CAPACITY) {
    const nl = findNewline(p, end);
    if (nl == end && !final) break;
    const rec = RESULTS + n * RESULT_SIZE;
    store<u32>(rec + R_LINE, <u32>(p - INPUT));
    store<u32>(rec + R_LINE + 4, <u32>(nl - p));
    n++;
    p = nl < end ? nl + 1 : end;
  }
  consumed = <u32>(p - INPUT);
  return n;
}

/**
 * The document of the record at RESULTS[index] (spans from INPUT), written to the output area; returns its
 * length. Node's toEcsDocument comes here, with a record it kept and the line copied back into INPUT.
 */
export function writeRecordDocument(index: u32): u32 {
  if (index >= RESULT_CAPACITY) return 0;
  outBegin(OUTPUT, OUTPUT + OUTPUT_CAPACITY);
  newLine(); // a record kept from an earlier batch, its line copied back: nothing read before is its
  writeDocument(RESULTS + index * RESULT_SIZE, INPUT);
  written = <u32>(outPosition() - OUTPUT);
  return written;
}

/**
 * Brute-force decisions (assembly/detect/) on the lines matchBatchJson reads: fail2ban `mode` (0 normal,
 * 1 ddos, 2 extra, 3 aggressive; -1 off), `maxretry` failures within `findtime` seconds, table sizes in
 * slots and a hash seed. Each decision is one more JSON line, the alert, after the line that made it.
 * Returns false (detection off) for values out of range.
 */
export function detectConfigure(mode: i32, maxretry: u32, findtime: u32, addresses: u32, connections: u32, seed: u32): bool {
  return configureDetection(mode, maxretry, findtime, addresses, connections, seed);
}
export function detectAlerts(): f64 { return <f64>alerts; }
/** Tickets evicted from the full address table (the oldest last failure of its set), and connections. */
export function detectAddressEvictions(): f64 { return <f64>addressEvictions; }
export function detectConnectionEvictions(): f64 { return <f64>connectionEvictions; }
export function detectAddresses(): u32 { return liveAddresses; }

/**
 * Session events (assembly/detect/sessions.ts) on the lines matchBatchJson and matchBatchAlerts read: the
 * lines of one connection joined, one more JSON line after the line that ends it (or that found it timed
 * out or evicted it). `slots`: the table's size (a power of two up to 16384); 0 turns them off. `timeout`:
 * seconds of silence after which a session without a login is written (0: the default, 300). Emptied.
 */
export function sessionsConfigure(slots: u32, timeout: u32): void { configureSessions(slots, timeout); }
export function sessionsWrittenCount(): f64 { return <f64>sessionsWritten; }
export function sessionEvictionCount(): f64 { return <f64>sessionEvictions; }

export function batchConsumed(): u32 { return consumed; }
export function outputPtr(): usize { return OUTPUT; }
export function outputLength(): u32 { return written; }

/** Where the line findPlainNewline read last stops being plain: its first byte a JSON string must escape. */
let plainEnd: usize = 0;

/**
 * findNewline for a line whose document is written: first, while every byte is plain (output.ts
 * plainPrefix; a newline is special too), one word test finds both the end of the plain run (plainEnd)
 * and, when the newline ends it, the line's end: the writer then scans no field of the line again.
 */
function findPlainNewline(p: usize, end: usize): usize {
  plainEnd = plainPrefix(p, end);
  return plainEnd < end && load<u8>(plainEnd) == 10 ? plainEnd : findNewline(plainEnd, end); // mostly the newline ends it
}

/** First '\n' in [p, end), or end. Eight bytes at a time (SWAR) while they fit. */
function findNewline(p: usize, end: usize): usize {
  // Four words per turn while they fit, one test for the four: in an interpreter the loop's own test and
  // jump cost as much as a word. The test, (w - 0x0b..) & 0x80.., marks every byte below 0x0b (a newline,
  // or a tab or another control byte, which lines seldom hold: such a byte minus 0x0b, and minus a borrow
  // from below, keeps its high bit) and maybe others (bytes from 0x8b up, bytes a borrow reaches): a turn
  // it marks only tests each word for the newline exactly ((x - 0x01..) & ~x & 0x80.. of x = w ^ 0x0a..:
  // it may mark a byte above the first newline of a word, never one below it, so ctz of the first marked
  // word finds the first newline), and a turn it does not mark holds none.
  while (p + 32 <= end) {
    const w0 = load<u64>(p), w1 = load<u64>(p, 8), w2 = load<u64>(p, 16), w3 = load<u64>(p, 24);
    if (((w0 - 0x0b0b0b0b0b0b0b0b) | (w1 - 0x0b0b0b0b0b0b0b0b) | (w2 - 0x0b0b0b0b0b0b0b0b) | (w3 - 0x0b0b0b0b0b0b0b0b)) & 0x8080808080808080) {
      const x = w0 ^ 0x0a0a0a0a0a0a0a0a, y = w1 ^ 0x0a0a0a0a0a0a0a0a, z = w2 ^ 0x0a0a0a0a0a0a0a0a, v = w3 ^ 0x0a0a0a0a0a0a0a0a;
      const fx = (x - 0x0101010101010101) & ~x & 0x8080808080808080;
      if (fx != 0) return p + (<usize>ctz(fx) >> 3);
      const fy = (y - 0x0101010101010101) & ~y & 0x8080808080808080;
      if (fy != 0) return p + 8 + (<usize>ctz(fy) >> 3);
      const fz = (z - 0x0101010101010101) & ~z & 0x8080808080808080;
      if (fz != 0) return p + 16 + (<usize>ctz(fz) >> 3);
      const fv = (v - 0x0101010101010101) & ~v & 0x8080808080808080;
      if (fv != 0) return p + 24 + (<usize>ctz(fv) >> 3);
    }
    p += 32;
  }
  while (p + 8 <= end) {
    const x = load<u64>(p) ^ 0x0a0a0a0a0a0a0a0a;
    const found = (x - 0x0101010101010101) & ~x & 0x8080808080808080;
    if (found != 0) return p + (<usize>ctz(found) >> 3);
    p += 8;
  }
  // The last few bytes as one word where it lies inside memory, the bytes past the end masked off (a
  // newline there is another line's or stale).
  if (p < end && inMemory(p, 8)) {
    const x = load<u64>(p) ^ 0x0a0a0a0a0a0a0a0a;
    const found = (x - 0x0101010101010101) & ~x & 0x8080808080808080 & bytesBelow(end - p);
    return found != 0 ? p + (<usize>ctz(found) >> 3) : end;
  }
  while (p < end && load<u8>(p) != 10) p++;
  return p;
}
