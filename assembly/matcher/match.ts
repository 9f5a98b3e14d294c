// Classifies one line: framing, then the message against every entry its program's families allow,
// through a first-byte index. Writes the full result record; never allocates, never traps on any bytes.
import { BUCKET_START, BUCKET_ITEMS, CODE, ENTRY_PC, ENTRY_FAMILY, ENTRY_FILTER, ENTRY_CHECK } from '../generated/catalog';
import { parseFraming } from './framing';
import { matchTemplate, beginLine, budgetExhausted, clearSpans, spanStart, spanEnd, spanShape, saveSpans, restoreSpans,
  sameAsSaved, setShortestFirst } from './template';
import { MAX_FIELDS, NO_SLOT } from './opcodes';
import { R_ENTRY, R_STATUS, R_LINE, R_MESSAGE, R_FIELDS, STATUS_MATCHED, STATUS_NO_MATCH, STATUS_NOT_SSH,
  STATUS_EMPTY, STATUS_TOO_COMPLEX, STATUS_AMBIGUOUS, ABSENT, setSpan, clearSpan } from './result';

/** Matches [line, end) and fills the record at `rec`; offsets are relative to `origin`. Returns the entry or -1. */
export function matchLine(line: usize, end: usize, rec: usize, origin: usize): i32 {
  if (end > line && load<u8>(end - 1) == 13) end--; // CRLF files
  setSpan(rec, R_LINE, origin, line, end);
  for (let i = 0; i < MAX_FIELDS; i++) clearSpan(rec, R_FIELDS + (<u32>i << 3));
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
  for (let i = 0; i < MAX_FIELDS; i++) {
    const s = spanStart(i);
    if (s == 0) continue;
    const at = R_FIELDS + (<u32>i << 3);
    store<u32>(rec + at, <u32>(s - origin));
    store<u32>(rec + at + 4, <u32>(spanEnd(i) - s) | (spanShape(i) << 28));
  }
  return entry;
}

function findEntry(msg: usize, end: usize, families: u32): i32 {
  if (msg >= end) return -1;
  beginLine();
  clearSpans();
  const first = <usize>load<u8>(msg);
  const from = <usize>load<u16>(BUCKET_START + (first << 1));
  const to = <usize>load<u16>(BUCKET_START + ((first + 1) << 1));
  // Words around the message for each entry's pre-check. They may reach past either end of the message
  // (inside the line's buffer, which has slack on both sides); the masks keep only bytes the check owns,
  // and the minimum length guarantees those bytes belong to the message.
  const len = <u32>(end - msg);
  const head = load<u32>(msg);
  const tail = load<u32>(end - 4);
  for (let k = from; k < to; k++) {
    const entry = <usize>load<u16>(BUCKET_ITEMS + (k << 1));
    if ((load<u32>(ENTRY_FAMILY + (entry << 2)) & families) == 0) continue;
    const f = ENTRY_FILTER + entry * 20;
    if (len < load<u32>(f) || (head & load<u32>(f + 8)) != load<u32>(f + 4) || (tail & load<u32>(f + 16)) != load<u32>(f + 12)) continue;
    const pc = CODE + <usize>load<u32>(ENTRY_PC + (entry << 2));
    if (matchTemplate(pc, msg, end)) return unambiguous(entry, pc, msg, end) ? <i32>entry : AMBIGUOUS;
    if (budgetExhausted()) return -1;
  }
  return -1;
}

const AMBIGUOUS: i32 = -2;

/**
 * Where client-typed text stands both before and after server-written fields, a client can type both halves
 * so that the line reads two ways. The longest-first reading has just matched; the same line is read again
 * with the first client-typed field shortest-first. If the two readings put any server-written field in
 * another place, nobody can tell which the server wrote: the line is reported ambiguous, not matched.
 */
function unambiguous(entry: usize, pc: usize, msg: usize, end: usize): bool {
  const slot = load<u8>(ENTRY_CHECK + (entry << 1));
  if (slot == NO_SLOT) return true;
  saveSpans();
  clearSpans();
  setShortestFirst(slot);
  const again = matchTemplate(pc, msg, end);
  setShortestFirst(NO_SLOT);
  const same = again && sameAsSaved(<u32>load<u8>(ENTRY_CHECK + (entry << 1) + 1));
  restoreSpans();
  return same;
}

export { ABSENT };
