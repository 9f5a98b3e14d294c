// Sessions: the lines of one connection (one sshd process, keyed by host name and pid) joined into one ECS
// event (`event.category: session`, `event.type: end`) written after the line that ends it: start, end and
// duration, the client's address and port, the user (the one that logged in, else the last one named),
// the failed attempts, the outcome (success once a login was accepted), the entry of the closing line and
// the disconnect reason. Which entries play which part is data (detect/sessions.yaml, compiled into
// assembly/generated/detect.ts). A bounded table in static memory: the stalest session is evicted (and
// counted) when its set is full; a session whose pid never logs a closing line stays until then. Text kept
// is cut to its slot (user 32 bytes, reason 48: what a client may type is not kept whole). Never allocates.
import { R_ENTRY, R_HOSTNAME, R_PID, ABSENT } from '../matcher/result';
import { SHAPE_IPV4, SHAPE_IPV6 } from '../generated/abi';
import { DETECT_SESSION_ENTRIES, DETECT_SESSION_FIRST, DETECT_ENTRY_ID_FIRST, DETECT_STRINGS, DETECT_TEXT } from '../generated/detect';
import { ENTRY_COUNT } from '../generated/catalog';
import { outBytes, outJsonString, outU32, outByte } from '../ecs/output';
import { entryAddressSlot, entryUserSlot, fieldAt, fieldShape, lastFieldLength } from './rules';
import { lineMoment, writeMoment, NO_MOMENT } from './time';
import { WAYS, hashBegin, hashBytes, hashEnd, findKeyed, keyedIsNew, keyedEvicted } from './tables';

export const MAX_SESSIONS: u32 = 1 << 14;
const S_SIZE: usize = 176;
const S_ID: usize = 0, S_START: usize = 8, S_LAST: usize = 16, S_PORT: usize = 24, S_ATTEMPTS: usize = 28, S_FLAGS: usize = 32,
  S_KEY_LEN: usize = 33, S_USER_LEN: usize = 34, S_REASON_LEN: usize = 35, S_PID: usize = 36, S_KEY: usize = 40, S_USER: usize = 88,
  S_REASON: usize = 120;
const KEY_CAP: usize = 47, USER_CAP: usize = 32, REASON_CAP: usize = 48;
const F_ACCEPTED: u8 = 1, F_PORT: u8 = 2, F_PID: u8 = 4;
const ROLE_FAILURE: u32 = 1, ROLE_ACCEPT: u32 = 2, ROLE_REASON: u32 = 4, ROLE_CLOSE: u32 = 8;

const SESSIONS: usize = memory.data(<i32>(MAX_SESSIONS * <u32>S_SIZE), 16);
let sets: u32 = 0; // 0: sessions off
export let sessionEvictions: u64 = 0;
export let sessionsWritten: u64 = 0;

/** Turns sessions on with about `slots` slots (a power of two, WAYS..MAX_SESSIONS), emptied; 0 turns them off. */
export function configureSessions(slots: u32): void {
  memory.fill(SESSIONS, 0, <usize>(MAX_SESSIONS * <u32>S_SIZE));
  sessionEvictions = 0;
  sessionsWritten = 0;
  if (slots == 0) { sets = 0; return; }
  let n = slots < WAYS ? WAYS : slots > MAX_SESSIONS ? MAX_SESSIONS : slots;
  n = 1 << (31 - clz(n));
  sets = n / WAYS;
}
export function sessionsOn(): bool { return sets != 0; }

function word(entry: i32): u32 { return load<u32>(DETECT_SESSION_ENTRIES + (<usize>entry << 2)); }

function copyCut(dst: usize, cap: usize, p: usize, n: usize): u8 {
  const m = n > cap ? cap : n;
  memory.copy(dst, p, m);
  return <u8>m;
}

function digits(p: usize, n: usize): u32 {
  if (n == 0 || n > 9) return 0xffffffff;
  let v: u32 = 0;
  for (let i: usize = 0; i < n; i++) { const d = <u32>load<u8>(p + i) - 48; if (d > 9) return 0xffffffff; v = v * 10 + d; }
  return v;
}

/** The session slot of this line's process, a new one (evicting the stalest) if it has none. */
function slotFor(id: u64, t: i64): usize {
  const s = findKeyed(SESSIONS, S_SIZE, sets, id, S_LAST, true);
  if (keyedEvicted) sessionEvictions++;
  if (keyedIsNew) { store<i64>(s + S_START, t); store<u32>(s + S_PORT, 0xffffffff); }
  return s;
}

// The session closed by the last line observed, kept for writeSession.
const CLOSED: usize = memory.data(<i32>S_SIZE, 16);
let closedEntry: i32 = -1;

/**
 * Joins the matched line of `rec` (spans from `origin`) into its process's session; true when the line ends
 * it (writeSession then writes the event). Lines without a pid or a readable timestamp are not joined.
 */
export function observeSession(rec: usize, origin: usize): bool {
  if (sets == 0) return false;
  const entry = load<i32>(rec + R_ENTRY);
  if (entry < 0 || entry >= ENTRY_COUNT) return false;
  const pidAt = load<u32>(rec + R_PID);
  if (pidAt == ABSENT) return false;
  const t = lineMoment(rec, origin);
  if (t == NO_MOMENT) return false;
  let id = hashBegin();
  const host = load<u32>(rec + R_HOSTNAME);
  if (host != ABSENT) id = hashBytes(id, origin + <usize>host, <usize>load<u32>(rec + R_HOSTNAME + 4));
  id = (id ^ 0xff) * 0x100000001b3;
  const pidLength = <usize>load<u32>(rec + R_PID + 4);
  id = hashEnd(hashBytes(id, origin + <usize>pidAt, pidLength));
  const s = slotFor(id, t);
  store<i64>(s + S_LAST, t);
  const pid = digits(origin + <usize>pidAt, pidLength);
  if (pid != 0xffffffff) { store<u32>(s + S_PID, pid); store<u8>(s + S_FLAGS, load<u8>(s + S_FLAGS) | F_PID); }
  const w = word(entry);
  const roles = w & 0xff;
  // The client's address and port: the first a line of the connection names (sshd writes them all alike).
  const aSlot = entryAddressSlot(entry);
  if (aSlot != 255 && load<u8>(s + S_KEY_LEN) == 0) {
    const p = fieldAt(rec, origin, aSlot);
    const shape = fieldShape(rec, aSlot);
    if (p != 0 && (shape == SHAPE_IPV4 || shape == SHAPE_IPV6) && lastFieldLength() <= KEY_CAP) store<u8>(s + S_KEY_LEN, copyCut(s + S_KEY, KEY_CAP, p, lastFieldLength()));
  }
  const portSlot = (w >> 8) & 0xff;
  if (portSlot != 255 && (load<u8>(s + S_FLAGS) & F_PORT) == 0) {
    const p = fieldAt(rec, origin, portSlot);
    if (p != 0) {
      const port = digits(p, lastFieldLength());
      if (port != 0xffffffff) { store<u32>(s + S_PORT, port); store<u8>(s + S_FLAGS, load<u8>(s + S_FLAGS) | F_PORT); }
    }
  }
  // The user: the accepted one wins; before a login, the last one named.
  const uSlot = entryUserSlot(entry);
  if (uSlot != 255 && ((load<u8>(s + S_FLAGS) & F_ACCEPTED) == 0 || (roles & ROLE_ACCEPT) != 0)) {
    const p = fieldAt(rec, origin, uSlot);
    if (p != 0 && lastFieldLength() > 0) store<u8>(s + S_USER_LEN, copyCut(s + S_USER, USER_CAP, p, lastFieldLength()));
  }
  if ((roles & ROLE_FAILURE) != 0) store<u32>(s + S_ATTEMPTS, load<u32>(s + S_ATTEMPTS) + 1);
  if ((roles & ROLE_ACCEPT) != 0) store<u8>(s + S_FLAGS, load<u8>(s + S_FLAGS) | F_ACCEPTED);
  const rSlot = (w >> 16) & 0xff;
  if ((roles & ROLE_REASON) != 0 && rSlot != 255) {
    const p = fieldAt(rec, origin, rSlot);
    if (p != 0) store<u8>(s + S_REASON_LEN, copyCut(s + S_REASON, REASON_CAP, p, lastFieldLength()));
  }
  if ((roles & ROLE_CLOSE) == 0) return false;
  memory.copy(CLOSED, s, S_SIZE);
  closedEntry = entry;
  store<u64>(s + S_ID, 0); // the process is done: a later line of the same pid starts another session
  sessionsWritten++;
  return true;
}

const SUCCESS: usize = memory.data<u8>([115, 117, 99, 99, 101, 115, 115]); // success
const FAILURE: usize = memory.data<u8>([102, 97, 105, 108, 117, 114, 101]); // failure
const NINE_ZEROS: usize = memory.data<u8>([48, 48, 48, 48, 48, 48, 48, 48, 48]);

function text(i: u32): void {
  const s = i << 3;
  outBytes(DETECT_TEXT + <usize>load<u32>(DETECT_STRINGS + s), <usize>load<u32>(DETECT_STRINGS + s + 4));
}
function piece(i: u32): void { text(DETECT_SESSION_FIRST + i); }

/** Writes the session the last observeSession closed, as one JSON object; `rec` is the closing line's record. */
export function writeSession(rec: usize, origin: usize): void {
  const s = CLOSED;
  const flags = load<u8>(s + S_FLAGS);
  const start = load<i64>(s + S_START), end = load<i64>(s + S_LAST);
  piece(0); writeMoment(end);
  piece(1); outBytes((flags & F_ACCEPTED) != 0 ? SUCCESS : FAILURE, 7);
  piece(2); writeMoment(start);
  piece(3); writeMoment(end);
  // Nanoseconds of whole seconds: the seconds and nine zeros.
  const secs = end > start ? <u32>(end - start) : 0;
  piece(4); outU32(secs); if (secs != 0) outBytes(NINE_ZEROS, 9);
  piece(5);
  const host = load<u32>(rec + R_HOSTNAME);
  if (host != ABSENT) { piece(6); outJsonString(origin + <usize>host, <usize>load<u32>(rec + R_HOSTNAME + 4)); piece(7); }
  if ((flags & F_PID) != 0) { piece(8); outU32(load<u32>(s + S_PID)); piece(9); }
  const keyLen = <usize>load<u8>(s + S_KEY_LEN), userLen = <usize>load<u8>(s + S_USER_LEN);
  if (keyLen != 0) {
    piece(10); outJsonString(s + S_KEY, keyLen);
    piece(11); outJsonString(s + S_KEY, keyLen);
    if ((flags & F_PORT) != 0) { piece(12); outU32(load<u32>(s + S_PORT)); }
    piece(13);
  }
  if (userLen != 0) { piece(14); outJsonString(s + S_USER, userLen); piece(15); }
  if (keyLen != 0 || userLen != 0) {
    piece(16);
    if (keyLen != 0) { piece(17); outJsonString(s + S_KEY, keyLen); piece(18); }
    if (keyLen != 0 && userLen != 0) piece(19);
    if (userLen != 0) { piece(20); outJsonString(s + S_USER, userLen); piece(21); }
    piece(22);
  }
  piece(23); outU32(load<u32>(s + S_ATTEMPTS));
  piece(24); outByte(0x22); text(DETECT_ENTRY_ID_FIRST + <u32>closedEntry); outByte(0x22);
  const reasonLen = <usize>load<u8>(s + S_REASON_LEN);
  if (reasonLen != 0) { piece(25); outJsonString(s + S_REASON, reasonLen); }
  piece(26);
}
