// Adds a matched entry's ECS document (assembly/generated/event-json.ts) to the record's JSON, in one copy:
// the record's bytes go out unchanged and our members are inserted just before the closing brace of the
// object they belong to. Merge rule, at every level: a key the record already has is never written again.
// If the record's value there is an object and ours is too, ours are merged into it by the same rule;
// otherwise the record's value wins and our subtree is left out. The output therefore keeps every original
// key and value and never holds a duplicate key. Never allocates: scratch tables are static.
import { EJ_MAX_NODES, EJ_NODE_SIZE, EJ_NAMES, EJ_FRAGS, EJ_NODES, EJ_ENTRY_NODES } from '../generated/event-json';
import { R_FIELDS, R_TIMESTAMP, R_HOSTNAME, R_PROGRAM, R_PID, R_PRI, ABSENT } from '../matcher/result';
import { SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME } from '../matcher/opcodes';
import { beginObject, nextMember, decodeString, keyStart, keyEnd, keyEscaped, valueStart, objectClose } from './json';
import { outBytes, outByte, outKey, outJsonString, outDigits, outU32 } from './output';

// Node kinds and header numbers: host/compile/emit-event-json.ts.
const NODE_OBJECT: u32 = 0, NODE_CONST: u32 = 1, NODE_SLOT_STRING: u32 = 2, NODE_SLOT_NUMBER: u32 = 3,
  NODE_SLOT_IP: u32 = 4, NODE_SLOT_DOMAIN: u32 = 5, NODE_HEADER: u32 = 6;
const HEADER_TIMESTAMP: u32 = 0, HEADER_HOSTNAME: u32 = 1, HEADER_PROGRAM: u32 = 2, HEADER_PID: u32 = 3,
  HEADER_PRIORITY: u32 = 4, HEADER_FACILITY_CODE: u32 = 5;
export const MODE_ENRICH: u32 = 1, MODE_CLASSIFY: u32 = 2;

const PRESENT: usize = memory.data(EJ_MAX_NODES, 4); // per node of the entry: it has a value to write
const FOUND: usize = memory.data(EJ_MAX_NODES * 4, 4); // per node: the record's value under that key, or 0
const INSERTS: usize = memory.data(EJ_MAX_NODES * 12, 4); // (closing brace, node, object had members)
const KEY: usize = memory.data(256 + 8, 8); // a decoded escaped key
let insertCount: i32 = 0;
let first: u32 = 0; // the entry's first node, base of PRESENT and FOUND
let rec: usize = 0; // the matcher's result record
let line: usize = 0; // the line its offsets count from
let writeMode: u32 = 0;

// @ts-ignore: decorator
@inline function word(i: u32, w: usize): u32 { return load<u32>(EJ_NODES + <usize>i * EJ_NODE_SIZE + (w << 2)); }
// @ts-ignore: decorator
@inline function kindOf(i: u32): u32 { return (word(i, 1) >> 8) & 0xff; }
// @ts-ignore: decorator
@inline function after(i: u32): u32 { return kindOf(i) == NODE_OBJECT ? word(i, 2) : i + 1; }
// @ts-ignore: decorator
@inline function present(i: u32): bool { return load<u8>(PRESENT + <usize>(i - first)) != 0; }

function spanStart(at: u32): u32 { return load<u32>(rec + <usize>at); }
function spanLength(at: u32): u32 { return load<u32>(rec + <usize>at + 4) & 0x0fffffff; }
function slotShape(slot: u32): u32 { return load<u32>(rec + <usize>(R_FIELDS + (slot << 3)) + 4) >> 28; }

/** The pid as the binding reads it: 1 to 15 digits, else none. */
function pidValid(): bool {
  if (spanStart(R_PID) == ABSENT) return false;
  const n = spanLength(R_PID);
  if (n == 0 || n > 15) return false;
  const p = line + <usize>spanStart(R_PID);
  for (let i: usize = 0; i < <usize>n; i++) {
    const c = load<u8>(p + i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function leafAvailable(i: u32): bool {
  const kind = kindOf(i);
  const arg = word(i, 2);
  if (kind == NODE_CONST) return true;
  if (kind == NODE_HEADER) {
    if (arg == HEADER_TIMESTAMP) return spanStart(R_TIMESTAMP) != ABSENT;
    if (arg == HEADER_HOSTNAME) return spanStart(R_HOSTNAME) != ABSENT;
    if (arg == HEADER_PROGRAM) return spanStart(R_PROGRAM) != ABSENT;
    if (arg == HEADER_PID) return pidValid();
    return load<i32>(rec + R_PRI) >= 0;
  }
  if (spanStart(R_FIELDS + (arg << 3)) == ABSENT) return false;
  if (kind == NODE_SLOT_IP) { const s = slotShape(arg); return s == SHAPE_IPV4 || s == SHAPE_IPV6; }
  if (kind == NODE_SLOT_DOMAIN) return slotShape(arg) == SHAPE_NAME;
  return true;
}

/** Marks which nodes of [from, to) have something to write in this mode; objects need a present child. */
function markPresent(from: u32, to: u32, mode: u32): void {
  first = from;
  let i = to;
  while (i > from) {
    i--;
    let yes = false;
    if ((word(i, 1) >> 16) & mode) {
      if (kindOf(i) == NODE_OBJECT) {
        const end = word(i, 2);
        for (let c = i + 1; c < end; c = after(c)) if (present(c)) { yes = true; break; }
      } else yes = leafAvailable(i);
    }
    store<u8>(PRESENT + <usize>(i - from), yes ? 1 : 0);
  }
}

function writeSpanString(at: u32): void { outJsonString(line + <usize>spanStart(at), <usize>spanLength(at)); }

function writeLeaf(i: u32): void {
  const kind = kindOf(i);
  const arg = word(i, 2);
  if (kind == NODE_HEADER) {
    if (arg == HEADER_TIMESTAMP) writeSpanString(R_TIMESTAMP);
    else if (arg == HEADER_HOSTNAME) writeSpanString(R_HOSTNAME);
    else if (arg == HEADER_PROGRAM) writeSpanString(R_PROGRAM);
    else if (arg == HEADER_PID) outDigits(line + <usize>spanStart(R_PID), <usize>spanLength(R_PID));
    else {
      const pri = <u32>load<i32>(rec + R_PRI);
      outU32(arg == HEADER_PRIORITY ? pri : arg == HEADER_FACILITY_CODE ? pri >> 3 : pri & 7);
    }
    return;
  }
  const at = R_FIELDS + (arg << 3);
  if (kind == NODE_SLOT_NUMBER) outDigits(line + <usize>spanStart(at), <usize>spanLength(at));
  else writeSpanString(at);
}

/** `"name":value` for a node the record does not have, with its whole present subtree. */
function writeMember(i: u32, comma: bool): void {
  if (comma) outByte(0x2c);
  // A constant, or an object of constants all written (full enrichment): one prepared fragment.
  const fragment = <usize>word(i, 4);
  if (fragment != 0 && (kindOf(i) == NODE_CONST || writeMode == MODE_ENRICH)) {
    outBytes(EJ_FRAGS + <usize>word(i, 3), fragment);
    return;
  }
  const w1 = word(i, 1);
  outKey(EJ_NAMES + <usize>word(i, 0), <usize>(w1 & 0xff));
  if (kindOf(i) != NODE_OBJECT) { writeLeaf(i); return; }
  outByte(0x7b);
  let any = false;
  const end = word(i, 2);
  for (let c = i + 1; c < end; c = after(c)) {
    if (!present(c)) continue;
    writeMember(c, any);
    any = true;
  }
  outByte(0x7d);
}

/** The record's key [keyStart, keyEnd) equals the node's name (escaped keys are decoded first). */
function keyIs(i: u32): bool {
  const len = <usize>(word(i, 1) & 0xff);
  const name = EJ_NAMES + <usize>word(i, 0);
  let k = keyStart;
  if (keyEscaped) {
    const n = decodeString(keyStart, keyEnd, KEY, 256);
    if (n < 0 || <usize>n != len) return false;
    k = KEY;
  } else if (keyEnd - keyStart != len) return false;
  for (let j: usize = 0; j < len; j++) if (load<u8>(k + j) != load<u8>(name + j)) return false;
  return true;
}

/**
 * Plans the merge of nodes [from, to) (siblings) into the record's object opening at `open`: members the
 * object lacks are queued for insertion before its closing brace, objects both sides have are merged one
 * level down. False when the object cannot be walked.
 */
function mergeInto(open: usize, end: usize, from: u32, to: u32): bool {
  for (let s = from; s < to; s = after(s)) store<u32>(FOUND + (<usize>(s - first) << 2), 0);
  beginObject(open);
  let members = false;
  while (true) {
    const r = nextMember(end);
    if (r < 0) return false;
    if (r == 0) break;
    members = true;
    for (let s = from; s < to; s = after(s)) {
      if (!present(s) || load<u32>(FOUND + (<usize>(s - first) << 2)) != 0) continue;
      if (keyIs(s)) { store<u32>(FOUND + (<usize>(s - first) << 2), <u32>valueStart); break; }
    }
  }
  const close = objectClose;
  for (let s = from; s < to; s = after(s)) {
    if (!present(s)) continue;
    const found = <usize>load<u32>(FOUND + (<usize>(s - first) << 2));
    if (found == 0) {
      const at = INSERTS + <usize>insertCount * 12;
      store<u32>(at, <u32>close);
      store<u32>(at + 4, s);
      store<u32>(at + 8, members ? 1 : 0);
      insertCount++;
    } else if (kindOf(s) == NODE_OBJECT && load<u8>(found) == 0x7b) {
      if (!mergeInto(found, end, s + 1, word(s, 2))) return false;
    } // else: the record's value wins
  }
  return true;
}

/** Inserts were planned depth first; the copy needs them in the record's byte order (stable). */
function sortInserts(): void {
  for (let i = 1; i < insertCount; i++) {
    const at = INSERTS + <usize>i * 12;
    const off = load<u32>(at), node = load<u32>(at + 4), had = load<u32>(at + 8);
    let j = i;
    while (j > 0 && load<u32>(INSERTS + <usize>(j - 1) * 12) > off) {
      memory.copy(INSERTS + <usize>j * 12, INSERTS + <usize>(j - 1) * 12, 12);
      j--;
    }
    const to = INSERTS + <usize>j * 12;
    store<u32>(to, off); store<u32>(to + 4, node); store<u32>(to + 8, had);
  }
}

/**
 * Writes the record [record, record + len), whose top-level object opens at `open`, with the ECS fields of
 * `entry` (result record `r`, offsets from `lineAt`) merged in. False when the record cannot be walked;
 * the output's overflow flag tells when it did not fit.
 */
export function writeEnriched(record: usize, len: usize, open: usize, entry: i32, r: usize, lineAt: usize, mode: u32): bool {
  rec = r;
  line = lineAt;
  writeMode = mode;
  const from = load<u32>(EJ_ENTRY_NODES + (<usize>entry << 2));
  const to = load<u32>(EJ_ENTRY_NODES + (<usize>(entry + 1) << 2));
  markPresent(from, to, mode);
  insertCount = 0;
  const end = record + len;
  if (!mergeInto(open, end, from, to)) return false;
  sortInserts();
  let p = record;
  for (let k = 0; k < insertCount; k++) {
    const at = INSERTS + <usize>k * 12;
    const off = <usize>load<u32>(at);
    outBytes(p, off - p);
    p = off;
    const comma = load<u32>(at + 8) != 0 || (k > 0 && <usize>load<u32>(at - 12) == off);
    writeMember(load<u32>(at + 4), comma);
  }
  outBytes(p, end - p);
  return true;
}
