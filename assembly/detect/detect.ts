// Brute-force decisions with fail2ban's semantics, in the module, in fixed memory. Fed one matched line at a
// time (its result record: entry, field spans, header), it does what fail2ban's sshd jail does with the
// line: the filter's multi-line failure id (the connection, rules.ts and tables.ts) decides whether it is a
// failure and of which address, and the jail's FailManager counts it: a ticket per address with its first
// and last failure and a retry count, the count re-estimated from the rate when the window moves past the
// first failure (fail2ban's FailTicket.adjustTime, rounded half to even as Python rounds), dropped once its
// last failure is `findtime` older than its next one (fail2ban's periodic cleanup, done here when the
// address is next seen: the same for a log read in time order), and
// banned (an alert, the ticket removed) when the count reaches `maxretry`.
// The address counted is only ever the server-written address field the matcher reported for the line (or
// for an earlier line of the same connection), never other text of the line. Lines without a readable
// timestamp are not counted (a jail skips them too). This folder sits below the adapters and is never
// imported by assembly/matcher or assembly/ecs. Never allocates.
import { R_ENTRY, R_HOSTNAME, R_PROGRAM, R_PID, ABSENT } from '../matcher/result';
import { SHAPE_IPV4, SHAPE_IPV6 } from '../generated/abi';
import { DETECT_MODE_COUNT, DETECT_FAIL2BAN_MODES, DETECT_CROWDSEC_SET, DETECT_BUCKET_CAPACITY, DETECT_BUCKET_LEAK,
  DETECT_BUCKET_BLACKHOLE } from '../generated/detect';
import { ruleFor, ruleEffect, ruleForgets, entryAddressSlot, entryUserSlot, entryAltUserSlot, fieldAt, fieldShape, lastFieldLength,
  EFFECT_FAIL, EFFECT_GAINED } from './rules';
import { lineMoment, NO_MOMENT } from './time';
import { inMemory } from '../matcher/words';
import { KEY_CAPACITY, resetTables, findAddress, dropAddress, addressIsNew, findConnection, dropConnection, hashBegin,
  hashBytes, hashEnd, A_FIRST, A_LAST, A_RETRY, A_FAILURES, A_TOKENS, A_HOLE, C_USER, C_LEN, C_FLAGS, C_SEEN, C_KEY, C_PENDING,
  C_MULTI_USER, C_HAS_USER } from './tables';
export { addressEvictions, connectionEvictions, liveAddresses } from './tables';

let mode: i32 = -1; // -1: off
let hole: i64 = 0; // CrowdSec: the blackhole, seconds
export let maxRetry: u32 = 5;
export let findTime: i64 = 600; // seconds
export let alerts: u64 = 0;

const KEY: usize = memory.data(<i32>((KEY_CAPACITY + 8) & ~7), 8); // room for takeKey's last word
let keyLength: usize = 0;

// The last alert: the address (alertKey), fail2ban's window start, the failure that reached maxretry.
export const alertKey: usize = memory.data(48, 8);
export let alertKeyLength: usize = 0;
export let alertStart: i64 = 0;
export let alertEnd: i64 = 0;
export let alertRetry: i32 = 0;
export let alertFailures: u32 = 0;

export function detectMode(): i32 { return mode; }
/** Whether the mode is one of CrowdSec's scenarios (a leaky bucket per address) rather than a fail2ban jail. */
export function isCrowdsec(): bool { return mode >= <i32>DETECT_FAIL2BAN_MODES; }

/**
 * Turns detection on in mode `m`: fail2ban's (0 normal, 1 ddos, 2 extra, 3 aggressive) with `maxretry`
 * failures within `findtime` (whole) seconds, or CrowdSec's scenario (4 ssh-bf, 5 ssh-slow-bf; its
 * capacity and leak speed, the two numbers ignored), tables of about `addresses` and `connections` slots (tables.ts),
 * emptied. False, and detection off, for a mode out of range, maxretry 0 or findtime 0.
 */
export function configureDetection(m: i32, retries: u32, window: u32, addresses: u32, connections: u32, seed: u32): bool {
  mode = -1;
  if (m < 0 || m >= <i32>DETECT_MODE_COUNT) return false;
  if (m < <i32>DETECT_FAIL2BAN_MODES && (retries == 0 || window == 0)) return false;
  if (m >= <i32>DETECT_FAIL2BAN_MODES) {
    const k = <usize>(m - <i32>DETECT_FAIL2BAN_MODES) << 2;
    retries = load<u32>(DETECT_BUCKET_CAPACITY + k);
    window = load<u32>(DETECT_BUCKET_LEAK + k);
    hole = <i64>load<u32>(DETECT_BUCKET_BLACKHOLE + k);
  }
  maxRetry = retries; // CrowdSec: the bucket's capacity
  findTime = <i64>window; // CrowdSec: its leak speed
  alerts = 0;
  resetTables(addresses, connections, seed);
  mode = m;
  return true;
}

/** The address field's text as a ticket key: lower case, an IPv4-mapped IPv6 address as its IPv4 (fail2ban's IPAddr). */
function takeKey(p: usize, n: usize, ipv6: bool): bool {
  if (!ipv6) { // a dotted quad: digits and dots, nothing to fold
    if (n == 0 || n > <usize>KEY_CAPACITY) return false;
    memory.copy(KEY, p, n);
    keyLength = n;
    return true;
  }
  if (n > 7 && load<u8>(p) == 58 && load<u8>(p + 1) == 58 && (load<u32>(p + 2) | 0x20202020) == 0x66666666 && load<u8>(p + 6) == 58) {
    let dotted = false;
    for (let i: usize = 7; i < n; i++) if (load<u8>(p + i) == 46) dotted = true;
    if (dotted) { p += 7; n -= 7; }
  }
  if (n == 0 || n > <usize>KEY_CAPACITY) return false;
  // Eight bytes a turn, each from 'A' to 'Z' given 0x20: with h = x | 0x80.., h - 0x41.. keeps a byte's high
  // bit exactly when its low seven bits are at least 'A', h - 0x5b.. when they are past 'Z' (no byte borrows),
  // and ~x keeps the ASCII ones. The last word may reach past n: KEY holds it (KEY_CAPACITY + 1 bytes, a
  // multiple of eight), and nothing reads a key past its length.
  let i: usize = 0;
  while (i < n && inMemory(p + i, 8)) {
    const x = load<u64>(p + i), h = x | 0x8080808080808080;
    const upper = (h - 0x4141414141414141) & ~(h - 0x5b5b5b5b5b5b5b5b) & ~x & 0x8080808080808080;
    store<u64>(KEY + i, x | (upper >> 2));
    i += 8;
  }
  for (; i < n; i++) {
    const c = load<u8>(p + i);
    store<u8>(KEY + i, c >= 65 && c <= 90 ? c + 32 : c);
  }
  keyLength = n;
  return true;
}

// @ts-ignore: decorator
@inline function spanHash(h: u64, rec: usize, origin: usize, at: u32): u64 {
  const start = load<u32>(rec + at);
  h = (h ^ 0xff) * 0x100000001b3; // a separator, so "ab"+"c" and "a"+"bc" differ
  if (start == ABSENT) return h;
  return hashBytes(h, origin + <usize>start, <usize>load<u32>(rec + at + 4));
}

/**
 * Python's int(round(x)) for 0 <= x < n + 1 (round half to even), without a float-to-integer conversion
 * (the Fluent Bit module runs where those are not available): a binary search for floor(x).
 */
function roundHalfEven(x: f64, n: i32): i32 {
  let lo = 0, hi = n + 1; // floor(x) in [lo, hi)
  while (hi - lo > 1) { const mid = (lo + hi) >>> 1; if (<f64>mid <= x) lo = mid; else hi = mid; }
  const frac = x - <f64>lo;
  return frac > 0.5 || (frac == 0.5 && (lo & 1) != 0) ? lo + 1 : lo;
}

/** Counts a failure of KEY at `t`; true when it reaches maxretry (the alert's values are set). */
function fail(t: i64): bool {
  const s = findAddress(KEY, keyLength, hashEnd(hashBytes(hashBegin(), KEY, keyLength)), t, findTime);
  if (addressIsNew || load<i64>(s + A_LAST) <= t - findTime) {
    store<i64>(s + A_FIRST, t);
    store<i64>(s + A_LAST, t);
    store<i32>(s + A_RETRY, 1);
    store<u32>(s + A_FAILURES, 1);
  } else {
    let first = load<i64>(s + A_FIRST);
    let retry = load<i32>(s + A_RETRY);
    if (t > load<i64>(s + A_LAST)) {
      if (first < t - findTime) {
        // t - first > findTime: the estimate is below retry.
        retry = roundHalfEven(<f64>retry / <f64>(t - first) * <f64>findTime, retry);
        first = t - findTime;
        store<i64>(s + A_FIRST, first);
      }
      store<i64>(s + A_LAST, t);
    }
    store<i32>(s + A_RETRY, retry + 1);
    store<u32>(s + A_FAILURES, load<u32>(s + A_FAILURES) + 1);
  }
  if (<u32>load<i32>(s + A_RETRY) < maxRetry) return false;
  memory.copy(alertKey, KEY, keyLength);
  alertKeyLength = keyLength;
  alertStart = load<i64>(s + A_FIRST);
  alertEnd = t;
  alertRetry = load<i32>(s + A_RETRY);
  alertFailures = load<u32>(s + A_FAILURES);
  dropAddress(s);
  alerts++;
  return true;
}

/**
 * CrowdSec's leaky bucket (pkg/leakybucket with golang.org/x/time/rate): it starts full of `capacity`
 * tokens and gains one per leak period (tokens += elapsed / leak, at most capacity); each event takes one,
 * and an event that finds none overflows the bucket, which ends. A bucket idle for (capacity + 1) leak
 * periods ends too (CrowdSec's underflow). An overflow within `blackhole` of the last alert for the address
 * is discarded. True when the event makes an alert.
 */
function pour(t: i64): bool {
  const idle = <i64>(maxRetry + 1) * findTime;
  const s = findAddress(KEY, keyLength, hashEnd(hashBytes(hashBegin(), KEY, keyLength)), t, idle + hole);
  let tokens: f64;
  if (addressIsNew || load<u32>(s + A_FAILURES) == 0 || t - load<i64>(s + A_LAST) >= idle) {
    tokens = <f64>maxRetry;
    store<i64>(s + A_FIRST, t);
    store<u32>(s + A_FAILURES, 0);
  } else {
    const elapsed = t > load<i64>(s + A_LAST) ? t - load<i64>(s + A_LAST) : 0;
    tokens = load<f64>(s + A_TOKENS) + <f64>elapsed * (1.0 / <f64>findTime);
    if (tokens > <f64>maxRetry) tokens = <f64>maxRetry;
  }
  store<i64>(s + A_LAST, t);
  const count = load<u32>(s + A_FAILURES) + 1;
  if (tokens >= 1) {
    store<f64>(s + A_TOKENS, tokens - 1);
    store<u32>(s + A_FAILURES, count);
    return false;
  }
  store<u32>(s + A_FAILURES, 0); // the bucket ends; the next event starts a new one
  if (load<i64>(s + A_HOLE) > t) return false; // blackholed
  store<i64>(s + A_HOLE, t + hole);
  memory.copy(alertKey, KEY, keyLength);
  alertKeyLength = keyLength;
  alertStart = load<i64>(s + A_FIRST);
  alertEnd = t;
  alertRetry = <i32>count;
  alertFailures = count;
  alerts++;
  return true;
}

/**
 * Observes the matched line of record `rec` (spans from `origin`); true when it makes an address reach
 * maxretry (the alert* values describe it). A line without a readable timestamp takes `otherwise` (a
 * host's record time; NO_MOMENT: the line is not counted).
 */
export function observeLine(rec: usize, origin: usize, otherwise: i64 = NO_MOMENT): bool {
  if (mode < 0) return false;
  const entry = load<i32>(rec + R_ENTRY);
  const crowdsec = isCrowdsec();
  const rule = ruleFor(rec, origin, entry, crowdsec ? DETECT_CROWDSEC_SET : <u32>mode);
  if (rule < 0) return false;
  // Whole seconds, as fail2ban's date detector reads them (a fraction in the timestamp is dropped).
  let t = lineMoment(rec, origin);
  if (t == NO_MOMENT) t = otherwise;
  if (t == NO_MOMENT) return false;
  const effect = ruleEffect(<u32>rule);
  const forget = ruleForgets(<u32>rule);
  // The line's own address: the entry's address field when the matcher read an IP address there.
  const aSlot = entryAddressSlot(entry);
  let hostOnLine = false, hasAddress = false;
  if (aSlot != 255) {
    const p = fieldAt(rec, origin, aSlot);
    if (p != 0) {
      hostOnLine = true;
      const shape = fieldShape(rec, aSlot);
      if (shape == SHAPE_IPV4 || shape == SHAPE_IPV6) hasAddress = takeKey(p, lastFieldLength(), shape == SHAPE_IPV6);
    }
  }
  // CrowdSec reads each line alone: an event is a line with its own address.
  if (crowdsec) return hasAddress && pour(t);
  // The user fail2ban's connection state collects (an empty one is none; a PAM ruser stands in for user=).
  let user: u32 = 0, hasUser = false;
  for (let k = 0; k < 2 && !hasUser; k++) {
    const slot = k == 0 ? entryUserSlot(entry) : entryAltUserSlot(entry);
    if (slot == 255) continue;
    const p = fieldAt(rec, origin, slot);
    if (p != 0 && lastFieldLength() > 0) { hasUser = true; user = <u32>hashEnd(hashBytes(hashBegin(), p, lastFieldLength())); }
  }
  let id = spanHash(hashBegin(), rec, origin, R_HOSTNAME);
  id = hashEnd(spanHash(spanHash(id, rec, origin, R_PROGRAM), rec, origin, R_PID));

  let nofail = effect != EFFECT_FAIL;
  let c = findConnection(id, t, !forget);
  let pending = false, multiUser = false;
  if (c != 0) {
    let flags = load<u8>(c + C_FLAGS);
    if (hasUser) {
      if ((flags & C_HAS_USER) == 0) { store<u32>(c + C_USER, user); flags |= C_HAS_USER; }
      else if (load<u32>(c + C_USER) != user) flags |= C_MULTI_USER;
    }
    if (effect == EFFECT_GAINED) flags &= ~C_PENDING; // fail2ban: a gain clears what was pending
    pending = (flags & C_PENDING) != 0;
    multiUser = (flags & C_MULTI_USER) != 0;
    flags &= ~C_PENDING;
    // The connection's address is the latest one a line of it wrote (fail2ban merges the groups).
    if (hasAddress) { memory.copy(c + C_KEY, KEY, keyLength); store<u8>(c + C_LEN, <u8>keyLength); }
    else if (load<u8>(c + C_LEN) != 0) { keyLength = <usize>load<u8>(c + C_LEN); memory.copy(KEY, c + C_KEY, keyLength); hasAddress = true; }
    store<u8>(c + C_FLAGS, flags);
    store<i64>(c + C_SEEN, t);
    if (forget) { dropConnection(c); c = 0; }
  }
  if (pending || multiUser) nofail = false;
  if (nofail) return false;
  if (!hasAddress) {
    if (c != 0 && !hostOnLine) store<u8>(c + C_FLAGS, load<u8>(c + C_FLAGS) | C_PENDING);
    return false;
  }
  return fail(t);
}
