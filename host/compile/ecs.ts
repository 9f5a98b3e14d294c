// The Elastic Common Schema vocabulary the catalog may use, read from `@elastic/ecs` (Elastic's published
// field definitions: every field's type, the allowed values of event.kind/category/type/outcome and the
// event types each category expects). Nothing here is typed by hand from the ECS reference, so a field,
// type or categorisation pair Elastic does not define fails the build, never reaches a user's index.
import { EcsFlat, EcsVersion } from '@elastic/ecs';
import { IP_TYPES, NUMBER_TYPES, type FieldType } from './field-types.js';

/** The ECS release the documents follow (`ecs.version`). */
export const ECS_VERSION: string = EcsVersion;

interface EcsField { type: string; allowed_values?: { name: string; expected_event_types?: string[] }[] }
const FLAT = EcsFlat as unknown as Record<string, EcsField>;

/** How a captured value is written: as a JSON number, a string, or an IP (a string ECS indexes as ip). */
export type EcsType = 'keyword' | 'long' | 'ip' | 'text';

const NUMERIC = new Set(['long', 'integer', 'short', 'byte', 'unsigned_long']);
const TEXTUAL = new Set(['keyword', 'wildcard', 'constant_keyword', 'text', 'match_only_text']);

/** SSH-specific fields live under this group, as in Elastic's system/auth integration. */
export const CUSTOM_FIELD_PREFIX = 'system.auth.ssh.';
const isCustom = (name: string) => name.startsWith(CUSTOM_FIELD_PREFIX) && /^[a-z0-9_.]+$/.test(name) && !name.endsWith('.') && !name.includes('..');

/** ECS datatype of a field a catalog may capture into, or null when ECS has no such leaf field. */
export function ecsFieldType(name: string): string | null {
  return Object.prototype.hasOwnProperty.call(FLAT, name) ? FLAT[name].type : null;
}

export function isAllowedField(name: string): boolean {
  return ecsFieldType(name) !== null || isCustom(name);
}

/**
 * Why a catalog field type cannot fill an ECS field, or null when it can: numbers go to numeric fields,
 * addresses only into ip fields when they can only be IPs, anything into keyword and text fields.
 */
export function fieldTypeProblem(name: string, type: FieldType): string | null {
  const ecs = ecsFieldType(name);
  if (ecs === null) return null; // system.auth.ssh.*: ours to type
  if (ecs === 'ip') return IP_TYPES.has(type) ? null : `'${name}' is an ECS ip field; capture it with type ip, ipv4 or ipv6 (or map a host to ${name.replace(/\.ip$/, '.address')})`;
  if (NUMERIC.has(ecs)) return NUMBER_TYPES.has(type) ? null : `'${name}' is an ECS ${ecs} field; capture it with type port or uint`;
  if (TEXTUAL.has(ecs)) return null;
  return `'${name}' is an ECS ${ecs} field, which a catalog cannot capture`;
}

/** How a captured value of `type` is written into `name`. */
export function ecsTypeOf(name: string, type: FieldType): EcsType {
  const ecs = ecsFieldType(name);
  if (ecs === null) return NUMBER_TYPES.has(type) ? 'long' : 'keyword';
  if (ecs === 'ip') return 'ip';
  if (NUMERIC.has(ecs)) return 'long';
  return ecs === 'text' || ecs === 'match_only_text' ? 'text' : 'keyword';
}

const allowed = (field: string) => new Set((FLAT[field].allowed_values ?? []).map((v) => v.name));
export const ECS_KINDS = allowed('event.kind');
export const ECS_CATEGORIES = allowed('event.category');
export const ECS_TYPES = allowed('event.type');
export const ECS_OUTCOMES = allowed('event.outcome');

/** The event types ECS expects with each category (`expected_event_types`). */
export const EXPECTED_TYPES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  (FLAT['event.category'].allowed_values ?? []).map((v) => [v.name, new Set(v.expected_event_types ?? [])]));

/** The (category, type) pairs of a classification that ECS does not list as expected. */
export function unexpectedPairs(category: string[], type: string[]): string[] {
  const out: string[] = [];
  for (const c of category) for (const t of type) if (!EXPECTED_TYPES.get(c)?.has(t)) out.push(`${c}/${t}`);
  return out;
}

/**
 * Fields every document gets from the line's header or the entry's classification (host/compile/
 * document-plan.ts); an entry may not capture them too, so a document never has one key twice.
 */
export const DOCUMENT_FIELDS: ReadonlySet<string> = new Set([
  '@timestamp', 'message', 'ecs.version', 'event.kind', 'event.code', 'event.category', 'event.type',
  'event.action', 'event.outcome', 'event.severity', 'event.original', 'log.level', 'log.syslog.priority',
  'log.syslog.facility.code', 'log.syslog.facility.name', 'log.syslog.severity.code', 'log.syslog.severity.name',
  'host.hostname', 'process.name', 'process.pid', 'related.ip', 'related.user',
]);

/** `x.address` host fields also fill `x.ip` or `x.domain`, as ECS asks for source/destination/server. */
export function derivedAddressFields(name: string): { ip: string; domain: string } | null {
  if (name === 'system.auth.ssh.dropped_ip') return { ip: 'source.ip', domain: '' }; // as the integration does
  if (!name.endsWith('.address')) return null;
  const base = name.slice(0, -'.address'.length);
  return { ip: `${base}.ip`, domain: `${base}.domain` };
}

/** Captured fields whose values also go to `related.user` (the integration's user.name, user.effective.name). */
export const RELATED_USER_FIELDS: ReadonlySet<string> = new Set([
  'user.name', 'user.effective.name', 'user.target.name', 'source.user.name', 'destination.user.name',
]);

/** Syslog severities (RFC 5424 numbers), the value of `event.severity` and `log.level`. */
export const SYSLOG_LEVELS: Readonly<Record<string, number>> = {
  emergency: 0, alert: 1, critical: 2, error: 3, warning: 4, notice: 5, informational: 6, debug: 7,
};

/** `log.syslog.severity.name` by severity code, as ECS's example writes it ("Error"). */
export const SEVERITY_NAMES = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'];

/** `log.syslog.facility.name` by facility code (RFC 5424 table, the names syslog daemons use). */
export const FACILITY_NAMES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp',
  'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];

export const SYSLOG_FACILITIES = new Set(FACILITY_NAMES);
