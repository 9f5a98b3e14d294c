// The Elastic Common Schema vocabulary the catalog may use. A name outside this list fails the build, so a
// typo in a catalog never reaches a user's index as a stray field.

/** ECS datatype of a field, which decides how a captured value is written out (string or number). */
export type EcsType = 'keyword' | 'long' | 'ip' | 'text';

export const ECS_FIELDS: Readonly<Record<string, EcsType>> = {
  'user.name': 'keyword',
  'user.id': 'keyword',
  'user.target.name': 'keyword',
  'source.user.name': 'keyword',
  'source.address': 'keyword',
  'source.ip': 'ip',
  'source.domain': 'keyword',
  'source.port': 'long',
  'destination.address': 'keyword',
  'destination.ip': 'ip',
  'destination.domain': 'keyword',
  'destination.port': 'long',
  'server.address': 'keyword',
  'server.ip': 'ip',
  'server.domain': 'keyword',
  'server.port': 'long',
  'client.address': 'keyword',
  'client.ip': 'ip',
  'client.domain': 'keyword',
  'client.port': 'long',
  'event.reason': 'keyword',
  'error.message': 'text',
  'error.code': 'keyword',
  'process.parent.pid': 'long',
  'process.title': 'keyword',
  'process.command_line': 'keyword',
  'process.exit_code': 'long',
  'file.path': 'keyword',
  'file.name': 'keyword',
  'file.directory': 'keyword',
  'group.name': 'keyword',
  'group.id': 'keyword',
  'network.transport': 'keyword',
  'network.protocol': 'keyword',
  'tls.cipher': 'keyword',
  'user_agent.original': 'keyword',
};

/**
 * Fields every document gets from the line's header or the entry's classification (host/binding/event.ts
 * toEcsDocument); an entry may not capture them too, so a document never has one key twice.
 */
export const DOCUMENT_FIELDS: ReadonlySet<string> = new Set([
  'message', 'event.kind', 'event.code', 'event.category', 'event.type', 'event.action', 'event.outcome',
  'event.severity', 'event.original', 'log.level', 'host.hostname', 'process.name', 'process.pid',
]);

/** SSH-specific fields live under this group, as in Elastic's system/auth integration. */
export const CUSTOM_FIELD_PREFIX = 'system.auth.ssh.';

export function isAllowedField(name: string): boolean {
  return name in ECS_FIELDS || (name.startsWith(CUSTOM_FIELD_PREFIX) && /^[a-z0-9_.]+$/.test(name) && !name.endsWith('.'));
}

/** `x.address` host fields also fill `x.ip` or `x.domain`, as ECS asks for source/destination/server. */
export function derivedAddressFields(name: string): { ip: string; domain: string } | null {
  if (!name.endsWith('.address')) return null;
  const base = name.slice(0, -'.address'.length);
  return { ip: `${base}.ip`, domain: `${base}.domain` };
}

export const ECS_CATEGORIES = new Set([
  'api', 'authentication', 'configuration', 'database', 'driver', 'email', 'file', 'host', 'iam',
  'intrusion_detection', 'library', 'malware', 'network', 'package', 'process', 'registry', 'session',
  'threat', 'vulnerability', 'web',
]);

export const ECS_TYPES = new Set([
  'access', 'admin', 'allowed', 'change', 'connection', 'creation', 'deletion', 'denied', 'end', 'error',
  'group', 'indicator', 'info', 'installation', 'protocol', 'start', 'user',
]);

export const ECS_OUTCOMES = new Set(['success', 'failure', 'unknown']);

/** Syslog severities (RFC 5424 numbers), the value of `event.severity` and `log.level`. */
export const SYSLOG_LEVELS: Readonly<Record<string, number>> = {
  emergency: 0, alert: 1, critical: 2, error: 3, warning: 4, notice: 5, informational: 6, debug: 7,
};

export const SYSLOG_FACILITIES = new Set([
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
]);
