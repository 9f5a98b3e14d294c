// `serve --mode mmexternal`: rsyslog's external message modification protocol, first over a pipe (one
// reply line per message, in order, nothing else on stdout or stderr), then inside a real rsyslogd.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMatcher, toEcsDocument } from '../host/binding/index.js';
import { findRsyslogd } from './helpers/rsyslog.js';
import { CLI, eachLine, runServe, startServe } from './helpers/serve-process.js';

const sampleLines = readFileSync('examples/sample/auth.log', 'utf8').split('\n').filter((l) => l);
const matcher = await createMatcher({ keepOriginal: true });
/** What the sidecar must set for one line: the ECS document when matched, the status otherwise. */
function expectedVars(line: string): Record<string, unknown> {
  const r = matcher.matchDetailed(line);
  return r.event ? toEcsDocument(r) : { ssh_log_matcher: { status: r.status } };
}

describe('mmexternal protocol over a pipe', () => {
  it('answers each message before it gets the next, one line each, half-duplex as rsyslog drives it', async () => {
    const p = startServe(['--mode', 'mmexternal', '--stats']); // --stats without --log-file: nowhere to go
    const replies: string[] = [];
    const reading = eachLine(p.child.stdout, (l) => replies.push(l));
    const inputs = [
      ...sampleLines.slice(0, 6).map((l) => JSON.stringify({ rawmsg: `<38>${l}`, msg: ' x', hostname: 'h' })),
      'this is not json',
      JSON.stringify({ msg: ' Logout for user alice.' }), // no rawmsg: msg, without rsyslog's leading space
      JSON.stringify({ hostname: 'h' }),
    ];
    for (let i = 0; i < inputs.length; i++) {
      p.child.stdin.write(inputs[i] + '\n');
      while (replies.length < i + 1) await new Promise((r) => setTimeout(r, 5));
    }
    p.child.stdin.end();
    await reading;
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toBe('');
    expect(replies).toHaveLength(inputs.length);
    const vars = replies.map((r) => JSON.parse(r)['$!']);
    for (let i = 0; i < 6; i++) expect(vars[i]).toEqual(expectedVars(`<38>${sampleLines[i]}`));
    expect(vars[6].ssh_log_matcher).toMatchObject({ status: 'malformed' });
    expect(vars[7].ssh_log_matcher).toMatchObject({ status: 'matched', entry: 'tectia.session.logout' });
    expect(vars[8]).toEqual({ ssh_log_matcher: { status: 'no-message' } });
  });

  it('takes interface.input="msg" and "rawmsg" lines as they are', async () => {
    const line = sampleLines[6];
    const msg = ' ' + line.slice(line.indexOf(']: ') + 3);
    const m = await runServe(['--mode', 'mmexternal', '--input', 'msg'], msg + '\n');
    expect(JSON.parse(m.out)['$!']).toEqual(expectedVars(msg.slice(1)));
    const r = await runServe(['--mode', 'mmexternal', '--input', 'rawmsg'], line + '\n');
    expect(JSON.parse(r.out)['$!']).toEqual(expectedVars(line));
  });
});

const rsyslogd = findRsyslogd();
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

async function waitFor(what: string, ok: () => boolean, seconds = 30): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!ok()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!rsyslogd)('inside a real rsyslogd (mmexternal, interface.input="fulljson")', () => {
  if (!rsyslogd) console.warn('rsyslogd is not installed: skipping the real rsyslog test (CI installs Debian\'s rsyslog)');

  it('sets $! on every message, which a template writes out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slm-rsyslog-'));
    dirs.push(dir);
    const lines = [...sampleLines];
    for (let i = 0; i < 200; i++) lines.push(`Nov 25 11:00:${String(i % 60).padStart(2, '0')} gw sshd2[${900 + i}]: Authentication failed for user u${i} "q\\, coming from 10.1.${i >> 8}.${i & 255}.`);
    lines.push('Nov 25 11:01:00 gw sshd2[1]: Logout for user jürgen.');
    writeFileSync(join(dir, 'in.log'), lines.join('\n') + '\n');
    const sidecar = `${process.execPath} ${CLI} serve --mode mmexternal --keep-original --log-file ${join(dir, 'sidecar.log')} --stats`;
    writeFileSync(join(dir, 'rsyslog.conf'), `
global(workDirectory="${dir}")
module(load="imfile")
module(load="mmexternal")
template(name="enriched" type="string" string="{\\"raw\\":\\"%rawmsg:::json%\\",\\"vars\\":%$!%}\\n")
input(type="imfile" file="${join(dir, 'in.log')}" tag="ssh" ruleset="ssh")
ruleset(name="ssh") {
  action(type="mmexternal" binary="${sidecar}" interface.input="fulljson")
  action(type="omfile" file="${join(dir, 'out.jsonl')}" template="enriched")
}
`);
    const args = ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')];
    if (rsyslogd!.modules) args.push('-M', rsyslogd!.modules);
    const daemon = spawn(rsyslogd!.bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    daemon.stdout.on('data', (d) => { said += d; });
    daemon.stderr.on('data', (d) => { said += d; });
    const exited = once(daemon, 'exit');
    const out = join(dir, 'out.jsonl');
    const written = () => (existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter((l) => l) : []);
    try {
      await waitFor(`${lines.length} lines in out.jsonl (rsyslogd said: ${said})`, () => written().length >= lines.length);
    } finally {
      daemon.kill('SIGTERM');
      await exited;
    }
    const got = written().map((l) => JSON.parse(l) as { raw: string; vars: Record<string, unknown> });
    expect(got.map((g) => g.raw).sort()).toEqual([...lines].sort());
    for (const g of got) {
      const { metadata, ...vars } = g.vars; // imfile's own $!metadata
      expect(metadata).toMatchObject({ filename: join(dir, 'in.log') });
      expect(vars).toEqual(expectedVars(g.raw));
    }
    expect(got.filter((g) => (g.vars as any).ssh_log_matcher.status === 'matched').length).toBeGreaterThan(200);
    // rsyslogd closes the plugin's stdin on shutdown: the sidecar sees EOF and writes its --stats.
    await waitFor('the sidecar\'s --stats', () => /total lines\s+\d+/.test(readFileSync(join(dir, 'sidecar.log'), 'utf8')), 10);
    expect(readFileSync(join(dir, 'sidecar.log'), 'utf8')).toMatch(new RegExp(`total lines\\s+${lines.length}\\n`));
  });
});
