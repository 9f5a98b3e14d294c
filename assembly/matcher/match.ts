// Classifies one line: framing, then the message against the entries its program's families allow. The
// entries are compiled to code (assembly/generated/entries.ts, by host/compile/codegen.ts), and so is the
// choice of which to try: a radix tree over their leading literal text. Writes the full result record; never
// allocates, never traps on any bytes.
import { dispatch, AMBIGUOUS } from '../generated/entries';
import { parseFraming } from './framing';
import { forgetRuns } from './fields';
import { MAX_FIELDS } from '../generated/abi';
import { beginLine, budgetExhausted, clearSpans, spanStart, spanEnd, spanShape, recordedSlots } from './runtime';
import { R_ENTRY, R_STATUS, R_LINE, R_MESSAGE, R_FIELDS, STATUS_MATCHED, STATUS_NO_MATCH, STATUS_NOT_SSH,
  STATUS_EMPTY, STATUS_TOO_COMPLEX, STATUS_AMBIGUOUS, ABSENT, setSpan } from './result';

/** Matches [line, end) and fills the record at `rec`; offsets are relative to `origin`. Returns the entry or -1. */
export function matchLine(line: usize, end: usize, rec: usize, origin: usize): i32 {
  if (end > line && load<u8>(end - 1) == 13) end--; // CRLF files
  setSpan(rec, R_LINE, origin, line, end);
  // Every field slot absent: (ABSENT, 0) as one word pair per store.
  for (let i: u32 = 0; i < <u32>MAX_FIELDS; i++) store<u64>(rec + R_FIELDS + (i << 3), <u64>ABSENT);
  store<i32>(rec + R_ENTRY, -1);
  const families = parseFraming(line, end, rec, origin);
  if (end == line) { store<u32>(rec + R_STATUS, STATUS_EMPTY); return -1; }
  if (families == 0) { store<u32>(rec + R_STATUS, STATUS_NOT_SSH); return -1; }
  const msg = origin + <usize>load<u32>(rec + R_MESSAGE);
  const entry = findEntry(msg, end, families);
  if (entry < 0) {
    store<u32>(rec + R_STATUS, entry == AMBIGUOUS ? STATUS_AMBIGUOUS : budgetExhausted() ? STATUS_TOO_COMPLEX : STATUS_NO_MATCH);
    return -1;
  }
  store<i32>(rec + R_ENTRY, entry);
  store<u32>(rec + R_STATUS, STATUS_MATCHED);
  for (let set = recordedSlots(); set != 0; set &= set - 1) {
    const i = <i32>ctz(set);
    const s = spanStart(i);
    const at = R_FIELDS + (<u32>i << 3);
    store<u32>(rec + at, <u32>(s - origin));
    store<u32>(rec + at + 4, <u32>(spanEnd(i) - s) | (spanShape(i) << 28));
  }
  return entry;
}

function findEntry(msg: usize, end: usize, families: u32): i32 {
  while (end > msg && load<u8>(end - 1) == 32) end--; // trailing spaces are a collector's, never sshd's
  beginLine(end);
  forgetRuns();
  if (msg >= end) return -1;
  clearSpans();
  return dispatch(msg, families);
}

export { ABSENT };
