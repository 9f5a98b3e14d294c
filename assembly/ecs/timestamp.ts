// @timestamp: the header's timestamp as ISO 8601 in UTC ("2026-11-25T10:00:10.000Z"), or nothing when it
// cannot be read. The forms the framing recognises:
//   Mmm dd hh:mm:ss[.frac]                         RFC 3164, journalctl short / short-precise: no year, no zone
//   YYYY-MM-DD(T| )hh:mm:ss[.frac][Z|+hh:mm|+hhmm|+hh]   RFC 3339 / 5424, short-iso
//   Www YYYY-MM-DD hh:mm:ss ZONE                   journalctl short-full (UTC and GMT read; other zone
//                                                  names are taken to be the configured zone)
//   [ 12345.678901]                                short-monotonic: seconds since boot, no date: none
// The year of an RFC 3164 timestamp is inferred: the reference time's year (in the configured zone),
// minus one when the date would then lie more than a day after the reference time (a December line read
// in January). A timestamp without an offset is in the configured zone (options.ts; UTC by default).
// The fraction is kept as written (up to 9 digits, at least 3). Never allocates.
import { referenceTime, zoneOffsetMinutes } from './options';
import { outBytes } from './output';
import { lineNumber } from '../matcher/runtime';

let epochSeconds: i64 = 0;
let fracAt: usize = 0;
let fracLen: usize = 0;

// @ts-ignore: decorator
@inline function digit(p: usize): i32 { return <i32>load<u8>(p) - 48; }
// @ts-ignore: decorator
@inline function isDigit(p: usize): bool { return <u32>(<i32>load<u8>(p) - 48) < 10; }

function num(p: usize, n: usize): i32 {
  if (n == 2) { // hours, minutes, seconds, days and months: two digits without a loop
    const a = <u32>load<u8>(p) - 48, b = <u32>load<u8>(p + 1) - 48;
    return a < 10 && b < 10 ? <i32>(a * 10 + b) : -1;
  }
  let v = 0;
  for (let i: usize = 0; i < n; i++) {
    if (!isDigit(p + i)) return -1;
    v = v * 10 + digit(p + i);
  }
  return v;
}

function daysFromCivil(y: i64, m: i64, d: i64): i64 {
  y -= m <= 2 ? 1 : 0;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

function isLeap(y: i32): bool { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

function daysIn(y: i32, m: i32): i32 {
  if (m == 2) return isLeap(y) ? 29 : 28;
  return m == 4 || m == 6 || m == 9 || m == 11 ? 30 : 31;
}

/** The year of a moment, in the configured zone. */
function yearOf(t: i64): i32 {
  let z = (t + <i64>zoneOffsetMinutes * 60);
  z = (z >= 0 ? z : z - 86399) / 86400 + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return <i32>(yoe + era * 400 + (m <= 2 ? 1 : 0));
}

// "JanFebMarAprMayJunJulAugSepOctNovDec" as little-endian u32 triples, compared three bytes at a time.
const MONTHS: usize = memory.data<u8>([74, 97, 110, 70, 101, 98, 77, 97, 114, 65, 112, 114, 77, 97, 121, 74, 117, 110,
  74, 117, 108, 65, 117, 103, 83, 101, 112, 79, 99, 116, 78, 111, 118, 68, 101, 99]);

// The last month name read and its number: the lines of a file mostly share their month.
let lastMonthName: u32 = 0;
let lastMonth: i32 = 0;

function monthOf(p: usize): i32 {
  const name = <u32>load<u16>(p) | (<u32>load<u8>(p + 2) << 16);
  if (name == lastMonthName) return lastMonth;
  for (let i = 0; i < 12; i++) {
    const q = MONTHS + <usize>i * 3;
    if (load<u8>(p) == load<u8>(q) && load<u8>(p + 1) == load<u8>(q + 1) && load<u8>(p + 2) == load<u8>(q + 2)) {
      lastMonthName = name; lastMonth = i + 1;
      return i + 1;
    }
  }
  return 0;
}

/** hh:mm:ss[.frac] at p: the end, or 0. Sets the time of day and the fraction. */
let tod: i32 = 0;
function timeOfDay(p: usize, e: usize): usize {
  if (p + 8 > e || load<u8>(p + 2) != 58 || load<u8>(p + 5) != 58) return 0;
  const h = num(p, 2), m = num(p + 3, 2), s = num(p + 6, 2);
  if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 60) return 0;
  tod = h * 3600 + m * 60 + s;
  return fraction(p + 8, e);
}

/** An optional `.frac` (or `,frac`) at p: sets the fraction (none: fracLen 0) and returns its end. */
function fraction(p: usize, e: usize): usize {
  fracAt = 0; fracLen = 0;
  if (p + 1 < e && (load<u8>(p) == 46 || load<u8>(p) == 44) && isDigit(p + 1)) {
    fracAt = ++p;
    while (p < e && isDigit(p)) p++;
    fracLen = p - fracAt;
  }
  return p;
}

// The last RFC 3164 minute read: its first 12 bytes ("Mar 28 23:50" or "Mar 1 04:45:"), where its seconds
// start and the moment of its second 0, for the reference time and zone it was read with. The lines of a
// file mostly share their minute, and the rest of such a timestamp is its seconds.
let minuteA: u64 = 0;
let minuteB: u32 = 0;
let minuteSeconds: usize = 0; // 0: none kept
let minuteStart: i64 = 0;
let minuteReference: i64 = 0;
let minuteZone: i32 = 0;

function classic(p: usize, e: usize): bool {
  // Without a reference time no year can be told: nothing to read.
  if (p + 14 > e || load<u8>(p + 3) != 32 || referenceTime <= 0) return false;
  if (minuteSeconds != 0 && load<u64>(p) == minuteA && load<u32>(p, 8) == minuteB && referenceTime == minuteReference && zoneOffsetMinutes == minuteZone) {
    const at = p + minuteSeconds;
    const s = at + 2 <= e && load<u8>(at - 1) == 58 ? num(at, 2) : -1;
    if (s >= 0 && s <= 60 && fraction(at + 2, e) == e) { epochSeconds = minuteStart + <i64>s; return true; }
  }
  const month = monthOf(p);
  if (month == 0) return false;
  let q = p + 4;
  if (load<u8>(q) == 32) q++;
  let day = 0;
  if (!isDigit(q)) return false;
  day = digit(q++);
  if (isDigit(q)) day = day * 10 + digit(q++);
  if (q >= e || load<u8>(q) != 32) return false;
  const seconds = q + 7; // where the time's seconds stand
  q = timeOfDay(q + 1, e);
  if (q != e || day < 1) return false;
  let year = referenceYear();
  let t = civil(year, month, day, zoneOffsetMinutes);
  const late = t > referenceTime + 86400;
  if (late) { year--; t = civil(year, month, day, zoneOffsetMinutes); }
  if (day > daysIn(year, month)) return false;
  epochSeconds = t;
  // Kept for the minute's other seconds when the year does not depend on them (a minute that straddles
  // the reference time's next day is read in full each time), and the seconds follow the 12 bytes.
  const start = t - <i64>num(seconds, 2); // (not tod % 60: a leap second 60 is read as written)
  if (!late && start + 60 <= referenceTime + 86400 && (seconds - p == 12 || seconds - p == 13)) {
    minuteA = load<u64>(p); minuteB = load<u32>(p, 8); minuteSeconds = seconds - p; minuteStart = start;
    minuteReference = referenceTime; minuteZone = zoneOffsetMinutes;
  }
  return true;
}

// The last date turned into days, and the last reference time's year: the lines of a file mostly share
// their date, and a record's time its year.
let lastDate: i64 = -1;
let lastDays: i64 = 0;
let lastReference: i64 = 0;
let lastReferenceZone: i32 = 0;
let lastReferenceYear: i32 = 0;

function civil(year: i32, month: i32, day: i32, offsetMinutes: i32): i64 {
  const date = (<i64>year << 14) | (<i64>month << 7) | <i64>day; // month and day are at most two digits
  if (date != lastDate) { lastDate = date; lastDays = daysFromCivil(<i64>year, <i64>month, <i64>day); }
  return lastDays * 86400 + <i64>tod - <i64>offsetMinutes * 60;
}

function referenceYear(): i32 {
  if (referenceTime != lastReference || zoneOffsetMinutes != lastReferenceZone || lastReferenceYear == 0) {
    lastReference = referenceTime; lastReferenceZone = zoneOffsetMinutes; lastReferenceYear = yearOf(referenceTime);
  }
  return lastReferenceYear;
}

function iso(p: usize, e: usize, zoneWord: bool): bool {
  if (p + 19 > e || load<u8>(p + 4) != 45 || load<u8>(p + 7) != 45) return false;
  const year = num(p, 4), month = num(p + 5, 2), day = num(p + 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  const sep = load<u8>(p + 10);
  if (sep != 84 && sep != 116 && sep != 32) return false;
  let q = timeOfDay(p + 11, e);
  if (q == 0) return false;
  let offset = zoneOffsetMinutes;
  if (zoneWord) {
    // " UTC", " GMT"; any other zone name is read as the configured zone.
    if (q >= e || load<u8>(q) != 32) return false;
    q++;
    if (e - q == 3 && ((load<u8>(q) == 85 && load<u8>(q + 1) == 84 && load<u8>(q + 2) == 67) || (load<u8>(q) == 71 && load<u8>(q + 1) == 77 && load<u8>(q + 2) == 84))) offset = 0;
    while (q < e && load<u8>(q) != 32) q++;
  } else if (q < e) {
    if (q < e && load<u8>(q) == 32) q++; // "2021-05-04 06:47:42.801612 -0700"
    const c = load<u8>(q);
    if (c == 90 || c == 122) { offset = 0; q++; }
    else if (c == 43 || c == 45) {
      const oh = q + 3 <= e ? num(q + 1, 2) : -1;
      if (oh < 0 || oh > 23) return false;
      let om = 0;
      q += 3;
      if (q < e && load<u8>(q) == 58) q++;
      if (q + 2 <= e) { om = num(q, 2); if (om < 0 || om > 59) return false; q += 2; }
      offset = (oh * 60 + om) * (c == 45 ? -1 : 1);
    }
  }
  if (q != e) return false;
  epochSeconds = civil(year, month, day, offset);
  return true;
}

// The last reading, for the line it was made on: detection and the writer both ask for the same line's moment.
let readLine: u64 = U64.MAX_VALUE;
let readAt: usize = 0, readEnd: usize = 0, readReference: i64 = 0, readZone: i32 = 0;
let readValid = false;

/** Reads the timestamp [p, e); true when it gives a moment (kept for writeTimestamp). */
export function timestampValid(p: usize, e: usize): bool {
  const line = lineNumber();
  if (line == readLine && p == readAt && e == readEnd && referenceTime == readReference && zoneOffsetMinutes == readZone) return readValid;
  readValid = readTimestamp(p, e);
  readLine = line; readAt = p; readEnd = e; readReference = referenceTime; readZone = zoneOffsetMinutes;
  return readValid;
}

function readTimestamp(p: usize, e: usize): bool {
  if (e - p < 14) return false;
  if (isDigit(p)) return iso(p, e, false);
  if (load<u8>(p + 3) == 32 && isDigit(p + 4) && e - p >= 23 && load<u8>(p + 8) == 45) return iso(p + 4, e, true);
  return classic(p, e);
}

/** The moment last read by timestampValid, in whole seconds since 1970 (UTC). */
export function timestampSeconds(): i64 { return epochSeconds; }

/** The moment last read by timestampValid, as a JSON string. */
export function writeTimestamp(): void { writeInstant(epochSeconds, fracAt, fracLen); }

/**
 * `t` (seconds since 1970) as a quoted ISO 8601 moment in UTC, with the fraction [frac, frac + fracLen)
 * as written (up to 9 digits, at least 3: none is ".000").
 */
// The moment being written, `"YYYY-MM-DDTHH:MM:SS.fffffffffZ"`, its date kept for the day it was written for.
const INSTANT: usize = memory.data(40, 8);
let instantDay: i64 = i64.MIN_VALUE;
// "00" to "99": two digits a load.
const TWO_DIGITS: usize = memory.data<u8>([48, 48, 48, 49, 48, 50, 48, 51, 48, 52, 48, 53, 48, 54, 48, 55, 48, 56, 48, 57, 49, 48, 49, 49, 49, 50, 49, 51, 49, 52, 49, 53, 49, 54, 49, 55, 49, 56, 49, 57, 50, 48, 50, 49, 50, 50, 50, 51, 50, 52, 50, 53, 50, 54, 50, 55, 50, 56, 50, 57, 51, 48, 51, 49, 51, 50, 51, 51, 51, 52, 51, 53, 51, 54, 51, 55, 51, 56, 51, 57, 52, 48, 52, 49, 52, 50, 52, 51, 52, 52, 52, 53, 52, 54, 52, 55, 52, 56, 52, 57, 53, 48, 53, 49, 53, 50, 53, 51, 53, 52, 53, 53, 53, 54, 53, 55, 53, 56, 53, 57, 54, 48, 54, 49, 54, 50, 54, 51, 54, 52, 54, 53, 54, 54, 54, 55, 54, 56, 54, 57, 55, 48, 55, 49, 55, 50, 55, 51, 55, 52, 55, 53, 55, 54, 55, 55, 55, 56, 55, 57, 56, 48, 56, 49, 56, 50, 56, 51, 56, 52, 56, 53, 56, 54, 56, 55, 56, 56, 56, 57, 57, 48, 57, 49, 57, 50, 57, 51, 57, 52, 57, 53, 57, 54, 57, 55, 57, 56, 57, 57]);

let instantMinute: i64 = i64.MIN_VALUE;

export function writeInstant(t: i64, frac: usize, fracLen: usize): void {
  // `"YYYY-MM-DDTHH:MM:` is kept for the next moment of the same minute (most are), its date part for the
  // next of the same day.
  const minute = (t >= 0 ? t : t - 59) / 60;
  if (minute != instantMinute) {
    instantMinute = minute;
    writeMinute(t);
  }
  store<u16>(INSTANT + 18, load<u16>(TWO_DIGITS + (<usize>(t - minute * 60) << 1)));
  store<u8>(INSTANT + 20, 46);
  const n: usize = fracLen > 9 ? 9 : fracLen;
  let e: usize = INSTANT + 21;
  if (n > 0) { memory.copy(e, frac, n); e += n; }
  for (let i = n; i < 3; i++) store<u8>(e++, 48);
  store<u16>(e, 0x225a); // Z"
  outBytes(INSTANT, e + 2 - INSTANT);
}

/** `"YYYY-MM-DDTHH:MM:` of the moment t into INSTANT. */
function writeMinute(t: i64): void {
  const days = (t >= 0 ? t : t - 86399) / 86400;
  const secs = <u32>(t - days * 86400);
  // `"YYYY-MM-DDT`: the civil date of the day, kept for the next moment of the same day (most are).
  if (days != instantDay) {
    instantDay = days;
    let z = days + 719468;
    const era = (z >= 0 ? z : z - 146096) / 146097;
    const doe = z - era * 146097;
    const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const mp = (5 * doy + 2) / 153;
    const d = doy - (153 * mp + 2) / 5 + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    const y = <u32>max(<i64>0, min(<i64>9999, yoe + era * 400 + (m <= 2 ? 1 : 0)));
    store<u8>(INSTANT, 0x22);
    store<u16>(INSTANT + 1, load<u16>(TWO_DIGITS + (<usize>(y / 100) << 1)));
    store<u16>(INSTANT + 3, load<u16>(TWO_DIGITS + (<usize>(y % 100) << 1)));
    store<u8>(INSTANT + 5, 45);
    store<u16>(INSTANT + 6, load<u16>(TWO_DIGITS + (<usize>m << 1)));
    store<u8>(INSTANT + 8, 45);
    store<u16>(INSTANT + 9, load<u16>(TWO_DIGITS + (<usize>d << 1)));
    store<u8>(INSTANT + 11, 84);
  }
  // `HH:MM:`; the seconds, the fraction (at least 3 digits) and `Z"` are writeInstant's.
  store<u16>(INSTANT + 12, load<u16>(TWO_DIGITS + (<usize>(secs / 3600) << 1)));
  store<u8>(INSTANT + 14, 58);
  store<u16>(INSTANT + 15, load<u16>(TWO_DIGITS + (<usize>((secs / 60) % 60) << 1)));
  store<u8>(INSTANT + 17, 58);
}
