// OpenSSH lines an attacker shaped: text typed as a user name (or sent as a banner) that imitates what sshd
// writes after it must never move the client's address or the outcome; and near misses of real lines (one
// part wrong) must not match.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type Matcher } from '../dist/node/binding/index.js';
import { projectCatalog } from './support/catalog.js';

const catalogExamples = () => new Map(projectCatalog().entries.map((e) => [e.id, e.examples.map((x) => x.line)]));

let matcher: Matcher;
beforeAll(async () => { matcher = await createMatcher(); });

const P = 'Nov 25 10:00:00 gw sshd[4242]: ';

describe('client-typed text in OpenSSH lines', () => {
  const cases: [string, string, Record<string, string | number>][] = [
    ['Failed password for invalid user x from 1.2.3.4 port 22 ssh2 from 10.0.0.9 port 5555 ssh2', 'openssh.auth.failed',
      { 'user.name': 'x from 1.2.3.4 port 22 ssh2', 'source.ip': '10.0.0.9', 'source.port': 5555 }],
    ['Failed password for root from 10.0.0.9 port 5555 ssh1: ruser from 1.2.3.4', 'openssh.auth.failed',
      { 'user.name': 'root', 'source.ip': '10.0.0.9', 'system.auth.ssh.signature': 'ruser from 1.2.3.4' }],
    ['Invalid user a from 1.2.3.4 from 10.0.0.9 port 22', 'openssh.auth.invalid-user', { 'user.name': 'a from 1.2.3.4', 'source.ip': '10.0.0.9' }],
    ['Invalid user bob [preauth] from 10.0.0.9 port 22', 'openssh.auth.invalid-user', { 'user.name': 'bob [preauth]', 'source.ip': '10.0.0.9' }],
    ['Connection closed by authenticating user x 1.2.3.4 port 1 10.0.0.9 port 2 [preauth]', 'openssh.connection.closed',
      { 'user.name': 'x 1.2.3.4 port 1', 'source.ip': '10.0.0.9', 'source.port': 2 }],
    ['Disconnecting invalid user x 1.2.3.4 port 1: Too many authentication failures 10.0.0.9 port 2: Too many authentication failures [preauth]',
      'openssh.auth.too-many-failures-conn', { 'user.name': 'x 1.2.3.4 port 1: Too many authentication failures', 'source.ip': '10.0.0.9' }],
    ['maximum authentication attempts exceeded for invalid user a from 1.2.3.4 port 1 ssh2 from 10.0.0.9 port 2 ssh2 [preauth]',
      'openssh.auth.max-attempts', { 'source.ip': '10.0.0.9', 'source.port': 2 }],
    ["Bad protocol version identification 'x' from 1.2.3.4 port 1' from 10.0.0.9 port 2", 'openssh.connection.bad-protocol-version',
      { 'system.auth.ssh.client_banner': "x' from 1.2.3.4 port 1", 'source.ip': '10.0.0.9' }],
    ['pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=10.0.0.9  user=a rhost=1.2.3.4',
      'openssh.pam.auth-failure', { 'source.ip': '10.0.0.9', 'user.name': 'a rhost=1.2.3.4' }],
    ['error: PAM: Authentication failure for x from 1.2.3.4 from 10.0.0.9', 'openssh.pam.sshd-failure', { 'source.ip': '10.0.0.9' }],
  ];
  for (const [message, id, fields] of cases) {
    it(`keeps the server's address: ${message.slice(0, 60)}`, () => {
      const ev = matcher.match(P + message);
      expect(ev?.id).toBe(id);
      expect(ev!.fields).toMatchObject(fields);
    });
  }
});

describe('near misses of OpenSSH lines', () => {
  const misses = [
    'Failed password for root from 10.0.0.9 port 22 ssh3',          // no such protocol
    'Failed password for root from 10.0.0.9 port 99999 ssh2',       // port out of range
    'Failed password for root from 10.0.0.9',                       // no port (pre-3.x wording)
    'Failed password for root from 10.0.0.9 port 22 ssh2 [preauth', // unterminated suffix
    'Invalid user bob from 300.1.1.1 port 22',                      // not an address
    'Accepted password for root from 10.0.0.9 port 22 ssh2 [postauth]',
    'Connection closed by 10.0.0.9 port 22 [preauth] extra',
    'reverse mapping checking getaddrinfo for host.example [10.0.0.9] failed!',
    'pam_unix(sshd:auth): authentication failure; logname= uid=x euid=0 tty=ssh ruser= rhost=10.0.0.9',
    'Disconnecting: Too many authentication failure for root [preauth]',
  ];
  for (const message of misses) {
    it(`does not match: ${message}`, () => {
      expect(matcher.matchDetailed(P + message).status).toBe('no-match');
    });
  }
});

describe('hostile user names and client text in every OpenSSH entry that has them', () => {
  // For each example of an entry with a client-typed field (user, quoted, text, rest), the field's value is
  // replaced with text imitating what sshd or PAM writes after it: the line must still be that entry with the same
  // server-written fields (addresses, ports, numbers), or be reported ambiguous. Never another entry.
  const catalog = JSON.parse(readFileSync(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as {
    entries: { id: string; family: string; fields: { name: string; type: string }[] }[];
  };
  const examples = catalogExamples();
  const HOSTILE = ['x from 203.0.113.66 port 22 ssh2', 'a rhost=203.0.113.66 user=root', "q' from 203.0.113.66 port 1: \" ) [preauth] x"];
  const CLIENT = new Set(['user', 'quoted', 'text', 'rest']);
  // what sshd writes after "ssh2: " (key type and fingerprint) is not the client's text; docs/openssh.md explains
  // why the address after a crafted signature-like tail is taken from the right
  const NOT_CLIENT = new Set(['system.auth.ssh.signature']);
  const SERVER = new Set(['host', 'ipv4', 'ipv6', 'ip', 'port', 'uint']);
  it('keeps every entry and its server-written fields', () => {
    const problems: string[] = [];
    let tried = 0;
    for (const e of catalog.entries.filter((x) => x.family.startsWith('openssh'))) {
      const types = new Map(e.fields.map((f) => [f.name, f.type]));
      for (const line of examples.get(e.id) ?? []) {
        const ev = matcher.match(line);
        if (!ev || ev.id !== e.id) { problems.push(`${e.id}: example does not match: ${line}`); continue; }
        const server = Object.entries(ev.fields).filter(([k]) => SERVER.has(types.get(k) ?? '') || (/\.(ip|domain)$/.test(k) && types.has(k.replace(/\.(ip|domain)$/, '.address'))));
        for (const [k, v] of Object.entries(ev.fields)) {
          if (!CLIENT.has(types.get(k) ?? '') || NOT_CLIENT.has(k) || typeof v !== 'string' || v.length < 2 || line.indexOf(v) !== line.lastIndexOf(v)) continue;
          for (const h of HOSTILE) {
            const at = line.lastIndexOf(v);
            const hl = line.slice(0, at) + h + line.slice(at + v.length);
            tried++;
            const r = matcher.matchDetailed(hl);
            if (r.status === 'ambiguous') continue;
            if (r.event?.id !== e.id) { problems.push(`${e.id}: ${hl} -> ${r.event?.id ?? r.status}`); continue; }
            for (const [sk, sv] of server) if (r.event.fields[sk] !== sv) problems.push(`${e.id}: ${hl}: ${sk}=${String(r.event.fields[sk])}, want ${String(sv)}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(tried).toBeGreaterThan(1000);
  });
});
