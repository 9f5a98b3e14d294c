// The documents as Elastic's system.auth integration writes them (issue 12, items 7-10), on real-form
// lines: @timestamp and ecs.version, log.syslog.* from the PRI, the integration's names and values, the
// outcomes. docs/openssh.md shows one document beside Filebeat's.
import { describe, expect, it } from 'vitest';
import { EcsVersion } from '@elastic/ecs';
import { createMatcher, toEcsDocument, OptionError, type DocumentOptions } from '../host/binding/index.js';
import { REFERENCE_TIME } from './support/catalog.js';

type Doc = Record<string, any>;
const docOf = async (line: string, o: DocumentOptions = {}): Promise<Doc> =>
  toEcsDocument((await createMatcher({ referenceTime: REFERENCE_TIME, ...o })).matchDetailed(line)) as Doc;
const CLOSED = 'Connection closed by 192.0.2.1 port 22 [preauth]';

describe('7. @timestamp and ecs.version', () => {
  // The module reads a line's timestamp once for detection and the writer; a reading never outlives its line.
  it('each line has its own moment, whatever was read before at the same place', async () => {
    const m = await createMatcher({ referenceTime: REFERENCE_TIME });
    const a = m.matchDetailed(`Nov 25 10:00:10 gw sshd[1]: ${CLOSED}`);
    const b = m.matchDetailed(`Nov 24 11:11:11 gw sshd[1]: ${CLOSED}`);
    const c = m.matchDetailed(`Nov 23 12:12:12 gw ${CLOSED}`); // no program: all families, not matched as sshd
    expect((toEcsDocument(a) as Doc)['@timestamp']).toBe('2025-11-25T10:00:10.000Z');
    expect((toEcsDocument(b) as Doc)['@timestamp']).toBe('2025-11-24T11:11:11.000Z');
    expect((toEcsDocument(c) as Doc)['@timestamp']).toBe('2025-11-23T12:12:12.000Z');
    expect((toEcsDocument(a) as Doc)['@timestamp']).toBe('2025-11-25T10:00:10.000Z');
    const lines = [`Nov 25 10:00:10 gw sshd[1]: ${CLOSED}`, 'Nov 24 11:11:11 gw cron[2]: not ours', `Nov 23 12:12:12 gw sshd[3]: ${CLOSED}`];
    const out: string[] = [];
    m.writeJsonLines(lines.join('\n') + '\n', (json) => { out.push(typeof json === 'string' ? json : Buffer.from(json).toString()); });
    expect(out.join('').trim().split('\n').map((l) => JSON.parse(l)['@timestamp'])).toEqual(
      ['2025-11-25T10:00:10.000Z', '2025-11-24T11:11:11.000Z', '2025-11-23T12:12:12.000Z']);
  });

  // The writer keeps a minute it has read for the minute's other seconds (assembly/ecs/timestamp.ts): the
  // minute that holds the reference time's next day has seconds of this year and of last year.
  it('each second of a minute is read on its own: the year across the day after the reference time, days, fractions', async () => {
    const m = await createMatcher({ referenceTime: REFERENCE_TIME });
    const limit = REFERENCE_TIME.getTime() / 1000 + 86400; // later than this: last year's
    const want = (month: number, day: number, hh: number, mm: number, ss: number, frac = '') => {
      let t = Date.UTC(2025, month - 1, day, hh, mm, ss) / 1000;
      if (t > limit) t = Date.UTC(2024, month - 1, day, hh, mm, ss) / 1000;
      const iso = new Date(t * 1000).toISOString();
      return frac ? `${iso.slice(0, 19)}.${frac.padEnd(3, '0')}Z` : iso;
    };
    const ref = new Date(limit * 1000);
    const [mon, day, hh, mm] = [ref.getUTCMonth() + 1, ref.getUTCDate(), ref.getUTCHours(), ref.getUTCMinutes()];
    const name = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][mon - 1];
    const two = (n: number) => String(n).padStart(2, '0');
    const cases: [string, string][] = [];
    const seconds = [...Array(60).keys()];
    for (const ss of [...seconds, ...seconds.reverse(), 7, 59, 0, 58, 59, 1]) // up, down and to and fro
      cases.push([`${name} ${two(day)} ${two(hh)}:${two(mm)}:${two(ss)}`, want(mon, day, hh, mm, ss)]);
    cases.push([`${name} ${two(day)} ${two(hh)}:${two(mm)}:30.5`, want(mon, day, hh, mm, 30, '5')]);
    cases.push([`${name} ${two(day)} ${two(hh)}:${two(mm)}:59.123456789`, want(mon, day, hh, mm, 59, '123456789')]);
    cases.push(['Nov 5 10:00:10', '2025-11-05T10:00:10.000Z'], ['Nov 5 10:00:11', '2025-11-05T10:00:11.000Z'],
      ['Nov  5 10:00:12', '2025-11-05T10:00:12.000Z'], ['Nov 25 10:00:60', '2025-11-25T10:01:00.000Z'], ['Nov 25 10:00:61', '']);
    const lines = cases.map(([ts]) => `${ts} gw sshd[1]: ${CLOSED}`);
    const out: string[] = [];
    m.writeJsonLines(lines.join('\n') + '\n', (json) => { out.push(typeof json === 'string' ? json : Buffer.from(json).toString()); });
    const got = out.join('').trim().split('\n').map((l) => JSON.parse(l)['@timestamp'] ?? '');
    expect(got).toEqual(cases.map(([, w]) => w));
    expect(new Set(got.map((t) => t.slice(0, 4)))).toEqual(new Set(['2025', '2024', ''])); // both years are there
  });

  it('every document has ecs.version, the @elastic/ecs release the compiler checked against', async () => {
    expect((await docOf(CLOSED)).ecs).toEqual({ version: EcsVersion });
    expect((await docOf('not an ssh line')).ecs).toEqual({ version: EcsVersion });
  });

  it.each([
    // RFC 3164: the reference time's year (2025-11-25T09:59:58Z), in UTC unless told otherwise
    [`Nov 25 10:00:10 gw sshd[1]: ${CLOSED}`, {}, '2025-11-25T10:00:10.000Z'],
    [`Nov  5 10:00:10 gw sshd[1]: ${CLOSED}`, {}, '2025-11-05T10:00:10.000Z'],
    // more than a day ahead of the reference time: last year's
    [`Dec 31 23:59:59 gw sshd[1]: ${CLOSED}`, {}, '2024-12-31T23:59:59.000Z'],
    [`Nov 26 09:00:00 gw sshd[1]: ${CLOSED}`, {}, '2025-11-26T09:00:00.000Z'],
    [`Nov 25 10:00:10.123456 gw sshd[1]: ${CLOSED}`, {}, '2025-11-25T10:00:10.123456Z'],
    [`Nov 25 10:00:10 gw sshd[1]: ${CLOSED}`, { timezone: '+02:00' }, '2025-11-25T08:00:10.000Z'],
    [`Nov 25 10:00:10 gw sshd[1]: ${CLOSED}`, { timezone: '-0530' }, '2025-11-25T15:30:10.000Z'],
    [`Nov 25 10:00:10 gw sshd[1]: ${CLOSED}`, { timezone: 'Europe/Berlin' }, '2025-11-25T09:00:10.000Z'],
    [`Jul 25 10:00:10 gw sshd[1]: ${CLOSED}`, { timezone: 'Europe/Berlin' }, '2025-07-25T09:00:10.000Z'], // CET at the reference time: one offset per call
    // An offset in the line wins over the option
    [`2026-11-25T10:00:00.123456+01:00 gw sshd-session[3]: ${CLOSED}`, { timezone: '+05:00' }, '2026-11-25T09:00:00.123456Z'],
    [`<86>1 2026-11-25T10:00:00Z gw sshd 77 - - ${CLOSED}`, {}, '2026-11-25T10:00:00.000Z'],
    [`Tue 2026-11-25 10:00:00 UTC gw sshd[1]: ${CLOSED}`, { timezone: '+03:00' }, '2026-11-25T10:00:00.000Z'],
  ] as const)('%s %j -> %s', async (line, o, want) => {
    expect((await docOf(line, o))['@timestamp']).toBe(want);
  });

  it('no @timestamp where the line has no date: bare messages, journalctl short-monotonic, no reference year', async () => {
    expect((await docOf(CLOSED))['@timestamp']).toBeUndefined();
    expect((await docOf(`[  12345.678901] gw sshd[1]: ${CLOSED}`))['@timestamp']).toBeUndefined();
    expect((await docOf(`Feb 30 10:00:00 gw sshd[1]: ${CLOSED}`))).not.toHaveProperty('@timestamp');
  });

  it('the reference time defaults to now', async () => {
    const m = await createMatcher();
    const year = new Date().getUTCFullYear();
    const ts = (toEcsDocument(m.matchDetailed(`Jan  1 00:00:00 gw sshd[1]: ${CLOSED}`)) as Doc)['@timestamp'];
    expect(ts).toBe(`${year}-01-01T00:00:00.000Z`);
  });

  it('a bad time zone is an OptionError', async () => {
    await expect(createMatcher({ timezone: 'Mars/Olympus' })).rejects.toBeInstanceOf(OptionError);
    await expect(createMatcher({ timezone: '+25:00' })).rejects.toBeInstanceOf(OptionError);
  });
});

describe('8. log.syslog.* and log.level from the PRI, never contradicting it', () => {
  it('<86> is authpriv (10) / Informational, <13> user (1) / Notice', async () => {
    const a = await docOf(`<86>1 2026-11-25T10:00:00Z gw sshd 77 - - ${CLOSED}`);
    expect(a.log).toEqual({ level: 'informational', syslog: { priority: 86, facility: { code: 10, name: 'authpriv' }, severity: { code: 6, name: 'Informational' } } });
    const b = await docOf(`<13>Nov 25 10:00:00 gw sshd[1]: ${CLOSED}`);
    expect(b.log).toEqual({ level: 'notice', syslog: { priority: 13, facility: { code: 1, name: 'user' }, severity: { code: 5, name: 'Notice' } } });
  });

  it("with a PRI the line's severity is log.level; event.severity stays the catalog's assessment", async () => {
    const d = await docOf("<38>Nov 25 10:00:02 sshd2[412]: Protocol error in local: 'it's broken'");
    expect(d.log.level).toBe('informational');
    expect(d.log.syslog.severity).toEqual({ code: 6, name: 'Informational' });
    expect(d.event.severity).toBe(4);
  });

  it("without a PRI: the catalog's level, and no syslog facility at all (the catalog's is not the line's)", async () => {
    const d = await docOf(`Nov 25 10:00:00 gw sshd[1]: ${CLOSED}`);
    expect(d.log).toEqual({ level: 'informational' });
    const t = await docOf("Nov 25 10:00:02 gw sshd2[412]: Protocol error in local: 'x'");
    expect(t.log).toEqual({ level: 'warning' });
  });
});

describe("9. names and values as the system.auth integration writes them", () => {
  it('Accepted: ssh_login, authentication + session / info, success, system.auth.ssh.event Accepted, related.*', async () => {
    const d = await docOf('Feb 21 21:54:44 localhost sshd[3402]: Accepted publickey for vagrant from 10.0.2.2 port 63673 ssh2: RSA 39:33:99:e9:a0:dc:f2:33:a3:e5:72:3b:7c:3a:56:84');
    expect(d.event).toMatchObject({ action: 'ssh_login', category: ['authentication', 'session'], type: ['info'], outcome: 'success', kind: 'event' });
    expect(d.system.auth.ssh).toMatchObject({ event: 'Accepted', method: 'publickey', signature: 'RSA 39:33:99:e9:a0:dc:f2:33:a3:e5:72:3b:7c:3a:56:84' });
    expect(d.related).toEqual({ ip: ['10.0.2.2'], user: ['vagrant'] });
    expect(d.source).toEqual({ address: '10.0.2.2', ip: '10.0.2.2', port: 63673 });
  });

  it('Failed and Invalid: ssh_login, authentication / info, failure', async () => {
    const f = await docOf('Feb 20 08:35:22 slave22 sshd[5774]: Failed password for root from 89.160.20.156 port 29160 ssh2');
    expect(f.event).toMatchObject({ action: 'ssh_login', category: ['authentication'], type: ['info'], outcome: 'failure' });
    expect(f.system.auth.ssh).toMatchObject({ event: 'Failed', method: 'password' });
    const i = await docOf('Feb 21 21:56:12 localhost sshd[3430]: Invalid user test from 10.0.2.2');
    expect(i.event).toMatchObject({ action: 'ssh_login', category: ['authentication'], type: ['info'], outcome: 'failure' });
    expect(i.system.auth.ssh.event).toBe('Invalid');
    expect(i.related).toEqual({ ip: ['10.0.2.2'], user: ['test'] });
  });

  it('"Did not receive identification string": system.auth.ssh.dropped_ip, and source.ip as the integration converts it', async () => {
    const d = await docOf('Feb 19 15:30:04 slave22 sshd[18406]: Did not receive identification string from 89.160.20.156');
    expect(d.system.auth.ssh).toEqual({ dropped_ip: '89.160.20.156' });
    expect(d.source).toEqual({ ip: '89.160.20.156' });
    expect(d.related).toEqual({ ip: ['89.160.20.156'] });
  });

  it('related.user and related.ip hold each value once', async () => {
    const d = await docOf('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: x') as Doc; // not matched: no related at all
    expect(d.related).toBeUndefined();
  });

  it('event.original only when asked for (Elastic drops it unless preserve_original_event)', async () => {
    const line = `Nov 25 10:00:00 gw sshd[1]: ${CLOSED}`;
    expect((await docOf(line)).event.original).toBeUndefined();
    expect((await docOf(line, { keepOriginal: true })).event.original).toBe(line);
  });
});

describe('10. outcomes', () => {
  it('pam_unix(sshd:auth): check pass; user unknown is a failure', async () => {
    const d = await docOf('Dec 10 06:55:46 LabSZ sshd[24200]: pam_unix(sshd:auth): check pass; user unknown');
    expect(d.event).toMatchObject({ outcome: 'failure', category: ['authentication'] });
  });

  it('Disconnected from user X carries user.name (and related.user)', async () => {
    const d = await docOf('Mar  2 10:00:09 web1 sshd-session[4242]: Disconnected from user alice 198.51.100.7 port 50522');
    expect(d.user).toEqual({ name: 'alice' });
    expect(d.related.user).toEqual(['alice']);
    expect(d.event.code).toBe('openssh.connection.disconnected-user');
  });
});

describe('issue 12, item 5: an IPv6 address with a zone', () => {
  const line = 'Jul  3 14:59:17 host sshd-session[1571]: Failed password for root from fe80::1%enp3s0 port 56502 ssh2';

  it('source.ip and related.ip hold the address without the zone; source.address keeps it as written', async () => {
    const d = await docOf(line);
    expect(d.source).toMatchObject({ address: 'fe80::1%enp3s0', ip: 'fe80::1', port: 56502 });
    expect(d.related.ip).toEqual(['fe80::1']);
  });

  it('the Fluent Bit filter merges the same values into a record', async () => {
    const { FluentBitHarness } = await import('../host/binding/filter-wasm.js');
    const out = JSON.parse(new FluentBitHarness().call('ssh_enrich', JSON.stringify({ log: line })) as string);
    expect(out.source).toMatchObject({ address: 'fe80::1%enp3s0', ip: 'fe80::1' });
    expect(out.related.ip).toEqual(['fe80::1']);
  });

  it('an address without a zone is unchanged', async () => {
    expect((await docOf(line.replace('%enp3s0', ''))).source.ip).toBe('fe80::1');
  });
});
