// The benchmark anchor: what users run instead, on a corpus independent of our catalog (bench/anchor/,
// written from the same references by other hands; its README says how). The CLI, with one thread and with
// its default, is timed end to end beside `lognormalizer` running the anchor's hand-written rulebase, both
// from the same file to /dev/null; the figure that counts is lines per CPU-second.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../binding/paths.js';
import { median, timeProcess } from './timing.js';

export const ANCHOR_DIR = join(PACKAGE_ROOT, 'bench/anchor');

/** Writes the anchor corpus of `lines` lines (seed 42, as its README) to `path`. */
export function writeAnchorCorpus(path: string, lines: number): void {
  execFileSync('node', [join(ANCHOR_DIR, 'gen-corpus.cjs'), String(lines), '42', path], { stdio: 'ignore' });
}

export interface AnchorRun { engine: string; command: string; seconds: number; cpuSeconds: number; peakRssKb: number }

function lognormalizerPath(): string | null {
  try { return execFileSync('sh', ['-c', 'command -v lognormalizer'], { encoding: 'utf8' }).trim() || null; } catch { return null; }
}

/** Median of `rounds` runs of each engine, interleaved; lognormalizer is left out when not installed. */
export function runAnchor(corpus: string, rounds = 3, onRun: () => void = () => {}): AnchorRun[] {
  const cli = join(PACKAGE_ROOT, 'dist/node/cli/main.js');
  const engines: { engine: string; command: string; cmd: string; args: string[]; stdin?: string }[] = [
    { engine: 'cli-1-thread', command: 'ssh-log-matcher --threads 1 corpus', cmd: 'node', args: [cli, '--threads', '1', corpus] },
    { engine: 'cli', command: 'ssh-log-matcher corpus', cmd: 'node', args: [cli, corpus] },
  ];
  const lognormalizer = lognormalizerPath();
  if (lognormalizer) engines.push({ engine: 'lognormalizer', command: 'lognormalizer -r sshd.rulebase -e json -T < corpus', cmd: lognormalizer, args: ['-r', join(ANCHOR_DIR, 'sshd.rulebase'), '-e', 'json', '-T'], stdin: corpus });
  const runs = new Map(engines.map((e) => [e.engine, [] as { seconds: number; cpuSeconds: number; peakRssKb: number }[]]));
  for (let r = 0; r < rounds; r++) {
    for (const e of engines) {
      const run = timeProcess(e.cmd, e.args, e.stdin);
      if (!run || run.status !== 0) throw new Error(`anchor: ${e.command} failed: ${run?.stderr ?? 'could not run'}`);
      runs.get(e.engine)!.push(run);
      onRun();
    }
  }
  return engines.map((e) => {
    const rs = runs.get(e.engine)!;
    return { engine: e.engine, command: e.command, seconds: median(rs.map((x) => x.seconds)), cpuSeconds: median(rs.map((x) => x.cpuSeconds)), peakRssKb: Math.max(...rs.map((x) => x.peakRssKb)) };
  });
}
