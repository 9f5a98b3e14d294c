// The CLI as users run it: files or stdin in, one JSON document per line out, errors as one line.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostileLine, joinLines, prng } from './support/hostile.js';

const cli = (args: string[], input?: string | Buffer) =>
  spawnSync('node', ['dist/node/cli/main.js', ...args], { input, maxBuffer: 1 << 30 });

describe('ssh-log-matcher CLI', () => {
  it('writes one JSON object per input line, matched or not; the whole line only with --keep-original', () => {
    const input = readFileSync('examples/sample/auth.log');
    const r = cli(['examples/sample/auth.log']);
    expect(r.status).toBe(0);
    const docs = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
    const lines = input.toString().trim().split('\n');
    expect(docs).toHaveLength(lines.length);
    docs.forEach((d, i) => { expect(d.event?.original).toBeUndefined(); expect(lines[i].endsWith(d.message)).toBe(true); });
    const kept = cli(['--keep-original', 'examples/sample/auth.log']).stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
    kept.forEach((d, i) => expect(d.event.original).toBe(lines[i]));
    const failed = docs.find((d) => d.event.code === 'tectia.auth.failed');
    expect(failed).toMatchObject({ user: { name: 'admin' }, source: { address: '203.0.113.77', ip: '203.0.113.77' }, event: { outcome: 'failure', category: ['authentication'] } });
    expect(docs.filter((d) => d.ssh_log_matcher.status !== 'matched').map((d) => d.ssh_log_matcher.status)).toEqual(['not-ssh', 'no-match']);
  });

  it('reads stdin, --only-matched filters, --stats counts per entry on stderr', () => {
    const r = cli(['--only-matched', '--stats'], 'Daemon is running.\nnoise\nDaemon is running.\n\n');
    expect(r.status).toBe(0);
    expect(r.stdout.toString().trim().split('\n')).toHaveLength(2);
    const stats = r.stderr.toString();
    expect(stats).toMatch(/tectia\.server\.running\s+2/);
    expect(stats).toMatch(/\(no-match\)\s+1/);
    expect(stats).toMatch(/\(empty\)\s+1/);
    expect(stats).toMatch(/total lines\s+4/);
  });

  it('keeps a last line without newline, and reads - as stdin among files', () => {
    const r = cli(['-'], 'restarting...');
    expect(JSON.parse(r.stdout.toString()).event.code).toBe('tectia.server.restarting');
  });

  it('an unreadable file is one clear line and exit code 2', () => {
    const r = cli(['no/such/file.log']);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toBe('ssh-log-matcher: cannot read no/such/file.log: ENOENT\n');
    expect(r.stdout.length).toBe(0);
  });

  it('--timezone reads timestamps without an offset in that zone, on every thread; a bad zone is exit code 2', () => {
    const line = 'Nov 25 10:00:10 gw sshd[1]: Connection closed by 192.0.2.1 port 22 [preauth]\n';
    for (const threads of ['1', '2']) {
      const ts = JSON.parse(cli(['--threads', threads, '--timezone', '+02:00'], line).stdout.toString())['@timestamp'] as string;
      expect(ts).toMatch(/^\d{4}-11-25T08:00:10\.000Z$/);
    }
    const bad = cli(['--timezone', 'Nowhere/Atlantis'], line);
    expect(bad.status).toBe(2);
    expect(bad.stderr.toString()).toMatch(/^ssh-log-matcher: --timezone Nowhere\/Atlantis: not UTC, an offset/);
  });

  it('a bad option is one clear line and exit code 2', () => {
    const r = cli(['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toMatch(/^error: unknown option '--bogus'\n/);
  });
});

describe('--explain', () => {
  it('shows the fields of a matched line', () => {
    const r = cli(['--explain'], 'Nov 25 10:00:10 gw sshd2[412]: Logout for user bob.\n');
    expect(r.stdout.toString()).toContain('framing: rfc3164 (timestamp "Nov 25 10:00:10", host "gw", program "sshd2", pid 412)');
    expect(r.stdout.toString()).toContain('result:  matched tectia.session.logout');
    expect(r.stdout.toString()).toContain('  user.name = "bob"');
  });

  it('names the closest entry and where it stopped for a line that matched nothing', () => {
    const r = cli(['--explain'], 'User bob (uid 12), coming from x, authenticate.\n');
    const text = r.stdout.toString();
    expect(text).toContain('result:  no-match');
    expect(text.split('closest entries:\n')[1].split('\n')[0]).toBe('  tectia.auth.user-authenticated: template "User <login-name> (uid <uid-number>), coming from <host>, authenticated."');
    expect(text).toContain('matched 46 of 47 bytes, then expected "d." at "."');
  });
});

describe('--threads', () => {
  it('gives the same output and counts whatever the number of threads, in input order', () => {
    const rand = prng(5);
    const lines = [readFileSync('test/fixtures/tectia.log'), readFileSync('test/fixtures/loghub-openssh-2k/OpenSSH_2k.log'), joinLines(Array.from({ length: 20_000 }, () => hostileLine(rand)))];
    const input = Buffer.concat(lines);
    const one = cli(['--threads', '1', '--stats'], input);
    const three = cli(['--threads', '3', '--stats'], input);
    expect(one.status).toBe(0);
    expect(three.status).toBe(0);
    expect(three.stdout.equals(one.stdout)).toBe(true);
    expect(three.stderr.toString()).toBe(one.stderr.toString());
    expect(one.stdout.toString().split('\n').length - 1).toBe(input.toString('latin1').split('\n').length - 1);
  });

  it('rejects a bad number of threads with one line and exit code 2', () => {
    const r = cli(['--threads', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toMatch(/^error: option '--threads <n>' argument '0' is invalid\. a number of threads from 1 to 64, or auto\n/);
  });
});

describe('streaming', () => {
  it.each([1, 2])('with %i thread(s), writes a line while its input is still open (tail -F)', async (threads) => {
    const { spawn } = await import('node:child_process');
    const child = spawn('node', ['dist/node/cli/main.js', '--threads', String(threads)]);
    const first = new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
    child.stdin.write('Daemon is running.\n');
    const line = await first; // arrives before stdin is closed
    expect(JSON.parse(line).event.code).toBe('tectia.server.running');
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
  });
});
