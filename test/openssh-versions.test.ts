// Version coverage: the server format strings of OpenSSH 7.2p2, 8.9p1, 9.2p1 and 10.5p1
// (test/fixtures/openssh-reference, extracted from openssh-portable at those tags) are filled in with sample
// values and logged the way sshd logs them (level prefix, " [preauth]", the "Disconnecting ...:" wrapper,
// the 10.x program names), and each must match its entry with the expected fields. A format that changed
// between versions appears once per wording, so every wording of every version is exercised.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type Matcher } from '../dist/node/binding/index.js';
import { messages, program, rows, VERSION_NAMES, type Version } from './openssh-formats.js';
import { CASES, type Case } from './openssh-cases.js';
let matcher: Matcher;
beforeAll(async () => { matcher = await createMatcher(); });

describe('OpenSSH server messages of 7.2p2, 8.9p1, 9.2p1 and 10.5p1', () => {
  const seen = new Map<Case, Version[]>();
  for (const version of VERSION_NAMES) {
    it(`matches every covered format of ${version} as its entry`, () => {
      const all = rows(version);
      const problems: string[] = [];
      for (const c of CASES) {
        const found = all.filter((r) => r.format === c.format);
        if (found.length) seen.set(c, [...(seen.get(c) ?? []), version]);
        for (const row of found) for (const message of messages(version, row, c)) {
          const line = `Nov 25 10:00:00 gw ${program(version, row)}[4242]: ${message}`;
          const ev = matcher.match(line);
          const idOk = ev && (c.entry.endsWith('*') ? ev.id.startsWith(c.entry.slice(0, -1)) : ev.id === c.entry);
          if (!idOk) { problems.push(`${line} -> ${ev?.id ?? 'no match'} (want ${c.entry})`); continue; }
          for (const [k, v] of Object.entries(c.fields ?? {})) if (ev!.fields[k] !== v) problems.push(`${line}: ${k}=${String(ev!.fields[k])}, want ${v}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('finds every listed format in at least one version (no typo in the table)', () => {
    expect(CASES.filter((c) => !seen.has(c)).map((c) => c.format)).toEqual([]);
  });

  it('covers the authentication results and the connection end in every version', () => {
    const core = ['openssh.auth.failed', 'openssh.auth.accepted', 'openssh.auth.invalid-user', 'openssh.auth.max-attempts',
      'openssh.auth.root-refused', 'openssh.connection.closed', 'openssh.connection.received-disconnect',
      'openssh.connection.negotiation-failed', 'openssh.connection.reverse-mapping-failed', 'openssh.pam.sshd-failure'];
    for (const version of VERSION_NAMES) {
      const covered = new Set(CASES.filter((c) => seen.get(c)?.includes(version)).map((c) => c.entry));
      expect(core.filter((e) => !covered.has(e)), version).toEqual([]);
    }
  });
});
