// The detector's two bounded tables, in static memory reserved at build time; a host chooses at start-up how
// much of each to use (detectConfigure), and nothing grows after. Both are set-associative: a key hashes to
// a set of WAYS consecutive slots and lives in one of them, so a lookup or an insert touches at most WAYS
// slots. When a set is full the slot that was used longest ago is evicted (for addresses: the oldest last
// failure, the ticket fail2ban would clean up first) and the eviction is counted; a slot whose window has
// passed is reused without counting, as fail2ban's cleanup would have dropped it.
// - addresses: a failure ticket per client address (fail2ban's FailTicket: first time, last time, retry)
// - connections: what fail2ban's multi-line failure id (MLFID, the "host sshd[pid]:" prefix) remembers of
//   one connection: its address, a pending failure, and whether it named more than one user.
// Keys are hashed with a seed the host gives, so a client cannot aim its addresses at one set.
import { bytesEqual } from '../matcher/runtime';
import { inMemory, lowBytes, bytesBelow } from '../matcher/words';

export const WAYS: u32 = 8;
export const MAX_ADDRESSES: u32 = 1 << 16;
export const MAX_CONNECTIONS: u32 = 1 << 14;
export const KEY_CAPACITY: u32 = 47; // the longest address text kept (IPv6 with an IPv4 tail is 45)

// Address slot: tag u32 (0 empty) | key length u8 | pad | first i64 | last i64 | retry i32 | failures u32 | key
// (48 bytes) | tokens f64 | blackhole until i64 (times in whole seconds since 1970). fail2ban's ticket uses
// first, last, retry; CrowdSec's bucket first, last, tokens and the blackhole.
export const A_SIZE: usize = 96;
export const A_TAG: usize = 0, A_LEN: usize = 4, A_FIRST: usize = 8, A_LAST: usize = 16, A_RETRY: usize = 24,
  A_FAILURES: usize = 28, A_KEY: usize = 32, A_TOKENS: usize = 80, A_HOLE: usize = 88;
// Connection slot: id hash u64 (0 empty) | user hash u32 | address length u8 | flags u8 | pad | seen i64 | address
export const C_SIZE: usize = 80;
export const C_ID: usize = 0, C_USER: usize = 8, C_LEN: usize = 12, C_FLAGS: usize = 13, C_SEEN: usize = 16, C_KEY: usize = 24;
export const C_PENDING: u8 = 1, C_MULTI_USER: u8 = 2, C_HAS_USER: u8 = 4;

const ADDRESSES: usize = memory.data(<i32>(MAX_ADDRESSES * <u32>A_SIZE), 16);
const CONNECTIONS: usize = memory.data(<i32>(MAX_CONNECTIONS * <u32>C_SIZE), 16);

export let addressSets: u32 = MAX_ADDRESSES / WAYS;
export let connectionSets: u32 = MAX_CONNECTIONS / WAYS;
export let addressEvictions: u64 = 0;
export let connectionEvictions: u64 = 0;
export let liveAddresses: u32 = 0;
let seed: u64 = 0x9e3779b97f4a7c15;

function sets(requested: u32, max: u32): u32 {
  let n = requested < WAYS ? WAYS : requested > max ? max : requested;
  n = 1 << (31 - clz(n)); // a power of two: the set is the hash's low bits
  return n / WAYS;
}

/** Sizes (in slots, rounded down to a power of two, WAYS..max) and the hash seed; empties both tables. */
export function resetTables(addresses: u32, connections: u32, hashSeed: u32): void {
  addressSets = sets(addresses, MAX_ADDRESSES);
  connectionSets = sets(connections, MAX_CONNECTIONS);
  memory.fill(ADDRESSES, 0, <usize>(MAX_ADDRESSES * <u32>A_SIZE));
  memory.fill(CONNECTIONS, 0, <usize>(MAX_CONNECTIONS * <u32>C_SIZE));
  addressEvictions = 0;
  connectionEvictions = 0;
  liveAddresses = 0;
  seed = 0x9e3779b97f4a7c15 ^ (<u64>hashSeed * 0xff51afd7ed558ccd);
}

export function hashBegin(): u64 { return 0xcbf29ce484222325 ^ seed; }
// @ts-ignore: decorator
@inline export function hashBytes(h: u64, p: usize, n: usize): u64 {
  // FNV-1a's step on words, eight bytes a step, the last few as one zero-extended word (hashEnd mixes it).
  // Most values hashed (a host, a program, a pid, a user) fit one word: the same step, at once, inlined.
  if (n - 1 < 8 && inMemory(p, 8)) return (h ^ (load<u64>(p) & lowBytes(n))) * 0x100000001b3;
  return hashWords(h, p, n);
}

function hashWords(h: u64, p: usize, n: usize): u64 {
  let i: usize = 0;
  for (; i + 8 <= n; i += 8) h = (h ^ load<u64>(p + i)) * 0x100000001b3;
  const r = n - i;
  if (r == 0) return h;
  let w: u64 = 0;
  if (inMemory(p + i, 8)) w = load<u64>(p + i) & bytesBelow(r); // one read, the bytes past masked
  else for (let k: usize = 0; k < r; k++) w |= <u64>load<u8>(p + i + k) << (<u64>k << 3); // at memory's end: the same word, a byte at a time
  return (h ^ w) * 0x100000001b3;
}
// Inlined, as findKeyed is: a line that detection or sessions read hashes several values.
// @ts-ignore: decorator
@inline export function hashEnd(h: u64): u64 {
  h ^= h >> 33; h *= 0xff51afd7ed558ccd; h ^= h >> 33; h *= 0xc4ceb9fe1a85ec53; h ^= h >> 33;
  return h == 0 ? 1 : h;
}



/** Set by findAddress: whether the slot it returned was empty (or reusable) rather than the key's. */
export let addressIsNew: bool = false;

/**
 * The slot of address `key` (`len` bytes), or a slot for it: an empty one, one whose last failure is at
 * least `window` seconds before `t`, or else the set's oldest, evicted. A new slot has the key written.
 */
export function findAddress(key: usize, len: usize, h: u64, t: i64, window: i64): usize {
  const tag = <u32>(h >> 32) | 1;
  const base = ADDRESSES + <usize>((<u32>h & (addressSets - 1)) * WAYS) * A_SIZE;
  let victim: usize = 0;
  let victimLast = i64.MAX_VALUE;
  let victimFree = false;
  for (let i: u32 = 0; i < WAYS; i++) {
    const s = base + <usize>i * A_SIZE;
    const stag = load<u32>(s + A_TAG);
    if (stag == 0) { if (!victimFree) { victim = s; victimFree = true; } continue; }
    if (stag == tag && <usize>load<u8>(s + A_LEN) == len && bytesEqual(s + A_KEY, key, len)) { addressIsNew = false; return s; }
    const last = load<i64>(s + A_LAST);
    if (!victimFree && last <= t - window) { victim = s; victimFree = true; continue; }
    if (!victimFree && last < victimLast) { victim = s; victimLast = last; }
  }
  if (load<u32>(victim + A_TAG) == 0) liveAddresses++;
  else if (!victimFree) addressEvictions++;
  memory.fill(victim, 0, A_SIZE);
  store<u32>(victim + A_TAG, tag);
  store<u8>(victim + A_LEN, <u8>len);
  memory.copy(victim + A_KEY, key, len);
  addressIsNew = true;
  return victim;
}

export function dropAddress(s: usize): void {
  store<u32>(s + A_TAG, 0);
  liveAddresses--;
}

/** Set by findKeyed: whether the slot it returned is new, and whether making it evicted a live one. */
export let keyedIsNew: bool = false;
export let keyedEvicted: bool = false;

/**
 * In a table of `sets` sets of WAYS slots of `size` bytes, each slot starting with a u64 id (0: empty) and
 * holding the time it was last used at `seenAt`: the slot of `id`, or 0; with `create`, a new cleared slot
 * for it, the set's empty one or else its stalest (evicted). Connections and sessions use it.
 */
// @ts-ignore: decorator
@inline export function findKeyed(table: usize, size: usize, sets: u32, id: u64, seenAt: usize, create: bool): usize {
  const base = table + <usize>((<u32>id & (sets - 1)) * WAYS) * size;
  keyedIsNew = false;
  keyedEvicted = false;
  // The id's slot first (a slot may be emptied before it, so every way is read), then the victim: the
  // set's first empty slot, found at once in a set that is not full, or else its stalest. The ways are
  // read unrolled: inlined where `size` is a constant, each is one load at a constant offset, without the
  // loop's counter, multiplication and test (a lookup is made for every line detection or sessions read).
  // @ts-ignore: ERROR is a compile-time builtin
  if (WAYS != 8) ERROR('findKeyed reads eight ways');
  if (load<u64>(base) == id) return base;
  if (load<u64>(base + size) == id) return base + size;
  if (load<u64>(base + 2 * size) == id) return base + 2 * size;
  if (load<u64>(base + 3 * size) == id) return base + 3 * size;
  if (load<u64>(base + 4 * size) == id) return base + 4 * size;
  if (load<u64>(base + 5 * size) == id) return base + 5 * size;
  if (load<u64>(base + 6 * size) == id) return base + 6 * size;
  if (load<u64>(base + 7 * size) == id) return base + 7 * size;
  if (!create) return 0;
  let victim: usize = 0;
  let victimSeen = i64.MAX_VALUE;
  for (let i: u32 = 0; i < WAYS; i++) {
    const s = base + <usize>i * size;
    if (load<u64>(s) == 0) { victim = s; break; }
    const seen = load<i64>(s + seenAt);
    if (seen < victimSeen) { victim = s; victimSeen = seen; }
  }
  keyedEvicted = load<u64>(victim) != 0;
  keyedIsNew = true;
  memory.fill(victim, 0, size);
  store<u64>(victim, id);
  return victim;
}

/** The slot of connection `id`, or 0; with `create`, a new (cleared) slot for it, evicting the set's stalest. */
export function findConnection(id: u64, t: i64, create: bool): usize {
  const s = findKeyed(CONNECTIONS, C_SIZE, connectionSets, id, C_SEEN, create);
  if (keyedEvicted) connectionEvictions++;
  if (keyedIsNew) store<i64>(s + C_SEEN, t);
  return s;
}

export function dropConnection(s: usize): void { store<u64>(s + C_ID, 0); }
