// The state and helpers the generated entry code (assembly/generated/entries.ts) runs on: the message end,
// the step budget, the span table of the entry being tried and its copy for the ambiguity check, and the
// right-to-left byte search that candidate field ends jump with. Entries are compiled to code by
// host/compile/codegen.ts; their semantics (greedy fields, the server-written part taken from the
// rightmost place that completes the template) are described there and in docs/catalog-format.md.
// Never allocates: every table is static data.
import { MAX_FIELDS, NO_SLOT, ABSENT } from '../generated/abi';
import { runWord } from './fields';

/** Backtracking steps allowed per line; a line that needs more is reported as too complex. */
export const STEP_BUDGET: i32 = 100000;

/** End of the message being matched (exclusive). */
export let msgEnd: usize = 0;
let budget: i32 = 0;
/** Set once the line has used its budget: every pending attempt then fails at once. */
export let exhausted: bool = false;
/**
 * The slot of the field to try shortest-first instead of longest-first (NO_SLOT: none). Set only for the
 * second reading of an entry whose client-typed text surrounds server-written fields (see match.ts).
 */
export let shortestFirstSlot: u8 = NO_SLOT;

export function setShortestFirst(slot: u8): void { shortestFirstSlot = slot; }

/** The message's length before its trailing spaces were set aside (the cut-length rule reads it). */
export let messageLength: u32 = 0;
export function setMessageLength(n: u32): void { messageLength = n; }

export function beginLine(end: usize): void {
  msgEnd = end;
  budget = STEP_BUDGET;
  exhausted = false;
  lineEpoch++;
}

// Failure memos: the work of matching a line stays linear in its length. A field nested after another
// field (`PAM: <error> for <user> from <host>`: <user> is tried once for every place <error> could end) would
// otherwise scan its candidate ends again on every call. Whether the rest of the template matches after an
// end e depends only on e (existence of a match does not depend on the order readings try ends in), so the
// ends a call found failing are failing for every later call on the same line, in either reading. Each such
// candidate function (codegen.ts) owns a 16-byte memo: the line it is about (u64, never wraps) and the
// failing ends [lo, hi]. Only fields whose shape check does not depend on the field's start use one.
let lineEpoch: u64 = 0;

/**
 * A new line is being read (matchLine calls it; an adapter that writes a document of a record it did not
 * just match calls it too): what was worked out for the line before (memos, the writer's timestamp) is void.
 */
export function newLine(): void { lineEpoch++; }
/** Which line is being read: changes with every newLine and beginLine. */
export function lineNumber(): u64 { return lineEpoch; }

/** The highest end a call over [minEnd, maxEnd] still has to try: below the known failing ends it reaches. */
// @ts-ignore: decorator
@inline export function memoTop(memo: usize, minEnd: usize, maxEnd: usize): usize {
  if (load<u64>(memo) == lineEpoch && maxEnd <= load<usize>(memo, 12) && maxEnd + 1 >= load<usize>(memo, 8)) return load<usize>(memo, 8) - 1;
  return maxEnd;
}

/** Notes that every end in [minEnd, maxEnd] failed (the call tried those memoTop left it). */
export function memoFailed(memo: usize, minEnd: usize, maxEnd: usize): void {
  if (load<u64>(memo) == lineEpoch && maxEnd <= load<usize>(memo, 12) && maxEnd + 1 >= load<usize>(memo, 8)) {
    if (minEnd < load<usize>(memo, 8)) store<usize>(memo, minEnd, 8);
    return;
  }
  store<u64>(memo, lineEpoch);
  store<usize>(memo, minEnd, 8);
  store<usize>(memo, maxEnd, 12);
}

/** One backtracking step; false (and the line exhausted) once the budget is used up. */
// @ts-ignore: decorator
@inline export function step(): bool {
  if (--budget < 0) { exhausted = true; return false; }
  return true;
}

export function budgetExhausted(): bool { return exhausted; }

// Span table of the entry being tried, in the result record's own form (result.ts): per slot a word pair,
// the start's offset from the line's origin and the length | shape << 28, (ABSENT, 0) while not recorded.
// A matched line's fields are then one copy into its record.
const SPANS: usize = memory.data(MAX_FIELDS * 8, 8);
const NO_SPANS: usize = memory.data<u64>([<u64>ABSENT, <u64>ABSENT, <u64>ABSENT, <u64>ABSENT, <u64>ABSENT, <u64>ABSENT, <u64>ABSENT, <u64>ABSENT]);
// @ts-ignore: NO_SPANS holds one word pair per slot
if (MAX_FIELDS != 8) ERROR('runtime.ts: NO_SPANS holds 8 slots');
/** What the span offsets count from (matchLine's origin). */
let origin: usize = 0;
export function setSpanOrigin(o: usize): void { origin = o; }

// Bit i set: slot i holds a span. Kept so readers visit only recorded slots.
let recorded: u32 = 0;
let savedRecorded: u32 = 0;

export function recordedSlots(): u32 { return recorded; }

export function spanStart(slot: i32): usize { return origin + <usize>load<u32>(SPANS + (<usize>slot << 3)); }
export function spanEnd(slot: i32): usize { return spanStart(slot) + <usize>(load<u32>(SPANS + (<usize>slot << 3), 4) & 0x0fffffff); }

/** Every field slot of a result record absent: (ABSENT, 0) each, one copy. */
// @ts-ignore: decorator
@inline export function clearFields(to: usize): void { memory.copy(to, NO_SPANS, MAX_FIELDS * 8); }

/** The recorded spans into a result record's field slots (every slot: an unrecorded one is absent). */
export function copySpans(to: usize): void { memory.copy(to, SPANS, MAX_FIELDS * 8); }

// A copy of the span table, for comparing two readings of one line.
const SAVED: usize = memory.data(MAX_FIELDS * 8, 8);

export function saveSpans(): void {
  savedRecorded = recorded;
  memory.copy(SAVED, SPANS, MAX_FIELDS * 8);
}

export function restoreSpans(): void {
  recorded = savedRecorded;
  memory.copy(SPANS, SAVED, MAX_FIELDS * 8);
}

/**
 * Whether the current and the saved readings agree on every slot of `mask`: both absent, or the same start
 * and length (the shape follows from the slot's type and the bytes).
 */
export function sameAsSaved(mask: u32): bool {
  for (let i = 0; i < MAX_FIELDS; i++) {
    if ((mask & (1 << i)) == 0) continue;
    const o = <usize>i << 3;
    if (load<u64>(SPANS + o) != load<u64>(SAVED + o)) return false;
  }
  return true;
}

export function clearSpans(): void {
  memory.copy(SPANS, NO_SPANS, MAX_FIELDS * 8);
  recorded = 0;
}

/** Records a field's span; called only once the rest of the template has matched. */
// @ts-ignore: decorator
@inline export function record(slot: i32, start: usize, end: usize, shape: i32): void {
  const at = SPANS + (<usize>slot << 3);
  store<u32>(at, <u32>(start - origin));
  store<u32>(at, <u32>(end - start) | (<u32>shape << 28), 4);
  recorded |= 1 << slot;
}

export const NOT_FOUND: usize = <usize>-1;

/** The last position in [from, to] holding byte `b`, or NOT_FOUND. Eight bytes at a time while it can. */
export function lastByte(from: usize, to: usize, b: u8): usize {
  let q = to + 1; // exclusive
  const pattern = <u64>b * 0x0101010101010101;
  while (q >= from + 8) {
    const x = load<u64>(q - 8) ^ pattern;
    // Exact zero-byte mask (no borrow between bytes, unlike the usual has-zero trick): 0x80 where x is 0.
    const zero = ~(((x & 0x7f7f7f7f7f7f7f7f) + 0x7f7f7f7f7f7f7f7f) | x | 0x7f7f7f7f7f7f7f7f);
    if (zero != 0) return q - 8 + (<usize>(63 - clz(zero)) >> 3);
    q -= 8;
  }
  while (q > from) {
    q--;
    if (load<u8>(q) == b) return q;
  }
  return NOT_FOUND;
}

/**
 * The last position q in [from, to] holding byte `b0` with `b1` right after it, or NOT_FOUND; reads up to
 * to + 1, which the caller keeps inside the message. A field's candidate ends where the next literal starts
 * with two known bytes: a space that is not followed by the literal's first letter is no end worth an
 * attempt, and jumping over it costs no call, no step and no comparison of the literal.
 */
export function lastPair(from: usize, to: usize, b0: u8, b1: u8): usize {
  let q = to + 1; // exclusive: pairs start in [q - 8, q - 1], their second bytes in [q - 7, q]
  const first = <u64>b0 * 0x0101010101010101, second = <u64>b1 * 0x0101010101010101;
  while (q >= from + 8) {
    // A byte of z is zero exactly where both bytes match: one exact zero-byte test (no borrow between
    // bytes, so the highest match is read right) answers for the pair.
    const z = (load<u64>(q - 8) ^ first) | (load<u64>(q - 7) ^ second);
    const zero = ~(((z & 0x7f7f7f7f7f7f7f7f) + 0x7f7f7f7f7f7f7f7f) | z | 0x7f7f7f7f7f7f7f7f);
    if (zero != 0) return q - 8 + (<usize>(63 - clz(zero)) >> 3);
    q -= 8;
  }
  while (q > from) {
    q--;
    if (load<u8>(q) == b0 && load<u8>(q + 1) == b1) return q;
  }
  return NOT_FOUND;
}

/**
 * Whether the n bytes at `word` (n >= 2, no space among them) occur in the message [m, msgEnd): the pre-check
 * of an entry whose template holds the word (codegen.ts emitTry). Right to left, a pair at a time.
 */
export function holdsWord(m: usize, word: usize, n: usize): bool {
  if (msgEnd - m < n) return false;
  const b0 = load<u8>(word), b1 = load<u8>(word, 1);
  let to = msgEnd - n; // the last place the word may start; lastPair reads up to to + 1 < msgEnd
  while (true) {
    const q = lastPair(m, to, b0, b1);
    if (q == NOT_FOUND) return false;
    if (bytesEqual(q + 2, word + 2, n - 2)) return true;
    if (q == m) return false;
    to = q - 1;
  }
  return false; // not reached: the loop returns
}

/**
 * Whether from the space at e there follow: its run of spaces, a token (bytes without a space), then either
 * the message's end (when `end` allows it) or a run of spaces and one of the words of `table` ([count, then
 * length and bytes of each]). The check codegen.ts makes before trying an end e of a field that a space, a
 * field without spaces and then a space and literal text (or the end) follow: `<user> <host> port <port>`.
 */
export function tokenThen(e: usize, table: usize, end: bool): bool {
  let q = e + 1;
  while (q < msgEnd && load<u8>(q) == 32) q++;
  const t = q;
  q = runWord(q, msgEnd);
  if (q == t) return false;
  if (q >= msgEnd) return end;
  q++;
  while (q < msgEnd && load<u8>(q) == 32) q++;
  const k = <i32>load<u8>(table);
  let at = table + 1;
  for (let i = 0; i < k; i++) {
    const n = <usize>load<u8>(at);
    if (q + n <= msgEnd && bytesEqual(q, at + 1, n)) return true;
    at += 1 + n;
  }
  return false;
}

/** The first position at or after `p` that is not a space (a template's space matches the whole run). */
// @ts-ignore: decorator
@inline export function skipSpaces(p: usize): usize {
  while (p < msgEnd && load<u8>(p) == 32) p++;
  return p;
}

/**
 * Matches literal text at p where each space of `pattern` stands for one or more spaces (all of them taken,
 * as a template's space is); returns the position after it, or 0 when the message differs. The generated
 * code calls it only when its one-comparison fast path (single spaces) failed.
 */
export function matchText(p: usize, pattern: usize, n: usize): usize {
  for (let i: usize = 0; i < n; i++) {
    const c = load<u8>(pattern + i);
    if (p >= msgEnd || load<u8>(p) != c) return 0;
    p++;
    if (c == 32) p = skipSpaces(p);
  }
  return p;
}

/** Whether n bytes at a and b are equal; eight at a time, the rest as at most one word of each width. */
export function bytesEqual(a: usize, b: usize, n: usize): bool {
  while (n >= 8) {
    if (load<u64>(a) != load<u64>(b)) return false;
    a += 8; b += 8; n -= 8;
  }
  if (n >= 4) { if (load<u32>(a) != load<u32>(b)) return false; a += 4; b += 4; n -= 4; }
  if (n >= 2) { if (load<u16>(a) != load<u16>(b)) return false; a += 2; b += 2; n -= 2; }
  return n == 0 || load<u8>(a) == load<u8>(b);
}
