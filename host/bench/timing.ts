// Timing and memory measurement helpers for the benchmark: medians over rounds, child processes timed
// with GNU time for peak RSS, and a machine description for the results file.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, release, tmpdir, totalmem } from 'node:os';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function seconds<T>(fn: () => T): [number, T] {
  const t = process.hrtime.bigint();
  const r = fn();
  return [Number(process.hrtime.bigint() - t) / 1e9, r];
}

export interface ProcessRun { seconds: number; cpuSeconds: number; peakRssKb: number; status: number; stderr: string }

/**
 * Runs a command with stdout to /dev/null under GNU time: wall-clock seconds, CPU seconds (user + system,
 * all threads) and peak RSS (kB). `stdin` is a file to read standard input from.
 */
export function timeProcess(cmd: string, args: string[], stdin?: string): ProcessRun | null {
  const dir = mkdtempSync(join(tmpdir(), 'ssh-time-'));
  const report = join(dir, 'time.txt');
  try {
    const input = stdin === undefined ? 'ignore' : openSync(stdin, 'r');
    const r = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', '-o', report, cmd, ...args], { stdio: [input, 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20 });
    if (typeof input === 'number') closeSync(input);
    if (r.error || !existsSync(report)) return null;
    const [secs, rss, user, sys] = readFileSync(report, 'utf8').trim().split('\n').pop()!.split(/\s+/).map(Number);
    if (!Number.isFinite(secs) || !Number.isFinite(rss)) return null;
    return { seconds: secs, cpuSeconds: user + sys, peakRssKb: rss, status: r.status ?? -1, stderr: String(r.stderr ?? '') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function machine() {
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'unknown', cores: c.length, memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version, os: `${process.platform} ${release()}`,
  };
}
