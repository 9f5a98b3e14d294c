// Runs the built CLI's `serve` as a child process, the way an agent runs it, and reads what it writes.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';

export const CLI = resolve('dist/node/cli/main.js');

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  exited: Promise<number | null>;
}

/** These tests follow each line by its event.original, so serve keeps it (--keep-original). */
export function startServe(args: string[]): ServeProcess {
  const child = spawn(process.execPath, [CLI, 'serve', '--keep-original', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => { err += d; });
  child.stdin.on('error', () => { /* the child may exit before reading all; the test checks what came out */ });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stderr: () => err, exited };
}

/** The port `serve --mode forward --listen 127.0.0.1:0` reports on stderr. */
export async function listeningPort(p: ServeProcess): Promise<number> {
  for (;;) {
    const m = /listening on [^\s]+:(\d+)/.exec(p.stderr());
    if (m) return Number(m[1]);
    const r = await Promise.race([once(p.child.stderr, 'data').then(() => 'data'), p.exited.then(() => 'exit')]);
    if (r === 'exit') throw new Error(`serve exited before listening: ${p.stderr()}`);
  }
}

/** Calls `onLine` for each line of a stream (without its newline); resolves at the end of the stream. */
export async function eachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  let carry = '';
  stream.setEncoding('utf8');
  for await (const piece of stream as AsyncIterable<string>) {
    const parts = (carry + piece).split('\n');
    carry = parts.pop()!;
    for (const l of parts) onLine(l);
  }
  if (carry) onLine(carry);
}

/** Runs serve to completion on the given input; returns stdout, stderr and the exit code. */
export async function runServe(args: string[], input: string | Buffer): Promise<{ out: string; err: string; code: number | null }> {
  const p = startServe(args);
  let out = '';
  p.child.stdout.setEncoding('utf8');
  p.child.stdout.on('data', (d: string) => { out += d; });
  p.child.stdin.end(input);
  const code = await p.exited;
  return { out, err: p.stderr(), code };
}

export const jsonLines = (text: string) => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, any>);
