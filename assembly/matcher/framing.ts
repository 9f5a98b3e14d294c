// Recognises how a line is framed and where its message starts: RFC 3164 syslog (with or without a host
// name, with a classic, an RFC 3339 or an ISO 8601 timestamp, with or without a priority), RFC 5424,
// "prog[pid]: message", or a bare message. Writes the header spans into the result record and returns the
// family mask of the program (which catalogs may describe this line): all families when the line names no
// program, none when it names a program that is not an SSH server. Reads only the header: whatever the
// message holds (client-typed user names included) never changes how the header is read. Never allocates.
import { programFamilies } from '../generated/entries';
import { PID_MAX_DIGITS } from '../generated/abi';
import { priority, priorityValue } from './priority';
import { nonDigits } from './words';
import { R_PRI, R_TIMESTAMP, R_HOSTNAME, R_PROGRAM, R_PID, R_MESSAGE, R_FRAMING, FRAMING_BARE, FRAMING_RFC3164,
  FRAMING_RFC3164_NO_HOST, FRAMING_RFC5424, FRAMING_TAG, ABSENT, setSpan, clearSpan } from './result';

export const ALL_FAMILIES: u32 = 0xffffffff;

// @ts-ignore: decorator
@inline function isDigit(c: u32): bool { return c - 48 < 10; }
// @ts-ignore: decorator
@inline function isUpper(c: u32): bool { return c - 65 < 26; }
// @ts-ignore: decorator
@inline function isLower(c: u32): bool { return c - 97 < 26; }

let origin: usize = 0;
let rec: usize = 0;


/** End of the timestamp at p, which a space must follow, or 0. */
// @ts-ignore: decorator
@inline function timestampEnd(p: usize, e: usize): usize {
  // The classic timestamp's common forms, with their space, in two word reads; other forms byte by byte.
  // A day padded with a space ("Mar  2") has its digit where a two-digit day has its second: with the
  // padding read as a '0', the same check holds exactly when classicTimestamp() would take the line.
  // And RFC 3339's "2026-11-25T10:00:00...", which classicTimestamp() refuses (no letter first): with all
  // of the first 16 bytes as isoTimestamp() wants them (it checks only some), none is a space, so the
  // token it takes runs on from there.
  if (p + 16 <= e) {
    const a = load<u64>(p), b = load<u64>(p, 8);
    if (isClassicTimestamp(a, b)) return p + 15;
    if (<u8>(a >> 32) == 32 && isClassicTimestamp(a | 0x1000000000, b)) return p + 15;
    if (p + 19 <= e && inRanges(a, b, ISO_LO_A, ISO_HI_A, ISO_LO_B, ISO_HI_B)) {
      const q = tokenEnd(p + 16, e);
      return q < e ? q : 0; // a space, or no timestamp
    }
  }
  let q = classicTimestamp(p, e);
  if (q == 0) q = isoTimestamp(p, e);
  if (q == 0) q = spacedIsoTimestamp(p, e);
  if (q == 0) q = fullTimestamp(p, e);
  if (q == 0) q = monotonicTimestamp(p, e);
  return q != 0 && q < e && load<u8>(q) == 32 ? q : 0;
}

// The bytes of "Mar 28 23:50:01 " as ranges [lo, hi), one byte each, low byte first: an upper-case letter,
// two lower-case, a space, two digits, a space, then "dd:dd:dd" and the space that ends the timestamp.
const CLASSIC_LO_A: u64 = 0x3020303020616141, CLASSIC_HI_A: u64 = 0x3a213a3a217b7b5b;
const CLASSIC_LO_B: u64 = 0x2030303a30303a30, CLASSIC_HI_B: u64 = 0x213a3a3b3a3a3b3a;
// @ts-ignore: decorator
@inline function isClassicTimestamp(a: u64, b: u64): bool {
  return inRanges(a, b, CLASSIC_LO_A, CLASSIC_HI_A, CLASSIC_LO_B, CLASSIC_HI_B);
}
// And of "2026-11-25T10:00": "dddd-dd-", then "ddTdd:dd".
const ISO_LO_A: u64 = 0x2d30302d30303030, ISO_HI_A: u64 = 0x2e3a3a2e3a3a3a3a;
const ISO_LO_B: u64 = 0x30303a3030543030, ISO_HI_B: u64 = 0x3a3a3b3a3a553a3a;
const HIGH_BITS: u64 = 0x8080808080808080;

/**
 * Whether each of the 16 bytes a, b (low byte first) lies in its range [lo, hi) of loA..hiB, a word at a
 * time. For each byte c, (c | 0x80) - lo keeps the high bit exactly when c & 0x7f >= lo, and
 * (c | 0x80) - hi exactly when c & 0x7f >= hi; no byte borrows from the next, as every lo and hi is at most
 * 0x7f. A byte with its own high bit set is no ASCII and misses too.
 */
// @ts-ignore: decorator
@inline function inRanges(a: u64, b: u64, loA: u64, hiA: u64, loB: u64, hiB: u64): bool {
  const ha = a | HIGH_BITS, hb = b | HIGH_BITS;
  const atLeastLo = (ha - loA) & (hb - loB);
  const atLeastHi = (ha - hiA) | (hb - hiB);
  return ((a | b | atLeastHi | ~atLeastLo) & HIGH_BITS) == 0;
}

/**
 * End of "Mmm dd hh:mm:ss" or 0. The day may be space-padded or a single digit ("Feb 7"), and the seconds
 * may carry a fraction (journalctl -o short-precise).
 */
function classicTimestamp(p: usize, e: usize): usize {
  if (p + 14 > e) return 0;
  if (!isUpper(load<u8>(p)) || !isLower(load<u8>(p + 1)) || !isLower(load<u8>(p + 2)) || load<u8>(p + 3) != 32) return 0;
  let q = p + 4;
  const d1 = <u32>load<u8>(q);
  if (d1 == 32) q++; // " 5"
  if (!isDigit(load<u8>(q))) return 0;
  q++;
  if (q < e && isDigit(load<u8>(q)) && d1 != 32) q++;
  if (q + 9 > e || load<u8>(q) != 32) return 0;
  q++;
  if (!isDigit(load<u8>(q)) || !isDigit(load<u8>(q + 1)) || load<u8>(q + 2) != 58) return 0;
  if (!isDigit(load<u8>(q + 3)) || !isDigit(load<u8>(q + 4)) || load<u8>(q + 5) != 58) return 0;
  if (!isDigit(load<u8>(q + 6)) || !isDigit(load<u8>(q + 7))) return 0;
  q += 8;
  if (q + 1 < e && load<u8>(q) == 46 && isDigit(load<u8>(q + 1))) { q++; while (q < e && isDigit(load<u8>(q))) q++; }
  return q;
}

/** End of journalctl -o short-full's "Tue 2026-11-25 10:00:00 UTC", or 0. */
function fullTimestamp(p: usize, e: usize): usize {
  if (p + 24 > e) return 0;
  if (!isUpper(load<u8>(p)) || !isLower(load<u8>(p + 1)) || !isLower(load<u8>(p + 2)) || load<u8>(p + 3) != 32) return 0;
  const d = p + 4;
  for (let i = 0; i < 4; i++) if (!isDigit(load<u8>(d + i))) return 0;
  if (load<u8>(d + 4) != 45 || load<u8>(d + 7) != 45 || load<u8>(d + 10) != 32 || load<u8>(d + 13) != 58 || load<u8>(d + 16) != 58) return 0;
  if (load<u8>(d + 19) != 32) return 0;
  return tokenEnd(d + 20, e);
}

/** End of journalctl -o short-monotonic's "[ 12345.678901]", or 0. */
function monotonicTimestamp(p: usize, e: usize): usize {
  if (p >= e || load<u8>(p) != 91) return 0;
  let q = p + 1;
  while (q < e && load<u8>(q) == 32) q++;
  const digits = q;
  while (q < e && (isDigit(load<u8>(q)) || load<u8>(q) == 46)) q++;
  if (q == digits || q >= e || load<u8>(q) != 93) return 0;
  return q + 1;
}

/** End of an RFC 3339 timestamp token ("2026-11-25T10:00:00.123+00:00"), or 0. */
function isoTimestamp(p: usize, e: usize): usize {
  if (p + 19 > e) return 0;
  for (let i = 0; i < 4; i++) if (!isDigit(load<u8>(p + i))) return 0;
  if (load<u8>(p + 4) != 45 || load<u8>(p + 7) != 45 || load<u8>(p + 10) != 84 || load<u8>(p + 13) != 58) return 0;
  return tokenEnd(p, e);
}

/**
 * End of an ISO 8601 timestamp with a space, "2021-05-04 06:47:42[.801612][Z|-0700|+02:00]" (macOS's
 * `log show --style syslog`, application loggers), or 0.
 */
function spacedIsoTimestamp(p: usize, e: usize): usize {
  if (p + 19 > e) return 0;
  for (let i = 0; i < 19; i++) {
    const c = <u32>load<u8>(p + i);
    const want: u32 = i == 4 || i == 7 ? 45 : i == 10 ? 32 : i == 13 || i == 16 ? 58 : 0;
    if (want ? c != want : !isDigit(c)) return 0;
  }
  let q = p + 19;
  if (q + 1 < e && load<u8>(q) == 46 && isDigit(load<u8>(q + 1))) { q++; while (q < e && isDigit(load<u8>(q))) q++; }
  if (q < e && load<u8>(q) == 90) return q + 1; // Z
  if (q + 5 <= e && (load<u8>(q) == 43 || load<u8>(q) == 45) && isDigit(load<u8>(q + 1)) && isDigit(load<u8>(q + 2))) {
    if (isDigit(load<u8>(q + 3)) && isDigit(load<u8>(q + 4))) return q + 5; // -0700
    if (q + 6 <= e && load<u8>(q + 3) == 58 && isDigit(load<u8>(q + 4)) && isDigit(load<u8>(q + 5))) return q + 6; // +02:00
  }
  return q;
}


/** The first space at or after p, or e. Eight bytes at a time while they fit. */
function tokenEnd(p: usize, e: usize): usize {
  while (p + 8 <= e) {
    // 0x80 in the first zero byte of y (maybe in later ones too: a borrow only moves up from a zero byte).
    const y = load<u64>(p) ^ 0x2020202020202020;
    const z = (y - 0x0101010101010101) & ~y & HIGH_BITS;
    if (z != 0) return p + (<usize>ctz(z) >> 3);
    p += 8;
  }
  while (p < e && load<u8>(p) != 32) p++;
  return p;
}

// 0x80 in the first byte of x that is a space, '[' or ':', and maybe in later bytes; 0 when none is. A byte
// equal to k gives 0xff in (x ^ k) - 0x01..01; a borrow only moves up from such a byte, so the bytes before
// the first of them see none, and there a high bit left after the subtraction is x's own, which ~x clears
// (space, '[' and ':' are ASCII). Cheaper than an exact test of each byte, and ctz needs only the first.
// @ts-ignore: decorator
@inline function tagStopBytes(x: u64): u64 {
  const ones: u64 = 0x0101010101010101;
  const borrows = ((x ^ 0x2020202020202020) - ones) | ((x ^ 0x5b5b5b5b5b5b5b5b) - ones) | ((x ^ 0x3a3a3a3a3a3a3a3a) - ones);
  return borrows & ~x & HIGH_BITS;
}

/**
 * The first '[', ':' or space in [p, min(e, p + 64)), or that limit, where tagAt() still reads the byte (a
 * program of 64 bytes is taken when a '[' or ':' follows it). Most tokens end within their first two words,
 * so these are read before the limit is worked out.
 */
// @ts-ignore: decorator
@inline function tagStop(p: usize, e: usize): usize {
  if (p + 16 <= e) {
    const z = tagStopBytes(load<u64>(p));
    if (z != 0) return p + (<usize>ctz(z) >> 3);
    const z2 = tagStopBytes(load<u64>(p, 8)); // host names are often longer than a word
    if (z2 != 0) return p + 8 + (<usize>ctz(z2) >> 3);
    return tagStopAt(p + 16, min(e, p + 64));
  }
  return tagStopAt(p, e); // fewer than 16 bytes left, so e is the nearer limit
}

/** The first '[', ':' or space in [p, e), or e. Eight bytes at a time while they fit. */
function tagStopAt(p: usize, e: usize): usize {
  while (p + 8 <= e) {
    const z = tagStopBytes(load<u64>(p));
    if (z != 0) return p + (<usize>ctz(z) >> 3);
    p += 8;
  }
  while (p < e) {
    const c = load<u8>(p);
    if (c == 32 || c == 91 || c == 58) break;
    p++;
  }
  return p;
}

/**
 * The end of the pid's digits at p (at most PID_MAX_DIGITS of them, none past e). Eight at a time when
 * they fit (words.ts nonDigits).
 */
// @ts-ignore: decorator
@inline function pidEnd(p: usize, e: usize): usize {
  const start = p;
  if (PID_MAX_DIGITS >= 8 && p + 8 <= e) {
    const t = load<u64>(p) ^ 0x3030303030303030;
    const stops = nonDigits(t);
    if (stops != 0) return p + (<usize>ctz(stops) >> 3);
    p += 8; // eight digits: the rest byte by byte
  }
  while (p < e && isDigit(load<u8>(p)) && p - start < PID_MAX_DIGITS) p++;
  return p;
}

/**
 * Parses "prog[pid]: ", "prog: " or "prog[pid] " at p. On success writes program and pid spans and returns
 * where the message starts; returns 0 otherwise. The program may hold any byte but '[', ':' and space:
 * older Red Hat systems wrote the PAM module into it ("sshd(pam_unix)[4711]: "). Without a colon a pid
 * must stand in brackets: rsyslog's file templates write an RFC 5424 message's tag that way.
 */
// @ts-ignore: decorator
@inline function tag(p: usize, e: usize): usize {
  const stop = tagStop(p, e); // up to [ : or space
  return stop < e ? tagAt(p, stop, e) : 0;
}

/** tag() once the scan from start found stop < e: the first '[', ':' or space, or the scan's limit. */
function tagAt(start: usize, stop: usize, e: usize): usize {
  if (stop == start) return 0;
  let p = stop;
  let pidStart: usize = 0, pidStop: usize = 0;
  if (load<u8>(p) == 91) {
    pidStart = p + 1;
    pidStop = p = pidEnd(pidStart, e);
    if (p == pidStart) return 0;
    // The usual "]: " in one read, else byte by byte.
    if (p + 4 <= e && (load<u32>(p) & 0xffffff) == 0x203a5d) p += 3;
    else {
      if (p >= e || load<u8>(p) != 93) return 0;
      p++;
      p = tagColon(p, e, true);
      if (p == 0) return 0;
    }
  } else {
    p = tagColon(p, e, false);
    if (p == 0) return 0;
  }
  setSpan(rec, R_PROGRAM, origin, start, stop);
  if (pidStart) setSpan(rec, R_PID, origin, pidStart, pidStop); else clearSpan(rec, R_PID);
  return p;
}

/** After the program and its pid if any: ':' and maybe a space, or a space after a pid. The message or 0. */
// @ts-ignore: decorator
@inline function tagColon(p: usize, e: usize, hasPid: bool): usize {
  if (p < e && load<u8>(p) == 58) return p + 1 < e && load<u8>(p + 1) == 32 ? p + 2 : p + 1;
  if (hasPid && p < e && load<u8>(p) == 32) return p + 1;
  return 0;
}

/** Structured data of RFC 5424: "-" or one or more "[...]" with quoted, escaped values. End or 0. */
function structuredData(p: usize, e: usize): usize {
  if (p < e && load<u8>(p) == 45) return p + 1;
  if (p >= e || load<u8>(p) != 91) return 0;
  while (p < e && load<u8>(p) == 91) {
    let quoted = false;
    p++;
    while (true) {
      if (p >= e) return 0;
      const c = load<u8>(p);
      if (quoted && c == 92) { p += 2; continue; } // backslash escapes the next byte
      if (c == 34) quoted = !quoted;
      else if (c == 93 && !quoted) { p++; break; }
      p++;
    }
  }
  return p;
}

// @ts-ignore: decorator
@inline function spanOrNil(at: u32, p: usize, e: usize): void {
  if (e == p + 1 && load<u8>(p) == 45) clearSpan(rec, at); else setSpan(rec, at, origin, p, e);
}

/** Fills framing spans for [line, end) into the record `r`; returns the family mask (see module header). */
export function parseFraming(line: usize, end: usize, r: usize, inputOrigin: usize): u32 {
  origin = inputOrigin;
  rec = r;
  store<i32>(rec + R_PRI, -1);
  clearHeader();
  let p = line;
  // priority() is called only on a '<': most lines have none, and the call costs more than the test.
  const priEnd = p < end && load<u8>(p) == 60 ? priority(p, end) : 0;
  if (priEnd != 0) {
    store<i32>(rec + R_PRI, priorityValue);
    p = priEnd;
    if (p + 1 < end && load<u8>(p) == 49 && load<u8>(p + 1) == 32) {
      const mask = header5424(p + 2, end);
      if (mask != MALFORMED) return mask;
      clearHeader(); // a malformed RFC 5424 header is read again as RFC 3164 or a bare message
    }
    if (p < end && load<u8>(p) == 32) p++; // "<auth.info> Mar  2 ..."
  }
  const tsEnd = timestampEnd(p, end);
  if (tsEnd != 0) {
    setSpan(rec, R_TIMESTAMP, origin, p, tsEnd);
    p = tsEnd + 1;
    if (p < end && load<u8>(p) == 32) p++; // macOS writes two spaces after its timestamp
    // FreeBSD's and NetBSD's syslogd -v / -vv write the priority after the timestamp: "... <auth.info> host"
    if (priEnd == 0 && p < end && load<u8>(p) == 60) {
      const q = priority(p, end);
      if (q != 0 && q < end && load<u8>(q) == 32) { store<i32>(rec + R_PRI, priorityValue); p = q + 1; }
    }
    // One scan of the first token tells a tag from a host name: a space before any '[' or ':' ends a host
    // name (tag() would refuse it); else the token is tried as a tag, and is the host name if it is none.
    const stop = tagStop(p, end);
    let hostEnd = stop;
    if (stop >= end || load<u8>(stop) != 32) {
      if (stop < end) {
        const msg = tagAt(p, stop, end);
        if (msg != 0) return finish(FRAMING_RFC3164_NO_HOST, msg, end, true);
      }
      hostEnd = tokenEnd(stop, end); // no space before stop
    }
    setSpan(rec, R_HOSTNAME, origin, p, hostEnd);
    p = hostEnd < end ? hostEnd + 1 : end;
    const msg = tag(p, end);
    if (msg != 0) return finish(FRAMING_RFC3164, msg, end, true);
    return finish(FRAMING_RFC3164, p, end, false);
  }
  // No timestamp: "sshd[12]: message", or "host sshd[12]: message" (journal exports, fail2ban's samples).
  // Only a known SSH program makes "word: text" a tag; "setsid: Operation not permitted" is a message.
  let msg = tag(p, end);
  if (msg != 0 && knownProgram()) return finish(FRAMING_TAG, msg, end, true);
  const hostEnd = tokenEnd(p, end);
  if (hostEnd < end && hostEnd > p) {
    msg = tag(hostEnd + 1, end);
    if (msg != 0 && knownProgram()) {
      setSpan(rec, R_HOSTNAME, origin, p, hostEnd);
      return finish(FRAMING_TAG, msg, end, true);
    }
  }
  clearSpan(rec, R_PROGRAM);
  clearSpan(rec, R_PID);
  return finish(FRAMING_BARE, p, end, false);
}

function knownProgram(): bool {
  if (load<u32>(rec + R_PROGRAM) == ABSENT) return false;
  const progStart = origin + <usize>load<u32>(rec + R_PROGRAM);
  return programFamilies(progStart, progStart + <usize>load<u32>(rec + R_PROGRAM + 4)) != 0;
}

const MALFORMED: u32 = 0xfffffffe;

// The four header spans (ABSENT, 0), one word pair per store, as clearSpan writes each.
// @ts-ignore: decorator
@inline function clearHeader(): void {
  store<u64>(rec + R_TIMESTAMP, <u64>ABSENT);
  store<u64>(rec + R_HOSTNAME, <u64>ABSENT);
  store<u64>(rec + R_PROGRAM, <u64>ABSENT);
  store<u64>(rec + R_PID, <u64>ABSENT);
}

// @ts-ignore: decorator
@inline function finish(framing: u32, msg: usize, end: usize, hasProgram: bool): u32 {
  store<u32>(rec + R_FRAMING, framing);
  setSpan(rec, R_MESSAGE, origin, msg, end);
  if (!hasProgram) return ALL_FAMILIES;
  const progStart = origin + <usize>load<u32>(rec + R_PROGRAM);
  return programFamilies(progStart, progStart + <usize>load<u32>(rec + R_PROGRAM + 4));
}

/** RFC 5424 after "<PRI>1 ". Returns the family mask, or MALFORMED. */
function header5424(p: usize, e: usize): u32 {
  const ts = p; p = tokenEnd(p, e); if (p >= e) return MALFORMED; spanOrNil(R_TIMESTAMP, ts, p); p++;
  const host = p; p = tokenEnd(p, e); if (p >= e) return MALFORMED; spanOrNil(R_HOSTNAME, host, p); p++;
  const app = p; p = tokenEnd(p, e); if (p >= e) return MALFORMED; spanOrNil(R_PROGRAM, app, p); p++;
  const pid = p; p = tokenEnd(p, e); if (p >= e) return MALFORMED; spanOrNil(R_PID, pid, p); p++;
  p = tokenEnd(p, e); if (p >= e) return MALFORMED; p++; // MSGID is not reported
  p = structuredData(p, e);
  if (p == 0) return MALFORMED;
  let msg = p;
  if (msg < e) {
    if (load<u8>(msg) != 32) return MALFORMED;
    msg++;
    // rsyslog's RSYSLOG_SyslogProtocol23Format (omfwd's protocol-23 output) writes the message as it came
    // in after the tag, with its leading space: "... sshd 4242 - -  Connection from ...".
    if (msg < e && load<u8>(msg) == 32) msg++;
    if (msg + 3 <= e && load<u8>(msg) == 0xef && load<u8>(msg + 1) == 0xbb && load<u8>(msg + 2) == 0xbf) msg += 3; // BOM
  }
  return finish(FRAMING_RFC5424, msg, e, load<u32>(rec + R_PROGRAM) != ABSENT);
}
