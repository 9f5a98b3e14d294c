// Injection, generated for every entry (issue 13 items 1-3): for each catalog example and each client-typed
// field in it (user names, quoted and free text, key IDs...) that has server-written fields after it, the
// client text is made to replay the entry's own server-written part with other values (the attacker's
// address 6.6.6.6, port 6666, ...):
//   - replayed after the real value, the real part still following: the line must be read with the real
//     values or reported ambiguous;
//   - replayed so that the message is exactly the length sshd cuts at (log.c "%.500s", after strnvis
//     escaping: the filler is escaped bytes) and the real part is cut off: no field may hold the attacker's
//     values;
//   - the same inside rsyslog's `message repeated N times: [ ... ]`.
// Where sshd never writes client text after its part (a password failure has no key after it), a user name
// must not make the line ambiguous either: that would let a client hide its failures.
import { describe, expect, it } from 'vitest';
import { referencePlaces } from '../host/compile/reference-matcher.js';
import { MESSAGE_CUT, secondReading } from '../host/compile/program.js';
import type { CatalogEntry, CatalogField } from '../host/compile/load.js';
import { newMatcher, projectCatalog } from './support/catalog.js';

const m = newMatcher();
const CLIENT_TYPED = new Set(['user', 'quoted', 'text']);
const SERVER_WRITTEN = new Set(['host', 'ipv4', 'ipv6', 'ip', 'port', 'uint']);

/** The attacker's value for a server-written field, of the same shape as the real one and different from it. */
function attackerValue(f: CatalogField, real: string): string {
  if (f.type === 'port' || f.type === 'uint') return real === '6666' ? '6667' : '6666';
  if (real.includes(':')) return real === '6::6' ? '6::7' : '6::6';
  if (/^[0-9.]+$/.test(real)) return real === '6.6.6.6' ? '6.6.6.7' : '6.6.6.6';
  return real === 'evil.example' ? 'evil2.example' : 'evil.example';
}

interface Case { entry: CatalogEntry; field: CatalogField; header: string; message: Buffer; end: number; replay: Buffer; attacker: Set<string>; real: Map<string, string> }

/** Every (example, client-typed field with server-written fields after it) of the catalog. */
function cases(): Case[] {
  const out: Case[] = [];
  for (const entry of projectCatalog().entries) {
    for (const ex of entry.examples) {
      const r = m.matchDetailed(ex.line);
      if (r.status !== 'matched' || r.event?.id !== entry.id || r.message === null || !ex.line.endsWith(r.message)) continue;
      const message = Buffer.from(r.message);
      const places = referencePlaces(entry, message);
      if (!places) continue;
      for (const field of entry.fields) {
        const at = places.get(field.key);
        if (!at || !CLIENT_TYPED.has(field.type) || field.serverText) continue;
        const server = entry.fields.filter((f) => SERVER_WRITTEN.has(f.type) && places.has(f.key)).sort((a, b) => places.get(a.key)![0] - places.get(b.key)![0]);
        // Ahead: the client text replays the server's part that follows it (a user name holding " from <address>").
        const after = server.filter((f) => places.get(f.key)![0] >= at[1]);
        if (after.length) out.push(replayCase(entry, field, ex.line, r.message, message, places, at[1], at[1], after, ''));
        // Behind: client text after the server's part replays it again (a key ID holding " from <address> port
        // <port>: "), from the end of the client field before it.
        const prev = entry.fields.filter((f) => CLIENT_TYPED.has(f.type) && !f.serverText && places.has(f.key) && places.get(f.key)![1] <= at[0])
          .map((f) => places.get(f.key)![1]).sort((a, b) => b - a)[0];
        const between = prev === undefined ? [] : server.filter((f) => places.get(f.key)![0] >= prev && places.get(f.key)![1] <= at[0]);
        if (between.length) out.push(replayCase(entry, field, ex.line, r.message, message, places, at[1], prev!, between, 'z', at[0]));
      }
    }
  }
  return out;
}

/** The message from `from` to `to` (the end of `fields` by default) with each of `fields` holding the attacker's value. */
function replayCase(entry: CatalogEntry, field: CatalogField, line: string, text: string, message: Buffer, places: Map<string, [number, number]>,
  end: number, from: number, fields: CatalogField[], tail: string, to?: number): Case {
        const parts: Buffer[] = [];
        let p = from;
        const attacker = new Set<string>();
        const real = new Map<string, string>();
        for (const f of fields) {
          const [s, e] = places.get(f.key)!;
          const value = message.subarray(s, e).toString();
          const bad = attackerValue(f, value);
          attacker.add(bad);
          real.set(f.name, value);
          parts.push(message.subarray(p, s), Buffer.from(bad));
          p = e;
        }
        parts.push(message.subarray(p, to ?? message.length), Buffer.from(tail));
        return { entry, field, header: line.slice(0, line.length - text.length), message, end, replay: Buffer.concat(parts), attacker, real };
}

/** Fields of a result holding one of the attacker's values (x.address also fills x.ip: both count). */
const taken = (fields: Record<string, string | number>, c: Case) =>
  Object.entries(fields).filter(([k, v]) => c.attacker.has(String(v)) && !(c.real.get(k) === String(v))).map(([k, v]) => `${k}=${v}`);

const ALL = cases();

describe('client text replaying the server-written part, for every entry', () => {
  it('covers the entries with client text before server-written fields', () => {
    expect(new Set(ALL.map((c) => c.entry.id)).size).toBeGreaterThan(50);
  });

  it('after the real value: read with the real values, or ambiguous', () => {
    const bad: string[] = [];
    for (const c of ALL) {
      const message = Buffer.concat([c.message.subarray(0, c.end), c.replay, c.message.subarray(c.end)]);
      const line = c.header + message.toString();
      const r = m.matchDetailed(line);
      if (r.status === 'ambiguous') continue;
      const moved = r.event ? taken(r.event.fields, c) : [];
      if (moved.length) bad.push(`${c.entry.id} <${c.field.key}>: ${line} -> ${r.event!.id} ${moved.join(' ')}`);
      if (r.event?.id === c.entry.id) {
        for (const [k, v] of c.real) if (String(r.event.fields[k]) !== v) bad.push(`${c.entry.id} <${c.field.key}>: ${line} -> ${k}=${String(r.event.fields[k])}, want ${v}`);
      }
    }
    expect(bad.slice(0, 30)).toEqual([]);
  });

  it('with the real part cut off at the length sshd cuts at: never the attacker values', () => {
    const bad: string[] = [];
    let tried = 0;
    for (const c of ALL) {
      const cut = MESSAGE_CUT[c.entry.family];
      if (!cut) continue;
      // The filler is what strnvis makes of bytes a client sent (\ooo), then the replayed part, and the
      // message then ends at the cut: sshd's own part is gone.
      const room = cut - c.end - c.replay.length;
      if (room < 1) continue;
      const filler = Buffer.from('\\001'.repeat(Math.floor(room / 4)) + 'x'.repeat(room % 4));
      const message = Buffer.concat([c.message.subarray(0, c.end), filler, c.replay]);
      expect(message.length).toBe(cut);
      const line = c.header + message.toString();
      const r = m.matchDetailed(line);
      tried++;
      const moved = r.event ? taken(r.event.fields, c) : [];
      if (moved.length) bad.push(`${c.entry.id} <${c.field.key}>: ${line.slice(0, 80)}... -> ${r.event!.id} ${moved.join(' ')}`);
    }
    expect(tried).toBeGreaterThan(50);
    expect(bad.slice(0, 30)).toEqual([]);
  });

  it('inside rsyslog\'s "message repeated N times: [ ... ]"', () => {
    const bad: string[] = [];
    for (const c of ALL) {
      const message = Buffer.concat([c.message.subarray(0, c.end), c.replay, c.message.subarray(c.end)]);
      const line = `${c.header}message repeated 3 times: [ ${message.toString()}]`;
      const r = m.matchDetailed(line);
      if (r.status === 'ambiguous' || !r.event) continue;
      const moved = taken(r.event.fields, c);
      if (moved.length) bad.push(`${c.entry.id} <${c.field.key}>: ${line} -> ${r.event.id} ${moved.join(' ')}`);
    }
    expect(bad.slice(0, 30)).toEqual([]);
  });

  it('where sshd writes no client text after its part, a user name never makes the line ambiguous', () => {
    const bad: string[] = [];
    let tried = 0;
    for (const c of ALL) {
      const gate = secondReading(c.entry)?.gate;
      if (!gate || c.field.type !== 'user') continue;
      const gateField = c.entry.fields.find((f) => f.slot === gate.slot)!;
      const places = referencePlaces(c.entry, c.message)!;
      const [s, e] = places.get(gateField.key)!;
      if (gate.values.includes(c.message.subarray(s, e).toString())) continue; // a key method: ambiguous is right
      if (c.entry.fields.some((f) => (gate.fields & (1 << f.slot)) !== 0 && places.has(f.key))) continue; // text after it already
      // the user name replays the rest, a key's ID after the address included
      const replay = Buffer.concat([c.replay, Buffer.from(': RSA SHA256:abc')]);
      const message = Buffer.concat([c.message.subarray(0, c.end), replay, c.message.subarray(c.end)]);
      const line = c.header + message.toString();
      const r = m.matchDetailed(line);
      tried++;
      if (r.status !== 'matched' || r.event?.id !== c.entry.id) { bad.push(`${line} -> ${r.event?.id ?? r.status}`); continue; }
      for (const [k, v] of c.real) if (String(r.event.fields[k]) !== v) bad.push(`${line} -> ${k}=${String(r.event.fields[k])}, want ${v}`);
    }
    expect(tried).toBeGreaterThan(3);
    expect(bad).toEqual([]);
  });
});

describe('the holes issue 13 names', () => {
  const P = 'Nov 25 10:00:00 gw sshd[4242]: ';
  const cert = 'RSA-CERT SHA256:abc ID x from 6.6.6.6 port 22: z (serial 1) CA RSA SHA256:def';
  it.each([
    [`Failed publickey for root from 10.0.0.9 port 5555 ssh2: ${cert}`],
    [`[ID 800047 auth.info] Failed publickey for root from 10.0.0.9 port 5555 ssh2: ${cert}`],
    [`message repeated 3 times: [ Failed publickey for root from 10.0.0.9 port 5555 ssh2: ${cert}]`],
    [`Accepted publickey for root from 10.0.0.9 port 5555 ssh2: ${cert}`],
  ])('a certificate key ID holding " from 6.6.6.6 port 22: z" is ambiguous: %s', (message) => {
    const r = m.matchDetailed(P + message);
    if (r.status !== 'ambiguous') expect(r.event?.fields['source.ip']).toBe('10.0.0.9');
  });

  it('a user name cannot make a password failure ambiguous', () => {
    const r = m.matchDetailed(P + 'Failed password for x from 6.6.6.6 port 1 ssh2: z from 10.0.0.1 port 22 ssh2');
    expect(r.status).toBe('matched');
    expect(r.event!.fields).toMatchObject({ 'user.name': 'x from 6.6.6.6 port 1 ssh2: z', 'source.ip': '10.0.0.1', 'source.port': 22 });
  });

  it('PAM: a user name holding " for illegal user root" stays the user name', () => {
    const r = m.matchDetailed(P + 'error: PAM: Authentication failure for admin for illegal user root from 10.0.0.9');
    expect(r.event?.fields['user.name']).toBe('admin for illegal user root');
  });

  it('Tectia: a server user holding ", server user bob" makes the two user names ambiguous', () => {
    const r = m.matchDetailed('Nov 25 10:11:04 ssh-server-g3[514]: hostbased-authentication (rhosts) refused: client user alice, server user q, server user bob, client host 10.0.0.9.');
    expect(r.status).toBe('ambiguous');
    const plain = m.matchDetailed('Nov 25 10:11:04 ssh-server-g3[514]: hostbased-authentication (rhosts) refused: client user alice, server user bob, client host 10.0.0.9.');
    expect(plain.event?.fields).toMatchObject({ 'source.user.name': 'alice', 'user.name': 'bob', 'source.ip': '10.0.0.9' });
  });

  it('pam_unix: a user name holding " by (uid=7)" gives no uid from it, a newer PAM\'s uid after the name stays', () => {
    const opened = 'pam_unix(sshd:session): session opened for user ';
    expect(m.matchDetailed(P + opened + 'fztu by (uid=7) by (uid=0)').status).toBe('ambiguous');
    expect(m.matchDetailed(P + opened + 'fztu by root(uid=7) by (uid=0)').status).toBe('ambiguous');
    expect(m.matchDetailed(P + opened + 'alice(uid=1000) by alice(uid=0)').event?.fields).toMatchObject({ 'user.name': 'alice', 'user.id': '1000', 'system.auth.ssh.pam.uid': 0 });
    expect(m.matchDetailed(P + opened + 'root(uid=0) by (uid=0)').event?.fields).toMatchObject({ 'user.name': 'root', 'user.id': '0' });
    const spaced = m.matchDetailed(P + opened + 'john smith by (uid=0)'); // an older PAM, a directory name with a space
    expect(spaced.event?.fields).toMatchObject({ 'user.name': 'john smith', 'system.auth.ssh.pam.uid': 0 });
    expect(spaced.event?.fields['user.id']).toBeUndefined();
    expect(m.matchDetailed(P + opened + 'john smith(uid=1000) by (uid=0)').event?.fields).toMatchObject({ 'user.name': 'john smith', 'user.id': '1000' });
  });

  it('a message of exactly 500 bytes ending in client text yields no address', () => {
    const head = 'Connection closed by invalid user ', tail = ' 6.6.6.6 port 22';
    const n = 500 - head.length - tail.length;
    const user = '\\001'.repeat(Math.floor(n / 4)) + 'x'.repeat(n % 4);
    const r = m.matchDetailed(P + head + user + tail);
    expect(Buffer.byteLength(head + user + tail)).toBe(500);
    expect(r.status).toBe('ambiguous');
    expect(m.matchDetailed(P + head + 'bob' + tail).event?.fields['source.ip']).toBe('6.6.6.6'); // shorter: sshd's own
  });
});
