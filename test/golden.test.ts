// Golden corpora: test/fixtures/<name>.log beside <name>.expected.jsonl, the CLI's output for it.
// Regenerate after an intended change with `UPDATE_GOLDEN=1 npx vitest run test/golden.test.ts`, then
// review the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toEcsDocument } from '../host/binding/index.js';
import { newMatcher } from './support/catalog.js';

const dir = 'test/fixtures';
const corpora = readdirSync(dir).filter((f) => f.endsWith('.log'));
const matcher = newMatcher();

describe('golden corpora', () => {
  it.each(corpora)('%s', (file) => {
    const input = readFileSync(join(dir, file));
    const out = matcher.matchLines(input).map((r) => JSON.stringify(toEcsDocument(r))).join('\n') + '\n';
    const expectedPath = join(dir, file.replace(/\.log$/, '.expected.jsonl'));
    if (process.env.UPDATE_GOLDEN) writeFileSync(expectedPath, out);
    expect(existsSync(expectedPath), `${expectedPath} missing: run with UPDATE_GOLDEN=1`).toBe(true);
    const lines = input.toString('latin1').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    expect(out.split('\n').length - 1).toBe(lines.length); // one document per input line, none lost
    expect(out).toBe(readFileSync(expectedPath, 'utf8'));
  });
});
