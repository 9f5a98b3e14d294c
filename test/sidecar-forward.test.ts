// `serve --mode forward`: every carrier mode, acks only after events are passed on, malformed frames end
// one connection only, a destination that holds acks or is away, SIGTERM and a port in use.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { gzipSync } from 'node:zlib';
import { encode, ExtData } from '@msgpack/msgpack';
import { afterEach, describe, expect, it } from 'vitest';
import { ForwardClient } from '../host/sidecar/forward/client.js';
import type { CarrierMode } from '../host/sidecar/forward/encode.js';
import { eventTime } from '../host/sidecar/forward/event-time.js';
import type { ForwardEvent } from '../host/sidecar/forward/message.js';
import { ForwardReceiver } from './helpers/forward-receiver.js';
import { eachLine, listeningPort, startServe, type ServeProcess } from './helpers/serve-process.js';
import { ECS_VERSION } from '../host/compile/ecs.js';

const failed = 'Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user admin, coming from 203.0.113.77.';
const time = eventTime(Date.UTC(2026, 10, 25, 10, 0, 10, 123), 123456789);
const ev = (message: string, extra: Record<string, unknown> = {}): ForwardEvent => ({ time, record: { message, ...extra } });

const started: ServeProcess[] = [];
const receivers: ForwardReceiver[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) if (p.child.exitCode === null) { p.child.kill('SIGKILL'); await p.exited; }
  for (const r of receivers.splice(0)) await r.close();
});

async function serve(extra: string[] = []): Promise<{ p: ServeProcess; port: number; lines: Record<string, any>[]; ended: Promise<void> }> {
  const p = startServe(['--mode', 'forward', '--listen', '127.0.0.1:0', ...extra]);
  started.push(p);
  const lines: Record<string, any>[] = [];
  const ended = eachLine(p.child.stdout, (l) => lines.push(JSON.parse(l)));
  return { p, port: await listeningPort(p), lines, ended };
}

const until = async (ok: () => boolean) => { while (!ok()) await new Promise((r) => setTimeout(r, 10)); };

describe('forward server', () => {
  it('takes Message, Forward, PackedForward and CompressedPackedForward frames and acks each chunk', async () => {
    const { p, port, lines, ended } = await serve();
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const modes: CarrierMode[] = ['message', 'forward', 'packed', 'compressed'];
    for (const mode of modes) {
      const events = mode === 'message' ? [ev(failed, { mode })] : [ev(failed, { mode }), ev('not ssh at all', { mode })];
      await (await c.send(`ssh.${mode}`, events, mode)).acked;
    }
    // Acked means written: every acked event is already on stdout.
    await until(() => lines.length === 7);
    await c.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    await ended;
    expect(lines.map((l) => l.tag)).toEqual(['ssh.message', 'ssh.forward', 'ssh.forward', 'ssh.packed', 'ssh.packed', 'ssh.compressed', 'ssh.compressed']);
    for (const l of lines) expect(l.time).toBe('2026-11-25T10:00:10.123456789Z');
    const first = lines[0].record;
    expect(first).toMatchObject({ message: failed, mode: 'message', user: { name: 'admin' }, source: { ip: '203.0.113.77' },
      event: { code: 'tectia.auth.failed', original: failed }, ssh_log_matcher: { status: 'matched' } });
    expect(lines[2].record).toEqual({ message: 'not ssh at all', mode: 'forward', ecs: { version: ECS_VERSION }, event: { original: 'not ssh at all' }, ssh_log_matcher: { status: 'no-match' } });
  });

  it('reads Fluent Bit\'s [[time, metadata], record] entries, integer times, bin messages and --message-key', async () => {
    const { p, port, lines } = await serve(['--message-key', 'log']);
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const bin = new TextEncoder().encode(failed);
    const frame = encode(['fb', Buffer.concat([encode([[time, { source: 'tail' }], { log: failed }]), encode([1764064810, { log: bin }])]), { chunk: 'c1', size: 2 }]);
    await (await c.sendFrame(frame, 'c1')).acked;
    await until(() => lines.length === 2);
    expect(lines[0].time).toBe('2026-11-25T10:00:10.123456789Z');
    expect(lines[1].time).toBe('2025-11-25T10:00:10.000000000Z');
    for (const l of lines) expect(l.record.event.code).toBe('tectia.auth.failed');
    expect(lines[1].record.log).toBe(failed);
    await c.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('closes a connection that sends a malformed frame, after acking what came before; others carry on', async () => {
    const { p, port, lines } = await serve(['--stats']);
    const bad: [string, Uint8Array][] = [
      ['not an array', encode({ tag: 'x' })],
      ['record not a map', encode(['t', [[1, 'text']], { chunk: 'b' }])],
      ['bad gzip', encode(['t', new Uint8Array([1, 2, 3]), { compressed: 'gzip', chunk: 'b' }])],
      ['0xc1', new Uint8Array([0x93, 0xa1, 0x74, 0xc1, 0x80])],
      ['packed garbage', encode(['t', gzipSync(Buffer.from('garbage')), { compressed: 'gzip' }])],
    ];
    const other = await ForwardClient.open({ host: '127.0.0.1', port });
    for (const [, bytes] of bad) {
      const c = await ForwardClient.open({ host: '127.0.0.1', port });
      const before = await c.send('ok', [ev(failed)], 'forward');
      const closed = new Promise<void>((resolve) => c.socket.once('close', () => resolve()));
      await c.sendRaw(bytes);
      await before.acked; // the frame before the bad one is passed on and acked
      await closed;       // then the connection is closed by the server
      await (await other.send('other', [ev('still here')], 'packed')).acked;
    }
    await other.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(lines.filter((l) => l.tag === 'ok')).toHaveLength(bad.length);
    expect(lines.filter((l) => l.tag === 'other')).toHaveLength(bad.length);
    expect(p.stderr().match(/malformed frame, closing the connection/g)).toHaveLength(bad.length);
    expect(p.stderr()).toMatch(new RegExp(`error: malformed frame  ${bad.length}`));
  });

  it('acks its client only once the destination has acked; resends to a destination that was away', async () => {
    const receiver = await ForwardReceiver.start();
    receivers.push(receiver);
    const { p, port } = await serve(['--forward-to', `127.0.0.1:${receiver.port}`]);
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    receiver.hold();
    let acked = false;
    const sent = await c.send('ssh', [ev(failed), ev('other')], 'compressed');
    void sent.acked.then(() => { acked = true; });
    await until(() => receiver.events.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(acked).toBe(false); // the destination has the events but has not acked them
    receiver.release();
    await sent.acked;
    const [a, b] = receiver.events;
    expect(a.tag).toBe('ssh');
    expect(a.time).toBeInstanceOf(ExtData); // EventTime passed on unchanged
    expect([...((a.time as ExtData).data as Uint8Array)]).toEqual([...(time.data as Uint8Array)]);
    expect(a.record).toMatchObject({ message: failed, event: { code: 'tectia.auth.failed' }, ssh_log_matcher: { status: 'matched' } });
    expect(b.record.ssh_log_matcher).toEqual({ status: 'no-match' });

    // The destination goes away and comes back on the same port: nothing acked is lost.
    const receiverPort = receiver.port;
    await receiver.close();
    const during = await c.send('ssh', [ev('while away')], 'packed');
    const back = await ForwardReceiver.start(receiverPort);
    receivers.push(back);
    await during.acked;
    expect(back.events.map((e) => e.record.message)).toContain('while away');
    await c.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('holds its client back while the destination withholds acks: at most a window of frames in flight', async () => {
    const receiver = await ForwardReceiver.start();
    receivers.push(receiver);
    receiver.hold();
    const { p, port } = await serve(['--forward-to', `127.0.0.1:${receiver.port}`]);
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const acks: Promise<void>[] = [];
    const sending = (async () => {
      for (let i = 0; i < 300; i++) acks.push((await c.send('ssh', Array.from({ length: 100 }, (_, k) => ev(`line ${i} ${k}`)), 'packed')).acked);
    })();
    await until(() => receiver.frames >= 32);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.frames).toBe(32); // the sidecar's window: it reads no further from its client
    receiver.release();
    const releaser = setInterval(() => receiver.release(), 20);
    await sending;
    await Promise.all(acks);
    clearInterval(releaser);
    expect(receiver.events).toHaveLength(30000);
    expect(new Set(receiver.events.map((e) => e.record.message)).size).toBe(30000);
    await c.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('stops reading its clients while stdout is not read: the sender is held back, then nothing is lost', async () => {
    const p = startServe(['--mode', 'forward', '--listen', '127.0.0.1:0']);
    started.push(p);
    const port = await listeningPort(p);
    p.child.stdout.pause();
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const frame = (i: number) => Array.from({ length: 1000 }, (_, k) => ev(`${failed} ${i}.${k}`));
    let sent = 0;
    const acks: Promise<void>[] = [];
    for (; sent < 2000; sent++) { // 2000 frames of ~100 KB: 200 MB if nothing held the sender back
      const s = c.send('ssh', frame(sent), 'packed');
      const stalled = await Promise.race([s.then(() => false), new Promise((r) => setTimeout(r, 1500, true))]);
      acks.push(s.then((x) => x.acked));
      if (stalled) { sent++; break; }
    }
    expect(sent).toBeLessThan(600);
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.child.pid}/status`, 'utf8'))?.[1]) * 1024;
    expect(rss).toBeLessThan(300 * 1024 * 1024);
    let count = 0;
    const reading = eachLine(p.child.stdout, () => { count++; });
    await Promise.all(acks);
    await c.end();
    p.child.kill('SIGTERM');
    await reading;
    expect(await p.exited).toBe(0);
    expect(count).toBe(sent * 1000);
  }, 30_000);

  it('on SIGTERM passes on every frame it has received, acks them, then exits 0', async () => {
    const { p, port, lines, ended } = await serve(['--stats']);
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const acked = new Set<number>();
    const acks: Promise<void>[] = [];
    for (let i = 0; i < 200; i++) {
      const sent = await c.send('ssh', Array.from({ length: 50 }, (_, k) => ev(`frame ${i} line ${k}`)), 'packed');
      acks.push(sent.acked.then(() => { acked.add(i); }, () => {}));
    }
    p.child.kill('SIGTERM'); // while frames are still being read and written
    expect(await p.exited).toBe(0);
    await ended;
    await Promise.all(acks);
    const out = new Set(lines.map((l) => l.record.message));
    expect(out.size).toBe(lines.length); // none twice
    for (const i of acked) for (let k = 0; k < 50; k++) expect(out.has(`frame ${i} line ${k}`)).toBe(true);
    expect(acked.size).toBeGreaterThan(0);
  });

  it('exits 1 on SIGTERM when --forward-to never acks, and does not ack its own client', async () => {
    const receiver = await ForwardReceiver.start();
    receivers.push(receiver);
    receiver.hold();
    const { p, port } = await serve(['--forward-to', `127.0.0.1:${receiver.port}`, '--ack-timeout', '1']);
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const sent = await c.send('ssh', [ev(failed)], 'packed');
    let acked = false;
    void sent.acked.then(() => { acked = true; }, () => {});
    await until(() => receiver.events.length >= 1);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(1);
    expect(acked).toBe(false);
    expect(p.stderr()).toMatch(/were not acked by 127\.0\.0\.1:\d+; their senders were not acked either/);
  });

  it('says so and exits 2 when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const p = startServe(['--mode', 'forward', '--listen', `127.0.0.1:${port}`]);
    expect(await p.exited).toBe(2);
    expect(p.stderr()).toBe(`ssh-log-matcher: cannot listen on 127.0.0.1:${port}: the address is in use\n`);
    blocker.close();
  });
});

describe('ExtData sanity', () => {
  it('eventTime encodes seconds and nanoseconds big-endian', () => {
    const t = eventTime(1000 * 0x01020304, 5);
    expect(t).toBeInstanceOf(ExtData);
    expect([...(t.data as Uint8Array)]).toEqual([1, 2, 3, 4, 0, 0, 0, 5]);
  });
});
