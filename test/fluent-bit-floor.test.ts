// The Fluent Bit floor module (bench/anchor/fluent-bit/floor.ts, the `floor` variant of measure.sh): it must
// build, return each record whole with the ECS members appended, and stay as large as what ssh_enrich adds,
// or the floor it measures no longer describes our records.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FluentBitHarness } from '../host/binding/filter-wasm.js';

const LINE = 'Mar 28 23:50:04 git sshd[57265]: Failed password for invalid user ubnt from 207.43.183.254 port 49782 ssh2';

describe('the Fluent Bit floor module', () => {
  it('hands back the record with a tail as large as ssh_enrich adds', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'floor-')), 'floor.wasm');
    execFileSync('node_modules/.bin/asc', ['bench/anchor/fluent-bit/floor.ts', '--runtime', 'stub', '--use', 'abort=', '-O3', '--outFile', out]);
    const floor = new FluentBitHarness(new WebAssembly.Module(readFileSync(out)));
    const record = JSON.stringify({ log: LINE, stream: 'stdout' });
    const got = floor.call('ssh_floor' as never, record)!;
    const parsed = JSON.parse(got);
    expect(parsed.log).toBe(LINE);
    expect(parsed.stream).toBe('stdout');
    expect(parsed.ssh_log_matcher.status).toBe('matched');
    const enriched = new FluentBitHarness().call('ssh_enrich', record)!;
    const added = (s: string) => Buffer.byteLength(s) - Buffer.byteLength(record);
    expect(Math.abs(added(got) - added(enriched)) / added(enriched)).toBeLessThan(0.1);
  });
});
