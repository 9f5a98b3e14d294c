// What one document's values are made of: the matcher's result record and the line its offsets count from
// (set once per document), read and written as JSON through output.ts. Used by the node-tree walk
// (document.ts, merge.ts) and by each entry's generated writer (assembly/generated/writers.ts) alike, so a
// value is written one way. Never allocates.
import { R_PRI, R_PID, R_LINE, R_FIELDS, R_TIMESTAMP, R_FRAMING, R_MESSAGE, ABSENT, SHAPE_IPV4, SHAPE_IPV6, PID_NUMBER_MAX_DIGITS } from '../generated/abi';
import { outByte, outBytes, outJsonString, outQuoted, outDigits, plainPrefix } from './output';
import { lineNumber } from '../matcher/runtime';
import { timestampValid } from './timestamp';
import { inMemory, lowBytes } from '../matcher/words';

let rec: usize = 0; // the matcher's result record
let line: usize = 0; // what its offsets count from

/** The document about to be written is of record `r`, whose offsets count from `lineAt`. */
export function setRecord(r: usize, lineAt: usize): void { rec = r; line = lineAt; }
export function record(): usize { return rec; }

// @ts-ignore: decorator
@inline export function hasSpan(at: u32): bool { return load<u32>(rec + at) != ABSENT; }
// @ts-ignore: decorator
@inline export function spanAt(at: u32): usize { return line + <usize>load<u32>(rec + at); }
// @ts-ignore: decorator
@inline export function spanLength(at: u32): usize { return <usize>(load<u32>(rec + at + 4) & 0x0fffffff); }
// @ts-ignore: decorator
@inline export function slotWord(slot: u32): u32 { return R_FIELDS + (slot << 3); }
// @ts-ignore: decorator
@inline export function slotShape(slot: u32): u32 { return load<u32>(rec + slotWord(slot) + 4) >>> 28; }
// @ts-ignore: decorator
@inline export function slotIsIp(slot: u32): bool { const s = slotShape(slot); return hasSpan(slotWord(slot)) && (s == SHAPE_IPV4 || s == SHAPE_IPV6); }
// @ts-ignore: decorator
@inline export function pri(): i32 { return load<i32>(rec + R_PRI); }

/** The pid as every host reads it (the pid rule, host/compile/abi.ts): 1 to 15 digits, else none. */
export function pidValid(): bool {
  if (!hasSpan(R_PID)) return false;
  const n = spanLength(R_PID);
  if (n == 0 || n > PID_NUMBER_MAX_DIGITS) return false;
  const p = spanAt(R_PID);
  // Up to eight digits (every pid a kernel gives) in one word where it lies inside memory: 0x80 in each
  // byte that is no digit, exactly ((t & 0x7f) + 0x76 carries into no other byte), the bytes past n masked.
  if (n <= 8 && inMemory(p, 8)) {
    const t = load<u64>(p) ^ 0x3030303030303030;
    const other = (((t & 0x7f7f7f7f7f7f7f7f) + 0x7676767676767676) | t) & 0x8080808080808080;
    return (other & lowBytes(n)) == 0;
  }
  for (let i: usize = 0; i < n; i++) if (<u32>load<u8>(p + i) - 48 >= 10) return false;
  return true;
}

// How far the line is plain (output.ts plainPrefix: no byte a JSON string must escape), worked out once
// a line: the header's spans and the message's fields before the first such byte are quoted and copied,
// not scanned each on its own. Void with the line (runtime.ts lineNumber), as the timestamp's cache is.
let plainFrom: usize = 0;
let plainTo: usize = 0;
let plainLine: u64 = U64.MAX_VALUE;

/**
 * The line of the record about to be written is plain from `from` up to `to` (its first byte a JSON string
 * must escape, or its end), as an adapter found while reading it (the raw module's newline search, the
 * Fluent Bit record walk): writeSpan then does not look again. Call after matchLine, which starts the line.
 */
export function setLinePlain(from: usize, to: usize): void { plainLine = lineNumber(); plainFrom = from; plainTo = to; }

export function writeSpan(at: u32): void {
  const p = spanAt(at), n = spanLength(at);
  const now = lineNumber();
  if (plainLine != now) {
    plainLine = now;
    plainFrom = spanAt(R_LINE);
    plainTo = plainPrefix(plainFrom, plainFrom + spanLength(R_LINE));
  }
  if (p >= plainFrom && p + n <= plainTo) outQuoted(p, n);
  else outJsonString(p, n);
}

/** A span whose bytes the field's type keeps printable and unescaped (addresses, numbers, keywords). */
export function writeSafe(at: u32): void { outQuoted(spanAt(at), spanLength(at)); }

/**
 * An address of slot `s` as `x.ip` and `related.ip` hold it: an IPv6 address without its zone
 * (`fe80::1%enp3s0` is the ip `fe80::1`; the zone is only the sending host's interface, and Elasticsearch's
 * `ip` type refuses it). `x.address` keeps the text as written.
 */
export function writeIp(s: u32): void {
  const at = slotWord(s);
  const p = spanAt(at);
  let n = spanLength(at);
  if (slotShape(s) == SHAPE_IPV6) for (let i: usize = 0; i < n; i++) if (load<u8>(p + i) == 37) { n = i; break; }
  outQuoted(p, n); // an address's bytes never need escaping
}

/** A length-prefixed JSON string of a table (status, facility and severity names). */
export function writeNth(table: usize, n: u32): void {
  let q = table;
  for (; n > 0; n--) q += 1 + <usize>load<u8>(q);
  outBytes(q + 1, <usize>load<u8>(q));
}

export function sameSpan(a: u32, b: u32): bool {
  const n = spanLength(a);
  if (n != spanLength(b)) return false;
  const p = spanAt(a), q = spanAt(b);
  for (let i: usize = 0; i < n; i++) if (load<u8>(p + i) != load<u8>(q + i)) return false;
  return true;
}

/** related.*: the values of the mask's slots that qualify, each value once, in slot order. */
export function writeRelated(mask: u32, ipOnly: bool): void {
  outByte(0x5b);
  let any = false;
  for (let s: u32 = 0; s < 8; s++) {
    if (!((mask >> s) & 1) || !(ipOnly ? slotIsIp(s) : hasSpan(slotWord(s)))) continue;
    let seen = false;
    for (let t: u32 = 0; t < s && !seen; t++) if ((mask >> t) & 1 && (ipOnly ? slotIsIp(t) : hasSpan(slotWord(t))) && sameSpan(slotWord(s), slotWord(t))) seen = true;
    if (seen) continue;
    if (any) outByte(0x2c);
    if (ipOnly) writeIp(s); else writeSpan(slotWord(s));
    any = true;
  }
  outByte(0x5d);
}

/** related.ip has a value: one of the mask's slots holds an IP address. */
export function anyIp(mask: u32): bool {
  for (let s: u32 = 0; s < 8; s++) if ((mask >> s) & 1 && slotIsIp(s)) return true;
  return false;
}

/** related.user has a value: one of the mask's slots has a span. */
export function anySpan(mask: u32): bool {
  for (let s: u32 = 0; s < 8; s++) if ((mask >> s) & 1 && hasSpan(slotWord(s))) return true;
  return false;
}

/** The line was matched inside rsyslog's `message repeated N times: [...]` (match.ts keeps N in R_FRAMING). */
export function repeated(): bool { return (load<u32>(rec + R_FRAMING) >>> 8) != 0; }

/** N as the line writes it (the framing word holds it saturated): the digits after "message repeated ". */
export function writeRepeated(): void {
  const p = spanAt(R_MESSAGE) + 17;
  let n: usize = 0;
  while (<u32>load<u8>(p + n) - 48 < 10) n++;
  outDigits(p, n);
}

/** @timestamp has a value: the header has a timestamp that gives a moment (kept for writeTimestamp). */
export function timestampPresent(): bool {
  return hasSpan(R_TIMESTAMP) && timestampValid(spanAt(R_TIMESTAMP), spanAt(R_TIMESTAMP) + spanLength(R_TIMESTAMP));
}
