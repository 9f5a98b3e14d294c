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
    const failed = docs.find((d) => d.event?.code === 'tectia.auth.failed');
    expect(failed).toMatchObject({ user: { name: 'admin' }, source: { address: '203.0.113.77', ip: '203.0.113.77' }, event: { outcome: 'failure', category: ['authentication'] } });
    expect(docs.filter((d) => d.ssh_log_matcher.status !== 'matched').map((d) => d.ssh_log_matcher.status)).toEqual(['not-ssh', 'no-match']);
    // The bundled sample (npm start) shows both families: most users run OpenSSH.
    const families = new Set(docs.filter((d) => d.event?.code).map((d) => d.event.code.split('.')[0]));
    expect([...families].sort()).toEqual(['openssh', 'tectia']);
    expect(docs.find((d) => d.event?.code === 'openssh.auth.accepted')).toMatchObject({ user: { name: 'deploy' }, source: { ip: '192.0.2.44' } });
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
    expect(r.stderr.toString()).toBe('ssh-log-matcher: cannot read no/such/file.log: no such file or directory\n');
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

describe('start-up', () => {
  it('a plain run loads only what matching needs: not the catalog\'s sources (yaml, @elastic/ecs) nor the sidecar\'s (@msgpack)', () => {
    const loaded = (args: string[]) => {
      const r = spawnSync('node', ['--import', './test/support/loaded-libraries.mjs', 'dist/node/cli/main.js', ...args], { input: 'Daemon is running.\n' });
      expect(r.status).toBe(0);
      return r.stderr.toString().split('\n').flatMap((l) => (l.startsWith('loaded ') ? [l.slice(7)] : []));
    };
    expect(loaded([])).toEqual(['commander']);
    // --explain and export read the catalog's sources, and load them when asked for.
    expect(loaded(['--explain'])).toEqual(expect.arrayContaining(['@elastic/ecs', 'yaml']));
    expect(loaded(['export', '--format', 'grok'])).toEqual(expect.arrayContaining(['@elastic/ecs', 'yaml']));
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

describe('fails like a Unix tool (issue 15, point 6)', () => {
  it.each([[[]], [['--explain']], [['--threads', '2']], [['serve']]])('a directory is one line in words and exit 2 (%j)', (args) => {
    const r = cli([...args, '/tmp']);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toBe('ssh-log-matcher: cannot read /tmp: is a directory\n');
  });

  it.each([['1'], ['2']])('a write error (/dev/full) is one line in words and exit 2 (--threads %s)', (threads) => {
    const r = spawnSync('sh', ['-c', `node dist/node/cli/main.js --threads ${threads} examples/sample/auth.log > /dev/full`]);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toBe('ssh-log-matcher: cannot write standard output: no space left on device\n');
  });

  it('serve: a write error is one line too', () => {
    const r = spawnSync('sh', ['-c', 'node dist/node/cli/main.js serve examples/sample/auth.log > /dev/full']);
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toBe('ssh-log-matcher: cannot write standard output: no space left on device\n');
  });

  it('an unreadable file among several is reported, the others are still read, and the exit code says so', () => {
    const r = cli(['--stats', '--keep-original', 'no/such.log', 'examples/sample/auth.log', '/tmp', '-'], 'Daemon is running.\n');
    expect(r.status).toBe(2);
    const sample = readFileSync('examples/sample/auth.log', 'utf8').trim().split('\n');
    const docs = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(docs.map((d) => d.event.original)).toEqual([...sample, 'Daemon is running.']);
    const err = r.stderr.toString().split('\n');
    expect(err.slice(0, 2)).toEqual(['ssh-log-matcher: cannot read no/such.log: no such file or directory', 'ssh-log-matcher: cannot read /tmp: is a directory']);
    expect(r.stderr.toString()).toMatch(new RegExp(`total lines\\s+${sample.length + 1}\\n`));
  });

  it('"help" is the help, not a file name; "help serve" is the help of serve', () => {
    const r = cli(['help']);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toMatch(/^Usage: ssh-log-matcher \[options\] \[command\] \[files\.\.\.\]/);
    const s = cli(['help', 'serve']);
    expect(s.status).toBe(0);
    expect(s.stdout.toString()).toMatch(/^Usage: ssh-log-matcher serve /);
  });

  it('--threads help says what the default is', () => {
    const help = cli(['--help']).stdout.toString().replace(/\s+/g, ' ');
    expect(help).toContain('the default: 1 on machines with fewer than 4 cores, else one per core up to 4');
  });
});

describe('signals', () => {
  const start = async (args: string[]) => {
    const { spawn } = await import('node:child_process');
    return spawn('node', ['dist/node/cli/main.js', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  };

  it.each([['SIGTERM', 143], ['SIGINT', 130]] as const)('%s: writes what it read, prints --stats, exits 128 + signal', async (sig, code) => {
    const child = await start(['--stats']);
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.stdin.write('Daemon is running.\nLogout for user bob.\n');
    while (out.split('\n').length < 3) await new Promise((r) => setTimeout(r, 20));
    child.kill(sig); // stdin stays open, as with tail -F
    const status = await new Promise((r) => child.on('close', (c) => r(c)));
    expect(status).toBe(code);
    expect(out.trim().split('\n').map((l) => JSON.parse(l).event.code)).toEqual(['tectia.server.running', 'tectia.session.logout']);
    expect(err).toMatch(/total lines\s+2\n/);
  });

  it.each([['1'], ['2']])('SIGTERM while stdout is a full pipe ends the output on a whole line (--threads %s; issue 13, point 11)', async (threads) => {
    const line = 'Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user admin, coming from 203.0.113.77.\n';
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'cli-sigterm-'));
    const file = join(dir, 'big.log');
    writeFileSync(file, line.repeat(200_000)); // 20 MB in, ~200 MB of JSON: far more than a pipe holds
    try {
      const child = await start(['--keep-original', '--threads', threads, file]);
      child.stdout.pause(); // nobody reads: the pipe fills and the CLI's write blocks part way into a chunk
      await new Promise((r) => setTimeout(r, 1500));
      child.kill('SIGTERM');
      const chunks: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => chunks.push(d));
      child.stdout.resume();
      const status = await new Promise((r) => child.on('close', (c) => r(c)));
      const out = Buffer.concat(chunks).toString();
      expect(status).toBe(143);
      expect(out.length).toBeGreaterThan(0);
      expect(out.endsWith('\n')).toBe(true);
      const lines = out.slice(0, -1).split('\n');
      // Every line is whole JSON; the last may be a line the CLI had read only part of (flushed as read).
      const originals = lines.map((l) => JSON.parse(l).event.original as string);
      expect(originals.slice(0, -1).every((o) => o === line.slice(0, -1))).toBe(true);
      expect(line.startsWith(originals[originals.length - 1])).toBe(true);
      expect(lines.length).toBeLessThan(200_000); // it stopped reading, rather than running to the end
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('default number of threads (issue 15, point 10)', () => {
  it('is one below 4 cores (workers were slower than one thread on 2 cores), one per core up to 4 above', async () => {
    const { defaultThreads } = await import('../host/cli/threads.js');
    expect([1, 2, 3, 4, 8, 64].map((n) => defaultThreads(n))).toEqual([1, 1, 1, 4, 4, 4]);
  });
});
