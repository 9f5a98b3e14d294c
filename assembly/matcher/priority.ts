// Reads the syslog priority of a line header: "<PRI>" as RFC 3164 and RFC 5424 write it (facility * 8 +
// severity, at most 191), or "<facility.severity>" as FreeBSD's and NetBSD's syslogd write it into files with
// -v ("<4.6>") and -vv ("<auth.info>", the names of <syslog.h>). Reads only [p, e); never allocates.
import { nonDigits4 } from './words';

// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 48 < 10; }
// @ts-ignore: decorator
@inline function isNameByte(c: u32): bool { return c - 97 < 26 || c - 48 < 10; }

/** The value of the priority priority() read last. */
export let priorityValue: i32 = -1;

// The name lists are static UTF-16 string data, read through their address and ended by '.': calling a
// String method would pull AssemblyScript's string library (and its allocator) into the module.
// Facility names in code order: FreeBSD's <syslog.h> (13 security, 14 console); 15 as rsyslog names it.
const FACILITIES = changetype<usize>('kern user mail daemon auth syslog lpr news uucp cron authpriv ftp ntp security console clock local0 local1 local2 local3 local4 local5 local6 local7.');
const FACILITY_ALIASES = changetype<usize>('audit alert.'); // rsyslog's names of 13 and 14
const SEVERITIES = changetype<usize>('emerg alert crit err warning notice info debug.');
const SEVERITY_ALIASES = changetype<usize>('panic error warn.'); // <syslog.h>'s aliases of 0, 3 and 4

/** Index of the word [p, e) in a list of space-separated words ended by '.', or -1. */
function wordIndex(list: usize, p: usize, e: usize): i32 {
  const len = e - p;
  let index = 0;
  let word = list;
  let at = list;
  while (true) {
    const c = <u32>load<u16>(at);
    at += 2;
    if (c != 32 && c != 46) continue;
    if ((at - 2 - word) >> 1 == len) {
      let same = true;
      for (let k: usize = 0; k < len; k++) if (<u32>load<u16>(word + (k << 1)) != <u32>load<u8>(p + k)) { same = false; break; }
      if (same) return index;
    }
    if (c == 46) break;
    index++;
    word = at;
  }
  return -1;
}

/** A facility or severity written as a number of at most two digits up to `max`, or -1. */
function smallNumber(p: usize, e: usize, max: i32): i32 {
  if (e - p > 2) return -1;
  let v = 0;
  for (let q = p; q < e; q++) {
    const c = <u32>load<u8>(q);
    if (!isDigit(c)) return -1;
    v = v * 10 + <i32>(c - 48);
  }
  return v <= max ? v : -1;
}

function facilityCode(p: usize, e: usize): i32 {
  if (isDigit(load<u8>(p))) return smallNumber(p, e, 23);
  const i = wordIndex(FACILITIES, p, e);
  if (i >= 0) return i;
  const a = wordIndex(FACILITY_ALIASES, p, e);
  return a < 0 ? -1 : 13 + a;
}

function severityCode(p: usize, e: usize): i32 {
  if (isDigit(load<u8>(p))) return smallNumber(p, e, 7);
  const i = wordIndex(SEVERITIES, p, e);
  if (i >= 0) return i;
  const a = wordIndex(SEVERITY_ALIASES, p, e);
  return a < 0 ? -1 : a == 0 ? 0 : a + 2;
}

/**
 * Reads "<PRI>" or "<facility.severity>" at p. Returns the end (just after '>') and sets priorityValue, or
 * returns 0 and leaves priorityValue alone.
 */
export function priority(p: usize, e: usize): usize {
  if (p >= e || load<u8>(p) != 60) return 0;
  // The usual "<PRI>", one to three digits and '>', from one word read (words.ts nonDigits4: ctz finds
  // the first non-digit). Anything else is read byte by byte below, which gives the same for these: the
  // name loop stops at the '>' and the digits are all of the name.
  if (p + 5 <= e) {
    const t = load<u32>(p, 1) ^ 0x30303030;
    const k = ctz(nonDigits4(t)) >> 3; // leading digits, 4 when all are
    if (k - 1 < 3 && load<u8>(p + 1 + k) == 62) {
      let v = <i32>(t & 0xff);
      if (k > 1) v = v * 10 + <i32>((t >> 8) & 0xff);
      if (k > 2) v = v * 10 + <i32>((t >> 16) & 0xff);
      if (v > 191) return 0;
      priorityValue = v;
      return p + 2 + <usize>k;
    }
  }
  let q = p + 1;
  const first = q;
  while (q < e && isNameByte(load<u8>(q)) && q - first <= 8) q++;
  if (q == first || q >= e) return 0;
  const c = load<u8>(q);
  if (c == 62) { // "<PRI>": at most three digits, at most 191
    if (q - first > 3) return 0;
    let v: i32 = 0;
    for (let k = first; k < q; k++) {
      const d = <u32>load<u8>(k);
      if (!isDigit(d)) return 0;
      v = v * 10 + <i32>(d - 48);
    }
    if (v > 191) return 0;
    priorityValue = v;
    return q + 1;
  }
  if (c != 46) return 0; // "<facility.severity>"
  const facility = facilityCode(first, q);
  if (facility < 0) return 0;
  const second = ++q;
  while (q < e && isNameByte(load<u8>(q)) && q - second <= 8) q++;
  if (q == second || q >= e || load<u8>(q) != 62) return 0;
  const severity = severityCode(second, q);
  if (severity < 0) return 0;
  priorityValue = facility * 8 + severity;
  return q + 1;
}
