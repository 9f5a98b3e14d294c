// Lines per second through each mode of `serve`, run as the agents run it (the built CLI as a child
// process, input written as fast as it is read), on generated short lines (short-lines.ts). Each figure is also
// given as a ratio to the baseline of the same run: the default command (`ssh-log-matcher`, raw lines in,
// ECS JSON out) on the same lines. Every run checks its count (lines out = lines in) or fails.
//   npm run measure:sidecar -- [--lines 1000000] [--json]   (node dist/node/bench/sidecar-throughput.js)
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { distPath } from '../binding/paths.js';
import { shortLine, shortLinesText } from './short-lines.js';
import { ForwardClient } from '../sidecar/forward/client.js';
import { encodeAck, encodeFrame } from '../sidecar/forward/encode.js';
import { eventTime } from '../sidecar/forward/event-time.js';
import { FrameSplitter } from '../sidecar/forward/frame.js';
import { decodeFrame } from '../sidecar/forward/message.js';

const CLI = distPath('node', 'cli', 'main.js');
const STEP = 2000;

interface Figure { mode: string; lines: number; seconds: number; linesPerSecond: number; ratio?: number }

/** Spawns the CLI, feeds `lines` formatted lines to stdin, counts stdout lines. */
async function throughStdin(args: string[], lines: number, format: (i: number) => string): Promise<number> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  let count = 0;
  child.stdout.on('data', (d: Buffer) => { for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) count++; });
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  const closed = new Promise((r) => child.stdout.once('close', r));
  for (let i = 0; i < lines; i += STEP) {
    if (!child.stdin.write(shortLinesText(i, Math.min(lines, i + STEP), format))) await new Promise((r) => child.stdin.once('drain', r));
  }
  child.stdin.end();
  if ((await exited) !== 0) throw new Error(`${args.join(' ')} failed`);
  await closed;
  return count;
}

/** rsyslog's way: one message, then wait for its reply, then the next. */
async function halfDuplex(lines: number): Promise<number> {
  const child = spawn(process.execPath, [CLI, 'serve', '--mode', 'mmexternal'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let count = 0;
  let next: (() => void) | null = null;
  child.stdout.on('data', (d: Buffer) => { for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) count++; next?.(); });
  for (let i = 0; i < lines; i++) {
    const replied = new Promise<void>((r) => { next = r; });
    child.stdin.write(JSON.stringify({ rawmsg: shortLine(i) }) + '\n');
    while (count <= i) await replied;
  }
  const exited = new Promise((r) => child.on('exit', r));
  child.stdin.end();
  await exited;
  return count;
}

/** A forward destination that counts events and acks every chunk. */
async function countingReceiver(): Promise<{ port: number; events: () => number; close: () => void }> {
  let events = 0;
  const socks = new Set<Socket>();
  const server = createServer((sock) => {
    socks.add(sock);
    const s = new FrameSplitter(1 << 26);
    sock.on('data', (d) => {
      for (const f of s.push(d)) {
        const m = decodeFrame(f, 1 << 26);
        events += m.events.length;
        if (m.chunk) sock.write(encodeAck(m.chunk));
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, events: () => events, close: () => { for (const s of socks) s.destroy(); server.close(); } };
}

async function throughForward(lines: number, forwardTo: number | null): Promise<number> {
  const args = [CLI, 'serve', '--mode', 'forward', '--listen', '127.0.0.1:0', ...(forwardTo ? ['--forward-to', `127.0.0.1:${forwardTo}`] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let count = 0, err = '';
  child.stdout.on('data', (d: Buffer) => { for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) count++; });
  const port = await new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (d) => { err += d; const m = /listening on [^\s]+:(\d+)/.exec(err); if (m) resolve(Number(m[1])); });
    child.on('exit', () => reject(new Error(err)));
  });
  const c = await ForwardClient.open({ host: '127.0.0.1', port });
  const time = eventTime(Date.now());
  const acks: Promise<void>[] = [];
  for (let i = 0; i < lines; i += 1000) {
    const events = [];
    for (let j = i; j < Math.min(lines, i + 1000); j++) events.push({ time, record: { message: shortLine(j) } });
    acks.push((await c.sendFrame(encodeFrame('ssh', events, 'packed', `c${i}`), `c${i}`)).acked);
  }
  await Promise.all(acks);
  await c.end();
  const closed = new Promise((r) => child.stdout.once('close', r));
  child.kill('SIGTERM');
  await closed;
  return forwardTo ? lines : count;
}

async function timed(mode: string, lines: number, run: () => Promise<number>): Promise<Figure> {
  const t0 = performance.now();
  const out = await run();
  const seconds = (performance.now() - t0) / 1000;
  if (out !== lines) throw new Error(`${mode}: ${out} lines out for ${lines} in`);
  return { mode, lines, seconds, linesPerSecond: lines / seconds };
}

export async function measureSidecar(lines = 1_000_000): Promise<Figure[]> {
  const json = (i: number) => JSON.stringify({ message: shortLine(i) });
  const full = (i: number) => JSON.stringify({ rawmsg: shortLine(i), msg: '' });
  const figures = [
    await timed('baseline: ssh-log-matcher (default command)', lines, () => throughStdin([], lines, shortLine)),
    await timed('json-lines --input raw', lines, () => throughStdin(['serve'], lines, shortLine)),
    await timed('json-lines --input json', lines, () => throughStdin(['serve', '--input', 'json'], lines, json)),
    await timed('mmexternal fulljson, pipelined', lines, () => throughStdin(['serve', '--mode', 'mmexternal'], lines, full)),
  ];
  const few = Math.min(lines, 20_000);
  figures.push(await timed('mmexternal fulljson, one at a time (as rsyslog)', few, () => halfDuplex(few)));
  figures.push(await timed('forward -> JSON lines', lines, () => throughForward(lines, null)));
  const receiver = await countingReceiver();
  try {
    figures.push(await timed('forward -> --forward-to', lines, async () => {
      await throughForward(lines, receiver.port);
      return receiver.events();
    }));
  } finally { receiver.close(); }
  const base = figures[0].linesPerSecond;
  for (const f of figures) f.ratio = f.linesPerSecond / base;
  return figures;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const at = process.argv.indexOf('--lines');
  const lines = at > 0 ? Number(process.argv[at + 1]) : 1_000_000;
  const figures = await measureSidecar(lines);
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(figures, null, 2) + '\n');
  else {
    const w = Math.max(...figures.map((f) => f.mode.length));
    process.stdout.write(`${'mode'.padEnd(w)}  ${'lines'.padStart(9)}  ${'lines/s'.padStart(9)}  vs baseline\n`);
    for (const f of figures) {
      process.stdout.write(`${f.mode.padEnd(w)}  ${String(f.lines).padStart(9)}  ${Math.round(f.linesPerSecond).toString().padStart(9)}  ${f.ratio!.toFixed(2)}\n`);
    }
  }
}
