/** ECS datatype of a field, which decides how a captured value is written out (string or number). */
export type EcsType = 'keyword' | 'long' | 'ip' | 'text';
export declare const ECS_FIELDS: Readonly<Record<string, EcsType>>;
/**
 * Fields every document gets from the line's header or the entry's classification (host/binding/event.ts
 * toEcsDocument); an entry may not capture them too, so a document never has one key twice.
 */
export declare const DOCUMENT_FIELDS: ReadonlySet<string>;
/** SSH-specific fields live under this group, as in Elastic's system/auth integration. */
export declare const CUSTOM_FIELD_PREFIX = "system.auth.ssh.";
export declare function isAllowedField(name: string): boolean;
/** `x.address` host fields also fill `x.ip` or `x.domain`, as ECS asks for source/destination/server. */
export declare function derivedAddressFields(name: string): {
    ip: string;
    domain: string;
} | null;
export declare const ECS_CATEGORIES: Set<string>;
export declare const ECS_TYPES: Set<string>;
export declare const ECS_OUTCOMES: Set<string>;
/** Syslog severities (RFC 5424 numbers), the value of `event.severity` and `log.level`. */
export declare const SYSLOG_LEVELS: Readonly<Record<string, number>>;
export declare const SYSLOG_FACILITIES: Set<string>;
