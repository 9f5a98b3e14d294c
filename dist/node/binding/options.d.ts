export interface DocumentOptions {
    /** Keep the whole line in `event.original` (default false: `message` holds it already). */
    keepOriginal?: boolean;
    /** Zone of timestamps without an offset: `UTC` (default), `+02:00`, `-0530`, or an IANA name. */
    timezone?: string;
    /** The moment RFC 3164 timestamps (no year) are read near, for tests and replays; default: now. */
    referenceTime?: Date | number;
}
export declare class OptionError extends Error {
}
/** The zone's offset from UTC in minutes at `at` (ms since 1970); throws OptionError on an unknown zone. */
export declare function zoneOffset(timezone: string): (at: number) => number;
/** The numbers a module call takes: flags, reference time (s), offset (min). */
export interface ModuleOptions {
    keepOriginal: boolean;
    at(): {
        seconds: number;
        offsetMinutes: number;
    };
}
export declare function moduleOptions(o?: DocumentOptions): ModuleOptions;
