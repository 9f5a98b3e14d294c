// The benchmark's fixed-memory run (issue 16): millions of attack lines from a million distinct addresses,
// generated on the fly (seeded; nothing on disk), through the CLI's own path with detection (fail2ban's
// normal mode) and sessions on: one matcher, chunks of whole lines turned into JSON lines by chunkToJson
// (host/cli/json-chunk.ts, what `ssh-log-matcher --detect --sessions` runs per chunk), the output dropped.
// Every `every` lines it samples the module's memory and the process's RSS with the counters; the verdict
// is "memory flat" when the module's memory never changed and RSS grew by at most RSS_BOUND_MB from the
// first sample to the last (Node's heap and GC move RSS by tens of MB; a table that grew per address would
// move it by hundreds).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMatcher } from '../binding/index.js';
import { chunkToJson } from '../cli/json-chunk.js';

/** RSS may grow by this much from the first sample to the last and memory still be called flat. */
export const RSS_BOUND_MB = 64;

export interface MemorySample { lines: number; moduleBytes: number; rssBytes: number; alerts: number; addressEvictions: number; sessions: number; sessionEvictions: number }
export interface DetectMemory {
  lines: number; addresses: number; ipv6Share: number; seed: number; seconds: number; samples: MemorySample[];
  moduleUnchanged: boolean; rssGrowthBytes: number; rssBoundBytes: number; verdict: 'memory flat' | 'memory grew';
}
export interface DetectMemoryOptions {
  lines: number; addresses?: number; seed?: number; every?: number;
  /** Table sizes (slots): the most by default, as the CLI has them. */
  tables?: { addresses?: number; connections?: number; sessions?: number };
  /** Called after each sample (progress). */
  onSample?: (s: MemorySample) => void;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => (n < 10 ? '0' : '') + n;
function stamp(t: number): string {
  const d = new Date(t * 1000);
  const day = d.getUTCDate();
  return `${MONTHS[d.getUTCMonth()]} ${day < 10 ? ' ' : ''}${day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Address number i (0 .. addresses - 1) as text: distinct for every i, about one in seven IPv6. */
export function memoryAddress(i: number): string {
  if (i % 7 === 3) return `2001:db8:${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}::1`;
  return `100.${64 + (i >>> 16)}.${(i >>> 8) & 255}.${i & 255}`;
}

/**
 * The attack lines, in chunks of about 64 KiB of whole lines (what the CLI reads at a time), `lines` in
 * all. Connections, one sshd pid each, come in turn from a sweep over every address (a permutation, so
 * each of `addresses` appears once before any repeats) and from 2,000 hot addresses guessing fast enough
 * for fail2ban's jail to decide; one connection in ten never logs a closing line (its session stays
 * open until the full table evicts it). A flood: about 1,000 lines a second of log time, so some 75,000
 * sweep addresses fail within one findtime, more than the address table's 65,536 slots.
 */
export function* memoryAttackChunks(lines: number, addresses: number, seed: number, start: number): Generator<Uint8Array> {
  const r = rng(seed);
  const hot = Math.min(2000, addresses);
  const stride = 618_033; // odd and not a multiple of 5: coprime with a power of ten, a permutation of 10^k
  let sweep = 0, pid = 1000, t = start, n = 0;
  let text = '';
  const users = ['root', 'admin', 'oracle', 'test', 'ubuntu', 'git'];
  while (n < lines) {
    const i = r() < 0.5 ? (sweep++ * stride + 12_345) % addresses : Math.floor(r() * hot) * 97 % addresses;
    const a = memoryAddress(i);
    const port = 1024 + Math.floor(r() * 60_000);
    const u = users[Math.floor(r() * users.length)];
    const head = `${stamp(t)} gw sshd[${pid}]: `;
    pid = pid >= 4_000_000 ? 1000 : pid + 1;
    const conn = [`Connection from ${a} port ${port} on 192.0.2.1 port 22`];
    const k = 1 + Math.floor(r() * 3);
    for (let f = 0; f < k; f++) conn.push(r() < 0.6 ? `Failed password for ${u} from ${a} port ${port} ssh2` : `Failed password for invalid user ${u}x from ${a} port ${port} ssh2`);
    if (r() < 0.9) conn.push(r() < 0.5 ? `Connection closed by authenticating user ${u} ${a} port ${port} [preauth]` : `Disconnected from invalid user ${u}x ${a} port ${port} [preauth]`);
    for (const l of conn) {
      if (n >= lines) break;
      text += head + l + '\n';
      n++;
      if (r() < 0.001) t++;
    }
    if (text.length >= 65_536 || n >= lines) { yield Buffer.from(text, 'latin1'); text = ''; }
  }
}

export async function runDetectMemory(o: DetectMemoryOptions): Promise<DetectMemory> {
  const addresses = o.addresses ?? 1_000_000, seed = o.seed ?? 1, every = o.every ?? 1_000_000;
  const year = new Date().getUTCFullYear();
  const start = Date.UTC(year, 0, 2, 3, 0, 0) / 1000;
  // The reference time after the corpus's dates, as `now` is after a log's: an RFC 3164 date keeps its year.
  const m = await createMatcher({ referenceTime: new Date(Date.UTC(year, 11, 1)) });
  m.setDetection({ mode: 'normal', maxretry: 5, findtime: 600, addresses: o.tables?.addresses, connections: o.tables?.connections, seed });
  m.setSessions(o.tables?.sessions ? { slots: o.tables.sessions } : true);
  const samples: MemorySample[] = [];
  const sample = (lines: number) => {
    const d = m.detectCounters, s = m.sessionCounters;
    const x = { lines, moduleBytes: m.core.memoryBytes, rssBytes: process.memoryUsage().rss, alerts: d.alerts, addressEvictions: d.addressEvictions, sessions: s.sessions, sessionEvictions: s.evictions };
    samples.push(x);
    o.onSample?.(x);
  };
  const t0 = process.hrtime.bigint();
  let lines = 0, next = every;
  sample(0);
  for (const chunk of memoryAttackChunks(o.lines, addresses, seed, start)) {
    chunkToJson(m, chunk, false); // every document, the alerts and the session events, as the CLI writes them
    for (let p = chunk.indexOf(10); p >= 0; p = chunk.indexOf(10, p + 1)) lines++;
    if (lines >= next || lines >= o.lines) { sample(lines); while (next <= lines) next += every; }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const moduleUnchanged = samples.every((s) => s.moduleBytes === samples[0].moduleBytes);
  // From the first sample after lines went through (the matcher warmed up, Node's heap at its working size).
  const from = samples.length > 1 ? samples[1] : samples[0];
  const rssGrowthBytes = Math.max(...samples.slice(1).map((s) => s.rssBytes)) - from.rssBytes;
  const rssBoundBytes = RSS_BOUND_MB << 20;
  return {
    lines, addresses, ipv6Share: 1 / 7, seed, seconds, samples, moduleUnchanged, rssGrowthBytes, rssBoundBytes,
    verdict: moduleUnchanged && rssGrowthBytes <= rssBoundBytes ? 'memory flat' : 'memory grew',
  };
}

export function printDetectMemory(b: DetectMemory | string): void {
  if (typeof b === 'string') { console.log(`\nfixed memory: ${b}`); return; }
  const fmt = (x: number, d = 0) => x.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
  const mb = (x: number) => fmt(x / (1 << 20), 1);
  console.log(`\nfixed memory: ${fmt(b.lines)} attack lines from ${fmt(b.addresses)} distinct addresses (1 in 7 IPv6), CLI path with --detect normal --sessions, ${fmt(b.seconds, 1)} s:`);
  console.log(`  ${'lines'.padStart(11)} ${'module MiB'.padStart(11)} ${'RSS MiB'.padStart(9)} ${'alerts'.padStart(9)} ${'addr. evictions'.padStart(16)} ${'sessions'.padStart(10)} ${'sess. evictions'.padStart(16)}`);
  for (const s of b.samples) {
    console.log(`  ${fmt(s.lines).padStart(11)} ${mb(s.moduleBytes).padStart(11)} ${mb(s.rssBytes).padStart(9)} ${fmt(s.alerts).padStart(9)} ${fmt(s.addressEvictions).padStart(16)} ${fmt(s.sessions).padStart(10)} ${fmt(s.sessionEvictions).padStart(16)}`);
  }
  console.log(`  ${b.verdict}: module memory ${b.moduleUnchanged ? 'unchanged' : 'CHANGED'}; RSS grew ${mb(b.rssGrowthBytes)} MiB after the first sample (bound ${mb(b.rssBoundBytes)} MiB)`);
}

/**
 * The run in a process of its own, as the CLI is one: `node dist/node/bench/detect-memory.js [--lines N]
 * [--addresses A] [--seed S] [--every N] [--json]` prints the table, or with --json the figures.
 */
export function spawnDetectMemory(lines: number, seed: number): DetectMemory {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--lines', String(lines), '--seed', String(seed), '--json'], { maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.toString('utf8')) as DetectMemory;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, d: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : d; };
  const json = process.argv.includes('--json');
  const b = await runDetectMemory({
    lines: arg('--lines', 10_000_000), addresses: arg('--addresses', 1_000_000), seed: arg('--seed', 1), every: arg('--every', 1_000_000),
    onSample: (s) => process.stderr.write(`detect memory: ${s.lines.toLocaleString('en')} lines, module ${s.moduleBytes} bytes, RSS ${(s.rssBytes / (1 << 20)).toFixed(1)} MiB\n`),
  });
  if (json) process.stdout.write(JSON.stringify(b) + '\n');
  else printDetectMemory(b);
}
