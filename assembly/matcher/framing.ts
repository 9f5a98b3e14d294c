// Recognises how a line is framed and where its message starts: RFC 3164 syslog (with or without a host
// name, with a classic, an RFC 3339 or an ISO 8601 timestamp, with or without a priority), RFC 5424,
// "prog[pid]: message", or a bare message. Writes the header spans into the result record and returns the
// family mask of the program (which catalogs may describe this line): all families when the line names no
// program, none when it names a program that is not an SSH server. Reads only the header: whatever the
// message holds (client-typed user names included) never changes how the header is read. Never allocates.
import { programFamilies } from '../generated/entries';
import { PID_MAX_DIGITS } from '../generated/abi';
import { priority, priorityValue } from './priority';
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
/** Where the last tag() scan stopped: the end of a host name when the token was not a tag. */
let tagStop: usize = 0;


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


// 0x80 in each byte of x that is zero, exactly (no borrow between bytes).
// @ts-ignore: decorator
@inline function zeroBytes(x: u64): u64 {
  return ~(((x & 0x7f7f7f7f7f7f7f7f) + 0x7f7f7f7f7f7f7f7f) | x | 0x7f7f7f7f7f7f7f7f);
}

/** The first space at or after p, or e. Eight bytes at a time while they fit. */
function tokenEnd(p: usize, e: usize): usize {
  while (p + 8 <= e) {
    const z = zeroBytes(load<u64>(p) ^ 0x2020202020202020);
    if (z != 0) return p + (<usize>ctz(z) >> 3);
    p += 8;
  }
  while (p < e && load<u8>(p) != 32) p++;
  return p;
}

/** The first '[', ':' or space in [p, e), or e. Eight bytes at a time while they fit. */
function tagStopAt(p: usize, e: usize): usize {
  while (p + 8 <= e) {
    const x = load<u64>(p);
    const z = zeroBytes(x ^ 0x2020202020202020) | zeroBytes(x ^ 0x5b5b5b5b5b5b5b5b) | zeroBytes(x ^ 0x3a3a3a3a3a3a3a3a);
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
 * Parses "prog[pid]: ", "prog: " or "prog[pid] " at p. On success writes program and pid spans and returns
 * where the message starts; returns 0 otherwise. The program may hold any byte but '[', ':' and space:
 * older Red Hat systems wrote the PAM module into it ("sshd(pam_unix)[4711]: "). Without a colon a pid
 * must stand in brackets: rsyslog's file templates write an RFC 5424 message's tag that way.
 */
function tag(p: usize, e: usize): usize {
  const start = p;
  p = tagStopAt(p, min(e, p + 64)); // up to [ : or space
  tagStop = p;
  if (p == start || p >= e) return 0;
  const progEnd = p;
  let pidStart: usize = 0, pidEnd: usize = 0;
  if (load<u8>(p) == 91) {
    pidStart = ++p;
    while (p < e && isDigit(load<u8>(p)) && p - pidStart < PID_MAX_DIGITS) p++;
    if (p == pidStart || p >= e || load<u8>(p) != 93) return 0;
    pidEnd = p++;
  }
  if (p < e && load<u8>(p) == 58) {
    p++;
    if (p < e && load<u8>(p) == 32) p++;
  } else if (pidStart && p < e && load<u8>(p) == 32) p++;
  else return 0;
  setSpan(rec, R_PROGRAM, origin, start, progEnd);
  if (pidStart) setSpan(rec, R_PID, origin, pidStart, pidEnd); else clearSpan(rec, R_PID);
  return p;
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
  const priEnd = priority(p, end);
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
  let tsEnd = classicTimestamp(p, end);
  if (tsEnd == 0) tsEnd = isoTimestamp(p, end);
  if (tsEnd == 0) tsEnd = spacedIsoTimestamp(p, end);
  if (tsEnd == 0) tsEnd = fullTimestamp(p, end);
  if (tsEnd == 0) tsEnd = monotonicTimestamp(p, end);
  if (tsEnd != 0 && tsEnd < end && load<u8>(tsEnd) == 32) {
    setSpan(rec, R_TIMESTAMP, origin, p, tsEnd);
    p = tsEnd + 1;
    if (p < end && load<u8>(p) == 32) p++; // macOS writes two spaces after its timestamp
    // FreeBSD's and NetBSD's syslogd -v / -vv write the priority after the timestamp: "... <auth.info> host"
    if (priEnd == 0) {
      const q = priority(p, end);
      if (q != 0 && q < end && load<u8>(q) == 32) { store<i32>(rec + R_PRI, priorityValue); p = q + 1; }
    }
    let msg = tag(p, end);
    if (msg != 0) return finish(FRAMING_RFC3164_NO_HOST, msg, end, true);
    // The token was no tag: it is the host name, and the scan already found its end if it stopped at a space.
    const hostEnd = tagStop < end && load<u8>(tagStop) == 32 ? tagStop : tokenEnd(p, end);
    setSpan(rec, R_HOSTNAME, origin, p, hostEnd);
    p = hostEnd < end ? hostEnd + 1 : end;
    msg = tag(p, end);
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

function clearHeader(): void {
  clearSpan(rec, R_TIMESTAMP);
  clearSpan(rec, R_HOSTNAME);
  clearSpan(rec, R_PROGRAM);
  clearSpan(rec, R_PID);
}

function finish(framing: u32, msg: usize, end: usize, hasProgram: bool): u32 {
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
