// Headers real collectors and systems write, beyond test/framing.test.ts: rsyslog's protocol-23 output,
// ISO 8601 timestamps with a space, priorities written as "<facility.severity>" (at the start or, as FreeBSD's
// syslogd -v/-vv writes them, after the timestamp), tags without the colon and the legacy sshd(pam_unix) tag.
// The lines written by real daemons are in test/framing-collectors.test.ts.
import { describe, expect, it } from 'vitest';
import { prng } from './support/hostile.js';
import { newMatcher } from './support/catalog.js';

const m = newMatcher();
const MSG = 'Connection closed by 192.0.2.1 port 22 [preauth]';

describe('collector headers', () => {
  it.each([
    // rsyslog RSYSLOG_SyslogProtocol23Format: the space after the tag stays in MSG
    [`<38>1 2026-03-02T10:00:00.123456+00:00 web1 sshd 4242 - -  ${MSG}`, { framing: 'rfc5424', priority: 38, hostname: 'web1', program: 'sshd', pid: 4242 }],
    [`<38>1 2026-03-02T10:00:00Z web1 sshd 4242 - [x@1 a="b"]  \ufeff${MSG}`, { framing: 'rfc5424', program: 'sshd' }],
    // ISO 8601 with a space (macOS log show --style syslog writes two spaces after it)
    [`2021-05-04 06:47:42.801612-0700  host sshd[311]: ${MSG}`, { framing: 'rfc3164', timestamp: '2021-05-04 06:47:42.801612-0700', hostname: 'host', pid: 311 }],
    [`2021-05-04 06:47:42+02:00 host sshd[311]: ${MSG}`, { timestamp: '2021-05-04 06:47:42+02:00', hostname: 'host' }],
    [`2021-05-04 06:47:42Z host sshd[311]: ${MSG}`, { timestamp: '2021-05-04 06:47:42Z' }],
    [`2021-05-04 06:47:42 sshd[311]: ${MSG}`, { framing: 'rfc3164-no-host', timestamp: '2021-05-04 06:47:42', hostname: null }],
    // priorities by name or as facility.severity numbers
    [`<auth.info>Mar  2 10:00:00 web1 sshd[1]: ${MSG}`, { priority: 38, timestamp: 'Mar  2 10:00:00', hostname: 'web1' }],
    [`<authpriv.notice> Mar  2 10:00:00 web1 sshd[1]: ${MSG}`, { priority: 85, hostname: 'web1' }],
    [`Mar  2 10:00:00 <auth.info> web1 sshd[1]: ${MSG}`, { priority: 38, timestamp: 'Mar  2 10:00:00', hostname: 'web1' }],
    [`Mar  2 10:00:00 <4.6> web1 sshd[1]: ${MSG}`, { priority: 38, hostname: 'web1' }],
    [`Mar  2 10:00:00 <10.err> web1 sshd[1]: ${MSG}`, { priority: 83, hostname: 'web1' }],
    [`Mar  2 10:00:00 <local7.debug> web1 sshd[1]: ${MSG}`, { priority: 191, hostname: 'web1' }],
    [`Mar  2 10:00:00 <security.warn> web1 sshd[1]: ${MSG}`, { priority: 108, hostname: 'web1' }],
    [`Mar  2 10:00:00 <38> web1 sshd[1]: ${MSG}`, { priority: 38, hostname: 'web1' }],
    // a tag without the colon after the pid (rsyslog's file templates for an RFC 5424 message)
    [`Mar  2 10:00:08 web1 sshd[4246] ${MSG}`, { framing: 'rfc3164', hostname: 'web1', program: 'sshd', pid: 4246 }],
    [`2026-03-02T10:00:08.123456+00:00 web1 sshd-session[4247] ${MSG}`, { framing: 'rfc3164', program: 'sshd-session', pid: 4247 }],
    [`sshd[311] ${MSG}`, { framing: 'tag', program: 'sshd', pid: 311, hostname: null }],
    [`web1 sshd[311] ${MSG}`, { framing: 'tag', program: 'sshd', hostname: 'web1' }],
  ])('%s', (line, header) => {
    const r = m.matchDetailed(line);
    expect(r.header).toMatchObject(header);
    expect(r.message).toBe(MSG);
    expect(r.event?.id).toBe('openssh.connection.closed');
  });

  it('a priority that names no facility or severity, or is out of range, is no priority', () => {
    for (const pri of ['<auth.bogus>', '<bogus.info>', '<24.1>', '<4.8>', '<auth.>', '<.info>', '<192>', '<auth.info.x>']) {
      const r = m.matchDetailed(`${pri}Mar  2 10:00:00 web1 sshd[1]: ${MSG}`);
      expect(r.header.priority, pri).toBeNull();
      expect(r.header.framing, pri).toBe('bare');
      expect(r.status, pri).toBe('no-match');
    }
    const after = m.matchDetailed(`Mar  2 10:00:00 <auth.bogus> web1 sshd[1]: ${MSG}`);
    expect(after.header).toMatchObject({ priority: null, hostname: '<auth.bogus>', program: null });
  });

  it('without a colon, only a pid in brackets ends a tag', () => {
    const r = m.matchDetailed(`Mar  2 10:00:00 web1 sshd ${MSG}`);
    expect(r.header).toMatchObject({ hostname: 'web1', program: null });
    expect(r.status).toBe('no-match');
    expect(m.matchDetailed(`sshd[12]${MSG}`).header.framing).toBe('bare');
    expect(m.matchDetailed(`CRON[1] ${MSG}`).header.framing).toBe('bare'); // no timestamp: only a known program is a tag
  });

  it('reads the legacy sshd(pam_unix) tag as its own program, whose family holds the prefix-less PAM messages', () => {
    const r = m.matchDetailed('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ');
    expect(r.header).toMatchObject({ program: 'sshd(pam_unix)', pid: 19939, hostname: 'combo' });
    expect(r.event?.id).toBe('openssh.pam-legacy.auth-failure');
    expect(r.event?.fields).toMatchObject({ 'source.ip': '218.188.2.4', 'system.auth.ssh.pam.tty': 'NODEVssh' });
    expect(m.matchDetailed('Jun 15 04:06:18 combo su(pam_unix)[21416]: session opened for user cyrus by (uid=0)').status).toBe('not-ssh');
    // the prefix-less messages are not OpenSSH's: under sshd they stay unmatched
    expect(m.matchDetailed('Jun 14 15:16:02 combo sshd[19937]: check pass; user unknown').status).toBe('no-match');
    expect(m.matchDetailed('Jun 14 15:16:02 combo sshd(pam_unix)[19937]: pam_unix(sshd:auth): check pass; user unknown').status).toBe('no-match');
  });


  it('reads only the header: a user name that looks like a header changes nothing before the message', () => {
    for (const user of ['sshd[1]:', '<auth.info>', '2021-05-04 06:47:42', ' - -  ', 'Mar  2 10:00:00 <4.6> x sshd[2] y']) {
      const line = `Mar  2 10:00:00 web1 sshd[7]: Invalid user ${user} from 198.51.100.11 port 50026`;
      const r = m.matchDetailed(line);
      expect(r.header, user).toMatchObject({ framing: 'rfc3164', priority: null, hostname: 'web1', program: 'sshd', pid: 7 });
      expect(r.message, user).toBe(line.slice(line.indexOf(']: ') + 3));
    }
  });

  it('never traps and never reports a header part outside the line, on headers cut anywhere', () => {
    const PIECES = ['<', '>', '.', 'auth', 'info', 'local7', '4', '191', '192', '1 ', ' ', '  ', '-', ':', '[', ']', 'Z',
      '+02:00', '-0700', '.801612', '2021-05-04', ' 06:47:42', '2026-03-02T10:00:00', 'Mar  2 10:00:00', 'web1 ',
      'sshd', 'sshd2', '(pam_unix)', '[4242]', '\ufeff', '"', '\\', '[x a="]"]', '\u0000'];
    const rand = prng(12);
    const text: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let line = '';
      const n = 1 + Math.floor(rand() * 14);
      for (let k = 0; k < n; k++) line += PIECES[Math.floor(rand() * PIECES.length)];
      if (rand() < 0.5) line = line.slice(0, Math.floor(rand() * (line.length + 1)));
      text.push(rand() < 0.5 ? line : `${line}Connection closed by 192.0.2.1 port 22`);
    }
    const results = m.matchLines(text.join('\n'));
    expect(results).toHaveLength(text.length);
    results.forEach((r, i) => {
      for (const part of [r.header.timestamp, r.header.hostname, r.header.program, r.message]) {
        if (part !== null) expect(text[i].includes(part), `${JSON.stringify(text[i])}: ${JSON.stringify(part)}`).toBe(true);
      }
      const p = r.header.priority;
      expect(p === null || (Number.isInteger(p) && p >= 0 && p <= 191), text[i]).toBe(true);
    });
  });
});
