// Runs one entry's bytecode against a message: a backtracking matcher whose variable fields are greedy,
// trying the longest candidate first. Greedy-first is the security property: text an attacker types into
// a field can never push the server-written tail of the line (the client's address) out of its place,
// because the tail is matched at the rightmost position that completes the template.
// Never allocates: spans go to a fixed table, recursion depth is bounded by the template's nesting.
import { OP_END, OP_LIT, OP_SPACE, OP_FIELD, OP_ALT, OP_OPT, T_REST, NO_SLOT, MAX_FIELDS } from './opcodes';
import { runEnd, shapeOf, mayBeEmpty } from './fields';

/** Backtracking steps allowed per line; a line that needs more is reported as too complex. */
export const STEP_BUDGET: i32 = 100000;

let msgEnd: usize = 0;
let budget: i32 = 0;
let exhausted: bool = false;
// The slot of the field to try shortest-first instead of longest-first (NO_SLOT: none). Set only for the
// second reading of an entry whose client-typed text surrounds server-written fields (see match.ts).
let shortestFirstSlot: u8 = NO_SLOT;

export function setShortestFirst(slot: u8): void { shortestFirstSlot = slot; }

// Span table of the entry being tried: absolute start pointer and end pointer | shape, per slot.
const SPAN_START: usize = memory.data(MAX_FIELDS * 8);
const SPAN_END: usize = memory.data(MAX_FIELDS * 8);
const SPAN_SHAPE: usize = memory.data(MAX_FIELDS * 4);

export function beginLine(): void {
  budget = STEP_BUDGET;
  exhausted = false;
}

export function budgetExhausted(): bool { return exhausted; }

export function spanStart(slot: i32): usize { return load<usize>(SPAN_START + (<usize>slot << 3)); }
export function spanEnd(slot: i32): usize { return load<usize>(SPAN_END + (<usize>slot << 3)); }
export function spanShape(slot: i32): u32 { return load<u32>(SPAN_SHAPE + (<usize>slot << 2)); }

// A copy of the span table, for comparing two readings of one line.
const SAVED_START: usize = memory.data(MAX_FIELDS * 8);
const SAVED_END: usize = memory.data(MAX_FIELDS * 8);
const SAVED_SHAPE: usize = memory.data(MAX_FIELDS * 4);

export function saveSpans(): void {
  memory.copy(SAVED_START, SPAN_START, MAX_FIELDS * 8);
  memory.copy(SAVED_END, SPAN_END, MAX_FIELDS * 8);
  memory.copy(SAVED_SHAPE, SPAN_SHAPE, MAX_FIELDS * 4);
}

export function restoreSpans(): void {
  memory.copy(SPAN_START, SAVED_START, MAX_FIELDS * 8);
  memory.copy(SPAN_END, SAVED_END, MAX_FIELDS * 8);
  memory.copy(SPAN_SHAPE, SAVED_SHAPE, MAX_FIELDS * 4);
}

/** Whether the current and the saved readings agree on every slot of `mask`. */
export function sameAsSaved(mask: u32): bool {
  for (let i = 0; i < MAX_FIELDS; i++) {
    if ((mask & (1 << i)) == 0) continue;
    const o = <usize>i << 3;
    if (load<usize>(SPAN_START + o) != load<usize>(SAVED_START + o) || load<usize>(SPAN_END + o) != load<usize>(SAVED_END + o)) return false;
  }
  return true;
}

export function clearSpans(): void {
  for (let i = 0; i < MAX_FIELDS; i++) store<usize>(SPAN_START + (<usize>i << 3), 0);
}

// @ts-ignore: decorator
@inline function record(slot: u8, start: usize, end: usize, shape: u32): void {
  store<usize>(SPAN_START + (<usize>slot << 3), start);
  store<usize>(SPAN_END + (<usize>slot << 3), end);
  store<u32>(SPAN_SHAPE + (<usize>slot << 2), shape);
}

// @ts-ignore: decorator
@inline function bytesEqual(a: usize, b: usize, n: usize): bool {
  while (n >= 8) {
    if (load<u64>(a) != load<u64>(b)) return false;
    a += 8; b += 8; n -= 8;
  }
  while (n > 0) {
    if (load<u8>(a) != load<u8>(b)) return false;
    a++; b++; n--;
  }
  return true;
}

/** True when the whole message [pos, end) matches the bytecode at pc; spans are recorded on success only. */
export function matchTemplate(pc: usize, pos: usize, end: usize): bool {
  msgEnd = end;
  return run(pc, pos);
}

function run(pc: usize, pos: usize): bool {
  while (true) {
    const op = load<u8>(pc);
    if (op == OP_END) return pos == msgEnd;
    if (op == OP_LIT) {
      const n = <usize>load<u16>(pc + 1);
      if (pos + n > msgEnd || !bytesEqual(pos, pc + 3, n)) return false;
      pos += n;
      pc += 3 + n;
    } else if (op == OP_SPACE) {
      if (pos >= msgEnd || load<u8>(pos) != 32) return false;
      pos++;
      while (pos < msgEnd && load<u8>(pos) == 32) pos++;
      pc += 1;
    } else if (op == OP_FIELD) {
      return field(pc, pos);
    } else if (op == OP_ALT) {
      return alternatives(pc, pos);
    } else if (op == OP_OPT) {
      // With the optional part first (greedy), then without it.
      if (--budget < 0) { exhausted = true; return false; }
      if (run(pc + 3, pos)) return true;
      if (exhausted) return false;
      pc += 3 + <usize>load<u16>(pc + 1);
    } else {
      return false; // unknown opcode: tables and matcher disagree; never match rather than trap
    }
  }
}

function field(pc: usize, pos: usize): bool {
  const t = load<u8>(pc + 1);
  const slot = load<u8>(pc + 2);
  const next = pc + 3;
  if (t == T_REST) {
    if (!run(next, msgEnd)) return false;
    record(slot, pos, msgEnd, 0);
    return true;
  }
  const maxEnd = runEnd(t, pos, msgEnd);
  const minEnd = mayBeEmpty(t) ? pos : pos + 1;
  if (maxEnd < minEnd) return false;
  const nextOp = load<u8>(next);
  if (nextOp == OP_END) { // only a field reaching the end of the message can complete the match
    if (maxEnd != msgEnd) return false;
    const shape = shapeOf(t, pos, msgEnd);
    if (shape < 0) return false;
    record(slot, pos, msgEnd, <u32>shape);
    return true;
  }
  if (nextOp == OP_OPT) {
    // An optional part after a field is what the server appends (" [preauth]", ", reason: ..."): the field
    // gives way to it. Every candidate is tried with the optional part first, then every one without.
    const skip = <usize>load<u16>(next + 1);
    return candidates(t, slot, pos, minEnd, maxEnd, next + 3) || (!exhausted && candidates(t, slot, pos, minEnd, maxEnd, next + 3 + skip));
  }
  return candidates(t, slot, pos, minEnd, maxEnd, next);
}

/** Tries the field's ends from the longest down, each followed by the bytecode at `next`. */
function candidates(t: u8, slot: u8, pos: usize, minEnd: usize, maxEnd: usize, next: usize): bool {
  if (slot == shortestFirstSlot) return candidatesShortestFirst(t, slot, pos, minEnd, maxEnd, next);
  const nextOp = load<u8>(next);
  if (nextOp == OP_LIT || nextOp == OP_SPACE) {
    // Only ends where the next literal starts are worth an attempt: jump from one to the next, right to
    // left, eight bytes at a time, and check the whole literal before recursing.
    const want = nextOp == OP_LIT ? load<u8>(next + 3) : <u8>32;
    const litLen: usize = nextOp == OP_LIT ? <usize>load<u16>(next + 1) : 1;
    if (msgEnd < litLen || minEnd > msgEnd - litLen) return false;
    let e = min(maxEnd, msgEnd - litLen);
    while (e >= minEnd) {
      e = lastByte(minEnd, e, want);
      if (e == NOT_FOUND) return false;
      if (nextOp == OP_SPACE || bytesEqual(e, next + 3, litLen)) {
        if (attempt(t, slot, pos, e, next)) return true;
        if (exhausted) return false;
      }
      if (e == minEnd) return false;
      e--;
    }
    return false;
  }
  let e = maxEnd;
  while (true) {
    if (nextOp != OP_END || e == msgEnd) {
      if (attempt(t, slot, pos, e, next)) return true;
      if (exhausted) return false;
    }
    if (e == minEnd) return false;
    e--;
  }
}

/** As candidates, shortest end first: the other reading of a line, for the ambiguity check. */
function candidatesShortestFirst(t: u8, slot: u8, pos: usize, minEnd: usize, maxEnd: usize, next: usize): bool {
  const nextOp = load<u8>(next);
  const want: i32 = nextOp == OP_LIT ? <i32>load<u8>(next + 3) : nextOp == OP_SPACE ? 32 : -1;
  for (let e = minEnd; e <= maxEnd; e++) {
    if (want >= 0 && (e >= msgEnd || <i32>load<u8>(e) != want)) continue;
    if (nextOp == OP_END && e != msgEnd) continue;
    if (attempt(t, slot, pos, e, next)) return true;
    if (exhausted) return false;
  }
  return false;
}

/** One candidate end: the field's shape, then the rest of the template; spans recorded on success only. */
function attempt(t: u8, slot: u8, pos: usize, e: usize, next: usize): bool {
  if (--budget < 0) { exhausted = true; return false; }
  const shape = shapeOf(t, pos, e);
  if (shape < 0 || !run(next, e)) return false;
  record(slot, pos, e, <u32>shape);
  return true;
}

const NOT_FOUND: usize = <usize>-1;

/** The last position in [from, to] holding byte `b`, or NOT_FOUND. Eight bytes at a time while it can. */
function lastByte(from: usize, to: usize, b: u8): usize {
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

function alternatives(pc: usize, pos: usize): bool {
  const slot = load<u8>(pc + 1);
  const count = <i32>load<u8>(pc + 2);
  const next = pc + 5 + <usize>load<u16>(pc + 3);
  let q = pc + 5;
  for (let i = 0; i < count; i++) {
    const n = <usize>load<u8>(q);
    if (pos + n <= msgEnd && bytesEqual(pos, q + 1, n)) {
      if (--budget < 0) { exhausted = true; return false; }
      if (run(next, pos + n)) {
        if (slot != NO_SLOT) record(slot, pos, pos + n, 0);
        return true;
      }
      if (exhausted) return false;
    }
    q += 1 + n;
  }
  return false;
}
