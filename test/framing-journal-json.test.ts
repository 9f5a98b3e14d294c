// journald's JSON export (`journalctl -o json`): a record becomes the syslog line host/input/journal-json.ts
// makes of it, through the CLI (`--input journal-json`) and the sidecar (`serve --input journal-json`).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../host/binding/index.js';
import { journalChunkLines, journalLine } from '../host/input/journal-json.js';
import { jsonLines, runServe } from './helpers/serve-process.js';

const matcher = await createMatcher();
const cli = (args: string[], input: string | Buffer) => spawnSync('node', ['dist/node/cli/main.js', ...args], { input, maxBuffer: 1 << 28 });

// Records as journalctl -o json writes them for sshd (fields of real exports; values ours).
const invalidUser = {
  __CURSOR: 's=2353620f1f8a44f5bc366f5c1b3ece94;i=2ba0;b=9ec65c10cb984e45b8e37c2735a2f110;m=79ba7135c;t=59436d286918b;x=679dfd1f9a2f4acd',
  __REALTIME_TIMESTAMP: '1570338064732555', __MONOTONIC_TIMESTAMP: '32676189020', _BOOT_ID: '9ec65c10cb984e45b8e37c2735a2f110',
  PRIORITY: '6', _UID: '0', _GID: '0', SYSLOG_FACILITY: '4', _HOSTNAME: 'ssh-monitoring-ex', _TRANSPORT: 'syslog',
  SYSLOG_IDENTIFIER: 'sshd', _COMM: 'sshd', _EXE: '/usr/sbin/sshd', _SYSTEMD_UNIT: 'ssh.service', _CMDLINE: 'sshd: [accepted]',
  SYSLOG_PID: '10741', MESSAGE: 'Invalid user Boutique@123 from 162.243.165.39 port 43146', _PID: '10741',
  _SOURCE_REALTIME_TIMESTAMP: '1570338064732199',
};
const accepted = {
  __REALTIME_TIMESTAMP: '1721560922218814', __MONOTONIC_TIMESTAMP: '265429588', PRIORITY: '6', SYSLOG_FACILITY: '10',
  SYSLOG_IDENTIFIER: 'sshd-session', _COMM: 'sshd-session', _PID: '1304', _HOSTNAME: 'LAB', _TRANSPORT: 'syslog',
  MESSAGE: 'Accepted password for lab from 192.168.10.1 port 56280 ssh2',
};
const cron = { ...accepted, SYSLOG_IDENTIFIER: 'CRON', _COMM: 'cron', _PID: '77' };
const bytes = (s: string) => [...Buffer.from(s, 'latin1')];

describe('a journal record as a syslog line', () => {
  it('is the line journalctl -o short-iso-precise would print, in UTC, with <PRI> in front', () => {
    expect(journalLine(invalidUser)).toBe('<38>2019-10-06T05:01:04.732555+00:00 ssh-monitoring-ex sshd[10741]: Invalid user Boutique@123 from 162.243.165.39 port 43146');
    expect(journalLine(accepted)).toBe('<86>2024-07-21T11:22:02.218814+00:00 LAB sshd-session[1304]: Accepted password for lab from 192.168.10.1 port 56280 ssh2');
  });

  it('reads as the record says: program, pid, host, priority, message, entry and fields', () => {
    const r = matcher.matchDetailed(journalLine(invalidUser));
    expect(r.header).toMatchObject({ program: 'sshd', pid: 10741, hostname: 'ssh-monitoring-ex', priority: 38, timestamp: '2019-10-06T05:01:04.732555+00:00' });
    expect(r.message).toBe(invalidUser.MESSAGE);
    expect(r.event?.id).toBe('openssh.auth.invalid-user');
    expect(r.event?.fields).toMatchObject({ 'user.name': 'Boutique@123', 'source.ip': '162.243.165.39', 'source.port': 43146 });
    expect(matcher.matchDetailed(journalLine(cron)).status).toBe('not-ssh');
  });

  it('takes MESSAGE as an array of byte values, the first of repeated values, and keeps one record one line', () => {
    const binary = { ...accepted, MESSAGE: bytes('Accepted password for j\xfcrgen from 192.168.10.1 port 56280 ssh2') };
    const line = journalChunkLines(Buffer.from(JSON.stringify(binary) + '\n'));
    expect(line.subarray(line.indexOf(': ') + 2).toString('latin1')).toBe('Accepted password for j\xfcrgen from 192.168.10.1 port 56280 ssh2\n');
    expect(matcher.matchLines(line)[0].event?.fields['user.name']).toBe('j\ufffdrgen'); // matched byte-wise, decoded with U+FFFD
    expect(journalLine({ ...accepted, MESSAGE: ['Connection closed by 192.0.2.1 port 22', 'second value'] })).toMatch(/: Connection closed by 192\.0\.2\.1 port 22$/);
    expect(journalLine({ ...accepted, MESSAGE: bytes('first\nsecond') })).toMatch(/: first#012second$/);
    expect(journalLine({ ...accepted, MESSAGE: null })).toMatch(/sshd-session\[1304\]: $/);
  });

  it('leaves out what the record lacks; a header token never holds a space, a bracket or a colon', () => {
    const { SYSLOG_FACILITY: _f, ...noFacility } = accepted;
    expect(journalLine(noFacility)).toMatch(/^2024-07-21T11:22:02\.218814\+00:00 LAB sshd-session\[1304\]: /); // PRIORITY alone is no PRI
    const { __REALTIME_TIMESTAMP: _t, SYSLOG_IDENTIFIER: _i, _PID: _p, ...sparse } = accepted;
    expect(journalLine(sparse)).toBe('<86>[  265.429588] LAB sshd-session: Accepted password for lab from 192.168.10.1 port 56280 ssh2');
    expect(matcher.matchDetailed(journalLine(sparse)).event?.id).toBe('openssh.auth.accepted');
    const odd = { ...accepted, SYSLOG_IDENTIFIER: 'my app: sshd[1]', _HOSTNAME: 'a b' };
    const r = matcher.matchDetailed(journalLine(odd));
    expect(r.header).toMatchObject({ hostname: 'a_b', program: 'my_app__sshd_1_' });
    expect(r.status).toBe('not-ssh');
  });
});

describe('ssh-log-matcher --input journal-json', () => {
  const input = [invalidUser, accepted, cron].map((r) => JSON.stringify(r)).join('\n') + '\nnot json\n\n';

  it.each([['1'], ['2']])('writes one document per record (--threads %s); a line that is not JSON is read as a log line', (threads) => {
    const r = cli(['--input', 'journal-json', '--threads', threads], input);
    expect(r.status).toBe(0);
    const docs = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
    expect(docs.map((d) => d.ssh_log_matcher.entry ?? d.ssh_log_matcher.status)).toEqual(
      ['openssh.auth.invalid-user', 'openssh.auth.accepted', 'not-ssh', 'no-match', 'empty']);
    expect(docs[0]).toMatchObject({ message: invalidUser.MESSAGE, host: { hostname: 'ssh-monitoring-ex' }, process: { name: 'sshd', pid: 10741 }, user: { name: 'Boutique@123' } });
    expect(docs[3].message).toBe('not json');
  });

  it('refuses an unknown input format with one line on stderr and exit code 2', () => {
    const r = cli(['--input', 'journal'], '');
    expect(r.status).toBe(2);
    expect(r.stderr.toString()).toBe('ssh-log-matcher: --input must be one of raw, journal-json, got "journal"\n');
  });
});

describe('serve --input journal-json', () => {
  it('keeps every journal field of the record and adds the ECS document of its line', async () => {
    const { out, code, err } = await runServe(['--input', 'journal-json'], [invalidUser, cron].map((r) => JSON.stringify(r)).join('\n') + '\n{oops\n');
    expect(err).toBe('');
    expect(code).toBe(0);
    const [first, second, third] = jsonLines(out);
    expect(first).toMatchObject({ ...invalidUser, user: { name: 'Boutique@123' }, source: { ip: '162.243.165.39', port: 43146 },
      ssh_log_matcher: { status: 'matched', entry: 'openssh.auth.invalid-user' } });
    expect(second).toMatchObject({ SYSLOG_IDENTIFIER: 'CRON', ssh_log_matcher: { status: 'not-ssh' } });
    expect(third.ssh_log_matcher).toMatchObject({ status: 'malformed' });
  });

  it('still takes the other json-lines inputs (the root command\'s --input does not swallow them)', async () => {
    const { out, code } = await runServe(['--input', 'json'], JSON.stringify({ message: 'Logout for user alice.' }) + '\n');
    expect(code).toBe(0);
    expect(jsonLines(out)[0].ssh_log_matcher).toMatchObject({ status: 'matched', entry: 'tectia.session.logout' });
  });
});
