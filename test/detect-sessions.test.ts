// Session events: the module joins the lines of one sshd process (host and pid) into one ECS event after
// the line that ends the connection. Checked against a plain joiner written here from the same roles
// (detect/sessions.yaml) over the matcher's per-line events, on seeded attack corpora: the same events,
// field for field; the table is fixed (memory unchanged) and evicts, counted, when full.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createMatcher, type Matcher } from '../dist/node/binding/index.js';
import { attackCorpus } from '../host/bench/attack-corpus.js';

const roles = (parseYaml(readFileSync('detect/sessions.yaml', 'utf8')) as { roles: Record<string, string[]> }).roles;
const has = (role: string, id: string) => (roles[role] ?? []).includes(id);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const iso = (t: number) => new Date(t * 1000).toISOString();
const cut = (s: string, n: number) => Buffer.from(s).subarray(0, n).toString('utf8');

interface Open { start: number; last: number; ip?: string; port?: number; user?: string; accepted: boolean; attempts: number; reason?: string; pid: number; host: string }

/** The reference: one map entry per open process, every value from the matcher's decoded event of each line. */
function referenceSessions(m: Matcher, log: string, year: number): object[] {
  const open = new Map<string, Open>();
  const out: object[] = [];
  for (const r of m.matchLines(log)) {
    const ev = r.event, h = r.header;
    if (!ev || h.pid === null || h.pid === undefined || !h.timestamp) continue;
    const ts = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d)$/.exec(h.timestamp)!;
    const t = Date.UTC(year, MONTHS.indexOf(ts[1]), Number(ts[2]), Number(ts[3]), Number(ts[4]), Number(ts[5])) / 1000;
    const key = `${h.hostname ?? ''}\u0000${h.pid}`;
    let s = open.get(key);
    if (!s) { s = { start: t, last: t, accepted: false, attempts: 0, pid: Number(h.pid), host: String(h.hostname) }; open.set(key, s); }
    s.last = t;
    const f = ev.fields as Record<string, string | number | undefined>;
    const addr = [f['source.address'], f['source.ip'], f['system.auth.ssh.dropped_ip']].find((v) => typeof v === 'string' && isIP(v));
    if (s.ip === undefined && addr !== undefined) s.ip = String(addr);
    if (s.port === undefined && f['source.port'] !== undefined) s.port = Number(f['source.port']);
    if (f['user.name'] && (!s.accepted || has('accept', ev.id))) s.user = cut(String(f['user.name']), 32);
    if (has('failure', ev.id)) s.attempts++;
    if (has('accept', ev.id)) s.accepted = true;
    if (has('reason', ev.id) && f['event.reason'] !== undefined) s.reason = cut(String(f['event.reason']), 48);
    if (!has('close', ev.id)) continue;
    open.delete(key);
    const related: Record<string, string[]> = {};
    if (s.ip) related.ip = [s.ip];
    if (s.user) related.user = [s.user];
    out.push({
      '@timestamp': iso(s.last), ecs: { version: '9.4.0' },
      event: { kind: 'event', category: ['session'], type: ['end'], action: 'ssh_session', code: 'ssh_log_matcher.session', outcome: s.accepted ? 'success' : 'failure', start: iso(s.start), end: iso(s.last), duration: (s.last - s.start) * 1e9 },
      host: { hostname: s.host }, process: { pid: s.pid },
      ...(s.ip ? { source: { address: s.ip, ip: s.ip, ...(s.port !== undefined ? { port: s.port } : {}) } } : {}),
      ...(s.user ? { user: { name: s.user } } : {}),
      ...(s.ip || s.user ? { related } : {}),
      ssh_log_matcher: { status: 'session', attempts: s.attempts, closed_by: ev.id, ...(s.reason !== undefined ? { reason: s.reason } : {}) },
    });
  }
  return out;
}

function moduleSessions(m: Matcher, log: string): object[] {
  let text = '';
  m.writeAlerts(log, (j) => { text += typeof j === 'string' ? j : Buffer.from(j).toString('utf8'); });
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as object);
}

describe('session events', () => {
  const now = new Date();
  it.each([[16, 60, 6000], [3, 8, 4000], [9, 400, 20000]])('seed %i, %i addresses, %i lines: the same events as the reference joiner', async (seed, addresses, lines) => {
    const log = attackCorpus({ seed, addresses, lines });
    const m = await createMatcher({ referenceTime: now });
    m.setSessions(true);
    const before = m.core.memoryBytes;
    const ours = moduleSessions(m, log);
    const theirs = referenceSessions(m, log, now.getUTCFullYear());
    expect(ours.length).toBeGreaterThan(lines / 10);
    expect(ours).toEqual(theirs);
    expect(ours.some((s) => (s as { event: { outcome: string } }).event.outcome === 'success')).toBe(true);
    expect(m.sessionCounters).toEqual({ sessions: ours.length, evictions: 0 });
    expect(m.core.memoryBytes).toBe(before);
  });

  it('with a full table evicts the stalest session, counted: its closing line then starts and ends a session of its own', async () => {
    const m = await createMatcher({ referenceTime: now });
    m.setSessions({ slots: 8 });
    let log = '';
    for (let pid = 1; pid <= 9; pid++) log += `Jan  2 03:00:0${pid} gw sshd[${pid}]: Connection from 192.0.2.${pid} port 1000 on 192.0.2.254 port 22\n`;
    log += 'Jan  2 03:01:00 gw sshd[1]: Connection closed by 192.0.2.1 port 1000 [preauth]\n';
    log += 'Jan  2 03:01:00 gw sshd[2]: Connection closed by 192.0.2.2 port 1000 [preauth]\n';
    const s = moduleSessions(m, log) as { event: { start: string } }[];
    expect(m.sessionCounters.evictions).toBe(2); // pid 9 evicted pid 1's session; pid 1's close then evicted pid 2's
    expect(s.map((x) => x.event.start)).toEqual([iso(Date.UTC(now.getUTCFullYear(), 0, 2, 3, 1, 0) / 1000), iso(Date.UTC(now.getUTCFullYear(), 0, 2, 3, 1, 0) / 1000)]);
  });
});
