// journald-style OpenSSH lines: journalctl's syslog-like output formats that the matcher's framing reads
// (short, short-iso, short-iso-precise), the bare message (-o cat, or MESSAGE= of -o json), and
// "prog[pid]: message". Formats the framing does not read are listed in docs/openssh.md.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type Matcher } from '../dist/node/binding/index.js';

let matcher: Matcher;
beforeAll(async () => { matcher = await createMatcher(); });

const message = 'Failed password for invalid user admin from 192.0.2.7 port 40022 ssh2';
const forms: [string, string, string | null][] = [
  ['-o short', `Nov 25 10:00:00 gw sshd[1042]: ${message}`, 'sshd'],
  ['-o short-iso', `2026-11-25T10:00:00+0000 gw sshd-session[1042]: ${message}`, 'sshd-session'],
  ['-o short-iso-precise', `2026-11-25T10:00:00.123456+00:00 gw sshd-auth[1042]: ${message}`, 'sshd-auth'],
  ['-o cat', message, null],
  ['SYSLOG_IDENTIFIER[_PID]: MESSAGE', `sshd[1042]: ${message}`, 'sshd'],
];

describe('journald-style OpenSSH lines', () => {
  for (const [name, line, program] of forms) {
    it(`reads ${name}`, () => {
      const r = matcher.matchDetailed(line);
      expect(r.status).toBe('matched');
      expect(r.header.program).toBe(program);
      expect(r.event!.id).toBe('openssh.auth.failed');
      expect(r.event!.fields).toMatchObject({ 'user.name': 'admin', 'source.ip': '192.0.2.7', 'source.port': 40022 });
      expect(r.event!.event.outcome).toBe('failure');
    });
  }
});
