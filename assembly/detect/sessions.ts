// Sessions: the lines of one connection joined into one ECS event (`event.category: session`, `event.type:
// end`): start, end and duration, the client's address and port, the user (the one that logged in, else
// the last one named), the failed attempts, the outcome (success once a login was accepted), the bytes
// sent and received, the entry of the closing line and the disconnect reason. Which entries play which
// part is data (detect/sessions.yaml, compiled into assembly/generated/detect.ts).
//
// A connection is one sshd process (host name and pid) and the processes linked to it:
// - the pid a `User child is on pid N` line names (role `child`);
// - a process whose line of role `link` (what the post-authentication child writes: "Received disconnect",
//   "Disconnected from user", "Starting session" ...), not [preauth], names the address and port of a login
//   accepted in another live session of the same host (the address alone when the line has no port, as
//   sshd before 7.3 wrote it), while the process has written nothing of its own connection yet (no
//   `start`, failure or accepted line, no [preauth] line, no address). Addresses and ports are only ever
//   the server-written fields the matcher reports, so a client cannot type its way into another session.
// The event is written after the line that ends it (role `close`). The closed session lingers LINGER
// seconds, absorbing its processes' last lines (the monitor's "session closed" after the child's
// "Disconnected"), unless a line starts a new connection. A session without an accepted login that has
// had no line for `timeout` seconds is written then (`closed_by: timeout`), by the first line later than
// that: a ring keeps the sessions in the order of their last line, and each line looks at up to SWEEP of
// its oldest (so the order and the moment do not depend on where the hash put a session). A logged-in
// session never times out (it logs nothing while open).
//
// Bounded tables in static memory: sessions, and links (a child pid or an accepted endpoint to its
// session). When a set of sessions is full the stalest is evicted, written (`closed_by: evicted`) and
// counted; a lost link only makes a child's lines a session of their own. Text kept is cut to its slot
// (user 32 bytes, reason 48, host 64: Linux's HOST_NAME_MAX). Never allocates.
import { R_ENTRY, R_HOSTNAME, R_PID, R_MESSAGE, ABSENT } from '../matcher/result';
import { SHAPE_IPV4, SHAPE_IPV6 } from '../generated/abi';
import { DETECT_SESSION_ENTRIES, DETECT_SESSION_FIRST, DETECT_ENTRY_ID_FIRST, DETECT_STRINGS, DETECT_TEXT } from '../generated/detect';
import { ENTRY_COUNT } from '../generated/catalog';
import { outBytes, outJsonString, outU32, outU64, outByte } from '../ecs/output';
import { entryAddressSlot, entryUserSlot, fieldAt, fieldShape, lastFieldLength } from './rules';
import { lineMoment, writeMoment, NO_MOMENT } from './time';
import { WAYS, hashBegin, hashBytes, hashEnd, findKeyed } from './tables';

export const MAX_SESSIONS: u32 = 1 << 14;
const MAX_LINKS: u32 = MAX_SESSIONS * 2;
/** The most session events one line makes ready: its own close, an eviction, and the sweep's. */
export const MAX_READY_SESSIONS: u32 = 2 + WAYS;
/** The most bytes one session event takes: its constant text, the slot's texts escaped (6 bytes each at worst), the numbers. */
export const SESSION_BOUND: u32 = 4096;
const SWEEP: u32 = WAYS; // ring entries a line looks at, at most
const LINGER: i64 = 10; // seconds a closed session absorbs its processes' last lines
export const DEFAULT_SESSION_TIMEOUT: u32 = 300;

const S_SIZE: usize = 256;
const S_ID: usize = 0, S_START: usize = 8, S_LAST: usize = 16, S_PORT: usize = 24, S_ATTEMPTS: usize = 28, S_FLAGS: usize = 32,
  S_KEY_LEN: usize = 33, S_USER_LEN: usize = 34, S_REASON_LEN: usize = 35, S_PID: usize = 36, S_SENT: usize = 40, S_RECEIVED: usize = 48,
  S_HOST_LEN: usize = 56, S_KEY: usize = 64, S_USER: usize = 112, S_REASON: usize = 144, S_HOST: usize = 192;
const KEY_CAP: usize = 47, USER_CAP: usize = 32, REASON_CAP: usize = 48, HOST_CAP: usize = 64;
const F_ACCEPTED: u8 = 1, F_PORT: u8 = 2, F_PID: u8 = 4, F_CLOSED: u8 = 8, F_SEALED: u8 = 16, F_BYTES: u8 = 32;
const ROLE_FAILURE: u32 = 1, ROLE_ACCEPT: u32 = 2, ROLE_REASON: u32 = 4, ROLE_CLOSE: u32 = 8, ROLE_CHILD: u32 = 16, ROLE_BYTES: u32 = 32,
  ROLE_START: u32 = 64, ROLE_LINK: u32 = 128;
// Link slot: id u64 (0 empty) | session id u64 | last used i64 | pad.
const L_SIZE: usize = 32;
const L_TARGET: usize = 8, L_SEEN: usize = 16;
// Why a ready event was written, beside the closing line's entry (>= 0).
const CAUSE_TIMEOUT: i32 = -1, CAUSE_EVICTED: i32 = -2;
// Key domains, so a pid, an endpoint and an address alone never share an id.
const DOMAIN_PID: u64 = 0x70, DOMAIN_ENDPOINT: u64 = 0x65, DOMAIN_ADDRESS: u64 = 0x61;

const SESSIONS: usize = memory.data(<i32>(MAX_SESSIONS * <u32>S_SIZE), 16);
const LINKS: usize = memory.data(<i32>(MAX_LINKS * <u32>L_SIZE), 16);
const READY: usize = memory.data(<i32>(MAX_READY_SESSIONS * <u32>S_SIZE), 16);
const READY_CAUSE: usize = memory.data(<i32>(MAX_READY_SESSIONS * 4), 4);
// The ring: (session id u64, its last line's moment when queued i64, its slot u32), oldest first; one entry
// per live session without a login (a session is queued when made, and again when its entry comes up after
// it saw lines). The slot is where the session was made: if it holds another id now, the session is gone.
const RING_SIZE: u32 = MAX_SESSIONS;
const R_SIZE: usize = 24;
const RING: usize = memory.data(<i32>(RING_SIZE * <u32>R_SIZE), 16);
let ringHead: u32 = 0, ringLength: u32 = 0;
let readyCount: u32 = 0;
let sets: u32 = 0; // 0: sessions off
let linkSets: u32 = 0;
let timeout: i64 = DEFAULT_SESSION_TIMEOUT;
export let sessionEvictions: u64 = 0;
export let sessionsWritten: u64 = 0;

/**
 * Turns sessions on with about `slots` slots (a power of two, WAYS..MAX_SESSIONS), emptied, and `seconds`
 * of silence after which a session without a login is written as timed out; `slots` 0 turns them off.
 */
export function configureSessions(slots: u32, seconds: u32 = DEFAULT_SESSION_TIMEOUT): void {
  memory.fill(SESSIONS, 0, <usize>(MAX_SESSIONS * <u32>S_SIZE));
  memory.fill(LINKS, 0, <usize>(MAX_LINKS * <u32>L_SIZE));
  sessionEvictions = 0;
  sessionsWritten = 0;
  readyCount = 0;
  ringHead = 0;
  ringLength = 0;
  timeout = seconds == 0 ? <i64>DEFAULT_SESSION_TIMEOUT : <i64>seconds;
  if (slots == 0) { sets = 0; return; }
  let n = slots < WAYS ? WAYS : slots > MAX_SESSIONS ? MAX_SESSIONS : slots;
  n = 1 << (31 - clz(n));
  sets = n / WAYS;
  linkSets = sets * 2;
}
export function sessionsOn(): bool { return sets != 0; }

function word(entry: i32, k: u32): u32 { return load<u32>(DETECT_SESSION_ENTRIES + (<usize>(<u32>entry * 2 + k) << 2)); }

function copyCut(dst: usize, cap: usize, p: usize, n: usize): u8 {
  const m = n > cap ? cap : n;
  memory.copy(dst, p, m);
  return <u8>m;
}

function digits(p: usize, n: usize): u64 {
  if (n == 0 || n > 19) return u64.MAX_VALUE;
  let v: u64 = 0;
  for (let i: usize = 0; i < n; i++) { const d = <u64>load<u8>(p + i) - 48; if (d > 9) return u64.MAX_VALUE; v = v * 10 + d; }
  return v;
}
function setFlag(s: usize, f: u8): void { store<u8>(s + S_FLAGS, load<u8>(s + S_FLAGS) | f); }
function hasFlag(s: usize, f: u8): bool { return (load<u8>(s + S_FLAGS) & f) != 0; }

// The line's host hash, kept for the keys of its pids and endpoints.
let hostHash: u64 = 0;
function keyOf(domain: u64, p: usize, n: usize): u64 { return hashEnd(hashBytes((hostHash ^ domain) * 0x100000001b3, p, n)); }
function endpointKey(addr: usize, addrLength: usize, port: u32): u64 {
  return hashEnd((hashBytes((hostHash ^ DOMAIN_ENDPOINT) * 0x100000001b3, addr, addrLength) ^ <u64>port) * 0x100000001b3);
}

function session(id: u64): usize { return id == 0 ? 0 : findKeyed(SESSIONS, S_SIZE, sets, id, S_LAST, false); }

function linkTo(id: u64, target: u64, t: i64): void {
  const l = findKeyed(LINKS, L_SIZE, linkSets, id, L_SEEN, true);
  store<u64>(l + L_TARGET, target);
  store<i64>(l + L_SEEN, t);
}
/** The live session a link `id` points to, or 0 (a link to a session that is gone is dropped). */
function linked(id: u64): usize {
  const l = findKeyed(LINKS, L_SIZE, linkSets, id, L_SEEN, false);
  if (l == 0) return 0;
  const s = session(load<u64>(l + L_TARGET));
  if (s == 0) store<u64>(l, 0);
  return s;
}

function ready(s: usize, cause: i32): void {
  if (readyCount >= MAX_READY_SESSIONS) return; // cannot happen: one close, one eviction, SWEEP sweeps
  memory.copy(READY + <usize>readyCount * S_SIZE, s, S_SIZE);
  store<i32>(READY_CAUSE + (<usize>readyCount << 2), cause);
  readyCount++;
  sessionsWritten++;
}
/** Whether there is anything to report of a session: an address or a user. */
function known(s: usize): bool { return load<u8>(s + S_KEY_LEN) != 0 || load<u8>(s + S_USER_LEN) != 0; }

/**
 * A new session slot for `id` at time `t`: the set's empty slot, else its longest closed one, else its
 * stalest live session, evicted (written and counted). The line's host is kept in it.
 */
function newSession(id: u64, t: i64, host: usize, hostLength: usize): usize {
  const base = SESSIONS + <usize>((<u32>id & (sets - 1)) * WAYS) * S_SIZE;
  let victim: usize = 0;
  let rank: i32 = 3; // 0 empty, 1 closed, 2 live
  let victimLast = i64.MAX_VALUE;
  for (let i: u32 = 0; i < WAYS; i++) {
    const s = base + <usize>i * S_SIZE;
    const r: i32 = load<u64>(s + S_ID) == 0 ? 0 : hasFlag(s, F_CLOSED) ? 1 : 2;
    const last = load<i64>(s + S_LAST);
    if (r < rank || (r == rank && last < victimLast)) { victim = s; rank = r; victimLast = last; }
    if (r == 0) break;
  }
  if (rank == 2) { sessionEvictions++; ready(victim, CAUSE_EVICTED); }
  memory.fill(victim, 0, S_SIZE);
  store<u64>(victim + S_ID, id);
  store<i64>(victim + S_START, t);
  store<i64>(victim + S_LAST, t);
  store<u8>(victim + S_HOST_LEN, copyCut(victim + S_HOST, HOST_CAP, host, hostLength));
  return victim;
}

/** Folds session `from` (a child's lines before it was linked) into `into`, and frees it. */
function fold(from: usize, into: usize): void {
  store<u32>(into + S_ATTEMPTS, load<u32>(into + S_ATTEMPTS) + load<u32>(from + S_ATTEMPTS));
  if (load<i64>(from + S_START) < load<i64>(into + S_START)) store<i64>(into + S_START, load<i64>(from + S_START));
  if (hasFlag(from, F_BYTES)) {
    store<u64>(into + S_SENT, load<u64>(into + S_SENT) + load<u64>(from + S_SENT));
    store<u64>(into + S_RECEIVED, load<u64>(into + S_RECEIVED) + load<u64>(from + S_RECEIVED));
    setFlag(into, F_BYTES);
  }
  if (load<u8>(into + S_REASON_LEN) == 0 && load<u8>(from + S_REASON_LEN) != 0) {
    memory.copy(into + S_REASON, from + S_REASON, REASON_CAP);
    store<u8>(into + S_REASON_LEN, load<u8>(from + S_REASON_LEN));
  }
  store<u64>(from + S_ID, 0);
}

function queue(s: usize, id: u64, t: i64): void {
  if (ringLength == RING_SIZE) ringHead = (ringHead + 1) % RING_SIZE; // full: the oldest entry is dropped (its session is then only evicted)
  else ringLength++;
  const e = RING + <usize>((ringHead + ringLength - 1) % RING_SIZE) * R_SIZE;
  store<u64>(e, id);
  store<i64>(e + 8, t);
  store<u32>(e + 16, <u32>s);
}

/**
 * Looks at up to SWEEP of the ring's oldest entries at time `t`: a session without a login silent for more
 * than `timeout` is written and freed; one that saw lines since it was queued goes to the back; one gone,
 * closed or logged in leaves the ring. Stops at the first session still within its time.
 */
function sweep(t: i64): void {
  for (let k: u32 = 0; k < SWEEP && ringLength != 0; k++) {
    const e = RING + <usize>ringHead * R_SIZE;
    const id = load<u64>(e), queued = load<i64>(e + 8), s = <usize>load<u32>(e + 16);
    const live = load<u64>(s + S_ID) == id && !hasFlag(s, F_CLOSED) && !hasFlag(s, F_ACCEPTED);
    const last = live ? load<i64>(s + S_LAST) : 0;
    if (live && t - last <= timeout && last == queued) return; // the oldest is still within its time
    ringHead = (ringHead + 1) % RING_SIZE;
    ringLength--;
    if (!live) continue;
    if (t - last <= timeout) { queue(s, id, last); continue; }
    if (known(s)) ready(s, CAUSE_TIMEOUT);
    store<u64>(s + S_ID, 0);
  }
}

const PREAUTH: usize = memory.data<u8>([32, 91, 112, 114, 101, 97, 117, 116, 104, 93]); // " [preauth]"
function preauth(rec: usize, origin: usize): bool {
  const m = load<u32>(rec + R_MESSAGE);
  const n = <usize>load<u32>(rec + R_MESSAGE + 4);
  if (m == ABSENT || n < 10) return false;
  const p = origin + <usize>m + n - 10;
  return load<u64>(p) == load<u64>(PREAUTH) && load<u16>(p + 8) == load<u16>(PREAUTH + 8);
}

/**
 * Joins the matched line of `rec` (spans from `origin`) into its connection's session; returns how many
 * session events are ready to write (writeSession), its own if the line ends the connection, and any the
 * table evicted or the sweep found timed out. Lines without a pid or a readable timestamp are not joined.
 */
export function observeSession(rec: usize, origin: usize): u32 {
  readyCount = 0;
  if (sets == 0) return 0;
  const entry = load<i32>(rec + R_ENTRY);
  if (entry < 0 || entry >= ENTRY_COUNT) return 0;
  const pidAt = load<u32>(rec + R_PID);
  if (pidAt == ABSENT) return 0;
  const t = lineMoment(rec, origin);
  if (t == NO_MOMENT) return 0;
  sweep(t);
  const hostAt = load<u32>(rec + R_HOSTNAME);
  const host = hostAt == ABSENT ? origin : origin + <usize>hostAt;
  const hostLength: usize = hostAt == ABSENT ? 0 : <usize>load<u32>(rec + R_HOSTNAME + 4);
  hostHash = hashBytes(hashBegin(), host, hostLength);
  const pidText = origin + <usize>pidAt, pidLength = <usize>load<u32>(rec + R_PID + 4);
  const pidId = keyOf(DOMAIN_PID, pidText, pidLength);
  const w = word(entry, 0);
  const roles = w & 0xff;
  const sealing = (roles & (ROLE_START | ROLE_FAILURE | ROLE_ACCEPT)) != 0 || preauth(rec, origin);

  // The session the line joins: its process's own, or the one its pid is linked to.
  let s = session(pidId);
  if (s == 0) s = linked(pidId);
  if (s != 0 && hasFlag(s, F_CLOSED)) {
    if ((roles & ROLE_START) == 0 && t - load<i64>(s + S_LAST) <= LINGER) return readyCount; // a last line of a closed connection
    store<u64>(s + S_ID, 0);
    s = 0;
  }
  // The client's address, as the server wrote it.
  const aSlot = entryAddressSlot(entry);
  let addr: usize = 0, addrLength: usize = 0;
  if (aSlot != 255) {
    const p = fieldAt(rec, origin, aSlot);
    const shape = fieldShape(rec, aSlot);
    if (p != 0 && (shape == SHAPE_IPV4 || shape == SHAPE_IPV6) && lastFieldLength() <= KEY_CAP) { addr = p; addrLength = lastFieldLength(); }
  }
  const portSlot = (w >> 8) & 0xff;
  let port: u32 = 0xffffffff;
  if (portSlot != 255) {
    const p = fieldAt(rec, origin, portSlot);
    if (p != 0) { const v = digits(p, lastFieldLength()); if (v <= 65535) port = <u32>v; }
  }
  // A child's line naming an accepted login's endpoint joins that login's session.
  if ((roles & ROLE_LINK) != 0 && addr != 0 && !sealing && (s == 0 || (load<u64>(s + S_ID) == pidId && !hasFlag(s, F_SEALED) && load<u8>(s + S_KEY_LEN) == 0))) {
    const parent = port != 0xffffffff ? linked(endpointKey(addr, addrLength, port)) : linked(keyOf(DOMAIN_ADDRESS, addr, addrLength));
    if (parent != 0 && parent != s && !hasFlag(parent, F_CLOSED)) {
      if (s != 0) fold(s, parent);
      linkTo(pidId, load<u64>(parent + S_ID), t);
      s = parent;
    } else if (parent != 0 && s == 0 && t - load<i64>(parent + S_LAST) <= LINGER) { // the login's session just closed: a last line of it
      linkTo(pidId, load<u64>(parent + S_ID), t);
      return readyCount;
    }
  }
  if (s == 0) {
    s = newSession(pidId, t, host, hostLength);
    queue(s, pidId, t);
    const pid = digits(pidText, pidLength);
    if (pid <= 0xffffffff) { store<u32>(s + S_PID, <u32>pid); setFlag(s, F_PID); }
  }
  store<i64>(s + S_LAST, t);
  if (sealing) setFlag(s, F_SEALED);
  // The client's address and port: the first a line of the connection names (sshd writes them all alike).
  if (addr != 0 && load<u8>(s + S_KEY_LEN) == 0) store<u8>(s + S_KEY_LEN, copyCut(s + S_KEY, KEY_CAP, addr, addrLength));
  if (port != 0xffffffff && !hasFlag(s, F_PORT)) { store<u32>(s + S_PORT, port); setFlag(s, F_PORT); }
  // The user: the accepted one wins; before a login, the last one named.
  const uSlot = entryUserSlot(entry);
  if (uSlot != 255 && (!hasFlag(s, F_ACCEPTED) || (roles & ROLE_ACCEPT) != 0)) {
    const p = fieldAt(rec, origin, uSlot);
    if (p != 0 && lastFieldLength() > 0) store<u8>(s + S_USER_LEN, copyCut(s + S_USER, USER_CAP, p, lastFieldLength()));
  }
  if ((roles & ROLE_FAILURE) != 0) store<u32>(s + S_ATTEMPTS, load<u32>(s + S_ATTEMPTS) + 1);
  if ((roles & ROLE_ACCEPT) != 0) {
    setFlag(s, F_ACCEPTED);
    // The login's endpoint, where its user child's lines will find it.
    if (addr != 0) {
      const id = load<u64>(s + S_ID);
      if (port != 0xffffffff) linkTo(endpointKey(addr, addrLength, port), id, t);
      linkTo(keyOf(DOMAIN_ADDRESS, addr, addrLength), id, t);
    }
  }
  const rSlot = (w >> 16) & 0xff;
  if ((roles & ROLE_REASON) != 0 && rSlot != 255) {
    const p = fieldAt(rec, origin, rSlot);
    if (p != 0) store<u8>(s + S_REASON_LEN, copyCut(s + S_REASON, REASON_CAP, p, lastFieldLength()));
  }
  if ((roles & ROLE_CHILD) != 0) {
    const p = fieldAt(rec, origin, w >> 24);
    if (p != 0 && digits(p, lastFieldLength()) != u64.MAX_VALUE) linkTo(keyOf(DOMAIN_PID, p, lastFieldLength()), load<u64>(s + S_ID), t);
  }
  if ((roles & ROLE_BYTES) != 0) {
    const w2 = word(entry, 1);
    const ps = fieldAt(rec, origin, w2 & 0xff);
    const sent = ps != 0 ? digits(ps, lastFieldLength()) : u64.MAX_VALUE;
    const pr = fieldAt(rec, origin, (w2 >> 8) & 0xff);
    const received = pr != 0 ? digits(pr, lastFieldLength()) : u64.MAX_VALUE;
    if (sent != u64.MAX_VALUE && received != u64.MAX_VALUE) {
      store<u64>(s + S_SENT, load<u64>(s + S_SENT) + sent);
      store<u64>(s + S_RECEIVED, load<u64>(s + S_RECEIVED) + received);
      setFlag(s, F_BYTES);
    }
  }
  if ((roles & ROLE_CLOSE) != 0) {
    ready(s, entry);
    setFlag(s, F_CLOSED); // lingers for the connection's last lines; a later line of the pid starts another session
  }
  return readyCount;
}

const SUCCESS: usize = memory.data<u8>([115, 117, 99, 99, 101, 115, 115]); // success
const FAILURE: usize = memory.data<u8>([102, 97, 105, 108, 117, 114, 101]); // failure
const NINE_ZEROS: usize = memory.data<u8>([48, 48, 48, 48, 48, 48, 48, 48, 48]);

function text(i: u32): void {
  const s = i << 3;
  outBytes(DETECT_TEXT + <usize>load<u32>(DETECT_STRINGS + s), <usize>load<u32>(DETECT_STRINGS + s + 4));
}
function piece(i: u32): void { text(DETECT_SESSION_FIRST + i); }

/** Writes ready session event `i` (0 <= i < what observeSession returned) as one JSON object. */
export function writeSession(i: u32): void {
  if (i >= readyCount) return;
  const s = READY + <usize>i * S_SIZE;
  const cause = load<i32>(READY_CAUSE + (<usize>i << 2));
  const flags = load<u8>(s + S_FLAGS);
  const start = load<i64>(s + S_START), end = load<i64>(s + S_LAST);
  piece(0); writeMoment(end);
  piece(1); outBytes((flags & F_ACCEPTED) != 0 ? SUCCESS : FAILURE, 7);
  piece(2); writeMoment(start);
  piece(3); writeMoment(end);
  // Nanoseconds of whole seconds: the seconds and nine zeros.
  const secs = end > start ? <u64>(end - start) : 0;
  piece(4); outU64(secs); if (secs != 0) outBytes(NINE_ZEROS, 9);
  piece(5);
  const hostLength = <usize>load<u8>(s + S_HOST_LEN);
  if (hostLength != 0) { piece(6); outJsonString(s + S_HOST, hostLength); piece(7); }
  if ((flags & F_PID) != 0) { piece(8); outU32(load<u32>(s + S_PID)); piece(9); }
  const keyLen = <usize>load<u8>(s + S_KEY_LEN), userLen = <usize>load<u8>(s + S_USER_LEN);
  const bytes = (flags & F_BYTES) != 0;
  if (keyLen != 0 || bytes) {
    piece(10);
    if (keyLen != 0) {
      piece(11); outJsonString(s + S_KEY, keyLen);
      piece(12); outJsonString(s + S_KEY, keyLen);
      if ((flags & F_PORT) != 0) { piece(13); outU32(load<u32>(s + S_PORT)); }
    }
    // source.bytes: what the client sent (sshd's "received"); destination.bytes: what the server sent.
    if (bytes) { if (keyLen != 0) outByte(44); piece(14); outU64(load<u64>(s + S_RECEIVED)); }
    piece(15);
  }
  if (bytes) { piece(16); outU64(load<u64>(s + S_SENT)); piece(17); }
  if (userLen != 0) { piece(18); outJsonString(s + S_USER, userLen); piece(19); }
  if (keyLen != 0 || userLen != 0) {
    piece(20);
    if (keyLen != 0) { piece(21); outJsonString(s + S_KEY, keyLen); piece(22); }
    if (keyLen != 0 && userLen != 0) piece(23);
    if (userLen != 0) { piece(24); outJsonString(s + S_USER, userLen); piece(25); }
    piece(26);
  }
  piece(27); outU32(load<u32>(s + S_ATTEMPTS));
  piece(28); outByte(0x22);
  if (cause >= 0) text(DETECT_ENTRY_ID_FIRST + <u32>cause); else piece(cause == CAUSE_TIMEOUT ? 31 : 32);
  outByte(0x22);
  const reasonLen = <usize>load<u8>(s + S_REASON_LEN);
  if (reasonLen != 0) { piece(29); outJsonString(s + S_REASON, reasonLen); }
  piece(30);
}
