// Brute-force decisions checked against the real fail2ban (Debian's package; CI installs it): on fail2ban's
// own sshd test log and on a seeded attack corpus, mode by mode, the failures we count (line, address,
// time) and the bans we decide (the line and time of the maxretry-th failure within findtime) equal what
// fail2ban-regex's filter and the jail's FailManager give (host/bench/fail2ban-oracle.py). On fail2ban's
// log the lines listed in test/fixtures/detect-fail2ban-exceptions.yaml differ, for the reasons given there;
// the bans are then checked against the jail's counting of our failures.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MODES, fail2banCount, fail2banDecisions, fail2banPython, ourDecisions, rounded, type Decision } from './support/fail2ban.js';
import { attackCorpus } from '../host/bench/attack-corpus.js';

const python = fail2banPython();
const SSHD_LOG = join(__dirname, 'fixtures', 'fail2ban-sshd', 'sshd.log');
const scratch = mkdtempSync(join(tmpdir(), 'detect-fail2ban-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

if (!python) {
  describe('fail2ban', () => {
    it.skip('fail2ban-regex is not installed (apt-get install fail2ban): decisions not compared with the real tool', () => {});
  });
} else {
  const attack = join(scratch, 'attack.log');
  writeFileSync(attack, attackCorpus({ seed: 16, addresses: 60, lines: 6000 }));
  // RFC 3164 dates have no year: both take the current one (fail2ban's "now", our reference time).
  const now = new Date();
  const listed = parseYaml(readFileSync(join(__dirname, 'fixtures', 'detect-fail2ban-exceptions.yaml'), 'utf8')) as
    { kinds: Record<string, string>; exceptions: { at: number; kind: string; modes?: string[] }[] };
  const key = ([l, a, t]: Decision) => JSON.stringify([l, a, Math.round(t * 1000) / 1000]);
  /** Lines with a failure one side counts and the other does not (or counts for another address or time). */
  const differing = (a: Decision[], b: Decision[]) => {
    const ka = new Set(a.map(key)), kb = new Set(b.map(key));
    return [...new Set([...a.filter((d) => !kb.has(key(d))), ...b.filter((d) => !ka.has(key(d)))].map((d) => d[0]))].sort((x, y) => x - y);
  };
  const listedFor = (mode: string) => listed.exceptions.filter((e) => !e.modes || e.modes.includes(mode)).map((e) => e.at).sort((a, b) => a - b);
  const cases: [string, string, number, number, boolean][] = [
    ['sshd.log (fail2ban tests), defaults', SSHD_LOG, 5, 600, true],
    ['sshd.log (fail2ban tests), maxretry 2', SSHD_LOG, 2, 600, true],
    ['attack corpus, defaults', attack, 5, 600, false],
    ['attack corpus, maxretry 3 findtime 60', attack, 3, 60, false],
  ];
  describe.each(cases)('%s', (_name, log, maxretry, findtime, withExceptions) => {
    it.each(MODES.map((m, i) => [m, i] as const))('mode %s: the same failures and bans as fail2ban', (mode, index) => {
      const exceptions = withExceptions ? listedFor(mode) : [];
      const theirs = fail2banDecisions(python, log, mode, maxretry, findtime);
      const ours = ourDecisions(readFileSync(log), index, maxretry, findtime, now);
      expect(theirs.failures.length).toBeGreaterThan(0);
      if (!exceptions.length) expect(theirs.bans.length).toBeGreaterThan(0);
      expect(differing(ours.failures, theirs.failures)).toEqual(exceptions);
      if (!exceptions.length) expect(rounded(ours.bans)).toEqual(rounded(theirs.bans));
      expect(rounded(ours.bans)).toEqual(rounded(fail2banCount(python, ours.failures, maxretry, findtime)));
    });
  });

  it('gives every listed difference a documented kind', () => {
    for (const e of listed.exceptions) expect(listed.kinds[e.kind], String(e.at)).toBeTruthy();
  });
}
