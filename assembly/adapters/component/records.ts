// Writes the WIT records of wit/matcher.wit in their canonical-ABI memory layout (32-bit, utf8 strings),
// from a matcher result record. Strings are not copied: values point into the line, which the host
// copied into the arena (a span of a line given as bytes that is not valid UTF-8 excepted: putText), and
// entry metadata points into the static STRINGS blob. Lists (fields, categories, types) are allocated in
// the arena. The offsets below follow the canonical ABI's alignment
// rules; the comparison tests against the raw binding read every one of them back through jco.
import { R_STATUS, R_LINE, R_FRAMING, R_PRI, R_TIMESTAMP, R_HOSTNAME, R_PROGRAM, R_PID, R_MESSAGE,
  R_FIELDS, ABSENT, SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME } from '../../generated/abi';
import { STRINGS, ENTRY_META, ENTRY_WORDS, FIELD_META, FIELD_WORDS, LIST_ITEMS } from '../../generated/component-meta';
import { utf8Sequence } from '../../ecs/output';
import { arenaAlloc } from './arena';
import { setRecord, pidValid } from '../../ecs/values';

const NONE: u32 = 0xffffffff;

// header: framing u8 @0; priority option<u8> @1; timestamp, hostname, program option<string> @4, @16, @28;
// pid option<u64> @40 (payload @48). Size 56, align 8.
export const HEADER_SIZE: usize = 56;
// event: id @0, title @8, severity u8 @16, level @20, facility option<string> @28, classification @40
// (category list @40, type list @48, action @56, outcome @64), fields list @72, message @80, header @88.
export const EVENT_SIZE: usize = 144;
// option<event>: tag @0, event @8.
export const OPTION_EVENT_SIZE: usize = 152;
// option<string>: tag @0, string @4.
export const OPTION_STRING_SIZE: usize = 12;
// line-result: status u8 @0, line @4, header @16, message option<string> @72, event option<event> @88.
export const LINE_RESULT_SIZE: usize = 240;

// @ts-ignore: decorator
@inline function putString(at: usize, ptr: usize, len: usize): void {
  store<u32>(at, <u32>ptr);
  store<u32>(at + 4, <u32>len);
}

// Whether the line came in as bytes (list<u8>), which need not be UTF-8: its strings are then checked.
let fromBytes: bool = false;
export function linesAreBytes(on: bool): void { fromBytes = on; }

/**
 * A string taken from the line. A line given as a WIT string is valid UTF-8 and so is every span of it; a
 * line given as bytes is matched as it is, and a span holding invalid UTF-8 is copied into the arena with
 * U+FFFD for each maximal subpart, as the ECS writer (assembly/ecs/output.ts) and Node's decoder replace
 * them: a WIT string must be valid.
 */
function putText(at: usize, ptr: usize, len: usize): void {
  if (fromBytes) {
    const end = ptr + len;
    let n: usize = 0, bad = false;
    for (let p = ptr; p < end;) {
      const k = load<u8>(p) < 0x80 ? 1 : utf8Sequence(p, end);
      if (k > 0) { p += <usize>k; n += <usize>k; } else { p += <usize>(-k); n += 3; bad = true; }
    }
    if (bad) {
      const out = arenaAlloc(n, 1);
      let o = out;
      for (let p = ptr; p < end;) {
        const k = load<u8>(p) < 0x80 ? 1 : utf8Sequence(p, end);
        if (k > 0) { memory.copy(o, p, <usize>k); o += <usize>k; p += <usize>k; }
        else { store<u8>(o, 0xef); store<u8>(o + 1, 0xbf); store<u8>(o + 2, 0xbd); o += 3; p += <usize>(-k); }
      }
      ptr = out; len = n;
    }
  }
  putString(at, ptr, len);
}

/** An entry metadata string: words `w`, `w + 1` of the entry's ENTRY_META row. */
// @ts-ignore: decorator
@inline function putMetaString(at: usize, row: usize, w: usize): void {
  putString(at, STRINGS + <usize>load<u32>(row + (w << 2)), <usize>load<u32>(row + ((w + 1) << 2)));
}

/** option<string> from a span of the record; absent spans become none. */
function putOptionSpan(at: usize, rec: usize, word: u32, line: usize): void {
  const start = load<u32>(rec + word);
  if (start == ABSENT) { store<u8>(at, 0); return; }
  store<u8>(at, 1);
  putText(at + 4, line + <usize>start, <usize>(load<u32>(rec + word + 4) & 0x0fffffff));
}

function putList(at: usize, first: u32, count: u32): void {
  const items = arenaAlloc(<usize>count << 3, 4);
  for (let i: u32 = 0; i < count; i++) {
    const pair = LIST_ITEMS + (<usize>(first + i) << 3);
    putString(items + (<usize>i << 3), STRINGS + <usize>load<u32>(pair), <usize>load<u32>(pair + 4));
  }
  putString(at, items, count);
}

/** The header record at `at` from the record `rec` of the line at `line`. */
export function putHeader(at: usize, rec: usize, line: usize): void {
  store<u8>(at, <u8>load<u32>(rec + R_FRAMING));
  const pri = load<i32>(rec + R_PRI);
  if (pri < 0) store<u8>(at + 1, 0);
  else { store<u8>(at + 1, 1); store<u8>(at + 2, <u8>pri); }
  putOptionSpan(at + 4, rec, R_TIMESTAMP, line);
  putOptionSpan(at + 16, rec, R_HOSTNAME, line);
  putOptionSpan(at + 28, rec, R_PROGRAM, line);
  // A pid is reported as a number only as the pid rule says (ecs/values.ts pidValid, every host's).
  store<u8>(at + 40, 0);
  setRecord(rec, line);
  if (!pidValid()) return;
  const len = <usize>load<u32>(rec + R_PID + 4);
  let value: u64 = 0;
  for (let p = line + <usize>load<u32>(rec + R_PID), e = p + len; p < e; p++) value = value * 10 + (<u32>load<u8>(p) - 48);
  store<u8>(at + 40, 1);
  store<u64>(at + 48, value);
}

/** The event record at `at` for entry `entry`, matched in the line at `line`. */
export function putEvent(at: usize, entry: i32, rec: usize, line: usize): void {
  const row = ENTRY_META + (<usize>entry * <usize>ENTRY_WORDS << 2);
  putMetaString(at, row, 0); // id
  putMetaString(at + 8, row, 2); // title
  store<u8>(at + 16, <u8>load<u32>(row + (12 << 2))); // severity
  putMetaString(at + 20, row, 4); // level
  if (load<u32>(row + (6 << 2)) == NONE) store<u8>(at + 28, 0);
  else { store<u8>(at + 28, 1); putMetaString(at + 32, row, 6); } // facility
  putList(at + 40, load<u32>(row + (13 << 2)), load<u32>(row + (14 << 2))); // category
  putList(at + 48, load<u32>(row + (15 << 2)), load<u32>(row + (16 << 2))); // type
  putMetaString(at + 56, row, 8); // action
  putMetaString(at + 64, row, 10); // outcome
  putFields(at + 72, row, rec, line);
  putText(at + 80, line + <usize>load<u32>(rec + R_MESSAGE), <usize>load<u32>(rec + R_MESSAGE + 4));
  putHeader(at + 88, rec, line);
}

/** The fields present in the line, each address followed by its derived x.ip or x.domain. */
function putFields(at: usize, row: usize, rec: usize, line: usize): void {
  const first = <usize>load<u32>(row + (17 << 2));
  const count = <usize>load<u32>(row + (18 << 2));
  const items = arenaAlloc(count << 5, 4); // at most two (name, value) pairs of 16 bytes per field
  let n: usize = 0;
  for (let i: usize = 0; i < count; i++) {
    const f = FIELD_META + ((first + i) * <usize>FIELD_WORDS << 2);
    const word = R_FIELDS + (load<u32>(f) << 3);
    const start = load<u32>(rec + word);
    if (start == ABSENT) continue;
    const lenShape = load<u32>(rec + word + 4);
    const value = line + <usize>start;
    const len = <usize>(lenShape & 0x0fffffff);
    const shape = lenShape >>> 28;
    putMetaString(items + (n << 4), f, 1);
    putText(items + (n << 4) + 8, value, len);
    n++;
    const derived: usize = shape == SHAPE_IPV4 || shape == SHAPE_IPV6 ? 3 : shape == SHAPE_NAME ? 5 : 0;
    if (derived != 0 && load<u32>(f + (derived << 2)) != NONE) {
      putMetaString(items + (n << 4), f, derived);
      putText(items + (n << 4) + 8, value, len);
      n++;
    }
  }
  putString(at, items, n);
}

/** option<string> of the entry id at `at`. */
export function putOptionId(at: usize, entry: i32): void {
  if (entry < 0) { store<u8>(at, 0); return; }
  store<u8>(at, 1);
  putMetaString(at + 4, ENTRY_META + (<usize>entry * <usize>ENTRY_WORDS << 2), 0);
}

/** option<event> at `at`. */
export function putOptionEvent(at: usize, entry: i32, rec: usize, line: usize): void {
  if (entry < 0) { store<u8>(at, 0); return; }
  store<u8>(at, 1);
  putEvent(at + 8, entry, rec, line);
}

/** The line-result record at `at`. */
export function putLineResult(at: usize, entry: i32, rec: usize, line: usize): void {
  store<u8>(at, <u8>load<u32>(rec + R_STATUS));
  putText(at + 4, line + <usize>load<u32>(rec + R_LINE), <usize>load<u32>(rec + R_LINE + 4));
  putHeader(at + 16, rec, line);
  putOptionSpan(at + 72, rec, R_MESSAGE, line);
  putOptionEvent(at + 88, entry, rec, line);
}
