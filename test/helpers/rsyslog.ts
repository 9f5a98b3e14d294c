// Finds a real rsyslogd for the mmexternal test. CI installs Debian's rsyslog (.ci/run). RSYSLOGD and
// RSYSLOG_MODULES point at another copy (e.g. one unpacked with `dpkg -x` where another syslog daemon
// occupies the package slot: Debian's rsyslog and syslog-ng-core conflict).
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findRsyslogd(): { bin: string; modules: string | null } | null {
  const env = process.env.RSYSLOGD;
  if (env) return existsSync(env) ? { bin: env, modules: process.env.RSYSLOG_MODULES ?? null } : null;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  for (const d of dirs) {
    const bin = join(d, 'rsyslogd');
    if (d && existsSync(bin)) return { bin, modules: null };
  }
  return null;
}
