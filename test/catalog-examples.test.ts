// Every catalog example is a test: the line is classified as its entry and yields exactly its fields.
import { describe, expect, it } from 'vitest';
import { checkExamples } from '../host/build/examples.js';
import { projectCatalog, newMatcher } from './support/catalog.js';

const catalog = projectCatalog();
const matcher = newMatcher();
const cases = catalog.entries.flatMap((e) => e.examples.map((x, i) => ({ name: `${e.id} #${i + 1}`, entry: e, x })));

describe('catalog examples', () => {
  it.each(cases)('$name', ({ entry, x }) => {
    const event = matcher.match(x.line);
    expect(event?.id).toBe(entry.id);
    expect(event?.fields).toEqual(x.fields);
    expect(event?.severity).toBe(entry.severity);
    expect(event?.event).toEqual(entry.event);
  });

  it('covers all 39 seed messages of the General Server Log Messages reference', () => {
    const seed = catalog.entries.filter((e) => e.where.file.endsWith('general-server.yaml'));
    expect(seed).toHaveLength(39);
    expect(new Set(seed.map((e) => e.title)).size).toBe(39);
  });

  it('checkExamples reports a wrong expected value with file and line', () => {
    const entry = catalog.entries.find((e) => e.id === 'tectia.auth.failed')!;
    const broken = { ...catalog, entries: [{ ...entry, examples: [{ ...entry.examples[0], fields: { ...entry.examples[0].fields, 'user.name': 'mallory' } }] }] };
    const problems = checkExamples(broken, matcher);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^catalog\/tectia\/general-server\.yaml:\d+: example of tectia\.auth\.failed yields user\.name="bob", expected "mallory"$/);
  });
});
