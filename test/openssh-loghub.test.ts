// Accuracy against Loghub's OpenSSH_2k: 2,000 real lines from one server, labelled with 27 templates by
// others. Every line must match an OpenSSH entry, and the entry (through the published mapping in
// test/fixtures/openssh-loghub-mapping.yaml) must give Loghub's event id, except for listed label errors.
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, type Matcher } from '../dist/node/binding/index.js';
import { loghubLines, loghubMapping, ruleApplies } from './openssh-fixtures.js';

let matcher: Matcher;
beforeAll(async () => { matcher = await createMatcher(); });

describe('Loghub OpenSSH_2k', () => {
  const lines = loghubLines();
  const mapping = loghubMapping();

  it('has its 2,000 labelled lines and 27 event ids', () => {
    expect(lines).toHaveLength(2000);
    expect(new Set(lines.map((l) => l.eventId)).size).toBe(27);
    expect(new Set(mapping.rules.map((r) => r.event)).size).toBe(27);
  });

  it('matches every line with an OpenSSH entry, framed as program sshd', () => {
    const unmatched = lines.filter((l) => {
      const r = matcher.matchDetailed(l.raw);
      return !(r.status === 'matched' && r.event!.id.startsWith('openssh.') && r.header.program === 'sshd');
    });
    expect(unmatched.map((l) => `${l.lineId}: ${l.raw}`)).toEqual([]);
  });

  it("assigns Loghub's event id to every line, apart from the documented label errors", () => {
    const disagreements: { line: number; label: string; ours: string }[] = [];
    for (const l of lines) {
      const ev = matcher.match(l.raw);
      const claims = ev ? mapping.rules.filter((r) => ruleApplies(r, ev.id, ev.fields, ev.message)) : [];
      expect(claims.length, `line ${l.lineId} (${ev?.id}) is claimed by ${claims.length} mapping rules: ${l.raw}`).toBe(1);
      if (claims[0].event !== l.eventId) disagreements.push({ line: l.lineId, label: l.eventId, ours: claims[0].event });
    }
    const documented = mapping.exceptions.map(({ line, label, ours }) => ({ line, label, ours }));
    expect(disagreements).toEqual(documented);
    expect(lines.length - disagreements.length).toBe(2000 - mapping.exceptions.length);
  });

  it('reports every failed authentication with event.outcome failure and the client address', () => {
    const failures = new Set(['E8', 'E9', 'E10', 'E14', 'E15', 'E16', 'E17', 'E19', 'E20']);
    for (const l of lines.filter((x) => failures.has(x.eventId))) {
      const ev = matcher.match(l.raw)!;
      expect(ev.event.outcome, l.raw).toBe('failure');
      expect(ev.event.category, l.raw).toContain('authentication');
      expect(ev.fields['source.address'] ?? ev.fields['source.ip'], l.raw).toBeTruthy();
    }
  });
});
