// Finds a real syslog-ng for the collector framing test. CI installs Debian's syslog-ng-core (.ci/run), so it
// is /usr/sbin/syslog-ng there. SYSLOG_NG (and SYSLOG_NG_MODULES, its --module-path) point at another copy,
// e.g. one unpacked with `dpkg -x` (its libraries then come from LD_LIBRARY_PATH).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface SyslogNg { bin: string; modules: string | null; configVersion: string }

export function findSyslogNg(): SyslogNg | null {
  let bin: string | null = null;
  const env = process.env.SYSLOG_NG;
  if (env) bin = env;
  else {
    for (const d of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin']) {
      if (d && existsSync(join(d, 'syslog-ng'))) { bin = join(d, 'syslog-ng'); break; }
    }
  }
  if (!bin) return null;
  // The configuration must name the version it is written for; syslog-ng prints it as "Config version: 3.35".
  const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const configVersion = /Config version: (\d+\.\d+)/.exec(`${v.stdout}${v.stderr}`)?.[1];
  if (!configVersion) throw new Error(`${bin} --version did not say its config version: ${v.stdout}${v.stderr}${v.error ?? ''}`);
  return { bin, modules: process.env.SYSLOG_NG_MODULES ?? null, configVersion };
}
