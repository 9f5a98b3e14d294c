// Classifies one line: framing, then the message against the entries its program's families allow. The
// entries are compiled to code (assembly/generated/entries.ts, by host/compile/codegen.ts), and so is the
// choice of which to try: a radix tree over their leading literal text. Writes the full result record; never
// allocates, never traps on any bytes.
import { dispatch, AMBIGUOUS } from '../generated/entries';
import { parseFraming } from './framing';
import { forgetRuns } from './fields';
import { newLine, beginLine, budgetExhausted, bytesEqual, setMessageLength, clearSpans, clearFields, copySpans, setSpanOrigin } from './runtime';
import { R_ENTRY, R_STATUS, R_LINE, R_MESSAGE, R_FIELDS, R_FRAMING, STATUS_MATCHED, STATUS_NO_MATCH, STATUS_NOT_SSH,
  STATUS_EMPTY, STATUS_TOO_COMPLEX, STATUS_AMBIGUOUS, ABSENT, setSpan } from './result';

/** Matches [line, end) and fills the record at `rec`; offsets are relative to `origin`. Returns the entry or -1. */
export function matchLine(line: usize, end: usize, rec: usize, origin: usize): i32 {
  newLine();
  if (end > line && load<u8>(end - 1) == 13) end--; // CRLF files
  setSpan(rec, R_LINE, origin, line, end);
  clearFields(rec + R_FIELDS); // every field slot absent, one copy (in an interpreter one instruction)
  store<i32>(rec + R_ENTRY, -1);
  const families = parseFraming(line, end, rec, origin);
  if (end == line) { store<u32>(rec + R_STATUS, STATUS_EMPTY); return -1; }
  if (families == 0) { store<u32>(rec + R_STATUS, STATUS_NOT_SSH); return -1; }
  const msg = origin + <usize>load<u32>(rec + R_MESSAGE);
  setSpanOrigin(origin);
  let entry = findEntry(msg, end, families);
  if (entry == -1 && !budgetExhausted()) {
    // rsyslog's reduction of repeated lines wraps any message: `message repeated 3 times: [ <message>]`. An
    // entry that names the wrapper itself (openssh.auth.failed-repeated, which keeps the count as a field)
    // was tried first; else the message inside is matched, and the count goes into the framing word's upper
    // bits (R_FRAMING: framing | count << 8, saturated, at least 1 so it tells the line was unwrapped; the
    // document writes the count's own digits). The wrapper is rsyslog's, written before any client
    // text, so client text cannot make a line look wrapped.
    const inner = repeatedMessage(msg, end);
    if (inner != 0) {
      entry = findEntry(inner, repeatedEnd, families);
      if (entry >= 0) store<u32>(rec + R_FRAMING, (load<u32>(rec + R_FRAMING) & 0xff) | (max(1, min(repeatedCount, 0xffffff)) << 8));
    }
  }
  if (entry < 0) {
    store<u32>(rec + R_STATUS, entry == AMBIGUOUS ? STATUS_AMBIGUOUS : budgetExhausted() ? STATUS_TOO_COMPLEX : STATUS_NO_MATCH);
    return -1;
  }
  store<i32>(rec + R_ENTRY, entry);
  store<u32>(rec + R_STATUS, STATUS_MATCHED);
  copySpans(rec + R_FIELDS); // the span table is kept in the record's form, offsets from `origin`
  return entry;
}

let repeatedEnd: usize = 0;
let repeatedCount: u32 = 0;

const REPEATED: usize = memory.data<u8>([109, 101, 115, 115, 97, 103, 101, 32, 114, 101, 112, 101, 97, 116, 101, 100, 32]); // "message repeated "
const TIMES: usize = memory.data<u8>([32, 116, 105, 109, 101, 115, 58, 32, 91]); // " times: ["

/** The start of the message inside `message repeated N times: [ ...]` (its end in repeatedEnd), or 0. */
function repeatedMessage(msg: usize, end: usize): usize {
  while (end > msg && load<u8>(end - 1) == 32) end--;
  if (end - msg < 28 || load<u8>(end - 1) != 93 || !bytesEqual(msg, REPEATED, 17)) return 0;
  let p = msg + 17;
  const digits = p;
  let count: u64 = 0;
  while (p < end && load<u8>(p) - 48 < 10 && p - digits < 10) { count = count * 10 + <u64>(load<u8>(p) - 48); p++; }
  if (p == digits || p + 9 > end || !bytesEqual(p, TIMES, 9)) return 0;
  p += 9;
  if (p < end && load<u8>(p) == 32) p++; // the message's own leading space, as rsyslog keeps it
  if (p >= end - 1) return 0;
  repeatedEnd = end - 1;
  repeatedCount = <u32>min(count, <u64>0xffffffff);
  return p;
}

function findEntry(msg: usize, end: usize, families: u32): i32 {
  setMessageLength(<u32>(end - msg)); // as sshd cut it (codegen.ts emitTry), trailing spaces included
  while (end > msg && load<u8>(end - 1) == 32) end--; // trailing spaces are a collector's, never sshd's
  beginLine(end);
  forgetRuns();
  if (msg >= end) return -1;
  clearSpans();
  return dispatch(msg, families);
}

export { ABSENT };
