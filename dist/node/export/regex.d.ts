import type { CatalogEntry, CatalogField } from '../compile/load.js';
import type { FieldType } from '../compile/field-types.js';
export type Dialect = 'js' | 'onig' | 'rust';
export declare const IPV4 = "(?:25[0-5]|2[0-4][0-9]|[01][0-9][0-9]|[0-9][0-9]?)(?:\\.(?:25[0-5]|2[0-4][0-9]|[01][0-9][0-9]|[0-9][0-9]?)){3}";
export declare const IPV6: string;
export declare const HOSTNAME = "(?:[0-9]+\\.)*[0-9]*[A-Za-z_-][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*";
/** The regex of one field type (no group). */
export declare function typePattern(type: FieldType): string;
export declare const escapeLiteral: (s: string) => string;
export interface Capture {
    group: string;
    field: CatalogField;
}
export interface EntryPattern {
    source: string;
    captures: Capture[];
}
export interface PatternOptions {
    dialect: Dialect;
    /** Group name of a field; `n` counts earlier captures of the same field (0, then 1 in the second branch). */
    groupName: (field: CatalogField, n: number) => string;
    /** Wraps a field's pattern (grok writes `%{TYPE:name}`); default `(?<group>pattern)`. */
    capture?: (field: CatalogField, group: string, pattern: string) => string;
}
/** The message regex of an entry (no anchors), and which group holds which field. */
export declare function entryPattern(entry: CatalogEntry, opts: PatternOptions): EntryPattern;
/** A group name valid in every dialect: the ECS name with dots as `_`, a suffix for a second capture. */
export declare const plainGroupName: (f: CatalogField, n: number) => string;
/**
 * The syslog header the matcher reads, as a regex that may be absent (a bare message): RFC 5424 after
 * "<PRI>1 ", RFC 3164 with a classic or RFC 3339 timestamp and with or without host name, or
 * "prog[pid]: " alone, for the given program names. `capture` names a header part (ECS name), or returns
 * null to leave it uncaptured. Malformed-header corner cases of the matcher are not reproduced.
 */
export declare function headerPattern(programs: string[], capture: (name: string, pattern: string) => string): string;
