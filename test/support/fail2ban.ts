// Decisions on a log file, ours and the real fail2ban's, in one form: failures and bans as
// [line number, address, time in seconds]. Ours come from the raw module's detector (alerts are JSON lines
// after the document of the line that made them; with maxretry 1 every failure is one), fail2ban's from
// host/bench/fail2ban-oracle.py, which runs fail2ban-regex's filter and the jail's FailManager.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RawModule } from '../../dist/node/binding/raw.js';

export type Decision = [line: number, address: string, time: number];
export interface Decisions { failures: Decision[]; bans: Decision[] }

export const MODES = ['normal', 'ddos', 'extra', 'aggressive'] as const;
export const FILTER = join(__dirname, '..', 'fixtures', 'fail2ban-sshd', 'sshd.conf');
const ORACLE = join(__dirname, '..', '..', 'host', 'bench', 'fail2ban-oracle.py');

/** The Python fail2ban-regex runs with (its #! line), or null when fail2ban is not installed. */
export function fail2banPython(): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, 'fail2ban-regex');
    if (existsSync(p)) return readFileSync(p, 'utf8').split('\n')[0].replace(/^#!\s*/, '').split(/\s+/)[0];
  }
  return null;
}

export function fail2banDecisions(python: string, log: string, mode: string, maxretry: number, findtime: number): Decisions {
  const out = execFileSync(python, [ORACLE, log, FILTER, mode, String(maxretry), String(findtime)],
    { env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 30 });
  return JSON.parse(out.toString()) as Decisions;
}

/** The bans fail2ban's jail (its FailManager) decides for the given failures. */
export function fail2banCount(python: string, failures: Decision[], maxretry: number, findtime: number): Decision[] {
  const out = execFileSync(python, [ORACLE, '--count', String(maxretry), String(findtime)],
    { input: JSON.stringify(failures), maxBuffer: 1 << 30 });
  return JSON.parse(out.toString()) as Decision[];
}

/** Every alert our detector writes for `bytes`, as [line number, address, time] (the @timestamp's). */
export function ourAlerts(bytes: Uint8Array, mode: number, maxretry: number, findtime: number, referenceTime?: Date): Decision[] {
  const m = new RawModule();
  if (referenceTime) m.setDocumentOptions({ referenceTime });
  if (!m.exports.detectConfigure(mode, maxretry, findtime, 1 << 16, 1 << 14, 7)) throw new Error('detectConfigure refused');
  const parts: string[] = [];
  m.scanJson(bytes, false, () => {}, (j) => parts.push(typeof j === 'string' ? j : Buffer.from(j).toString('utf8')), () => '{}');
  const alerts: Decision[] = [];
  let line = 0;
  for (const text of parts.join('').split('\n')) {
    if (!text) continue;
    const doc = JSON.parse(text) as { event?: { kind?: string }; '@timestamp': string; source?: { ip: string } };
    if (doc.event?.kind === 'alert') alerts.push([line, doc.source!.ip, Date.parse(doc['@timestamp']) / 1000]);
    else line++;
  }
  return alerts;
}

export function ourDecisions(bytes: Uint8Array, mode: number, maxretry: number, findtime: number, referenceTime?: Date): Decisions {
  return { failures: ourAlerts(bytes, mode, 1, findtime, referenceTime), bans: ourAlerts(bytes, mode, maxretry, findtime, referenceTime) };
}

/** Times to the millisecond our alerts carry. */
export const rounded = (ds: Decision[]): Decision[] => ds.map(([l, a, t]) => [l, a, Math.round(t * 1000) / 1000]);
