// Framing: how a line's header is read, for every form the matcher recognises.
import { describe, expect, it } from 'vitest';
import { newMatcher } from './support/catalog.js';

const m = newMatcher();
const MSG = 'Connection closed by 192.0.2.1 port 22 [preauth]';

describe('framing', () => {
  it.each([
    [`Nov 25 10:00:00 gw sshd[1]: ${MSG}`, { framing: 'rfc3164', timestamp: 'Nov 25 10:00:00', hostname: 'gw', program: 'sshd', pid: 1, priority: null }],
    [`Nov  5 10:00:00 gw sshd[1]: ${MSG}`, { framing: 'rfc3164', timestamp: 'Nov  5 10:00:00', hostname: 'gw' }],
    [`Feb 7 16:01:07 linux-m899 sshd[5106]: ${MSG}`, { framing: 'rfc3164', timestamp: 'Feb 7 16:01:07', hostname: 'linux-m899', pid: 5106 }],
    [`<38>Nov 25 10:00:00 sshd[2]: ${MSG}`, { framing: 'rfc3164-no-host', priority: 38, hostname: null, program: 'sshd', pid: 2 }],
    [`2026-11-25T10:00:00.123456+01:00 gw sshd-session[3]: ${MSG}`, { framing: 'rfc3164', timestamp: '2026-11-25T10:00:00.123456+01:00', program: 'sshd-session' }],
    [`Nov 25 10:00:00.123456 gw sshd[1]: ${MSG}`, { framing: 'rfc3164', timestamp: 'Nov 25 10:00:00.123456' }],
    [`Tue 2026-11-25 10:00:00 UTC gw sshd[1]: ${MSG}`, { framing: 'rfc3164', timestamp: 'Tue 2026-11-25 10:00:00 UTC', hostname: 'gw' }],
    [`[  12345.678901] gw sshd[1]: ${MSG}`, { framing: 'rfc3164', timestamp: '[  12345.678901]', hostname: 'gw' }],
    [`<86>1 2026-11-25T10:00:00Z gw sshd 77 - - ${MSG}`, { framing: 'rfc5424', priority: 86, timestamp: '2026-11-25T10:00:00Z', hostname: 'gw', program: 'sshd', pid: 77 }],
    [`<86>1 - - sshd - ID1 [a b="x\\"]"][c] \ufeff${MSG}`, { framing: 'rfc5424', timestamp: null, hostname: null, program: 'sshd', pid: null }],
    [`sshd[4]: ${MSG}`, { framing: 'tag', program: 'sshd', pid: 4, hostname: null }],
    [`srv sshd[13709]: ${MSG}`, { framing: 'tag', hostname: 'srv', program: 'sshd', pid: 13709 }],
    [MSG, { framing: 'bare', program: null, timestamp: null }],
  ])('%s', (line, header) => {
    const r = m.matchDetailed(line);
    expect(r.header).toMatchObject(header);
    expect(r.message).toBe(MSG);
    expect(r.event?.id).toBe('openssh.connection.closed');
  });

  it('a program that is not an SSH server is not-ssh, even with an SSH message', () => {
    expect(m.matchDetailed(`Nov 25 10:00:00 gw CRON[1]: ${MSG}`).status).toBe('not-ssh');
    expect(m.matchDetailed(`<86>1 - gw cron 1 - - ${MSG}`).status).toBe('not-ssh');
  });

  it('"word: text" without a known program is a bare message', () => {
    const r = m.matchDetailed('setsid: Operation not permitted');
    expect(r.header.framing).toBe('bare');
    expect(r.event?.id).toBe('tectia.server.setsid-failed');
  });

  it('a malformed RFC 5424 header is read as a bare message, never dropped', () => {
    const r = m.matchDetailed('<13>1 2026-11-25T10:00:00Z onlyhost');
    expect(r.header.framing).toBe('bare');
    expect(r.status).toBe('no-match');
    expect(r.header.priority).toBe(13);
  });
});
