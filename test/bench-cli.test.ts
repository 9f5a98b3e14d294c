// `npm run bench` as a newcomer meets it (issue 15, point 10): --help names the command, and when stderr is
// not a terminal the progress is a line per stage, not a bar redrawn with carriage returns.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const bench = (args: string[]) => spawnSync('node', ['dist/node/bench/main.js', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });

describe('npm run bench', () => {
  it('--help names the command', () => {
    const r = bench(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: npm run bench -- \[options\]\n/);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('node dist/node/bench/main.js');
  });

  it('says what it is doing, a line per stage, when stderr is not a terminal', () => {
    const out = mkdtempSync(join(tmpdir(), 'bench-'));
    try {
      const r = bench(['--lines', '2000', '--rounds', '1', '--sizes', '2000', '--no-scaling', '--out', out]);
      expect(r.status).toBe(0);
      expect(r.stderr).not.toContain('\r');
      const stages = r.stderr.split('\n').filter((l) => l.startsWith('bench: ') && l.endsWith('...'));
      expect(stages.map((l) => l.replace(/ \(.*$/, ''))).toEqual(expect.arrayContaining([
        'bench: generating corpus', 'bench: checking agreement', 'bench: timing in-process engines', 'bench: end-to-end runs',
      ]));
      for (const s of stages) expect(r.stderr).toContain(`${s.replace(/ \(.*$/, '')}: done in `);
    } finally { rmSync(out, { recursive: true, force: true }); }
  }, 600_000); // every stage runs, even on 2,000 lines: with the whole OpenSSH catalog about two minutes on the 2-core machine
});
