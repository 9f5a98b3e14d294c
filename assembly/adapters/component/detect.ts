// Brute-force decisions and session events in the component (wit/matcher.wit: configure-detection,
// configure-sessions, counters; the detect-lines-* functions are in main.ts). Only the canonical-ABI side is
// here: checking a host's values and naming a bad one, the counters record, and the call into the one state
// machine, assembly/detect/ (as the raw module's detectConfigure and sessionsConfigure call it). The
// tables are the detector's static ones, so their state is the instance's, from call to call.
import { configureDetection, alerts, addressEvictions, connectionEvictions, liveAddresses } from '../../detect/detect';
import { MAX_ADDRESSES, MAX_CONNECTIONS } from '../../detect/tables';
import { configureSessions, sessionEvictions, sessionsWritten, MAX_SESSIONS, DEFAULT_SESSION_TIMEOUT } from '../../detect/sessions';
import { DETECT_MODE_COUNT, DETECT_FAIL2BAN_MODES, DETECT_MODE_FIRST, DETECT_STRINGS, DETECT_TEXT } from '../../generated/detect';
import { outBegin, outByte, outBytes, outU32, outPosition } from '../../ecs/output';
import { arenaAlloc } from './arena';

/** The most failures a host may ask for (host/binding/detect.ts, the Node binding's limit too). */
const MAX_RETRY: u32 = 1000000;
/** The most bytes an error message takes. */
const MESSAGE_BOUND: usize = 256;

// result<_, string>: tag u8 @0 (0 ok, 1 error), the string @4. Size 12, align 4.
const RESULT_OK: u8 = 0, RESULT_ERROR: u8 = 1;

function ok(): usize {
  const out = arenaAlloc(12, 4);
  store<u8>(out, RESULT_OK);
  return out;
}

/** Starts an error: the result record, then its text written with outBegin's writer; `done` claims it. */
let failure: usize = 0;
function begin(): void {
  failure = arenaAlloc(12, 4);
  const p = arenaAlloc(MESSAGE_BOUND, 1);
  store<u8>(failure, RESULT_ERROR);
  store<u32>(failure + 4, <u32>p);
  outBegin(p, p + MESSAGE_BOUND);
}
function done(): usize {
  store<u32>(failure + 8, <u32>(outPosition() - <usize>load<u32>(failure + 4)));
  return failure;
}
/**
 * ASCII text of a string literal. A literal is static data; its UTF-16 units are read with loads (the
 * length from the object header's size, 4 bytes before it), so no function of ~lib/string is compiled in.
 */
function say(s: string): void {
  const p = changetype<usize>(s);
  const n = <usize>load<u32>(p - 4) >> 1;
  for (let i: usize = 0; i < n; i++) outByte(<u32>load<u16>(p + (i << 1)));
}
function modeName(m: i32): void {
  const s = <usize>(DETECT_MODE_FIRST + <u32>m) << 3;
  outBytes(DETECT_TEXT + <usize>load<u32>(DETECT_STRINGS + s), <usize>load<u32>(DETECT_STRINGS + s + 4));
}
function powerOfTwo(n: u32, max: u32): bool { return n >= 8 && n <= max && (n & (n - 1)) == 0; }
function notPowerOfTwo(name: string, n: u32, max: u32): usize {
  begin(); say(name); outByte(32); outU32(n); say(': a power of two from 8 to '); outU32(max);
  return done();
}

/**
 * configure-detection: option<detect-options> flattened (its tag, then the record's fields, an option<u32>
 * as a tag and a value). Checks every value as host/binding/detect.ts does and names the first bad one,
 * leaving the detector as it was; else configures it, its tables emptied. None turns it off.
 */
export function setDetection(some: u32, mode: i32, hasRetry: u32, retry: u32, hasWindow: u32, window: u32,
  hasAddresses: u32, addresses: u32, hasConnections: u32, connections: u32, seed: u32): usize {
  if (some == 0) { configureDetection(-1, 0, 0, 0, 0, 0); return ok(); }
  if (mode < 0 || mode >= <i32>DETECT_MODE_COUNT) {
    begin(); say('detect mode '); outU32(<u32>mode); say(': one of ');
    for (let m = 0; m < <i32>DETECT_MODE_COUNT; m++) { if (m != 0) say(', '); modeName(m); }
    return done();
  }
  if (mode >= <i32>DETECT_FAIL2BAN_MODES && (hasRetry != 0 || hasWindow != 0)) {
    begin(); say("maxretry and findtime are fail2ban's: CrowdSec's "); modeName(mode); say(' has its own capacity and leak speed');
    return done();
  }
  if (hasRetry == 0) retry = 5;
  if (hasWindow == 0) window = 600;
  if (retry < 1 || retry > MAX_RETRY) { begin(); say('maxretry '); outU32(retry); say(': a whole number from 1 to '); outU32(MAX_RETRY); return done(); }
  if (window < 1) { begin(); say('findtime '); outU32(window); say(': seconds, at least 1'); return done(); }
  if (hasAddresses == 0) addresses = MAX_ADDRESSES;
  if (!powerOfTwo(addresses, MAX_ADDRESSES)) return notPowerOfTwo('addresses', addresses, MAX_ADDRESSES);
  if (hasConnections == 0) connections = MAX_CONNECTIONS;
  if (!powerOfTwo(connections, MAX_CONNECTIONS)) return notPowerOfTwo('connections', connections, MAX_CONNECTIONS);
  if (!configureDetection(mode, retry, window, addresses, connections, seed)) { begin(); say('the detector refused the settings'); return done(); }
  return ok();
}

/**
 * configure-sessions: `slots` a power of two from 8 to MAX_SESSIONS, or 0 (off), and option<u32> `timeout`
 * (seconds, at least 1; none: the default) flattened; the table emptied. A bad value changes nothing.
 */
export function setSessions(slots: u32, hasTimeout: u32, timeout: u32): usize {
  if (slots != 0 && !powerOfTwo(slots, MAX_SESSIONS)) return notPowerOfTwo('sessions slots', slots, MAX_SESSIONS);
  if (hasTimeout == 0) timeout = DEFAULT_SESSION_TIMEOUT;
  if (timeout < 1) { begin(); say('sessions timeout '); outU32(timeout); say(': seconds, at least 1'); return done(); }
  configureSessions(slots, timeout);
  return ok();
}

// detect-counters: alerts u64 @0, addresses u32 @8, address-evictions u64 @16, connection-evictions @24,
// sessions-written @32, session-evictions @40. Size 48, align 8.
export function detectCounters(): usize {
  const out = arenaAlloc(48, 8);
  store<u64>(out, alerts);
  store<u32>(out + 8, liveAddresses);
  store<u64>(out + 16, addressEvictions);
  store<u64>(out + 24, connectionEvictions);
  store<u64>(out + 32, sessionsWritten);
  store<u64>(out + 40, sessionEvictions);
  return out;
}
