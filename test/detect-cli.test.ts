// The CLI's --detect: the documents flow unchanged, each decision is one more JSON line (an ECS alert)
// right after the line that made it, with fail2ban's defaults and the options' values; bad values are
// one line on stderr and exit code 2.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isAllowedField } from '../dist/node/compile/ecs.js';
import { attackCorpus } from '../host/bench/attack-corpus.js';

const cli = (args: string[], input?: string | Buffer) =>
  spawnSync('node', ['dist/node/cli/main.js', ...args], { input, maxBuffer: 1 << 30 });
const corpus = attackCorpus({ seed: 7, addresses: 30, lines: 3000 });
const isAlert = (l: string) => (JSON.parse(l) as { event?: { kind?: string } }).event?.kind === 'alert';

/** Every leaf's dotted path, arrays as their own path. */
function leaves(x: unknown, path = ''): string[] {
  if (x && typeof x === 'object' && !Array.isArray(x)) return Object.entries(x).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
  return [path];
}

describe('ssh-log-matcher --detect', () => {
  it('keeps every document as it was and adds the alerts after the lines that made them', () => {
    const plain = cli(['-'], corpus);
    const detected = cli(['--detect'], corpus);
    expect(detected.status).toBe(0);
    const lines = detected.stdout.toString().trim().split('\n');
    const alerts = lines.filter(isAlert);
    expect(alerts.length).toBeGreaterThan(10);
    expect(lines.filter((l) => !isAlert(l)).join('\n')).toBe(plain.stdout.toString().trim());
    const input = corpus.trim().split('\n');
    let n = 0;
    for (const l of lines) {
      if (!isAlert(l)) { n++; continue; }
      const a = JSON.parse(l);
      // The line before it is the maxretry-th failure: it has the alert's time and names its address, or
      // names none (Disconnecting: Too many authentication failures) and the connection's is taken.
      const before = JSON.parse(lines[lines.indexOf(l) - 1]);
      if (before.source?.ip) expect(a.source.ip).toBe(before.source.ip.replace(/^::ffff:/, ''));
      else expect(before.event.code).toBe('openssh.auth.too-many-failures');
      expect(a['@timestamp']).toBe(before['@timestamp']);
      expect(input[n - 1]).toContain(before.message);
      expect(a).toMatchObject({ event: { kind: 'alert', category: ['intrusion_detection'], type: ['info'], code: 'fail2ban.sshd' },
        ssh_log_matcher: { status: 'alert', detector: 'fail2ban', mode: 'normal', maxretry: 5, findtime: 600 } });
      expect(a.ssh_log_matcher.failures).toBeGreaterThanOrEqual(5);
      expect(Date.parse(a.event.end) - Date.parse(a.event.start)).toBe(a.event.duration / 1e6);
      expect(a.event.duration / 1e9).toBeLessThanOrEqual(600);
      for (const f of leaves(a).filter((p) => !p.startsWith('ssh_log_matcher.'))) expect(isAllowedField(f), f).toBe(true);
    }
  });

  it('takes the mode, --maxretry and --findtime (fail2ban time abbreviations), and still writes alerts with --only-matched', () => {
    const base = cli(['--detect'], corpus).stdout.toString().split('\n').filter((l) => l && isAlert(l)).length;
    const strict = cli(['--detect', 'aggressive', '--maxretry', '3', '--findtime', '1h', '--only-matched'], corpus);
    expect(strict.status).toBe(0);
    const alerts = strict.stdout.toString().trim().split('\n').filter(isAlert).map((l) => JSON.parse(l));
    expect(alerts.length).toBeGreaterThan(base);
    expect(alerts[0].ssh_log_matcher).toMatchObject({ mode: 'aggressive', maxretry: 3, findtime: 3600 });
  });

  it('runs CrowdSec\'s scenarios: --detect ssh-bf, ssh-slow-bf', () => {
    for (const [mode, capacity, leakspeed] of [['ssh-bf', 5, 10], ['ssh-slow-bf', 10, 60]] as const) {
      const r = cli(['--detect', mode, '--only-matched'], corpus);
      expect(r.status).toBe(0);
      const alerts = r.stdout.toString().trim().split('\n').filter(isAlert).map((l) => JSON.parse(l));
      expect(alerts.length, mode).toBeGreaterThan(0);
      expect(alerts[0]).toMatchObject({ event: { code: 'crowdsec.ssh' }, rule: { ruleset: 'crowdsec', name: `crowdsecurity/${mode}` },
        ssh_log_matcher: { detector: 'crowdsec', mode, capacity, leakspeed } });
      expect(alerts[0].ssh_log_matcher.failures).toBe(capacity + 1);
    }
  });

  it('--sessions adds a session event after each connection\'s last line; --only-events writes only the events', () => {
    const all = cli(['--sessions', '--detect'], corpus).stdout.toString().trim().split('\n');
    const events = cli(['--sessions', '--detect', '--only-events'], corpus).stdout.toString().trim().split('\n');
    const isEvent = (l: string) => { const d = JSON.parse(l); return d.event?.kind === 'alert' || d.ssh_log_matcher?.status === 'session'; };
    expect(events.length).toBeGreaterThan(100);
    expect(events.every(isEvent)).toBe(true);
    expect(all.filter(isEvent)).toEqual(events);
    expect(all.filter((l) => !isEvent(l)).join('\n')).toBe(cli(['-'], corpus).stdout.toString().trim());
    const session = JSON.parse(events.find((l) => l.includes('"status":"session"'))!);
    expect(session).toMatchObject({ event: { kind: 'event', category: ['session'], type: ['end'] } });
    const r = cli(['--only-events'], corpus);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toMatch(/--only-events needs --detect or --sessions/);
  });

  it('reads `--detect auth.log` as the file, in normal mode', () => {
    const r = spawnSync('node', ['dist/node/cli/main.js', '--detect', 'test/fixtures/fail2ban-sshd/sshd.log', '--maxretry', '2']);
    expect(r.status).toBe(0);
    expect(r.stdout.toString().split('\n').filter((l) => l && isAlert(l)).length).toBeGreaterThan(5);
  });

  it('fails on bad values with one line and exit code 2', () => {
    for (const [args, message] of [
      [['--detect', 'paranoid'], /--detect mode paranoid: one of normal, ddos, extra, aggressive/],
      [['--detect', '--maxretry', '0'], /--maxretry 0/],
      [['--detect', '--findtime', 'soon'], /--findtime soon/],
      [['--maxretry', '3'], /--maxretry and --findtime need --detect/],
      [['--detect', '--explain'], /--explain and --detect/],
      [['--detect', 'ssh-bf', '--maxretry', '3'], /maxretry and findtime are fail2ban's/],
    ] as [string[], RegExp][]) {
      const r = cli(args, '');
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.toString()).toMatch(message);
      expect(r.stderr.toString().trim().split('\n')).toHaveLength(1);
    }
  });
});
