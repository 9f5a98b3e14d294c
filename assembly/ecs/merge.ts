// Merges a matched line's ECS fields into a host's JSON record (the Fluent Bit filter's records), in one
// copy: the record's bytes go out unchanged and the writer's members (document.ts, MODE_ENRICH or
// MODE_CLASSIFY) are inserted just before the closing brace of the object they belong to. Merge rule, at
// every level: a key the record already has is never written again. If the record's value there is an
// object and ours is too, ours are merged into it by the same rule; otherwise the record's value wins and
// our subtree is left out. The output therefore keeps every original key and value and never holds a
// duplicate key. Never allocates: scratch tables are static.
import { DOC_MAX_NODES } from '../generated/document';
import { NODE_OBJECT } from '../generated/abi';
import { writeMembers, rootNameBit } from '../generated/writers';
import { setRecord } from './values';
import { beginObject, nextMember, decodeString, keyStart, keyEnd, keyEscaped, valueStart, objectClose } from './json-read';
import { outBytes } from './output';
import { beginDocument, entryNodesEnd, nodeAfter, nodeKind, nodeName, nodeNameLength, nodePresent, writeMember } from './document';

const FOUND: usize = memory.data(DOC_MAX_NODES * 4, 4); // per node: the record's value under that key, or 0
const INSERTS: usize = memory.data(DOC_MAX_NODES * 12, 4); // (closing brace, node, object had members)
const KEY: usize = memory.data(256 + 8, 8); // a decoded escaped key
let insertCount: i32 = 0;
let first: u32 = 0; // the entry's first node, base of FOUND

/** The record's key [keyStart, keyEnd) equals the node's name (escaped keys are decoded first). */
function keyIs(i: u32): bool {
  const len = nodeNameLength(i);
  const name = nodeName(i);
  let k = keyStart;
  if (keyEscaped) {
    const n = decodeString(keyStart, keyEnd, KEY, 256);
    if (n < 0 || <usize>n != len) return false;
    k = KEY;
  } else if (keyEnd - keyStart != len) return false;
  for (let j: usize = 0; j < len; j++) if (load<u8>(k + j) != load<u8>(name + j)) return false;
  return true;
}

// @ts-ignore: decorator
@inline function foundAt(s: u32): usize { return FOUND + (<usize>(s - first) << 2); }

/**
 * Plans the merge of nodes [from, to) (siblings) into the record's object opening at `open`: members the
 * object lacks are queued for insertion before its closing brace, objects both sides have are merged one
 * level down. False when the object cannot be walked.
 */
function mergeInto(open: usize, end: usize, from: u32, to: u32): bool {
  for (let s = from; s < to; s = nodeAfter(s)) store<u32>(foundAt(s), 0);
  beginObject(open);
  let members = false;
  while (true) {
    const r = nextMember(end);
    if (r < 0) return false;
    if (r == 0) break;
    members = true;
    for (let s = from; s < to; s = nodeAfter(s)) {
      if (!nodePresent(s) || load<u32>(foundAt(s)) != 0) continue;
      if (keyIs(s)) { store<u32>(foundAt(s), <u32>valueStart); break; }
    }
  }
  const close = objectClose;
  for (let s = from; s < to; s = nodeAfter(s)) {
    if (!nodePresent(s)) continue;
    const found = <usize>load<u32>(foundAt(s));
    if (found == 0) {
      const at = INSERTS + <usize>insertCount * 12;
      store<u32>(at, <u32>close);
      store<u32>(at + 4, s);
      store<u32>(at + 8, members ? 1 : 0);
      insertCount++;
    } else if (nodeKind(s) == NODE_OBJECT && load<u8>(found) == 0x7b) {
      if (!mergeInto(found, end, s + 1, nodeAfter(s))) return false;
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

// What the host's one walk of the record's top-level members found (recordKeysBegin, recordKey).
let skipMask: u64 = 0; // our top-level members the record has already, as non-objects: its value wins
let needsNodes = false; // a key holds an object where we have one, or is escaped: merge by the node tree

/** Before the host walks the record's top-level members (json-read's beginObject/nextMember). */
export function recordKeysBegin(): void { skipMask = 0; needsNodes = false; }

/** For each top-level member the host's walk reads: json-read's current key and value. */
export function recordKey(): void {
  if (keyEscaped) { needsNodes = true; return; }
  const bit = rootNameBit(keyStart, keyEnd - keyStart);
  if (bit < 0) return;
  if (load<u8>(valueStart) == 0x7b) needsNodes = true;
  else skipMask |= <u64>1 << <u64>bit;
}

/**
 * Writes the record [record, record + len), whose top-level object opens at `open` and closes at `close`
 * (`members`: it has some), with the ECS fields of `entry` (result record `r`, offsets from `lineAt`)
 * merged in, for the writer of `mode`, after the host's walk told recordKey each top-level member. False
 * when the record cannot be walked; the output's overflow flag tells when it did not fit.
 *
 * The usual record (Fluent Bit's `{"log": "..."}`: no key holds an object under one of our top-level
 * names) takes the entry's generated writer, told which top-level members the record has already (its
 * value wins): the record up to its closing brace, our members, the brace. Others are merged level by
 * level from the node tree.
 */
export function writeMerged(record: usize, len: usize, open: usize, close: usize, members: bool, entry: i32, r: usize, lineAt: usize, mode: u32): bool {
  if (needsNodes) return mergeByNodes(record, len, open, entry, r, lineAt, mode);
  setRecord(r, lineAt);
  outBytes(record, close - record);
  writeMembers(entry, mode, skipMask, members);
  outBytes(close, record + len - close);
  return true;
}

/** The merge by the node tree, one level at a time (mergeInto). */
function mergeByNodes(record: usize, len: usize, open: usize, entry: i32, r: usize, lineAt: usize, mode: u32): bool {
  const from = beginDocument(r, lineAt, entry, mode);
  const to = entryNodesEnd(entry);
  first = from;
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
