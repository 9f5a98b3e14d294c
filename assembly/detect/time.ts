// The moment of a line, in whole seconds since 1970 (UTC: fail2ban's date detector drops fractions too),
// and moments written back as ISO 8601. The line's timestamp is read by the ECS writer's own reader (assembly/ecs/timestamp.ts: every
// header form, the year of an RFC 3164 date inferred from the reference time, the configured zone), so
// detection and @timestamp never disagree; that reader keeps its moment to itself and only writes it, so
// the moment is taken back from the text it writes (a fixed form: YYYY-MM-DDThh:mm:ss.fff…Z).
// Integer arithmetic only: the Fluent Bit module must not convert floats to integers (the non-trapping
// conversions are not in the WebAssembly its interpreter runs). Never allocates. Reading a moment uses the
// writer's output region: callers re-begin their own after.
import { timestampValid, writeTimestamp } from '../ecs/timestamp';
import { outBegin, outByte, outPadded } from '../ecs/output';
import { R_TIMESTAMP } from '../generated/abi';
import { ABSENT } from '../matcher/result';

const SCRATCH: usize = memory.data(48, 8);

function digits(p: usize, n: usize): i64 {
  let v: i64 = 0;
  for (let i: usize = 0; i < n; i++) v = v * 10 + <i64>(load<u8>(p + i) - 48);
  return v;
}

function daysFromCivil(y: i64, m: i64, d: i64): i64 {
  y -= m <= 2 ? 1 : 0;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/** No moment: the line has no timestamp that can be read. */
export const NO_MOMENT: i64 = i64.MIN_VALUE;

/** The moment of the record's timestamp (spans from `origin`), or NO_MOMENT. */
export function lineMoment(rec: usize, origin: usize): i64 {
  const start = load<u32>(rec + R_TIMESTAMP);
  if (start == ABSENT) return NO_MOMENT;
  const p = origin + <usize>start;
  if (!timestampValid(p, p + <usize>load<u32>(rec + R_TIMESTAMP + 4))) return NO_MOMENT;
  outBegin(SCRATCH, SCRATCH + 48);
  writeTimestamp();
  const s = SCRATCH + 1;
  const days = daysFromCivil(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2));
  return days * 86400 + digits(s + 11, 2) * 3600 + digits(s + 14, 2) * 60 + digits(s + 17, 2);
}

/** `t` as a quoted ISO 8601 moment in UTC (milliseconds .000: moments are whole seconds). */
export function writeMoment(t: i64): void {
  const days = (t >= 0 ? t : t - 86399) / 86400;
  const secs = <u32>(t - days * 86400);
  const z = days + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const y = yoe + era * 400 + (mp >= 10 ? 1 : 0);
  outByte(0x22);
  outPadded(<u32>(y < 0 ? 0 : y > 9999 ? 9999 : y), 4); outByte(45);
  outPadded(<u32>(mp < 10 ? mp + 3 : mp - 9), 2); outByte(45);
  outPadded(<u32>(doy - (153 * mp + 2) / 5 + 1), 2); outByte(84);
  outPadded(secs / 3600, 2); outByte(58);
  outPadded((secs / 60) % 60, 2); outByte(58);
  outPadded(secs % 60, 2); outByte(46);
  outPadded(0, 3);
  outByte(90); outByte(0x22);
}
