// The benchmark's brute-force stage: the CLI with --detect beside fail2ban on the same seeded attack
// corpus (host/bench/attack-corpus.ts). Answers are checked first (rebar's rule): the CLI's alerts must be
// the bans fail2ban's filter and jail give (host/bench/fail2ban-oracle.py, fail2ban's own Python), else no
// speed is reported. Timed end to end, output to /dev/null: `ssh-log-matcher --detect` (every document
// and the alerts), `fail2ban-regex` (fail2ban's filter alone, as users run it to test a filter) and the
// oracle (filter and jail counting). Skipped, with a message, when fail2ban-regex is not installed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attackCorpus } from './attack-corpus.js';
import { findProgram } from './external-engines.js';
import { median, timeProcess } from './timing.js';
import { PACKAGE_ROOT, distPath } from '../binding/paths.js';
import { firstLines, fluentBitWork } from './work.js';

export interface DetectRow { engine: string; command: string; seconds: number; cpuSeconds: number; peakRssKb: number; linesPerSecond: number }
export interface DetectBench {
  lines: number; addresses: number; bans: number; rows: DetectRow[]; cliVsFail2banRegex: number; cliVsFail2banJail: number; alertsOnlyVsFail2banRegex: number;
  /** WebAssembly instructions per record in the Fluent Bit module on the attack corpus's first 20k lines: enrich, with fail2ban's decisions, with sessions, with both. */
  fluentBit: { enrich: number; enrichDetect: number; ratio: number; enrichSessions: number; sessionsRatio: number; enrichDetectSessions: number };
}

const FILTER = join(PACKAGE_ROOT, 'test/fixtures/fail2ban-sshd/sshd.conf');
const ORACLE = join(PACKAGE_ROOT, 'host/bench/fail2ban-oracle.py');

type Decision = [number, string, number];

/** The alerts of `ssh-log-matcher --detect` on `path`, as [line, address, time]. */
function cliAlerts(path: string): Decision[] {
  const out = execFileSync('node', [join(PACKAGE_ROOT, 'dist/node/cli/main.js'), '--detect', 'normal', path], { maxBuffer: 1 << 30, env: { ...process.env, TZ: 'UTC' } });
  const alerts: Decision[] = [];
  let line = 0;
  // Line by line from the buffer: a million lines' documents are longer than a string may be.
  for (let at = 0; at < out.length;) {
    const nl = out.indexOf(10, at);
    const end = nl < 0 ? out.length : nl;
    const text = out.subarray(at, end).toString('utf8');
    at = end + 1;
    if (!text) continue;
    if (!text.includes('"kind":"alert"')) { line++; continue; }
    const a = JSON.parse(text) as { source: { ip: string }; '@timestamp': string };
    alerts.push([line, a.source.ip, Date.parse(a['@timestamp']) / 1000]);
  }
  return alerts;
}

export function runDetectBench(dir: string, lines: number, seed: number, rounds = 3): DetectBench | string {
  const regex = findProgram('fail2ban-regex');
  if (!regex) return 'fail2ban-regex is not installed (apt-get install fail2ban): --detect not compared';
  if (!existsSync(FILTER)) return `${FILTER} is missing (a clone has it): --detect not compared`;
  const python = readFileSync(regex, 'utf8').split('\n')[0].replace(/^#!\s*/, '').split(/\s+/)[0];
  const addresses = Math.max(50, Math.round(lines / 200));
  const path = join(dir, 'attack.log');
  writeFileSync(path, attackCorpus({ seed, addresses, lines }));
  const n = readFileSync(path, 'utf8').split('\n').length - 1;
  const oracleArgs = [ORACLE, path, FILTER, 'normal', '5', '600'];
  const theirs = JSON.parse(execFileSync(python, oracleArgs, { maxBuffer: 1 << 30, env: { ...process.env, TZ: 'UTC' } }).toString()) as { bans: Decision[] };
  const ours = cliAlerts(path);
  const key = (d: Decision) => `${d[0]} ${d[1]} ${Math.round(d[2])}`;
  if (ours.map(key).join('\n') !== theirs.bans.map(key).join('\n'))
    throw new Error(`--detect and fail2ban disagree on the bans of ${path}: ${ours.length} and ${theirs.bans.length}; no speed is reported`);
  const runs: [string, string, string[]][] = [
    ['cli --detect', 'ssh-log-matcher --detect corpus (documents and alerts)', [process.execPath, join(PACKAGE_ROOT, 'dist/node/cli/main.js'), '--detect', 'normal', path]],
    ['cli alerts only', 'ssh-log-matcher --detect --only-events corpus (the alerts alone)', [process.execPath, join(PACKAGE_ROOT, 'dist/node/cli/main.js'), '--detect', 'normal', '--only-events', path]],
    ['fail2ban-regex', 'fail2ban-regex --usedns=no -o row corpus sshd.conf (the filter alone)', [python, regex, '--usedns=no', '-o', 'row', path, FILTER]],
    ['fail2ban jail', 'fail2ban-oracle.py corpus sshd.conf normal 5 600 (filter and FailManager)', [python, ...oracleArgs]],
  ];
  const rows: DetectRow[] = runs.map(([engine, command, [cmd, ...args]]) => {
    const rs = Array.from({ length: rounds }, () => timeProcess(cmd, args)!);
    const seconds = median(rs.map((r) => r.seconds));
    return { engine, command, seconds, cpuSeconds: median(rs.map((r) => r.cpuSeconds)), peakRssKb: Math.max(...rs.map((r) => r.peakRssKb)), linesPerSecond: n / seconds };
  });
  const rate = (e: string) => rows.find((r) => r.engine === e)!.linesPerSecond;
  const fb = fluentBitWork(readFileSync(distPath('fluent-bit', 'ssh-log-matcher.wasm')), firstLines(readFileSync(path), 20_000));
  const fluentBit = { enrich: fb.enrich, enrichDetect: fb.enrichDetect ?? NaN, ratio: (fb.enrichDetect ?? NaN) / fb.enrich,
    enrichSessions: fb.enrichSessions ?? NaN, sessionsRatio: (fb.enrichSessions ?? NaN) / fb.enrich, enrichDetectSessions: fb.enrichDetectSessions ?? NaN };
  return { lines: n, addresses, bans: ours.length, rows, cliVsFail2banRegex: rate('cli --detect') / rate('fail2ban-regex'), cliVsFail2banJail: rate('cli --detect') / rate('fail2ban jail'),
    alertsOnlyVsFail2banRegex: rate('cli alerts only') / rate('fail2ban-regex'), fluentBit };
}

export function printDetectBench(b: DetectBench | string): void {
  if (typeof b === 'string') { console.log(`\nbrute-force decisions: ${b}`); return; }
  const fmt = (x: number, d = 0) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`\nbrute-force decisions, attack corpus (${fmt(b.lines)} lines, ${fmt(b.addresses)} addresses; ${fmt(b.bans)} bans, the same as fail2ban's), end to end, median:`);
  for (const r of b.rows) console.log(`  ${r.engine.padEnd(15)} ${fmt(r.seconds, 2).padStart(7)} s ${fmt(r.linesPerSecond).padStart(10)} lines/s ${fmt(r.peakRssKb / 1024, 1).padStart(7)} MB  ${r.command}`);
  console.log(`  CLI --detect vs fail2ban-regex: ${fmt(b.cliVsFail2banRegex, 1)}x lines/s, alerts only ${fmt(b.alertsOnlyVsFail2banRegex, 1)}x (issue 16's goal: >= 100x); `
    + `vs fail2ban's filter and jail: ${fmt(b.cliVsFail2banJail, 1)}x`);
  console.log(`  Fluent Bit module, instructions per record (counted): enrich ${fmt(b.fluentBit.enrich)}, with decisions ${fmt(b.fluentBit.enrichDetect)}: `
    + `${fmt(b.fluentBit.ratio, 3)}x (issue 16's goal: within 1.2x); with sessions ${fmt(b.fluentBit.enrichSessions)} (${fmt(b.fluentBit.sessionsRatio, 3)}x), `
    + `decisions and sessions ${fmt(b.fluentBit.enrichDetectSessions)}`);
}
