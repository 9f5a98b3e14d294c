// A million lines through each mode of the built CLI, checked line by line: as many out as in, in order,
// none twice, the unmatched ones byte for byte. Input is written as the child reads it (backpressure), and
// output is checked as it streams, so neither side holds the million in memory.
import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { shortLine, shortLinesText } from '../host/bench/short-lines.js';
import { ForwardClient } from '../host/sidecar/forward/client.js';
import { encodeFrame } from '../host/sidecar/forward/encode.js';
import { eventTime } from '../host/sidecar/forward/event-time.js';
import { eachLine, listeningPort, startServe } from './helpers/serve-process.js';

const N = 1_000_000;
const STEP = 2000;

async function feed(into: Writable, format: (i: number) => string): Promise<void> {
  for (let i = 0; i < N; i += STEP) {
    if (!into.write(shortLinesText(i, Math.min(N, i + STEP), format))) await new Promise((r) => into.once('drain', r));
  }
  into.end();
}

/** Runs serve with `args` on the corpus; `check(doc, k)` sees the k-th output line, parsed. */
async function throughStdin(args: string[], format: (i: number) => string, check: (doc: any, k: number) => void): Promise<number> {
  const p = startServe(args);
  let k = 0;
  const reading = eachLine(p.child.stdout, (l) => { check(JSON.parse(l), k); k++; });
  await Promise.all([feed(p.child.stdin, format), reading]);
  expect(await p.exited).toBe(0);
  return k;
}

const matched = (i: number) => i % 8 === 0;

describe('a million lines through each mode', () => {
  it('json-lines --input raw', async () => {
    let bad = 0;
    const n = await throughStdin([], shortLine, (doc, k) => {
      if (doc.event.original !== shortLine(k) || (doc.ssh_log_matcher.status === 'matched') !== matched(k)) bad++;
    });
    expect(bad).toBe(0);
    expect(n).toBe(N);
  }, 120_000);

  it('json-lines --input json', async () => {
    let bad = 0;
    const n = await throughStdin(['--input', 'json'], (i) => JSON.stringify({ message: shortLine(i), seq: i }), (doc, k) => {
      if (doc.seq !== k || doc.message !== shortLine(k) || doc.event.original !== shortLine(k)) bad++;
      else if (matched(k) !== (doc.user?.name === `u${k}`)) bad++;
    });
    expect(bad).toBe(0);
    expect(n).toBe(N);
  }, 120_000);

  it('mmexternal (fulljson, pipelined instead of rsyslog\'s one at a time)', async () => {
    let bad = 0;
    const n = await throughStdin(['--mode', 'mmexternal'], (i) => JSON.stringify({ rawmsg: shortLine(i), msg: 'x' }), (reply, k) => {
      const vars = reply['$!'];
      if (matched(k) ? vars.event?.original !== shortLine(k) : vars.ssh_log_matcher.status !== 'not-ssh') bad++;
    });
    expect(bad).toBe(0);
    expect(n).toBe(N);
  }, 120_000);

  it('forward (PackedForward frames of 1000 with chunk acks, JSON lines out)', async () => {
    const p = startServe(['--mode', 'forward', '--listen', '127.0.0.1:0']);
    const port = await listeningPort(p);
    let k = 0, bad = 0;
    const reading = eachLine(p.child.stdout, (l) => {
      const { tag, record } = JSON.parse(l);
      if (tag !== 'ssh' || record.seq !== k || record.message !== shortLine(k) || record.event.original !== shortLine(k)) bad++;
      k++;
    });
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const time = eventTime(Date.now());
    const acks: Promise<void>[] = [];
    for (let i = 0; i < N; i += 1000) {
      const events = [];
      for (let j = i; j < i + 1000; j++) events.push({ time, record: { message: shortLine(j), seq: j } });
      const chunk = `c${i}`;
      acks.push((await c.sendFrame(encodeFrame('ssh', events, 'packed', chunk), chunk)).acked);
    }
    await Promise.all(acks);
    await c.end();
    p.child.kill('SIGTERM');
    await reading;
    expect(await p.exited).toBe(0);
    expect(bad).toBe(0);
    expect(k).toBe(N);
  }, 120_000);
});
