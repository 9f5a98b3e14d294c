// The moment of a line, in whole seconds since 1970 (UTC: fail2ban's date detector drops fractions too),
// and moments written back as ISO 8601. The line's timestamp is read by the ECS writer's own reader
// (assembly/ecs/timestamp.ts: every header form, the year of an RFC 3164 date inferred from the reference
// time, the configured zone), so detection and @timestamp never disagree. Integer arithmetic only: the
// Fluent Bit module must not convert floats to integers (the non-trapping conversions are not in the
// WebAssembly its interpreter runs). Never allocates.
import { timestampValid, timestampSeconds, writeInstant } from '../ecs/timestamp';
import { R_TIMESTAMP } from '../generated/abi';
import { ABSENT } from '../matcher/result';

/** No moment: the line has no timestamp that can be read. */
export const NO_MOMENT: i64 = i64.MIN_VALUE;

/** The moment of the record's timestamp (spans from `origin`), or NO_MOMENT. */
export function lineMoment(rec: usize, origin: usize): i64 {
  const start = load<u32>(rec + R_TIMESTAMP);
  if (start == ABSENT) return NO_MOMENT;
  const p = origin + <usize>start;
  return timestampValid(p, p + <usize>load<u32>(rec + R_TIMESTAMP + 4)) ? timestampSeconds() : NO_MOMENT;
}

/** `t` as a quoted ISO 8601 moment in UTC (milliseconds .000: moments are whole seconds). */
export function writeMoment(t: i64): void { writeInstant(t, 0, 0); }
