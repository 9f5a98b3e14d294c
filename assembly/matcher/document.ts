// Writes a line's ECS document as JSON text from its result record, following the entry's document plan
// (host/compile/emit-document.ts). Same bytes as JSON.stringify(toEcsDocument(...)) on the Node side.
// Never allocates; the caller reserves `documentBound(lineLength)` bytes of output.
import { DOC_PLAN, DOC_PLAN_AT, DOC_PLAN_MAX, ENTRY_COUNT } from '../generated/catalog';
import { R_ENTRY, R_STATUS, R_LINE, R_PRI, R_TIMESTAMP, R_HOSTNAME, R_PROGRAM, R_PID, R_MESSAGE, R_FIELDS, ABSENT } from './result';
import { SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME } from './opcodes';
import { writeString, writeDigits, writeUint, copyBytes } from './json-text';

const S_CONST: u8 = 0, S_LINE: u8 = 1, S_MESSAGE_OR_LINE: u8 = 2, S_TIMESTAMP: u8 = 3, S_HOSTNAME: u8 = 4,
  S_PROGRAM: u8 = 5, S_PID: u8 = 6, S_PRI: u8 = 7, S_PRI_FACILITY: u8 = 8, S_PRI_SEVERITY: u8 = 9,
  S_FIELD_STRING: u8 = 10, S_FIELD_NUMBER: u8 = 11, S_DERIVED_IP: u8 = 12, S_DERIVED_DOMAIN: u8 = 13, S_STATUS: u8 = 14;

// JSON strings of the status names, indexed by status (see result.ts).
const STATUS_JSON: usize = memory.data<u8>([
  9, 34, 109, 97, 116, 99, 104, 101, 100, 34, // "matched"
  10, 34, 110, 111, 45, 109, 97, 116, 99, 104, 34, // "no-match"
  9, 34, 110, 111, 116, 45, 115, 115, 104, 34, // "not-ssh"
  7, 34, 101, 109, 112, 116, 121, 34, // "empty"
  10, 34, 116, 111, 111, 45, 108, 111, 110, 103, 34, // "too-long"
  13, 34, 116, 111, 111, 45, 99, 111, 109, 112, 108, 101, 120, 34, // "too-complex"
  11, 34, 97, 109, 98, 105, 103, 117, 111, 117, 115, 34, // "ambiguous"
]);

/** Output bytes one line's document can need at most: every span escaped six-fold, four times over. */
export function documentBound(lineLength: u32): u32 { return lineLength * 24 + DOC_PLAN_MAX * 2 + 256; }

let rec: usize = 0;
let origin: usize = 0;

// @ts-ignore: decorator
@inline function spanStart(at: u32): usize { return origin + <usize>load<u32>(rec + at); }
// @ts-ignore: decorator
@inline function spanLen(at: u32): usize { return <usize>(load<u32>(rec + at + 4) & 0x0fffffff); }
// @ts-ignore: decorator
@inline function hasSpan(at: u32): bool { return load<u32>(rec + at) != ABSENT; }

function pidIsNumber(): bool {
  if (!hasSpan(R_PID)) return false;
  const p = spanStart(R_PID), n = spanLen(R_PID);
  if (n == 0 || n > 15) return false;
  for (let i: usize = 0; i < n; i++) if (<u32>load<u8>(p + i) - 48 >= 10) return false;
  return true;
}

function present(kind: u8, arg: u8): bool {
  if (kind == S_CONST || kind == S_LINE || kind == S_MESSAGE_OR_LINE || kind == S_STATUS) return true;
  if (kind == S_TIMESTAMP) return hasSpan(R_TIMESTAMP);
  if (kind == S_HOSTNAME) return hasSpan(R_HOSTNAME);
  if (kind == S_PROGRAM) return hasSpan(R_PROGRAM);
  if (kind == S_PID) return pidIsNumber();
  if (kind == S_PRI || kind == S_PRI_FACILITY || kind == S_PRI_SEVERITY) return load<i32>(rec + R_PRI) >= 0;
  const at = R_FIELDS + (<u32>arg << 3);
  if (!hasSpan(at)) return false;
  if (kind == S_FIELD_STRING || kind == S_FIELD_NUMBER) return true;
  const shape = load<u32>(rec + at + 4) >>> 28;
  if (kind == S_DERIVED_IP) return shape == SHAPE_IPV4 || shape == SHAPE_IPV6;
  return shape == SHAPE_NAME;
}

function value(out: usize, kind: u8, arg: u8, constAt: usize, constLen: usize): usize {
  if (kind == S_CONST) return copyBytes(out, constAt, constLen);
  if (kind == S_LINE) return writeString(out, spanStart(R_LINE), spanStart(R_LINE) + spanLen(R_LINE));
  if (kind == S_MESSAGE_OR_LINE) {
    const at = hasSpan(R_MESSAGE) ? R_MESSAGE : R_LINE;
    return writeString(out, spanStart(at), spanStart(at) + spanLen(at));
  }
  if (kind == S_TIMESTAMP || kind == S_HOSTNAME || kind == S_PROGRAM) {
    const at = kind == S_TIMESTAMP ? R_TIMESTAMP : kind == S_HOSTNAME ? R_HOSTNAME : R_PROGRAM;
    return writeString(out, spanStart(at), spanStart(at) + spanLen(at));
  }
  if (kind == S_PID) return writeDigits(out, spanStart(R_PID), spanStart(R_PID) + spanLen(R_PID));
  if (kind == S_PRI || kind == S_PRI_FACILITY || kind == S_PRI_SEVERITY) {
    const pri = load<u32>(rec + R_PRI);
    return writeUint(out, kind == S_PRI ? pri : kind == S_PRI_FACILITY ? pri >> 3 : pri & 7);
  }
  if (kind == S_STATUS) {
    let q = STATUS_JSON;
    for (let s = load<u32>(rec + R_STATUS); s > 0; s--) q += 1 + <usize>load<u8>(q);
    return copyBytes(out, q + 1, <usize>load<u8>(q));
  }
  const at = R_FIELDS + (<u32>arg << 3);
  const p = spanStart(at), e = p + spanLen(at);
  return kind == S_FIELD_NUMBER ? writeDigits(out, p, e) : writeString(out, p, e);
}

/** Writes the document of the record `r` (spans relative to `inputOrigin`) at `out`; returns its end. */
export function writeDocument(r: usize, inputOrigin: usize, out: usize): usize {
  rec = r;
  origin = inputOrigin;
  const entry = load<i32>(rec + R_ENTRY);
  const plan = DOC_PLAN + <usize>load<u32>(DOC_PLAN_AT + (<usize>(entry < 0 ? ENTRY_COUNT : entry) << 2));
  // Pass 1: which leaves have a value, so an object with none of them is left out entirely.
  let have: u64 = 0;
  let pc = plan;
  while (true) {
    const op = load<u8>(pc);
    if (op == 0) break;
    if (op == 2) { pc += 9; continue; }
    const keyLen = <usize>load<u8>(pc + 1);
    if (op == 1) { pc += 2 + keyLen + 8; continue; }
    const q = pc + 2 + keyLen;
    if (present(load<u8>(q + 1), load<u8>(q + 2))) have |= (<u64>1) << load<u8>(q);
    pc = q + 5 + <usize>load<u16>(q + 3);
  }
  // Pass 2: write. `first` is a bit stack: bit d set while the object at depth d has no member yet.
  store<u8>(out++, 123);
  let first: u32 = 1;
  let depth = 0;
  pc = plan;
  while (true) {
    const op = load<u8>(pc);
    if (op == 0) break;
    if (op == 2) {
      if ((have & load<u64>(pc + 1)) != 0) { store<u8>(out++, 125); depth--; first &= ~(<u32>1 << depth); }
      pc += 9;
      continue;
    }
    const keyLen = <usize>load<u8>(pc + 1);
    if (op == 1) {
      if ((have & load<u64>(pc + 2 + keyLen)) != 0) {
        if ((first & (<u32>1 << depth)) == 0) store<u8>(out++, 44);
        first &= ~(<u32>1 << depth);
        out = copyBytes(out, pc + 2, keyLen);
        store<u8>(out++, 123);
        depth++;
        first |= <u32>1 << depth;
      }
      pc += 2 + keyLen + 8;
      continue;
    }
    const q = pc + 2 + keyLen;
    const constLen = <usize>load<u16>(q + 3);
    if ((have & ((<u64>1) << load<u8>(q))) != 0) {
      if ((first & (<u32>1 << depth)) == 0) store<u8>(out++, 44);
      first &= ~(<u32>1 << depth);
      out = copyBytes(out, pc + 2, keyLen);
      out = value(out, load<u8>(q + 1), load<u8>(q + 2), q + 5, constLen);
    }
    pc = q + 5 + constLen;
  }
  store<u8>(out++, 125);
  return out;
}
