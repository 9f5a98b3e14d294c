// A plain reading of CrowdSec's ssh brute-force detection, the oracle for the detector's CrowdSec modes:
// the hub's sshd parser (test/fixtures/crowdsec/sshd-logs.yaml: its grok nodes in order, the first that
// matches deciding, the ones that set log_type ssh_failed-auth making an event; program sshd or
// sshd-session) with CrowdSec's grok patterns (patterns-ssh) expanded into JavaScript regexes, and the
// scenarios' leaky buckets (ssh-bf.yaml, ssh-slow-bf.yaml) as pkg/leakybucket runs them with
// golang.org/x/time/rate: per source address a bucket that starts with `capacity` tokens, gains one per
// leakspeed, loses one per event; an event that finds none overflows (the bucket ends); a bucket idle for
// (capacity + 1) x leakspeed ends; an overflow within `blackhole` of the address's last alert is discarded.
// No code is shared with the module. Lines are RFC 3164 (the attack corpus's form), read in the current year.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Decision } from './fail2ban.js';

const DIR = join(__dirname, '..', 'fixtures', 'crowdsec');
const IPV4 = '(?:(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)\\.){3}(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)';
const BASE: Record<string, string> = {
  USERNAME: '[a-zA-Z0-9._-]+', WORD: '\\b\\w+\\b', NUMBER: '(?:[+-]?(?:[0-9]+(?:\\.[0-9]+)?|\\.[0-9]+))', DATA: '.*?',
  GREEDYDATA: '.*', SPACE: '\\s*', IPV4, IPV6: `(?:(?:[0-9A-Fa-f]{0,4}:){2,7}(?:${IPV4}|[0-9A-Fa-f]{1,4})|::)`,
  IP: '(?:%{IPV6}|%{IPV4})', HOSTNAME: '\\b[0-9A-Za-z][0-9A-Za-z.-]*\\b', IPORHOST: '(?:%{IP}|%{HOSTNAME})',
};

interface Parser { nodes: { grok: { name: string; statics?: { meta: string; value?: string }[] } }[]; pattern_syntax: Record<string, string> }

function patterns(): Record<string, string> {
  const out: Record<string, string> = { ...BASE };
  for (const line of readFileSync(join(DIR, 'patterns-ssh'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)\s+(.*)$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** %{NAME:field} expanded; only sshd_client_ip is kept as a named group (the first occurrence). */
function expand(defs: Record<string, string>, text: string, named: { done: boolean }, depth = 0): string {
  if (depth > 20) throw new Error('grok recursion');
  return text.replace(/%\{([A-Za-z0-9_]+)(?::([a-z_]+))?\}/g, (_, name: string, field?: string) => {
    const body = expand(defs, defs[name] ?? (() => { throw new Error(`no grok pattern ${name}`); })(), named, depth + 1);
    if (field === 'sshd_client_ip' && !named.done) { named.done = true; return `(?<ip>${body})`; }
    return `(?:${body})`;
  });
}

export interface CrowdsecNode { name: string; regex: RegExp; failedAuth: boolean }

export function parserNodes(): CrowdsecNode[] {
  const parser = parseYaml(readFileSync(join(DIR, 'sshd-logs.yaml'), 'utf8')) as Parser;
  const defs = { ...patterns(), ...parser.pattern_syntax };
  return parser.nodes.map(({ grok }) => ({
    name: grok.name,
    regex: new RegExp(expand(defs, `%{${grok.name}}`, { done: false })),
    failedAuth: (grok.statics ?? []).some((s) => s.meta === 'log_type' && s.value === 'ssh_failed-auth'),
  }));
}

export interface Scenario { capacity: number; leakspeed: number; blackhole: number }
const seconds = (d: string) => { const m = /^(\d+)([smh])$/.exec(d)!; return Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h']; };
export function scenario(name: 'ssh-bf' | 'ssh-slow-bf'): Scenario {
  const doc = parseYaml(readFileSync(join(DIR, `${name}.yaml`), 'utf8').split('\n---\n')[0]) as { capacity: number; leakspeed: string; blackhole: string };
  return { capacity: doc.capacity, leakspeed: seconds(doc.leakspeed), blackhole: seconds(doc.blackhole) };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SYSLOG = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) \S+ ([^\s[]+)(?:\[\d+\])?: (.*)$/;

/** The alerts CrowdSec's scenario raises on `log`, as [line number, address, time]. */
export function crowdsecAlerts(log: string, s: Scenario, year = new Date().getUTCFullYear()): Decision[] {
  const nodes = parserNodes();
  const buckets = new Map<string, { tokens: number; last: number; first: number; count: number }>();
  const holes = new Map<string, number>();
  const out: Decision[] = [];
  log.split('\n').forEach((line, i) => {
    const m = SYSLOG.exec(line);
    if (!m || !['sshd', 'sshd-session'].includes(m[6])) return;
    const t = Date.UTC(year, MONTHS.indexOf(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) / 1000;
    let hit: RegExpExecArray | null = null;
    const node = nodes.find((n) => (hit = n.regex.exec(m[7])) !== null);
    if (!node || !node.failedAuth) return;
    const ip = hit!.groups!.ip.replace(/^::ffff:(?=\d+\.)/i, '').toLowerCase();
    const idle = (s.capacity + 1) * s.leakspeed;
    let b = buckets.get(ip);
    if (!b || t - b.last >= idle) b = { tokens: s.capacity, last: t, first: t, count: 0 };
    else b.tokens = Math.min(s.capacity, b.tokens + Math.max(0, t - b.last) * (1 / s.leakspeed));
    b.last = t;
    b.count++;
    if (b.tokens >= 1) { b.tokens -= 1; buckets.set(ip, b); return; }
    buckets.delete(ip); // the bucket overflows and ends
    if ((holes.get(ip) ?? -Infinity) > t) return; // blackholed
    holes.set(ip, t + s.blackhole);
    out.push([i + 1, ip, t]);
  });
  return out;
}
