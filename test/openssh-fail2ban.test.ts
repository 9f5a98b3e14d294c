// Accuracy against fail2ban's sshd filter tests: every line fail2ban's normal mode counts as a failure must be
// a failed authentication for us (same client address, same user where the label names one), and no line it
// does not count may be one, except the disagreements listed with their reasons in
// test/fixtures/openssh-fail2ban-exceptions.yaml (docs/openssh.md explains each kind). Lines that are failures
// only in fail2ban's ddos/extra/aggressive modes must be matched with the right address and user; we classify
// them as fail2ban's normal mode does (docs/openssh.md, "fail2ban modes").
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createMatcher, type Matcher, type MatchEvent } from '../dist/node/binding/index.js';
import { fail2banCases, fixture, type Fail2banCase } from './openssh-fixtures.js';

/** Entries outside category authentication that we still count as a refused login (docs/openssh.md). */
const COUNTED_AS_FAILURE = new Set(['openssh.connection.refused-tcp-wrappers']);

export const isAuthFailure = (ev: MatchEvent | null): boolean =>
  !!ev && ((ev.event.category.includes('authentication') && ev.event.outcome === 'failure') || COUNTED_AS_FAILURE.has(ev.id));

/** fail2ban reports IPv4-mapped IPv6 addresses as plain IPv4. */
const sameHost = (ours: unknown, theirs: string) => typeof ours === 'string' && ours.replace(/^::ffff:(?=\d+\.)/i, '') === theirs;

/** Lines are matched as the files hold them. */
const asLogged = (c: Fail2banCase) => c.line; // the framing reads both files' forms, "<host> sshd[pid]:" included

/** Whether the label holds in fail2ban's default (normal) mode. */
const normalMode = (c: Fail2banCase) => c.modes.includes('normal') && !/mode'\) == /.test(c.label.constraint ?? '');

interface Exception { at: string; kind: string; message: string }
const listed = parseYaml(readFileSync(fixture('openssh-fail2ban-exceptions.yaml'), 'utf8')) as { kinds: Record<string, string>; exceptions: Exception[] };
const exceptions = listed.exceptions;

let matcher: Matcher;
beforeAll(async () => { matcher = await createMatcher(); });

function disagreement(c: Fail2banCase): string | null {
  const ev = matcher.match(asLogged(c));
  const ours = isAuthFailure(ev);
  if (normalMode(c)) {
    if (ours !== c.label.match) return `label ${c.label.match}, ours ${ours} (${ev?.id ?? 'no match'})`;
    if (!c.label.match) return null;
    if (c.label.host !== undefined && !sameHost(ev!.fields['source.address'] ?? ev!.fields['source.ip'], c.label.host))
      return `host ${String(ev!.fields['source.address'] ?? ev!.fields['source.ip'])}, label ${c.label.host}`;
    if (c.label.user !== undefined && (ev!.fields['user.name'] ?? '') !== c.label.user) return `user ${String(ev!.fields['user.name'])}, label ${c.label.user}`;
    return null;
  }
  // A failure in fail2ban's ddos/extra/aggressive modes only: we classify it as in normal mode (docs/openssh.md)
  // but must recognise the line and read the same address and user when the line carries them.
  if (!c.label.match) return null;
  if (!ev || !ev.id.startsWith('openssh.')) return `mode-only failure not matched`;
  const host = ev.fields['source.address'] ?? ev.fields['source.ip'];
  if (host !== undefined && c.label.host !== undefined && !sameHost(host, c.label.host)) return `host ${String(host)}, label ${c.label.host}`;
  if (c.label.user !== undefined && (ev.fields['user.name'] ?? '') !== c.label.user) return `user ${String(ev.fields['user.name'])}, label ${c.label.user}`;
  return null;
}

describe('fail2ban sshd filter test logs', () => {
  for (const file of ['sshd.log', 'sshd-journal.log']) {
    it(`${file}: agrees with every label but the documented exceptions`, () => {
      const cases = fail2banCases(file);
      expect(cases.length).toBeGreaterThan(100);
      const found = cases.flatMap((c) => { const d = disagreement(c); return d ? [`${file}:${c.lineNo}`] : []; });
      if (process.env.SHOW_DISAGREEMENTS) for (const c of cases) { const d = disagreement(c); if (d) console.log(`${file}:${c.lineNo} [${c.modes}] ${d}\n    ${c.line}`); }
      expect(found).toEqual(exceptions.filter((e) => e.at.startsWith(`${file}:`)).map((e) => e.at));
    });
  }

  it('gives every exception a documented kind and the message it is about', () => {
    for (const e of exceptions) {
      expect(listed.kinds[e.kind], e.at).toBeTruthy();
      const [file, lineNo] = e.at.split(':');
      const c = fail2banCases(file).find((x) => x.lineNo === Number(lineNo));
      expect(c?.line.endsWith(e.message), e.at).toBe(true);
    }
  });
});
