// Which of fail2ban's sshd failregexes a matched line stands for, in the configured mode: the compiled rules
// of detect/fail2ban-sshd.yaml (assembly/generated/detect.ts, by host/compile/detect-rules.ts), tried in
// order for the line's entry, the first whose conditions hold deciding. Conditions read only the field
// spans the matcher reported and the template text around them. Never allocates.
import { DETECT_ENTRIES, DETECT_RULES, DETECT_CONDITIONS, DETECT_STRINGS, DETECT_TEXT, DETECT_PROGRAM_FIRST,
  DETECT_PROGRAM_COUNT } from '../generated/detect';
import { R_FIELDS, R_PROGRAM, R_MESSAGE, R_LINE, ABSENT } from '../matcher/result';
import { ENTRY_COUNT } from '../generated/catalog';
import { bytesEqual } from '../matcher/runtime';
import { inMemory, bytesBelow } from '../matcher/words';

export const EFFECT_FAIL: u32 = 0;
export const EFFECT_NOFAIL: u32 = 1;
export const EFFECT_GAINED: u32 = 2;

const KIND_IN: u32 = 0, KIND_PREFIX: u32 = 1, KIND_SUFFIX: u32 = 2, KIND_ABSENT: u32 = 3, KIND_PRESENT: u32 = 4, KIND_PRECEDED: u32 = 5,
  KIND_CHARSET: u32 = 6;

// @ts-ignore: decorator
@inline function word(table: usize, i: u32): u32 { return load<u32>(table + (<usize>i << 2)); }

export function entryAddressSlot(entry: i32): u32 { return word(DETECT_ENTRIES, <u32>entry * 2 + 1) & 0xff; }
export function entryUserSlot(entry: i32): u32 { return (word(DETECT_ENTRIES, <u32>entry * 2 + 1) >> 8) & 0xff; }
export function entryAltUserSlot(entry: i32): u32 { return (word(DETECT_ENTRIES, <u32>entry * 2 + 1) >> 16) & 0xff; }
export function ruleEffect(rule: u32): u32 { return (word(DETECT_RULES, rule * 2) >> 8) & 0xff; }
export function ruleForgets(rule: u32): bool { return ((word(DETECT_RULES, rule * 2) >> 16) & 1) != 0; }

function stringAt(s: u32): usize { return DETECT_TEXT + <usize>word(DETECT_STRINGS, s * 2); }
function stringLength(s: u32): usize { return <usize>word(DETECT_STRINGS, s * 2 + 1); }

function same(p: usize, s: u32): bool { return bytesEqual(p, stringAt(s), stringLength(s)); }

/** Start of field `slot` in the record (from `origin`), or 0 when absent; its length in `fieldLength`. */
let fieldLength: usize = 0;
// @ts-ignore: decorator
@inline export function fieldAt(rec: usize, origin: usize, slot: u32): usize {
  const at = rec + R_FIELDS + (<usize>slot << 3);
  const start = load<u32>(at);
  if (start == ABSENT) return 0;
  fieldLength = <usize>(load<u32>(at + 4) & 0x0fffffff);
  return origin + <usize>start;
}
export function fieldShape(rec: usize, slot: u32): u32 { return load<u32>(rec + R_FIELDS + (<usize>slot << 3) + 4) >> 28; }
export function lastFieldLength(): usize { return fieldLength; }

function holds(rec: usize, origin: usize, c: u32): bool {
  const w = word(DETECT_CONDITIONS, c * 2);
  const slot = w & 0xff, kind = (w >> 8) & 0xff, count = w >> 16, first = word(DETECT_CONDITIONS, c * 2 + 1);
  const p = fieldAt(rec, origin, slot);
  if (kind == KIND_ABSENT) return p == 0;
  if (kind == KIND_CHARSET) { // every byte of the field, when it is there, in the 256-bit set
    if (p == 0) return true;
    const bits = stringAt(first);
    for (let i: usize = 0; i < fieldLength; i++) {
      const c = <usize>load<u8>(p + i);
      if ((load<u8>(bits + (c >> 3)) & (1 << <u8>(c & 7))) == 0) return false;
    }
    return true;
  }
  if (p == 0) return false;
  if (kind == KIND_PRESENT) return true;
  const n = fieldLength;
  for (let s = first; s < first + count; s++) {
    const m = stringLength(s);
    if (kind == KIND_IN) { if (m == n && same(p, s)) return true; }
    else if (kind == KIND_PREFIX) { if (m <= n && same(p, s)) return true; }
    else if (kind == KIND_SUFFIX) { if (m <= n && same(p + n - m, s)) return true; }
    else if (kind == KIND_PRECEDED) {
      const msg = origin + <usize>load<u32>(rec + R_MESSAGE);
      if (p >= msg + m && same(p - m, s)) return true;
    }
  }
  return false;
}

const PREAUTH: usize = memory.data<u8>([32, 91, 112, 114, 101, 97, 117, 116, 104, 93, 0, 0, 0, 0, 0, 0], 8); // " [preauth]"

function endsPreauth(rec: usize, origin: usize): bool {
  const end = origin + <usize>load<u32>(rec + R_LINE) + <usize>load<u32>(rec + R_LINE + 4);
  const msg = origin + <usize>load<u32>(rec + R_MESSAGE);
  let e = end;
  while (e > msg && load<u8>(e - 1) == 32) e--; // fail2ban's trailing \s*
  if (e - msg < 10) return false;
  return load<u64>(e - 10) == load<u64>(PREAUTH) && load<u16>(e - 2) == load<u16>(PREAUTH, 8); // two words, not ten bytes
}

// The last program name read (up to 16 bytes, as two words with the bytes past it cleared) and whether it
// counts: the lines of a file mostly share their program.
let lastProgramLength: usize = 0; // 0: none kept
let lastProgramA: u64 = 0, lastProgramB: u64 = 0;
let lastProgramCounts = false;

/** fail2ban reads only lines of its `_daemon` (sshd, sshd-session) or with no program at all. */
function programCounts(rec: usize, origin: usize): bool {
  const start = load<u32>(rec + R_PROGRAM);
  if (start == ABSENT) return true;
  const p = origin + <usize>start, n = <usize>load<u32>(rec + R_PROGRAM + 4);
  const kept = n != 0 && n <= 16 && inMemory(p, 16);
  let a: u64 = 0, b: u64 = 0;
  if (kept) {
    a = load<u64>(p) & (n >= 8 ? <u64>-1 : bytesBelow(n));
    b = n <= 8 ? 0 : load<u64>(p, 8) & (n >= 16 ? <u64>-1 : bytesBelow(n - 8));
    if (n == lastProgramLength && a == lastProgramA && b == lastProgramB) return lastProgramCounts;
  }
  let counts = false;
  for (let s = DETECT_PROGRAM_FIRST; s < DETECT_PROGRAM_FIRST + DETECT_PROGRAM_COUNT; s++) if (stringLength(s) == n && same(p, s)) { counts = true; break; }
  if (kept) { lastProgramLength = n; lastProgramA = a; lastProgramB = b; lastProgramCounts = counts; }
  return counts;
}

/** The rule deciding the matched line in rule set `set` (a fail2ban mode, or CrowdSec's events), or -1 when the tool takes no notice of it. */
export function ruleFor(rec: usize, origin: usize, entry: i32, set: u32): i32 {
  if (entry < 0 || entry >= ENTRY_COUNT) return -1;
  const w = word(DETECT_ENTRIES, <u32>entry * 2);
  const first = w & 0xffff, count = w >> 16;
  if (count == 0 || !programCounts(rec, origin)) return -1;
  let ends = -1; // endsPreauth, read once when a rule asks
  for (let r = first; r < first + count; r++) {
    const rw = word(DETECT_RULES, r * 2);
    if ((rw & (1 << set)) == 0) continue;
    const preauth = (rw >> 17) & 3;
    if (preauth != 0) {
      if (ends < 0) ends = endsPreauth(rec, origin) ? 1 : 0;
      if ((ends == 1) != (preauth == 1)) continue;
    }
    const cw = word(DETECT_RULES, r * 2 + 1);
    const cfirst = cw & 0xffff, ccount = cw >> 16;
    let ok = true;
    for (let c = cfirst; c < cfirst + ccount && ok; c++) ok = holds(rec, origin, c);
    if (ok) return <i32>r;
  }
  return -1;
}
