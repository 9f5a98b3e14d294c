// Near misses, not only hits: for every entry, its first example with one literal byte changed, the last
// byte dropped, or a word appended must not be classified as that entry.
import { describe, expect, it } from 'vitest';
import { projectCatalog, newMatcher } from './support/catalog.js';

const catalog = projectCatalog();
const m = newMatcher();

const cases = catalog.entries.map((e) => {
  const message = m.matchDetailed(e.examples[0].line).message!;
  const first = e.nodes[0];
  const last = e.nodes[e.nodes.length - 1];
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

  it('most entries are checked at both ends', () => {
    expect(cases.filter((c) => c.startsWithLiteral && c.endsWithLiteral).length).toBeGreaterThan(cases.length / 2);
  });
});
