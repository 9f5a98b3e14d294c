// The one ECS document writer: a line's document from its result record, following the entry's node tree
// (assembly/generated/document.ts, made by host/compile/emit-document.ts from the document plan). Every
// host's documents come from here: the core module's JSON lines, the component's, the Fluent Bit filter's
// enriched records (merge.ts walks the same nodes) and, through the core module, Node's toEcsDocument.
// A node is written when it belongs to the writer's mode and has a value in this line; an object only
// when one of its children is. Writes through output.ts (room checked on every write); never allocates.
import { DOC_MAX_NODES, DOC_NAMES, DOC_FRAGS, DOC_NODES, DOC_ENTRY_NODES, DOC_ENTRIES, STATUS_JSON, FACILITY_JSON,
  SEVERITY_NAME_JSON, LEVEL_JSON, DOC_MAX_CONST } from '../generated/document';
import { R_ENTRY, R_STATUS, R_LINE, R_PRI, R_TIMESTAMP, R_HOSTNAME, R_PROGRAM, R_PID, R_MESSAGE, R_FIELDS, ABSENT,
  SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME, NODE_WORDS, NODE_OBJECT, NODE_CONST, NODE_ORIGINAL, NODE_MESSAGE_OR_LINE,
  NODE_TIMESTAMP, NODE_HOSTNAME, NODE_PROGRAM, NODE_PID, NODE_PRI, NODE_PRI_FACILITY, NODE_PRI_FACILITY_NAME,
  NODE_PRI_SEVERITY, NODE_PRI_SEVERITY_NAME, NODE_LEVEL, NODE_FIELD_STRING, NODE_FIELD_NUMBER,
  NODE_DERIVED_IP, NODE_DERIVED_DOMAIN, NODE_RELATED_IP, NODE_RELATED_USER, NODE_STATUS, NODE_REPEATED, MODE_DOCUMENT,
  OPTION_KEEP_ORIGINAL, OPTION_NODE_WRITER } from '../generated/abi';
import { writeMembers } from '../generated/writers';
import { outByte, outBytes, outKey, outJsonString, outDigits, outU32, outPosition, outLeading } from './output';
import { timestampValid, writeTimestamp } from './timestamp';
import { setRecord, record, hasSpan, spanAt, spanLength, slotWord, slotShape, slotIsIp, pri, pidValid, writeSpan, writeIp, writeNth, writeRelated, anyIp, anySpan, repeated, writeRepeated } from './values';
import { documentFlags } from './options';

/**
 * Output bytes one line's document can need at most: the message, the line, the header and the fields
 * (each at most the line, escaped six-fold), related.user once more, and the addresses copied into x.ip,
 * x.domain and related.ip (at most 255 plain bytes each).
 */
export function documentBound(lineLength: u32): u32 { return lineLength * 30 + DOC_MAX_CONST + 16384; }

const PRESENT: usize = memory.data(DOC_MAX_NODES, 4); // per node of the entry: it has a value to write
let first: u32 = 0; // the entry's first node, base of PRESENT
let writeMode: u32 = 0;

// @ts-ignore: decorator
@inline function word(i: u32, w: usize): u32 { return load<u32>(DOC_NODES + (<usize>i * NODE_WORDS + w) * 4); }
// @ts-ignore: decorator
@inline export function nodeKind(i: u32): u32 { return (word(i, 1) >> 8) & 0xff; }
/** The node just past `i` and its subtree. */
// @ts-ignore: decorator
@inline export function nodeAfter(i: u32): u32 { return nodeKind(i) == NODE_OBJECT ? word(i, 2) : i + 1; }
// @ts-ignore: decorator
@inline export function nodePresent(i: u32): bool { return load<u8>(PRESENT + <usize>(i - first)) != 0; }
export function nodeName(i: u32): usize { return DOC_NAMES + <usize>word(i, 0); }
export function nodeNameLength(i: u32): usize { return <usize>(word(i, 1) & 0xff); }

/** The entry's nodes: [entryNodes(e), entryNodes(e + 1)); entry -1 (no match) has the last tree. */
export function entryNodes(entry: i32): u32 {
  return load<u32>(DOC_ENTRY_NODES + (<usize>(entry < 0 ? DOC_ENTRIES : entry) << 2));
}
export function entryNodesEnd(entry: i32): u32 {
  return load<u32>(DOC_ENTRY_NODES + (<usize>(entry < 0 ? DOC_ENTRIES : entry) + 1 << 2));
}

function leafAvailable(i: u32): bool {
  const kind = nodeKind(i);
  const arg = word(i, 2);
  if (kind == NODE_CONST || kind == NODE_MESSAGE_OR_LINE || kind == NODE_STATUS) return true;
  if (kind == NODE_ORIGINAL) return (documentFlags & OPTION_KEEP_ORIGINAL) != 0;
  if (kind == NODE_TIMESTAMP) return hasSpan(R_TIMESTAMP) && timestampValid(spanAt(R_TIMESTAMP), spanAt(R_TIMESTAMP) + spanLength(R_TIMESTAMP));
  if (kind == NODE_HOSTNAME) return hasSpan(R_HOSTNAME);
  if (kind == NODE_PROGRAM) return hasSpan(R_PROGRAM);
  if (kind == NODE_PID) return pidValid();
  if (kind == NODE_LEVEL) return pri() >= 0 || word(i, 4) != 0;
  if (kind >= NODE_PRI && kind <= NODE_PRI_SEVERITY_NAME) return pri() >= 0;
  if (kind == NODE_RELATED_IP) return anyIp(arg);
  if (kind == NODE_RELATED_USER) return anySpan(arg);
  if (kind == NODE_REPEATED) return repeated();
  if (!hasSpan(slotWord(arg))) return false;
  if (kind == NODE_DERIVED_IP) return slotIsIp(arg);
  if (kind == NODE_DERIVED_DOMAIN) return slotShape(arg) == SHAPE_NAME;
  return true;
}

/**
 * Starts a document: the record `r` (offsets from `lineAt`) of `entry`, for the writer of `mode`. Marks
 * which nodes have something to write; objects need a present child. Returns the entry's first node.
 */
export function beginDocument(r: usize, lineAt: usize, entry: i32, mode: u32): u32 {
  setRecord(r, lineAt);
  writeMode = mode;
  const from = entryNodes(entry), to = entryNodesEnd(entry);
  first = from;
  let i = to;
  while (i > from) {
    i--;
    let yes = false;
    if ((word(i, 1) >> 16) & mode) {
      if (nodeKind(i) == NODE_OBJECT) {
        const end = word(i, 2);
        for (let c = i + 1; c < end; c = nodeAfter(c)) if (nodePresent(c)) { yes = true; break; }
      } else yes = leafAvailable(i);
    }
    store<u8>(PRESENT + <usize>(i - from), yes ? 1 : 0);
  }
  return from;
}

function writeLeaf(i: u32): void {
  const kind = nodeKind(i);
  const arg = word(i, 2);
  if (kind == NODE_MESSAGE_OR_LINE) writeSpan(hasSpan(R_MESSAGE) ? R_MESSAGE : R_LINE);
  else if (kind == NODE_ORIGINAL) writeSpan(R_LINE);
  else if (kind == NODE_TIMESTAMP) writeTimestamp();
  else if (kind == NODE_HOSTNAME) writeSpan(R_HOSTNAME);
  else if (kind == NODE_PROGRAM) writeSpan(R_PROGRAM);
  else if (kind == NODE_PID) outDigits(spanAt(R_PID), spanLength(R_PID));
  else if (kind == NODE_PRI) outU32(<u32>pri());
  else if (kind == NODE_PRI_FACILITY) outU32(<u32>pri() >> 3);
  else if (kind == NODE_PRI_FACILITY_NAME) writeNth(FACILITY_JSON, <u32>pri() >> 3);
  else if (kind == NODE_PRI_SEVERITY) outU32(<u32>pri() & 7);
  else if (kind == NODE_PRI_SEVERITY_NAME) writeNth(SEVERITY_NAME_JSON, <u32>pri() & 7);
  else if (kind == NODE_LEVEL) {
    if (pri() < 0) outBytes(DOC_FRAGS + <usize>word(i, 3), <usize>word(i, 4));
    else writeNth(LEVEL_JSON, <u32>pri() & 7);
  } else if (kind == NODE_STATUS) writeNth(STATUS_JSON, load<u32>(record() + R_STATUS));
  else if (kind == NODE_REPEATED) writeRepeated();
  else if (kind == NODE_RELATED_IP || kind == NODE_RELATED_USER) writeRelated(arg, kind == NODE_RELATED_IP);
  else if (kind == NODE_FIELD_NUMBER) outDigits(spanAt(slotWord(arg)), spanLength(slotWord(arg)));
  else if (kind == NODE_DERIVED_IP) writeIp(arg);
  else writeSpan(slotWord(arg));
}

/** `"name":value` of a present node, with its whole present subtree. */
export function writeMember(i: u32, comma: bool): void {
  if (comma) outByte(0x2c);
  const kind = nodeKind(i);
  // A constant, or an object of constants of its own modes: one prepared fragment.
  const fragment = <usize>word(i, 4);
  if (fragment != 0 && kind != NODE_LEVEL) {
    outBytes(DOC_FRAGS + <usize>word(i, 3), fragment);
    return;
  }
  outKey(nodeName(i), nodeNameLength(i));
  if (kind != NODE_OBJECT) { writeLeaf(i); return; }
  outByte(0x7b);
  let any = false;
  const end = word(i, 2);
  for (let c = i + 1; c < end; c = nodeAfter(c)) {
    if (!nodePresent(c)) continue;
    writeMember(c, any);
    any = true;
  }
  outByte(0x7d);
}

/** The whole document of record `r` (spans relative to `lineAt`) as one JSON object. */
export function writeDocument(r: usize, lineAt: usize): void {
  if (documentFlags & OPTION_NODE_WRITER) { writeDocumentByNodes(r, lineAt); return; }
  setRecord(r, lineAt);
  const start = outPosition();
  writeMembers(load<i32>(r + R_ENTRY), MODE_DOCUMENT, 0, true); // each member after a comma,
  outLeading(start, 0x7b); // the first of which becomes the brace
  outByte(0x7d);
}

/**
 * The same document by walking the entry's node tree: the writer the generated ones replaced, kept for
 * the differential test (OPTION_NODE_WRITER) and for the merge of records that hold one of our objects.
 */
function writeDocumentByNodes(r: usize, lineAt: usize): void {
  const entry = load<i32>(r + R_ENTRY);
  const from = beginDocument(r, lineAt, entry, MODE_DOCUMENT);
  const to = entryNodesEnd(entry);
  outByte(0x7b);
  let any = false;
  for (let c = from; c < to; c = nodeAfter(c)) {
    if (!nodePresent(c)) continue;
    writeMember(c, any);
    any = true;
  }
  outByte(0x7d);
}
