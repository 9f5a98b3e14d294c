// What a caller chooses about the ECS documents, checked once, and how each module call is told.
// The module (assembly/ecs/options.ts) takes a fixed offset from UTC; a named zone (Europe/Berlin) is
// turned into its offset at the reference time of each call, so a run that crosses a daylight-saving
// change takes the new offset from the next call (batch) on.
export class OptionError extends Error {
}
const FIXED = /^([+-])(\d{2}):?(\d{2})?$/;
/** The zone's offset from UTC in minutes at `at` (ms since 1970); throws OptionError on an unknown zone. */
export function zoneOffset(timezone) {
    if (/^(utc|gmt|z)$/i.test(timezone))
        return () => 0;
    const m = FIXED.exec(timezone);
    if (m) {
        const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
        if (Number(m[2]) > 23 || Number(m[3] ?? 0) > 59)
            throw new OptionError(`timezone ${timezone}: the offset must be at most ±23:59`);
        return () => (m[1] === '-' ? -minutes : minutes);
    }
    let format;
    try {
        format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    }
    catch {
        throw new OptionError(`timezone ${timezone}: not UTC, an offset such as +02:00, or an IANA zone name such as Europe/Berlin`);
    }
    return (at) => {
        const p = Object.fromEntries(format.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
        const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
        return Math.round((local - Math.floor(at / 1000) * 1000) / 60000);
    };
}
export function moduleOptions(o = {}) {
    const offset = zoneOffset(o.timezone ?? 'UTC');
    const fixed = o.referenceTime === undefined ? null : typeof o.referenceTime === 'number' ? o.referenceTime : o.referenceTime.getTime();
    if (fixed !== null && !Number.isFinite(fixed))
        throw new OptionError('referenceTime must be a valid date');
    return {
        keepOriginal: o.keepOriginal ?? false,
        at() {
            const ms = fixed ?? Date.now();
            return { seconds: Math.floor(ms / 1000), offsetMinutes: offset(ms) };
        },
    };
}
