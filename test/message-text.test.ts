// Field values keep the message's text (issue 12 items 4 and 6): runs of spaces inside a field are the
// field's, an empty user name is the empty string, a trailing space on the line does not make it unmatched,
// and rsyslog's `message repeated N times: [ <message>]` wraps any entry, its count kept in the record.
import { describe, expect, it } from 'vitest';
import { W_FRAMING } from '../host/compile/abi.js';
import { newMatcher } from './support/catalog.js';
import { toEcsDocument } from '../host/binding/index.js';
import { FluentBitHarness } from '../host/binding/filter-wasm.js';

const m = newMatcher();
const P = 'Nov 25 10:00:00 gw sshd[4242]: ';

describe('spaces in field values', () => {
  it.each([
    ['Invalid user  0101 from 10.0.0.9 port 22', 'openssh.auth.invalid-user', ' 0101'],
    ['Failed password for invalid user  from 10.0.0.9 port 22 ssh2', 'openssh.auth.failed', ''],
    ['Invalid user  from 10.0.0.9 port 22', 'openssh.auth.invalid-user', ''],
    ['Failed password for  root from 10.0.0.9 port 22 ssh2', 'openssh.auth.failed', ' root'],
    ['Failed password for root  from 10.0.0.9 port 22 ssh2', 'openssh.auth.failed', 'root '],
    ['Connection closed by invalid user  192.0.2.68 port 34916 [preauth]', 'openssh.connection.closed', ''],
  ])('%s', (message, id, user) => {
    const r = m.matchDetailed(P + message);
    expect(r.event?.id).toBe(id);
    expect(r.event!.fields['user.name']).toBe(user);
    expect(r.event!.fields['source.ip']).toMatch(/^(10\.0\.0\.9|192\.0\.2\.68)$/);
  });

  it('a trailing space on the line does not make it unmatched', () => {
    for (const tail of [' ', '   ']) {
      const r = m.matchDetailed(P + 'Failed password for root from 10.0.0.9 port 22 ssh2' + tail);
      expect(r.status).toBe('matched');
      expect(r.event!.fields).toMatchObject({ 'user.name': 'root', 'source.port': 22, 'system.auth.ssh.protocol': 'ssh2' });
    }
  });
});

describe("rsyslog's repeated-message reduction", () => {
  const fb = new FluentBitHarness();
  const framingWord = (line: string) => {
    let word = -1;
    m.scanLines(line + '\n', (rec) => { word = rec.words[rec.at + W_FRAMING]; });
    return word;
  };

  it.each([
    ['Accepted publickey for git from 192.0.2.1 port 57904 ssh2: ED25519 SHA256:abc', 'openssh.auth.accepted'],
    ['Invalid user admin from 10.0.0.9 port 22', 'openssh.auth.invalid-user'],
    ['Connection closed by 10.0.0.9 port 22 [preauth]', 'openssh.connection.closed'],
    ['pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=10.0.0.9  user=root', 'openssh.pam.auth-failure'],
  ])('wraps any entry: %s', (message, id) => {
    const plain = m.matchDetailed(P + message);
    const line = `${P}message repeated 7 times: [ ${message}]`;
    const r = m.matchDetailed(line);
    expect(r.event?.id).toBe(id);
    expect(r.event!.fields).toEqual(plain.event!.fields);
    expect(framingWord(line) >>> 8).toBe(7); // the count, beside the framing (rfc3164: 1)
    expect(framingWord(line) & 0xff).toBe(1);
    expect(framingWord(P + message) >>> 8).toBe(0);
    // The document says how often: the count under the name the wrapper's own entry gives it, in the
    // module's document and in the Fluent Bit module's merge alike; the plain line has no count.
    const doc = toEcsDocument(r) as { system: { auth: { ssh: Record<string, unknown> } } };
    expect(doc.system.auth.ssh.repeated).toBe(7);
    expect((toEcsDocument(plain) as { system?: { auth?: { ssh?: Record<string, unknown> } } }).system?.auth?.ssh?.repeated).toBeUndefined();
    const merged = JSON.parse(fb.call('ssh_enrich', { log: line })!);
    expect(merged.system.auth.ssh.repeated).toBe(7);
  });

  it('writes the count as the line has it, beyond what the record word holds', () => {
    const line = `${P}message repeated 4294967299 times: [ Invalid user admin from 10.0.0.9 port 22]`;
    const r = m.matchDetailed(line);
    expect(r.event?.id).toBe('openssh.auth.invalid-user');
    expect(framingWord(line) >>> 8).toBe(0xffffff); // saturated in the record
    expect((toEcsDocument(r) as { system: { auth: { ssh: Record<string, unknown> } } }).system.auth.ssh.repeated).toBe(4294967299);
  });

  it('the failed-authentication form keeps its own entry and count field', () => {
    const r = m.matchDetailed(`${P}message repeated 5 times: [ Failed password for root from 5.36.59.76 port 42393 ssh2]`);
    expect(r.event?.id).toBe('openssh.auth.failed-repeated');
    expect(r.event!.fields['system.auth.ssh.repeated']).toBe(5);
  });

  it('"last message repeated N times" is an entry of its own', () => {
    for (const line of [`${P}last message repeated 3 times`, 'Nov 25 10:00:00 gw last message repeated 3 times']) {
      const r = m.matchDetailed(line);
      expect(r.event?.id).toBe('openssh.auth.last-message-repeated');
      expect(r.event!.fields['system.auth.ssh.repeated']).toBe(3);
    }
  });

  it('a wrapper that does not close, or client text that imitates it, is not unwrapped', () => {
    expect(m.matchDetailed(`${P}message repeated 7 times: [ Invalid user admin from 10.0.0.9 port 22`).status).toBe('no-match');
    const r = m.matchDetailed(`${P}Invalid user message repeated 2 times: [ x from 10.0.0.9 port 22]`);
    expect(r.status === 'no-match' || r.event?.fields['user.name'] !== 'x').toBe(true);
  });
});

// The dispatch skips an entry whose last literal does not end the message, looking before sshd's
// ` [preauth]` too; the template's space before it takes a run, and the skip must allow that.
describe("entries whose last literal sshd's [preauth] may follow", () => {
  const TOO_OLD = 'Disconnecting authenticating user bob 10.0.0.9 port 22: Your ssh version is too old and is no longer supported.  Please install a newer version.';
  it.each(['', ' [preauth]', '   [preauth]', ' [preauth]  '])('are matched with %j after them', (after) => {
    const r = m.matchDetailed(P + TOO_OLD + after);
    expect(r.event?.id).toBe('openssh.disconnect.your-ssh-version-too-old-no');
    expect(r.event!.fields).toMatchObject({ 'user.name': 'bob', 'source.address': '10.0.0.9', 'source.port': 22 });
  });
  it('and not where another literal ends the message', () => {
    expect(m.matchDetailed(P + TOO_OLD.replace('newer version.', 'newer release.') + ' [preauth]').status).toBe('no-match');
  });
});
