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

interface Session {
  start: number; last: number; ip?: string; port?: number; user?: string; accepted: boolean; attempts: number; reason?: string;
  pid: number; host: string; sealed: boolean; closed: boolean; sent?: number; received?: number;
}
const TIMEOUT = 300, LINGER = 10;

function sessionEvent(s: Session, closedBy: string): object {
  const related: Record<string, string[]> = {};
  if (s.ip) related.ip = [s.ip];
  if (s.user) related.user = [s.user];
  const bytes = s.sent !== undefined;
  return {
    '@timestamp': iso(s.last), ecs: { version: '9.4.0' },
    event: { kind: 'event', category: ['session'], type: ['end'], action: 'ssh_session', code: 'ssh_log_matcher.session', outcome: s.accepted ? 'success' : 'failure', start: iso(s.start), end: iso(s.last), duration: (s.last - s.start) * 1e9 },
    host: { hostname: s.host }, process: { pid: s.pid },
    ...(s.ip || bytes ? { source: { ...(s.ip ? { address: s.ip, ip: s.ip } : {}), ...(s.ip && s.port !== undefined ? { port: s.port } : {}), ...(bytes ? { bytes: s.received } : {}) } } : {}),
    ...(bytes ? { destination: { bytes: s.sent } } : {}),
    ...(s.user ? { user: { name: s.user } } : {}),
    ...(s.ip || s.user ? { related } : {}),
    ssh_log_matcher: { status: 'session', attempts: s.attempts, closed_by: closedBy, ...(s.reason !== undefined ? { reason: s.reason } : {}) },
  };
}

/**
 * The reference, in plain maps with no bound: a session per connection, every value from the matcher's
 * decoded event of each line, linked and closed as detect/sessions.yaml and docs/detect.md say. Sessions
 * without a login still open and silent for TIMEOUT at the end are written as timed out.
 */
function referenceSessions(m: Matcher, log: string, year: number): object[] {
  const own = new Map<string, Session>(); // host + pid: the process's own session
  const links = new Map<string, Session>(); // host + pid of a child, host + address (+ port) of a login
  const out: object[] = [];
  let now = 0;
  for (const r of m.matchLines(log)) {
    const ev = r.event, h = r.header;
    if (!ev || h.pid === null || h.pid === undefined || !h.timestamp) continue;
    const ts = /^([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d)$/.exec(h.timestamp)!;
    const t = Date.UTC(year, MONTHS.indexOf(ts[1]), Number(ts[2]), Number(ts[3]), Number(ts[4]), Number(ts[5])) / 1000;
    now = Math.max(now, t);
    const host = h.hostname ?? '';
    const key = `${host}\u0000${h.pid}`;
    const f = ev.fields as Record<string, string | number | undefined>;
    const sealing = has('start', ev.id) || has('failure', ev.id) || has('accept', ev.id) || (r.message ?? '').endsWith(' [preauth]');
    const ownerKey = (x: Session) => `${x.host}\u0000${x.pid}`;
    let s = own.get(key) ?? links.get(key);
    if (s && own.get(ownerKey(s)) !== s) s = undefined; // a link to a session that is gone
    if (s?.closed) {
      if (!has('start', ev.id) && t - s.last <= LINGER) continue; // a last line of a closed connection
      own.delete(ownerKey(s));
      s = undefined;
    }
    const ip = [f['source.address'], f['source.ip'], f['system.auth.ssh.dropped_ip']].find((v) => typeof v === 'string' && isIP(v)) as string | undefined;
    const port = f['source.port'] !== undefined ? Number(f['source.port']) : undefined;
    if (has('link', ev.id) && ip && !sealing && (!s || (own.get(key) === s && !s.sealed && !s.ip))) {
      const parent = links.get(port !== undefined ? `${host}\u0000${ip}\u0000${port}` : `${host}\u0000${ip}`);
      if (parent && !s && parent.closed && own.get(ownerKey(parent)) === parent && t - parent.last <= LINGER) { links.set(key, parent); continue; } // the login's session just closed
      if (parent && parent !== s && !parent.closed && own.get(ownerKey(parent)) === parent) {
        if (s) {
          parent.attempts += s.attempts;
          parent.start = Math.min(parent.start, s.start);
          if (s.sent !== undefined) { parent.sent = (parent.sent ?? 0) + s.sent; parent.received = (parent.received ?? 0) + s.received!; }
          parent.reason ??= s.reason;
          own.delete(key);
        }
        links.set(key, parent);
        s = parent;
      }
    }
    if (!s) {
      s = { start: t, last: t, accepted: false, attempts: 0, pid: Number(h.pid), host, sealed: false, closed: false };
      own.set(key, s);
    }
    s.last = t;
    if (sealing) s.sealed = true;
    if (s.ip === undefined && ip !== undefined) s.ip = ip;
    if (s.port === undefined && port !== undefined) s.port = port;
    if (f['user.name'] && (!s.accepted || has('accept', ev.id))) s.user = cut(String(f['user.name']), 32);
    if (has('failure', ev.id)) s.attempts++;
    if (has('accept', ev.id)) {
      s.accepted = true;
      if (ip) {
        if (port !== undefined) links.set(`${host}\u0000${ip}\u0000${port}`, s);
        links.set(`${host}\u0000${ip}`, s);
      }
    }
    if (has('reason', ev.id) && f['event.reason'] !== undefined) s.reason = cut(String(f['event.reason']), 48);
    if (has('child', ev.id)) links.set(`${host}\u0000${f['system.auth.ssh.pid']}`, s);
    if (has('bytes', ev.id)) { s.sent = (s.sent ?? 0) + Number(f['system.auth.ssh.sent']); s.received = (s.received ?? 0) + Number(f['system.auth.ssh.received']); }
    if (has('close', ev.id)) { out.push(sessionEvent(s, ev.id)); s.closed = true; }
  }
  for (const s of own.values()) if (!s.closed && !s.accepted && now - s.last > TIMEOUT && (s.ip || s.user)) out.push(sessionEvent(s, 'timeout'));
  return out;
}

/** A session event as the module writes it (docs/detect.md#sessions): the members the tests read. */
interface SessionDoc {
  event: { outcome: string; start: string; end: string; duration: number };
  host: { hostname: string };
  process: { pid: number };
  source?: { address?: string; ip?: string; port?: number; bytes?: number };
  destination?: { bytes: number };
  user?: { name: string };
  ssh_log_matcher: { closed_by: string; attempts: number; reason?: string };
}

function moduleSessions(m: Matcher, log: string): SessionDoc[] {
  let text = '';
  m.writeAlerts(log, (j) => { text += typeof j === 'string' ? j : Buffer.from(j).toString('utf8'); });
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as SessionDoc);
}

describe('session events', () => {
  const now = new Date();
  // A day later, lines of another host: the sweep passes the whole table (a set a line), writing every
  // session that timed out, as the reference does at the end.
  const flush = Array.from({ length: 2100 }, (_, i) => `Jan  9 00:00:00 flush sshd[${i + 1}]: Connection from 192.0.2.250 port ${i + 1} on 192.0.2.1 port 22\n`).join('');
  const notFlush = (e: object) => (e as { host: { hostname: string } }).host.hostname !== 'flush';
  it.each([[16, 60, 6000, false], [3, 8, 4000, false], [9, 400, 20000, false], [5, 200, 20000, true], [11, 30, 8000, true]])(
    'seed %i, %i addresses, %i lines, user children %s: the same events as the reference joiner', async (seed, addresses, lines, children) => {
      const log = attackCorpus({ seed, addresses, lines, children }) + flush;
      const m = await createMatcher({ referenceTime: now });
      m.setSessions(true);
      const before = m.core.memoryBytes;
      const ours = moduleSessions(m, log);
      const theirs = referenceSessions(m, log, now.getUTCFullYear());
      expect(ours.length).toBeGreaterThan(lines / 10);
      const order = (xs: object[]) => xs.filter(notFlush).map((x) => JSON.stringify(x)).sort();
      expect(order(ours)).toEqual(order(theirs));
      expect(ours.filter(notFlush).length).toBe(ours.length);
      // Written as each line ends its connection: in the reference's order but for the timed-out ones.
      const closed = (xs: object[]) => xs.filter((x) => (x as { ssh_log_matcher: { closed_by: string } }).ssh_log_matcher.closed_by !== 'timeout');
      expect(closed(ours)).toEqual(closed(theirs));
      expect(ours.some((s) => s.event.outcome === 'success')).toBe(true);
      if (children) {
        expect(ours.some((s) => s.ssh_log_matcher.closed_by === 'timeout')).toBe(true);
        expect(ours.some((s) => s.destination !== undefined)).toBe(true);
        // Every login's child was joined to it: no session of a child alone (pids above 900000).
        expect(ours.filter((s) => s.process.pid > 900000)).toEqual([]);
      }
      expect(m.sessionCounters).toEqual({ sessions: ours.length, evictions: 0 });
      expect(m.core.memoryBytes).toBe(before);
    });

  it('with a full table evicts the stalest session, written and counted; a closing line then starts and ends a session of its own', async () => {
    const m = await createMatcher({ referenceTime: now });
    m.setSessions({ slots: 8 });
    let log = '';
    for (let pid = 1; pid <= 9; pid++) log += `Jan  2 03:00:0${pid} gw sshd[${pid}]: Connection from 192.0.2.${pid} port 1000 on 192.0.2.254 port 22\n`;
    log += 'Jan  2 03:01:00 gw sshd[1]: Connection closed by 192.0.2.1 port 1000 [preauth]\n';
    log += 'Jan  2 03:01:00 gw sshd[2]: Connection closed by 192.0.2.2 port 1000 [preauth]\n';
    const s = moduleSessions(m, log);
    // pid 9 evicted pid 1's session; pid 1's closing line then evicted pid 2's; pid 2's took pid 1's closed slot.
    expect(m.sessionCounters).toEqual({ sessions: 4, evictions: 2 });
    expect(s.map((x) => [x.process.pid, x.ssh_log_matcher.closed_by])).toEqual([[1, 'evicted'], [2, 'evicted'], [1, 'openssh.connection.closed'], [2, 'openssh.connection.closed']]);
    const at = (sec: number) => iso(Date.UTC(now.getUTCFullYear(), 0, 2, 3, 0, sec) / 1000);
    expect(s.map((x) => x.event.start)).toEqual([at(1), at(2), at(60), at(60)]);
  });

  const year = now.getUTCFullYear();
  const one = async (log: string, o: { slots?: number; timeout?: number } = {}) => {
    const m = await createMatcher({ referenceTime: now });
    m.setSessions(o);
    return moduleSessions(m, log);
  };

  it('joins a login and its privilege-separated user child (loghub, sshd before 7.3): one session, success, the child\'s reason', async () => {
    const s = await one([
      'Dec 10 09:32:20 LabSZ sshd[24680]: Accepted password for fztu from 119.137.62.142 port 49116 ssh2',
      'Dec 10 09:32:20 LabSZ sshd[24680]: pam_unix(sshd:session): session opened for user fztu by (uid=0)',
      'Dec 10 09:45:06 LabSZ sshd[24761]: Received disconnect from 119.137.62.142: 11: disconnected by user',
      'Dec 10 09:45:06 LabSZ sshd[24680]: pam_unix(sshd:session): session closed for user fztu', ''].join('\n'));
    expect(s).toHaveLength(1);
    expect(s[0].event).toMatchObject({ outcome: 'success', duration: 766e9 });
    expect(s[0].process).toEqual({ pid: 24680 });
    expect(s[0].user).toEqual({ name: 'fztu' });
    expect(s[0].ssh_log_matcher).toMatchObject({ closed_by: 'openssh.connection.received-disconnect', reason: 'disconnected by user' });
  });

  it('10.x sshd-session: "User child is on pid" links the child; its bytes are the session\'s; the monitor\'s last line is absorbed', async () => {
    const s = await one([
      'Jan  3 10:00:00 gw sshd-session[900]: Connection from 192.0.2.7 port 5000 on 192.0.2.1 port 22',
      'Jan  3 10:00:01 gw sshd-session[900]: Accepted publickey for alice from 192.0.2.7 port 5000 ssh2: ED25519 SHA256:abc',
      'Jan  3 10:00:01 gw sshd-session[900]: User child is on pid 901',
      'Jan  3 10:30:02 gw sshd-session[901]: Transferred: sent 4242, received 1717 bytes',
      'Jan  3 10:30:02 gw sshd-session[901]: Disconnected from user alice 192.0.2.7 port 5000',
      'Jan  3 10:30:03 gw sshd-session[900]: pam_unix(sshd:session): session closed for user alice', ''].join('\n'));
    expect(s).toHaveLength(1);
    expect(s[0].source).toEqual({ address: '192.0.2.7', ip: '192.0.2.7', port: 5000, bytes: 1717 });
    expect(s[0].destination).toEqual({ bytes: 4242 });
    expect(s[0].event).toMatchObject({ start: iso(Date.UTC(year, 0, 3, 10, 0, 0) / 1000), end: iso(Date.UTC(year, 0, 3, 10, 30, 2) / 1000), outcome: 'success' });
  });

  it('a user child that loses its client (ClientAliveInterval) ends the login\'s session', async () => {
    const s = await one([
      'Jan  3 10:00:01 gw sshd[700]: Accepted publickey for bob from 192.0.2.9 port 4000 ssh2: ED25519 SHA256:abc',
      'Jan  3 11:00:00 gw sshd[701]: Timeout, client not responding from 192.0.2.9',
      'Jan  3 11:00:00 gw sshd[700]: pam_unix(sshd:session): session closed for user bob', ''].join('\n'));
    expect(s.map((x) => [x.process.pid, x.event.outcome, x.ssh_log_matcher.closed_by]))
      .toEqual([[700, 'success', 'openssh.server.timeout-client-not-responding-2']]);
  });

  it('a child\'s last lines after its login\'s session closed are taken in, not made a session of their own', async () => {
    const s = await one([
      'Jan  3 10:00:01 gw sshd[800]: Accepted password for carol from 192.0.2.11 port 4100 ssh2',
      'Jan  3 10:05:00 gw sshd[800]: pam_unix(sshd:session): session closed for user carol',
      'Jan  3 10:05:01 gw sshd[801]: Received disconnect from 192.0.2.11 port 4100:11: disconnected by user',
      'Jan  3 10:05:01 gw sshd[801]: Disconnected from user carol 192.0.2.11 port 4100', ''].join('\n'));
    expect(s.map((x) => [x.process.pid, x.ssh_log_matcher.closed_by])).toEqual([[800, 'openssh.pam.session-closed']]);
  });

  it('never links by text a client typed, by a [preauth] line, or to a process that began a connection of its own', async () => {
    const s = await one([
      'Jan  3 10:00:01 gw sshd[900]: Accepted password for alice from 192.0.2.7 port 5000 ssh2',
      // Behind the same NAT address: another client's own connection, its lines [preauth] or its own.
      'Jan  3 10:00:05 gw sshd[950]: Received disconnect from 192.0.2.7: 11: Bye Bye [preauth]',
      'Jan  3 10:00:06 gw sshd[951]: Connection from 192.0.2.7 port 6000 on 192.0.2.1 port 22',
      'Jan  3 10:00:06 gw sshd[951]: Connection closed by 192.0.2.7 port 5000',
      // A user name that reads like the login's endpoint.
      'Jan  3 10:00:07 gw sshd[952]: Disconnected from user x 192.0.2.7 port 5000 198.51.100.1 port 7000',
      'Jan  3 10:00:08 gw sshd[900]: pam_unix(sshd:session): session closed for user alice', ''].join('\n'));
    const byPid = Object.fromEntries(s.map((x) => [x.process.pid, x]));
    expect(Object.keys(byPid).sort()).toEqual(['900', '950', '951', '952']);
    expect(byPid[900].event).toMatchObject({ outcome: 'success', start: iso(Date.UTC(year, 0, 3, 10, 0, 1) / 1000) });
    expect(byPid[952].source).toMatchObject({ ip: '198.51.100.1', port: 7000 });
    expect(byPid[951].event).toMatchObject({ outcome: 'failure' });
  });

  it('writes a session without a login that fell silent, once the sweep finds it; a logged-in one never times out', async () => {
    const s = await one([
      'Jan  2 03:00:00 gw sshd[1]: Connection from 192.0.2.1 port 1000 on 192.0.2.254 port 22',
      'Jan  2 03:00:01 gw sshd[1]: Failed password for root from 192.0.2.1 port 1000 ssh2',
      'Jan  2 03:00:00 gw sshd[2]: Accepted password for bob from 192.0.2.2 port 1001 ssh2',
      'Jan  2 03:04:00 gw sshd[3]: Connection from 192.0.2.3 port 1002 on 192.0.2.254 port 22',
      'Jan  2 04:00:00 gw sshd[4]: Connection from 192.0.2.4 port 1003 on 192.0.2.254 port 22', ''].join('\n'), { slots: 8, timeout: 120 });
    // The table is one set: the line at 04:00 sweeps it. Sessions 1 and 3 are silent beyond 120 s; 2 is logged in.
    expect(s.map((x) => [x.process.pid, x.ssh_log_matcher.closed_by, x.ssh_log_matcher.attempts])).toEqual([[1, 'timeout', 1], [3, 'timeout', 0]]);
    expect(s[0].event).toMatchObject({ end: iso(Date.UTC(year, 0, 2, 3, 0, 1) / 1000), outcome: 'failure' });
  });

  it('joins a Tectia connection by its process: the login, its user and address, the logout', async () => {
    const s = await one([
      'Mar  2 10:00:01 web1 sshd2[412]: Authentication failed for user alice, coming from 192.0.2.5.',
      'Mar  2 10:00:03 web1 sshd2[412]: User alice (uid 1000), coming from 192.0.2.5, authenticated.',
      'Mar  2 10:20:05 web1 sshd2[412]: Logout for user alice.',
      "Mar  2 10:21:00 web1 ssh-server-g3[413]: connection lost: 'Connection closed.'", ''].join('\n'));
    expect(s.map((x) => [x.process.pid, x.event.outcome, x.ssh_log_matcher.closed_by])).toEqual([
      [412, 'success', 'tectia.session.logout'], [413, 'failure', 'tectia.disconnect.connection-lost']]);
    expect(s[0].user).toEqual({ name: 'alice' });
    expect(s[0].source).toEqual({ address: '192.0.2.5', ip: '192.0.2.5' });
    expect(s[0].ssh_log_matcher).toMatchObject({ attempts: 1 });
    expect(s[1].ssh_log_matcher).toMatchObject({ reason: 'Connection closed.' });
  });

  it('refuses a bad timeout or table size', async () => {
    const m = await createMatcher({ referenceTime: now });
    expect(() => m.setSessions({ timeout: 0 })).toThrow(/timeout/);
    expect(() => m.setSessions({ slots: 12 })).toThrow(/power of two/);
  });
});
