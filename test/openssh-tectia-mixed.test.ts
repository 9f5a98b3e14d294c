// One stream with Tectia (sshd2, ssh-server-g3, and sshd: Tectia 3.x servers were installed under that
// name too) and OpenSSH (sshd, sshd-session, sshd-auth) lines: the program name decides which families' entries
// a line is tried against, so each line is classified by its own family, and a message of one family logged
// under a program name only the other family lists is not taken for it.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type Matcher } from '../dist/node/binding/index.js';
import { sharedMessage } from '../dist/node/compile/ambiguity.js';
import { findCatalogFiles, loadCatalog } from '../dist/node/compile/load.js';

const catalog = loadCatalog(findCatalogFiles('catalog'));
const programsOf = new Map(catalog.families.map((f) => [f.name, f.programs]));

let matcher: Matcher;
beforeAll(async () => { matcher = await createMatcher(); });

/** Every example's message, framed as syslog from one of its family's programs (taking turns). */
function framedExamples(): { line: string; id: string; family: string; message: string }[] {
  const out: { line: string; id: string; family: string; message: string }[] = [];
  let turn = 0;
  for (const e of catalog.entries) for (const ex of e.examples) {
    const message = matcher.matchDetailed(ex.line).message!;
    const programs = programsOf.get(e.family)!;
    const program = programs[turn++ % programs.length];
    out.push({ line: `Nov 25 10:00:${String(turn % 60).padStart(2, '0')} gw ${program}[${1000 + turn}]: ${message}`, id: e.id, family: e.family, message });
  }
  return out;
}

describe('Tectia and OpenSSH lines in one stream', () => {
  it('has one program name in both families: sshd', () => {
    const [tectia, openssh] = [programsOf.get('tectia')!, programsOf.get('openssh')!];
    expect(tectia.filter((p) => openssh.includes(p))).toEqual(['sshd']);
    expect(openssh).toEqual(['sshd', 'sshd-session', 'sshd-auth']);
  });

  it('reads every Tectia message under sshd[pid]: as its Tectia entry, and every OpenSSH example under sshd as before', () => {
    const wrong: string[] = [];
    for (const e of catalog.entries.filter((x) => x.family === 'tectia' || x.family === 'openssh')) {
      for (const ex of e.examples) {
        const r = matcher.matchDetailed(ex.line);
        const line = `Nov 25 10:00:00 gw sshd[4242]: ${r.message!}`;
        const under = matcher.matchDetailed(line);
        if (under.event?.id !== e.id || JSON.stringify(under.event.fields) !== JSON.stringify(r.event!.fields)) wrong.push(`${line} -> ${under.event?.id ?? under.status}`);
        if (under.header.program !== 'sshd') wrong.push(`${line}: program ${under.header.program}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(matcher.match('Nov 25 10:00:01 gw sshd[411]: Logout for user alice.')).toMatchObject({ id: 'tectia.session.logout', fields: { 'user.name': 'alice' } });
  });

  it('classifies each line of an interleaved stream by its own family', () => {
    const lines = framedExamples();
    const tectia = lines.filter((l) => l.family === 'tectia');
    const openssh = lines.filter((l) => l.family === 'openssh');
    expect(tectia.length).toBeGreaterThan(50);
    expect(openssh.length).toBeGreaterThan(50);
    const mixed = Array.from({ length: Math.max(tectia.length, openssh.length) }, (_, i) => [tectia[i], openssh[i]]).flat().filter((l) => l !== undefined);
    const results = matcher.matchLines(mixed.map((l) => l.line).join('\n'));
    expect(results).toHaveLength(mixed.length);
    const wrong = results.flatMap((r, i) => (r.event?.id === mixed[i].id ? [] : [`${mixed[i].line} -> ${r.event?.id ?? r.status}`]));
    expect(wrong).toEqual([]);
  });

  it("does not take one family's message for the other's when logged under the other's program", () => {
    const crossed = framedExamples().map((l) => ({ ...l, line: l.line.replace(/ gw [^\[]+\[/, ` gw ${l.family === 'tectia' ? 'sshd-session' : 'sshd2'}[`) }));
    const leaks = crossed.flatMap((l) => {
      const ev = matcher.match(l.line);
      return ev && ev.id.split('.')[0] === l.family ? [`${l.line} -> ${ev.id}`] : [];
    });
    expect(leaks).toEqual([]);
  });

  it('tells bare messages (no program name) apart too: no Tectia and OpenSSH entry share a message', () => {
    const tectia = catalog.entries.filter((e) => e.family === 'tectia');
    const openssh = catalog.entries.filter((e) => e.family === 'openssh');
    const shared = tectia.flatMap((a) => openssh.flatMap((b) => { const m = sharedMessage(a, b); return m === null ? [] : [`${a.id} / ${b.id}: ${m}`]; }));
    expect(shared).toEqual([]);
  });

  it('reads real OpenSSH and Tectia lines side by side', () => {
    const stream = [
      'Dec 10 06:55:48 gw sshd[24200]: Failed password for invalid user webmaster from 173.234.31.186 port 38926 ssh2',
      'Dec 10 06:55:49 gw sshd2[411]: Disallowed connect from denied host. \'Connection from 10.9.8.7 denied.\'',
      'Dec 10 06:55:50 gw sshd-session[24201]: Accepted publickey for git from 192.0.2.1 port 57904 ssh2: ED25519 SHA256:abc',
      '<38>Dec 10 06:55:51 sshd2[412]: Protocol error in remote: \'packet too long: 262144\'',
      'Dec 10 06:55:52 gw sshd[24200]: Received disconnect from 173.234.31.186: 11: Bye Bye [preauth]',
    ];
    const ids = matcher.matchLines(stream.join('\n')).map((r) => r.event?.id);
    expect(ids).toEqual(['openssh.auth.failed', 'tectia.disconnect.host-not-allowed', 'openssh.auth.accepted',
      'tectia.disconnect.protocol-error', 'openssh.connection.received-disconnect']);
  });
});
