// Near misses, not only hits: for every entry, its first example with one literal byte changed, the last
// byte dropped, or a word appended must not be classified as that entry.
import { describe, expect, it } from 'vitest';
import { projectCatalog, newMatcher } from './support/catalog.js';

const catalog = projectCatalog();
const m = newMatcher();

const cases = catalog.entries.map((e) => {
  const message = m.matchDetailed(e.examples[0].line).message!;
  // a leading optional level word ("[error: ]", "[fatal: ]"), wholly literal, is skipped: changing the
  // message's first byte breaks it and the literal after it alike
  const allLiteral = (n: (typeof e.nodes)[number]) => n.kind === 'opt' && n.body.every((b) => b.kind === 'lit' || b.kind === 'space');
  const first = e.nodes.find((n) => !allLiteral(n)) ?? e.nodes[0];
  // the optional " [preauth]" the monitor appends is literal too: the message ends with what stands before it
  const isPreauth = (n: typeof first | undefined) => n?.kind === 'opt' && n.body.length === 2 && n.body[1].kind === 'lit' && n.body[1].text === '[preauth]';
  const last = isPreauth(e.nodes[e.nodes.length - 1]) && e.nodes.length > 1 ? e.nodes[e.nodes.length - 2] : e.nodes[e.nodes.length - 1];
  const fieldType = (n: typeof first) => (n.kind === 'field' ? e.fields.find((f) => f.key === n.name)!.type : null);
  const openEnded = last.kind === 'opt' || ['rest', 'text', 'quoted', 'user', 'word'].includes(fieldType(last) ?? '');
  return { id: e.id, message, startsWithLiteral: first.kind === 'lit', endsWithLiteral: last.kind === 'lit' && !openEnded };
});

describe('near misses', () => {
  it.each(cases)('$id', ({ id, message, startsWithLiteral, endsWithLiteral }) => {
    expect(m.classify(message)).toBe(id);
    if (startsWithLiteral) expect(m.classify('#' + message.slice(1))).not.toBe(id);
    if (endsWithLiteral) {
      expect(m.classify(message.slice(0, -1))).not.toBe(id);
      expect(m.classify(message + ' extra')).not.toBe(id);
      expect(m.classify(message.slice(0, -1) + '#')).not.toBe(id);
    }
  });

  // Many OpenSSH messages end with text sshd takes from elsewhere (`fatal: ...: <ssh-error>`), which no byte
  // change at the end can leave unmatched; nearly all are checked at one end, and about half at both.
  it('nearly every entry is checked at one end at least, and about half at both', () => {
    expect(cases.filter((c) => c.startsWithLiteral || c.endsWithLiteral).length).toBeGreaterThan(cases.length * 0.95);
    expect(cases.filter((c) => c.startsWithLiteral && c.endsWithLiteral).length).toBeGreaterThan(cases.length * 0.45);
  });
});
