import type { FieldType } from './field-types.js';
/** The ECS release the documents follow (`ecs.version`). */
export declare const ECS_VERSION: string;
/** How a captured value is written: as a JSON number, a string, or an IP (a string ECS indexes as ip). */
export type EcsType = 'keyword' | 'long' | 'ip' | 'text';
/** SSH-specific fields live under this group, as in Elastic's system/auth integration. */
export declare const CUSTOM_FIELD_PREFIX = "system.auth.ssh.";
/** ECS datatype of a field a catalog may capture into, or null when ECS has no such leaf field. */
export declare function ecsFieldType(name: string): string | null;
export declare function isAllowedField(name: string): boolean;
/**
 * Why a catalog field type cannot fill an ECS field, or null when it can: numbers go to numeric fields,
 * addresses only into ip fields when they can only be IPs, anything into keyword and text fields.
 */
export declare function fieldTypeProblem(name: string, type: FieldType): string | null;
/** How a captured value of `type` is written into `name`. */
export declare function ecsTypeOf(name: string, type: FieldType): EcsType;
export declare const ECS_KINDS: Set<string>;
export declare const ECS_CATEGORIES: Set<string>;
export declare const ECS_TYPES: Set<string>;
export declare const ECS_OUTCOMES: Set<string>;
/** The event types ECS expects with each category (`expected_event_types`). */
export declare const EXPECTED_TYPES: ReadonlyMap<string, ReadonlySet<string>>;
/** The (category, type) pairs of a classification that ECS does not list as expected. */
export declare function unexpectedPairs(category: string[], type: string[]): string[];
/**
 * Fields every document gets from the line's header or the entry's classification (host/compile/
 * document-plan.ts); an entry may not capture them too, so a document never has one key twice.
 */
export declare const DOCUMENT_FIELDS: ReadonlySet<string>;
/** `x.address` host fields also fill `x.ip` or `x.domain`, as ECS asks for source/destination/server. */
export declare function derivedAddressFields(name: string): {
    ip: string;
    domain: string;
} | null;
/** Captured fields whose values also go to `related.user` (the integration's user.name, user.effective.name). */
export declare const RELATED_USER_FIELDS: ReadonlySet<string>;
/** Syslog severities (RFC 5424 numbers), the value of `event.severity` and `log.level`. */
export declare const SYSLOG_LEVELS: Readonly<Record<string, number>>;
/** `log.syslog.severity.name` by severity code, as ECS's example writes it ("Error"). */
export declare const SEVERITY_NAMES: string[];
/** `log.syslog.facility.name` by facility code (RFC 5424 table, the names syslog daemons use). */
export declare const FACILITY_NAMES: string[];
export declare const SYSLOG_FACILITIES: Set<string>;
