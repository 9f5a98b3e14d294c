// What a host may choose about the documents the writer makes, set by each adapter before it writes:
// flags (OPTION_KEEP_ORIGINAL: event.original holds the whole line), the reference time RFC 3164
// timestamps take their year from (seconds since 1970, UTC), and the offset from UTC, in minutes, of
// timestamps that carry none. Defaults: no event.original, reference time 0 (no year can be inferred, so
// such lines get no @timestamp until a host sets it), UTC.

export let documentFlags: u32 = 0;
export let referenceTime: i64 = 0;
export let zoneOffsetMinutes: i32 = 0;

export function setDocumentOptions(flags: u32, nowSeconds: f64, offsetMinutes: i32): void {
  documentFlags = flags;
  referenceTime = <i64>Math.floor(nowSeconds);
  zoneOffsetMinutes = offsetMinutes < -1440 || offsetMinutes > 1440 ? 0 : offsetMinutes;
}

/** The reference time alone (Fluent Bit gives each record's time with the call). */
export function setReferenceTime(nowSeconds: i64): void { referenceTime = nowSeconds; }
