// The fast JSON writer must write exactly JSON.stringify(toEcsDocument(result)) for every kind of line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EcsJsonWriter, toEcsDocument } from '../host/binding/index.js';
import { hostileLine, joinLines, prng } from './support/hostile.js';
import { projectCatalog, newMatcher } from './support/catalog.js';

const m = newMatcher();

describe('EcsJsonWriter', () => {
  it('equals JSON.stringify(toEcsDocument(r)) on the golden corpus, the examples and hostile lines', () => {
    const rand = prng(99);
    const examples = projectCatalog().entries.flatMap((e) => e.examples.map((x) => new TextEncoder().encode(x.line)));
    const chunks = [readFileSync('test/fixtures/tectia.log'), joinLines(examples), joinLines(Array.from({ length: 3000 }, () => hostileLine(rand)))];
    const w = new EcsJsonWriter();
    let n = 0;
    for (const chunk of chunks) for (const r of m.matchLines(chunk)) {
      expect(w.write(r)).toBe(JSON.stringify(toEcsDocument(r)));
      n++;
    }
    expect(n).toBeGreaterThan(3100);
  });
});
