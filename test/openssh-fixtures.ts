// Readers for the labelled OpenSSH corpora under test/fixtures: Loghub's OpenSSH_2k (CSV labels) and
// fail2ban's sshd test logs ("# failJSON:" comments before the line they label). Shared by the accuracy tests.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export const fixture = (path: string) => new URL(`./fixtures/${path}`, import.meta.url);

export interface LoghubLine { lineId: number; raw: string; eventId: string }

/** The 2,000 raw lines (CRLF ends kept off) with Loghub's event id of each. */
export function loghubLines(): LoghubLine[] {
  const raw = readFileSync(fixture('loghub-openssh-2k/OpenSSH_2k.log'), 'utf8').split('\n');
  const rows = readFileSync(fixture('loghub-openssh-2k/OpenSSH_2k.log_structured.csv'), 'utf8').trim().split('\n').slice(1);
  if (raw.length !== rows.length) throw new Error(`log has ${raw.length} lines, labels ${rows.length}`);
  // EventId is the column before EventTemplate; Content and the template may hold commas, so take the last
  // ",E<n>," of the row (no template contains one).
  return rows.map((row, i) => {
    const lineId = Number(row.slice(0, row.indexOf(',')));
    const eventId = [...row.matchAll(/,(E\d{1,2}),/g)].at(-1)?.[1];
    if (!eventId || lineId !== i + 1) throw new Error(`unreadable label row ${i + 1}: ${row}`);
    return { lineId, raw: raw[i].replace(/\r$/, ''), eventId };
  });
}

export interface MappingRule {
  event: string;
  entry: string;
  where?: Record<string, string | number>;
  not_where?: Record<string, string | number>;
  present?: string[];
  absent?: string[];
  message_contains?: string;
  message_lacks?: string;
}
export interface LoghubMapping { rules: MappingRule[]; exceptions: { line: number; label: string; ours: string; reason: string }[] }

export function loghubMapping(): LoghubMapping {
  return parseYaml(readFileSync(fixture('openssh-loghub-mapping.yaml'), 'utf8')) as LoghubMapping;
}

/** Whether a rule claims an event: same entry and every condition holds. */
export function ruleApplies(rule: MappingRule, id: string, fields: Record<string, string | number>, message: string): boolean {
  if (rule.entry !== id) return false;
  for (const [k, v] of Object.entries(rule.where ?? {})) if (String(fields[k]) !== String(v)) return false;
  for (const [k, v] of Object.entries(rule.not_where ?? {})) if (String(fields[k]) === String(v)) return false;
  for (const k of rule.present ?? []) if (!(k in fields)) return false;
  for (const k of rule.absent ?? []) if (k in fields) return false;
  if (rule.message_contains !== undefined && !message.includes(rule.message_contains)) return false;
  if (rule.message_lacks !== undefined && message.includes(rule.message_lacks)) return false;
  return true;
}

export interface Fail2banCase {
  file: string;
  lineNo: number;           // 1-based line number in the fixture file
  line: string;             // the line as written in the fixture
  modes: string[];          // fail2ban filter modes the label was written for (normal, ddos, extra, aggressive)
  label: { match: boolean; host?: string; user?: string; constraint?: string; desc?: string };
}

/** Every labelled line of a fail2ban test log, with the filter modes in force where it stands. */
export function fail2banCases(file: string): Fail2banCase[] {
  const lines = readFileSync(fixture(`fail2ban-sshd/${file}`), 'utf8').split('\n');
  const out: Fail2banCase[] = [];
  let modes = ['normal'];
  let pending: Fail2banCase['label'] | null = null;
  lines.forEach((line, i) => {
    let m: RegExpMatchArray | null;
    if ((m = line.match(/^# filterOptions: (.*)$/))) {
      const opts = JSON.parse(m[1]) as Record<string, string> | Record<string, string>[];
      modes = (Array.isArray(opts) ? opts : [opts]).map((o) => o.mode ?? 'normal');
    } else if ((m = line.match(/^# failJSON: (.*)$/))) {
      pending = JSON.parse(m[1]);
    } else if (!line.startsWith('#') && line.trim() !== '' && pending) {
      out.push({ file, lineNo: i + 1, line, modes, label: pending });
      pending = null;
    }
  });
  return out;
}
