// Runs other log engines over a whole corpus file with the catalog exported for them (host/export), for
// the benchmark's end-to-end comparison: liblognorm's `lognormalizer` and syslog-ng's `pdbtool match`.
// Each run reports the lines read, the entry id each line was classified as (from the rule's tag or id),
// the wall-clock seconds and the peak resident set size (from /usr/bin/time -v when present). A program
// that is not installed gives null, never an error, so the runner can skip it with a message.
// Each engine runs twice: once with its output to a temporary file, read afterwards for the entry ids
// (so it never competes with this process for CPU), and once with its output to /dev/null for the timing,
// as the benchmark times this project's CLI.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Catalog } from '../compile/load.js';
import { exportLiblognorm } from '../export/liblognorm.js';
import { exportPatterndb } from '../export/patterndb.js';

export interface EngineRun {
  engine: 'lognormalizer' | 'pdbtool';
  version: string;
  command: string;
  /** Lines of output read back (one per input line when the engine keeps them aligned). */
  lines: number;
  /** Lines classified as some entry. */
  matched: number;
  /** Entry id per input line (null: no entry), or null when the output is not one line per input line. */
  ids: (string | null)[] | null;
  seconds: number;
  peakRssKb: number | null;
}

const TIME = '/usr/bin/time';

/** Path of a program on PATH, or null. */
export function findProgram(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir || '.', name);
    if (existsSync(p)) return p;
  }
  return null;
}

function version(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').find((l) => /\d+\.\d+/.test(l))?.trim() ?? 'unknown';
}

/** Runs `cmd args` with stdin from a file and stdout to a file; wall time and peak RSS of the engine. */
async function timed(cmd: string, args: string[], stdinPath: string | null, stdoutPath: string): Promise<{ seconds: number; peakRssKb: number | null; stderr: string; code: number | null }> {
  const useTime = existsSync(TIME);
  const input = stdinPath === null ? 'ignore' : openSync(stdinPath, 'r');
  const output = openSync(stdoutPath, 'w');
  const started = process.hrtime.bigint();
  const child = spawn(useTime ? TIME : cmd, useTime ? ['-v', cmd, ...args] : args, { stdio: [input, output, 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { if (stderr.length < 1 << 20) stderr += d; });
  const code = await new Promise<number | null>((resolve, reject) => { child.on('error', reject); child.on('close', resolve); });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (typeof input === 'number') closeSync(input);
  closeSync(output);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return { seconds, peakRssKb: rss ? Number(rss[1]) : null, stderr, code };
}

async function readIds(path: string, idOf: (line: string) => string | null): Promise<(string | null)[]> {
  const ids: (string | null)[] = [];
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) ids.push(idOf(line));
  return ids;
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path)) for (const b of chunk as Buffer) if (b === 10) n++;
  return n;
}

function finish(engine: EngineRun['engine'], ver: string, command: string, t: { seconds: number; peakRssKb: number | null }, ids: (string | null)[], inputLines: number): EngineRun {
  return {
    engine, version: ver, command, lines: ids.length, matched: ids.filter((x) => x !== null).length,
    ids: ids.length === inputLines ? ids : null, seconds: t.seconds, peakRssKb: t.peakRssKb,
  };
}

/** `lognormalizer -r <exported rulebase> -e json -T` over the corpus; entry ids from event.tags. */
export async function runLognormalizer(corpusPath: string, catalog: Catalog): Promise<EngineRun | null> {
  const bin = findProgram('lognormalizer');
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'slm-lognorm-'));
  try {
    const rulebase = join(dir, 'ssh.rulebase');
    writeFileSync(rulebase, exportLiblognorm(catalog));
    const out = join(dir, 'out.jsonl');
    const args = ['-r', rulebase, '-e', 'json', '-T'];
    const check = await timed(bin, args, corpusPath, out);
    if (check.code !== 0 || /liblognorm error/.test(check.stderr)) throw new Error(`lognormalizer failed (exit ${check.code}): ${check.stderr.split('\n').filter((l) => /error/i.test(l)).slice(0, 3).join('; ')}`);
    const t = await timed(bin, args, corpusPath, '/dev/null');
    const ids = await readIds(out, (line) => /"event\.tags": \[ "([^"]+)"/.exec(line)?.[1] ?? null);
    return finish('lognormalizer', version(bin, ['-V']), `lognormalizer ${args.join(' ')} < corpus`, t, ids, await countLines(corpusPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pdbtool match -p <exported patterndb> -f <corpus>`; entry ids from .classifier.rule_id. */
export async function runPdbtool(corpusPath: string, catalog: Catalog): Promise<EngineRun | null> {
  const bin = findProgram('pdbtool');
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'slm-pdb-'));
  try {
    const db = join(dir, 'ssh.pdb.xml');
    writeFileSync(db, exportPatterndb(catalog));
    const out = join(dir, 'out.txt');
    const args = ['match', '-p', db, '-f', corpusPath, '-T', '${.classifier.rule_id}\\n'];
    const check = await timed(bin, args, null, out);
    if (check.code !== 0) throw new Error(`pdbtool failed (exit ${check.code}): ${check.stderr.split('\n').slice(0, 3).join('; ')}`);
    const t = await timed(bin, args, null, '/dev/null');
    const ids = await readIds(out, (line) => (line === '' ? null : line));
    return finish('pdbtool', findProgram('syslog-ng') ? version('syslog-ng', ['--version']) : 'syslog-ng (version unknown)', `pdbtool ${args.join(' ')}`, t, ids, await countLines(corpusPath));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Share of lines whose id equals the expected one (ids aligned with the corpus lines). */
export function agreement(ids: (string | null)[], expected: (string | null)[]): number {
  let same = 0;
  for (let i = 0; i < expected.length; i++) if ((ids[i] ?? null) === expected[i]) same++;
  return expected.length ? same / expected.length : 1;
}

