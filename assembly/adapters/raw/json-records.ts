// JSON records in, the same records with the ECS fields merged in out: the sidecar's `--input json` path
// (host/sidecar/json-lines.ts), one call per batch of newline-separated records instead of JSON.parse, a
// document and JSON.stringify per record in Node. The merge is the Fluent Bit module's (assembly/ecs/merge.ts
// writeMerged) with the whole document's members (MODE_DOCUMENT); this file owns only what the sidecar's
// records need before it: a check that a record is JSON that Node would write back byte for byte (white
// space between tokens aside, which is dropped here as Node drops it), and the walk that finds its message
// under the one key the host configured. So a record comes out exactly as the host's path writes it.
//
// A record this path cannot give that result for is left to the host, never guessed: not such JSON (or
// not an object), no string under the key, an escaped top-level key, an `ssh_log_matcher` member of its
// own (the sidecar replaces it). Such a record writes nothing; its result record says RECORD_LEFT, where
// it lies in the input (R_LINE) and where its line goes in the output (R_MESSAGE start). Never
// allocates: the key, the compacted record and the decoded message have static buffers.
import { matchLine as matchOne } from '../../matcher/match';
import { RESULT_SIZE, R_ENTRY, R_STATUS, R_LINE, R_MESSAGE, MODE_DOCUMENT, RECORD_LEFT, MAX_LINE_BYTES } from '../../generated/abi';
import { documentBound } from '../../ecs/document';
import { skipSpace, skipString, beginObject, nextMember, decodeString, keyStart, keyEnd, keyEscaped, valueStart, valueEnd, objectClose, stringEscaped, keyEquals } from '../../ecs/json-read';
import { writeMerged, recordKeysBegin, recordKey } from '../../ecs/merge';
import { outBegin, outByte, outPosition } from '../../ecs/output';

const KEY_CAPACITY: usize = 256;
const KEY: usize = memory.data(<i32>KEY_CAPACITY, 8);
let keyLength: usize = 0;
const LINE_CAPACITY: usize = MAX_LINE_BYTES; // a decoded message, at most as long as the record it came in
const LINE: usize = memory.data(<i32>LINE_CAPACITY + 16, 16); // +16: the matcher reads words near the end
const COMPACT: usize = memory.data(<i32>LINE_CAPACITY + 16, 16); // a record without its white space
const MAX_DEPTH: i32 = 512; // deeper records are the host's (JSON.parse has no such limit)
const STACK: usize = memory.data(MAX_DEPTH, 8); // per open container: 1 object, 2 array

/** Where the host writes the message key (at most 256 bytes, unescaped) before `setRecordKey(length)`. */
export function recordKeyPtr(): usize { return KEY; }
export function setRecordKey(length: u32): bool {
  if (<usize>length > KEY_CAPACITY || length == 0) return false;
  keyLength = <usize>length;
  return true;
}

/**
 * Merges the ECS fields into each newline-separated JSON record of [input, input + len), one record out per
 * line, until the input, the `capacity` result records or the output area [out, outEnd) are used up. The
 * last record without a newline is only taken when `final` is set. Returns the number of records; the
 * input bytes they used are `*consumed`.
 */
export function mergeRecords(input: usize, len: usize, final: bool, results: usize, capacity: u32, out: usize, outEnd: usize): u32 {
  const end = input + len;
  let p = input;
  let n: u32 = 0;
  outBegin(out, outEnd);
  outLimit = outEnd;
  while (p < end && n < capacity) {
    let nl = p;
    while (nl < end && load<u8>(nl) != 10) nl++;
    if (nl == end && !final) break;
    let e = nl;
    if (e > p && load<u8>(e - 1) == 13) e--; // a CRLF line is the same record as with LF
    // Room for the worst case: the record and a document of a message as long as the record.
    if (outPosition() + (e - p) + <usize>documentBound(<u32>(e - p)) + 1 > outEnd) break;
    const rec = results + <usize>n * RESULT_SIZE;
    if (!mergeOne(p, e, rec)) {
      store<i32>(rec + R_ENTRY, -1);
      store<u32>(rec + R_STATUS, RECORD_LEFT);
      store<u32>(rec + R_LINE, <u32>(p - input));
      store<u32>(rec + R_LINE + 4, <u32>(e - p));
      store<u32>(rec + R_MESSAGE, <u32>(outPosition() - out));
    } else outByte(10);
    n++;
    p = nl < end ? nl + 1 : end;
  }
  consumed = <u32>(p - input);
  return n;
}

let consumed: u32 = 0;
let outLimit: usize = 0;
/** Input bytes the last mergeRecords used. */
export function recordsConsumed(): u32 { return consumed; }

/** One record [p, e): false when it is the host's (nothing written). */
function mergeOne(p: usize, e: usize, rec: usize): bool {
  // (p, e) move to the compacted copy when the record has white space
  if (!canonicalJson(p, e)) return false;
  if (spaced) { e = compact(p, e, COMPACT); p = COMPACT; }
  const open = p;
  if (load<u8>(open) != 0x7b) return false;
  // The top-level members, once: what the merge needs to know of the keys, and the message.
  let messageAt: usize = 0, messageEnd: usize = 0, escaped = false, members = false;
  recordKeysBegin();
  beginObject(open);
  while (true) {
    const r = nextMember(e);
    if (r < 0) return false;
    if (r == 0) break;
    members = true;
    if (keyEscaped || keyEquals('ssh_log_matcher', 15)) return false;
    recordKey();
    if (!keyIsConfigured()) continue;
    if (messageAt != 0 || load<u8>(valueStart) != 0x22) return false; // twice, or not a string
    messageAt = valueStart + 1;
    messageEnd = valueEnd - 1;
    escaped = stringEscaped; // the value was skipped last
  }
  if (messageAt == 0) return false;
  const close = objectClose;
  let line = messageAt, lineEnd = messageEnd;
  if (escaped) {
    const n = decodeString(messageAt, messageEnd, LINE, LINE_CAPACITY);
    if (n < 0) return false;
    line = LINE;
    lineEnd = LINE + <usize>n;
  }
  const entry = matchOne(line, lineEnd, rec, line);
  const at = outPosition();
  if (!writeMerged(p, e - p, open, close, members, entry, rec, line, MODE_DOCUMENT)) { outBegin(at, outLimit); return false; }
  return true;
}

function keyIsConfigured(): bool {
  if (keyEnd - keyStart != keyLength) return false;
  for (let i: usize = 0; i < keyLength; i++) if (load<u8>(keyStart + i) != load<u8>(KEY + i)) return false;
  return true;
}

// @ts-ignore: decorator
@inline function isSpace(c: u32): bool { return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09; }
// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 0x30 < 10; }
// @ts-ignore: decorator
@inline function isHexLower(c: u32): bool { return c - 0x30 < 10 || c - 0x61 < 6; }

let spaced = false; // the record has white space between its tokens
function ws(p: usize, end: usize): usize {
  const q = skipSpace(p, end);
  if (q != p) spaced = true;
  return q;
}

const MAX_KEYS: i32 = 1024; // keys of the open objects, to find a key given twice
const KEYS: usize = memory.data(MAX_KEYS * 8, 8); // (start, length)
const KEY_BASE: usize = memory.data(MAX_DEPTH * 4, 8); // per open container: its first key in KEYS
let keyCount: i32 = 0;

/**
 * Whether [p, end) is one JSON object that JSON.parse then JSON.stringify would give back as it is, white
 * space between tokens aside (`spaced` says there is some): strings without raw control characters and
 * with only the escapes JSON.stringify writes, integers only (no fraction, exponent or -0), no key twice in
 * an object, no key that is an array index (JavaScript puts those first). Anything else is the host's,
 * which reads and writes it as it always has. The bytes are valid UTF-8 (the host checked).
 */
function canonicalJson(p: usize, end: usize): bool {
  let depth: i32 = 0;
  keyCount = 0;
  spaced = false;
  p = ws(p, end);
  while (true) {
    // a value
    if (p >= end) return false;
    const c = <u32>load<u8>(p);
    if (c == 0x7b || c == 0x5b) {
      if (depth == MAX_DEPTH) return false;
      p = ws(p + 1, end);
      if (p < end && <u32>load<u8>(p) == c + 2) { p++; } // {} or []
      else {
        store<u8>(STACK + <usize>depth, c == 0x7b ? 1 : 2);
        store<i32>(KEY_BASE + (<usize>depth << 2), keyCount);
        depth++;
        if (c == 0x7b) { p = memberKey(p, end, depth); if (p == 0) return false; }
        continue;
      }
    } else if (c == 0x22) { p = canonicalString(p, end); if (p == 0) return false; }
    else if (c == 0x74) { if (!literal(p, end, 0x65757274)) return false; p += 4; } // true
    else if (c == 0x6e) { if (!literal(p, end, 0x6c6c756e)) return false; p += 4; } // null
    else if (c == 0x66) { if (!literal(p + 1, end, 0x65736c61)) return false; p += 5; } // false
    else { p = canonicalInteger(p, end); if (p == 0) return false; }
    // after a value: a comma, the container's close, or the end
    while (true) {
      p = ws(p, end);
      if (depth == 0) return p == end;
      if (p >= end) return false;
      const d = <u32>load<u8>(p);
      const inObject = load<u8>(STACK + <usize>(depth - 1)) == 1;
      if (d == 0x2c) {
        p = ws(p + 1, end);
        if (inObject) { p = memberKey(p, end, depth); if (p == 0) return false; }
        break;
      }
      if (d != (inObject ? 0x7d : 0x5d)) return false;
      depth--;
      keyCount = load<i32>(KEY_BASE + (<usize>depth << 2));
      p++;
    }
  }
  return false; // not reached
}

/** `p` at a member's key in the object at `depth`: the position of its value, or 0. */
function memberKey(p: usize, end: usize, depth: i32): usize {
  if (p >= end || load<u8>(p) != 0x22) return 0;
  const after = canonicalString(p, end);
  if (after == 0) return 0;
  const k = p + 1, n = after - 1 - k;
  if (n > 0 && n <= 10 && isDigit(load<u8>(k)) && (n == 1 || load<u8>(k) != 0x30)) {
    let digits = true;
    for (let i: usize = 1; i < n; i++) if (!isDigit(load<u8>(k + i))) { digits = false; break; }
    if (digits) return 0; // may be an array index
  }
  for (let i = load<i32>(KEY_BASE + (<usize>(depth - 1) << 2)); i < keyCount; i++) {
    const at = KEYS + (<usize>i << 3);
    if (<usize>load<u32>(at + 4) == n && memory.compare(<usize>load<u32>(at), k, n) == 0) return 0;
  }
  if (keyCount == MAX_KEYS) return 0;
  store<u32>(KEYS + (<usize>keyCount << 3), <u32>k);
  store<u32>(KEYS + (<usize>keyCount << 3) + 4, <u32>n);
  keyCount++;
  p = ws(after, end);
  if (p >= end || load<u8>(p) != 0x3a) return 0;
  return ws(p + 1, end);
}

function literal(p: usize, end: usize, word: u32): bool {
  return p + 4 <= end && load<u32>(p) == word;
}

/** `p` at an opening quote: the position after the closing quote, or 0. */
function canonicalString(p: usize, end: usize): usize {
  p++;
  while (p < end) {
    // Eight bytes at a time while none is a quote, a backslash or a control character.
    while (p + 8 <= end) {
      const x = load<u64>(p);
      const q = x ^ 0x2222222222222222;
      const b = x ^ 0x5c5c5c5c5c5c5c5c;
      const hit = ((q - 0x0101010101010101) & ~q | (b - 0x0101010101010101) & ~b | (x - 0x2020202020202020) & ~x) & 0x8080808080808080;
      if (hit != 0) break;
      p += 8;
    }
    if (p >= end) return 0;
    const c = <u32>load<u8>(p);
    if (c == 0x22) return p + 1;
    if (c < 0x20) return 0;
    if (c == 0x5c) {
      if (p + 1 >= end) return 0;
      const e = <u32>load<u8>(p + 1);
      if (e == 0x75) {
        // JSON.stringify writes \u00XX (lower case) for the control characters without a short form only
        if (p + 6 > end || load<u16>(p + 2) != 0x3030) return 0;
        const h = <u32>load<u8>(p + 4), l = <u32>load<u8>(p + 5);
        if ((h != 0x30 && h != 0x31) || !isHexLower(l)) return 0;
        const v = ((h - 0x30) << 4) | (l <= 0x39 ? l - 0x30 : l - 0x61 + 10);
        if (v == 8 || v == 9 || v == 10 || v == 12 || v == 13) return 0;
        p += 6;
        continue;
      }
      if (e != 0x22 && e != 0x5c && e != 0x62 && e != 0x66 && e != 0x6e && e != 0x72 && e != 0x74) return 0;
      p += 2;
      continue;
    }
    p++;
  }
  return 0;
}

/** `p` at a number: the position after it when it is an integer as JavaScript writes it, or 0. */
function canonicalInteger(p: usize, end: usize): usize {
  const start = p;
  if (p < end && load<u8>(p) == 0x2d) p++;
  if (p >= end || !isDigit(load<u8>(p))) return 0;
  if (load<u8>(p) == 0x30) { p++; if (p - start == 2) return 0; } // -0 is written 0
  else while (p < end && isDigit(load<u8>(p))) p++;
  if (p < end && (load<u8>(p) == 0x2e || (load<u8>(p) | 0x20) == 0x65)) return 0; // JavaScript may write it otherwise
  return p;
}

/** [p, end) without the white space between its tokens, into dst; returns the end. */
function compact(p: usize, end: usize, dst: usize): usize {
  let o = dst;
  while (p < end) {
    const c = <u32>load<u8>(p);
    if (isSpace(c)) { p++; continue; }
    if (c != 0x22) { store<u8>(o++, c); p++; continue; }
    const after = skipString(p, end);
    memory.copy(o, p, after - p);
    o += after - p;
    p = after;
  }
  return o;
}
