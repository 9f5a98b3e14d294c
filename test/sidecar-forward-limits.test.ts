// Forward mode against hostile and unusual clients (issue 13, points 9 and 10; issue 15, point 9): frames
// that would cost more than they weigh are refused without harming other connections; every value of a
// record passes through exactly; a record that cannot be passed on is reported and acked, never resent for
// ever; the line is read from log, message or MESSAGE.
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Decoder, decodeMultiStream, encode, ExtData } from '@msgpack/msgpack';
import { afterEach, describe, expect, it } from 'vitest';
import { ForwardClient } from '../host/sidecar/forward/client.js';
import { eventTime } from '../host/sidecar/forward/event-time.js';
import { ForwardReceiver } from './helpers/forward-receiver.js';
import { eachLine, listeningPort, startServe, type ServeProcess } from './helpers/serve-process.js';

const failed = 'Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user admin, coming from 203.0.113.77.';
const time = eventTime(Date.UTC(2026, 10, 25, 10, 0, 10, 123), 123456789);

const started: ServeProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) if (p.child.exitCode === null) { p.child.kill('SIGKILL'); await p.exited; }
  for (const s of servers.splice(0)) s.close();
});

async function serve(extra: string[] = []) {
  const p = startServe(['--mode', 'forward', '--listen', '127.0.0.1:0', ...extra]);
  started.push(p);
  const lines: string[] = [];
  const ended = eachLine(p.child.stdout, (l) => lines.push(l));
  return { p, port: await listeningPort(p), lines, ended };
}

const until = async (ok: () => boolean) => { while (!ok()) await new Promise((r) => setTimeout(r, 10)); };
const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;

/** A forward receiver that keeps each packed payload's bytes as they came, and acks each chunk. */
async function rawReceiver(): Promise<{ port: number; payloads: Uint8Array[] }> {
  const payloads: Uint8Array[] = [];
  const server = createServer((sock: Socket) => {
    sock.on('error', () => {});
    void (async () => {
      try {
        for await (const frame of decodeMultiStream(sock)) {
          const [, payload, option] = frame as [string, Uint8Array, { chunk?: string }];
          payloads.push(payload);
          if (option?.chunk) sock.write(encode({ ack: option.chunk }));
        }
      } catch { sock.destroy(); }
    })();
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { port: (server.address() as AddressInfo).port, payloads };
}

describe('forward: the cost of a frame is bounded', () => {
  it('docs/sidecar.md states every limit with its default', async () => {
    const { FORWARD_DEFAULTS } = await import('../host/sidecar/serve-options.js');
    const docs = require('node:fs').readFileSync('docs/sidecar.md', 'utf8') as string;
    const shown = (n: number) => (n % (1 << 20) === 0 ? `${n / (1 << 20)} MiB` : n.toLocaleString('en'));
    for (const [key, value] of Object.entries(FORWARD_DEFAULTS)) {
      const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      expect(docs).toContain(`| \`${flag}\` | ${shown(value)} |`);
    }
  });

  it('refuses 65 KB of gzip that inflate to 64 MiB of tiny events; other connections carry on', async () => {
    const { p, port, lines } = await serve(['--stats']);
    const tiny = encode([1, {}]); // 3 bytes an event
    const payload = gzipSync(Buffer.alloc(tiny.length * Math.floor((64 << 20) / tiny.length), tiny), { level: 9 });
    expect(payload.length).toBeLessThan(200_000);
    const bomb = await ForwardClient.open({ host: '127.0.0.1', port });
    const closed = new Promise<void>((r) => bomb.socket.once('close', () => r()));
    const sent = await bomb.sendFrame(encode(['bomb', payload, { compressed: 'gzip', chunk: 'z' }]), 'z');
    await closed;
    await expect(sent.acked).rejects.toThrow(); // refused: never acked
    const other = await ForwardClient.open({ host: '127.0.0.1', port });
    await (await other.send('ssh', [{ time, record: { message: failed } }], 'compressed')).acked;
    await until(() => lines.length === 1);
    expect(JSON.parse(lines[0]).record.event.code).toBe('tectia.auth.failed');
    expect(rss(p.child.pid!)).toBeLessThan(600 << 20);
    await other.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toMatch(/frame refused, closing the connection .*more than the 200000 events allowed \(--max-frame-events\)/);
    expect(p.stderr()).toMatch(/error: frame over a limit  1/);
  });

  it('refuses a gzip payload that inflates past --max-inflated-bytes, and a frame past --max-frame-events', async () => {
    const { p, port } = await serve(['--max-inflated-bytes', '100000', '--max-frame-events', '10']);
    const big = encode([1, { message: 'x'.repeat(200_000) }]);
    for (const [frame, why] of [
      [encode(['t', gzipSync(big), { compressed: 'gzip', chunk: 'a' }]), /inflates to more than 100000 bytes \(--max-inflated-bytes\)/],
      [encode(['t', Array.from({ length: 11 }, () => [1, { message: 'm' }]), { chunk: 'b' }]), /a frame of 11 events, more than the 10 allowed/],
      [encode(['t', Buffer.concat(Array.from({ length: 11 }, () => encode([1, { message: 'm' }]))), { chunk: 'c' }]), /more than the 10 events allowed/],
    ] as const) {
      const c = await ForwardClient.open({ host: '127.0.0.1', port });
      const closed = new Promise<void>((r) => c.socket.once('close', () => r()));
      const sent = await c.sendFrame(frame, 'x');
      await closed;
      await expect(sent.acked).rejects.toThrow();
      expect(p.stderr()).toMatch(why);
    }
    // Within the limits the same shapes pass.
    const ok = await ForwardClient.open({ host: '127.0.0.1', port });
    await (await ok.send('t', Array.from({ length: 10 }, () => ({ time, record: { message: failed } })), 'compressed')).acked;
    await ok.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('bounds what all connections together hold in unfinished frames (--max-buffered-bytes)', async () => {
    const { p, port, lines } = await serve(['--max-buffered-bytes', String(20 << 20), '--stats']);
    // 8 clients each send 6 MiB of a frame announced as 30 MiB, and never finish it.
    const head = Buffer.from([0x93, 0xa1, 0x74, 0xc6, 0x01, 0xe0, 0x00, 0x00]); // [ "t", bin32 of 30 MiB ...
    const clients = await Promise.all(Array.from({ length: 8 }, () => ForwardClient.open({ host: '127.0.0.1', port })));
    const closed = clients.map((c) => new Promise<boolean>((r) => { c.socket.once('close', () => r(true)); }));
    let shut = 0;
    for (const [i, c] of clients.entries()) {
      void closed[i].then(() => { shut++; });
      c.socket.write(head);
      for (let k = 0; k < 6; k++) c.socket.write(Buffer.alloc(1 << 20, 0x61));
    }
    await until(() => shut >= 5); // at most 3 x 6 MiB fit under 20 MiB
    await new Promise((r) => setTimeout(r, 300));
    expect(shut).toBeGreaterThanOrEqual(5);
    expect(rss(p.child.pid!)).toBeLessThan(400 << 20);
    for (const c of clients) c.destroy();
    // The room the refused ones would have taken is still there for a client with a whole frame.
    const ok = await ForwardClient.open({ host: '127.0.0.1', port });
    await (await ok.send('ssh', [{ time, record: { message: failed } }], 'packed')).acked;
    await until(() => lines.length === 1);
    await ok.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toMatch(/all connections together would hold more than 20971520 bytes \(--max-buffered-bytes\)/);
  });
});

describe('forward: frames waiting for --forward-to\'s acks are bounded in bytes too', () => {
  it('sends no new frame while --max-buffered-bytes of them wait, then passes everything once acked', async () => {
    const receiver = await ForwardReceiver.start();
    receiver.hold();
    const { p, port } = await serve(['--forward-to', `127.0.0.1:${receiver.port}`, '--max-buffered-bytes', String(1 << 20)]);
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const acks: Promise<void>[] = [];
    // Frames of 100 records of 3 KB lines: ~600 KB once enriched (event.original repeats the line), so the
    // second frame passes the megabyte: far below the window of 32 frames.
    const sending = (async () => {
      for (let i = 0; i < 20; i++) acks.push((await c.send('ssh', Array.from({ length: 100 }, (_, k) => ({ time, record: { message: `line ${i} ${k} ${'x'.repeat(3000)}` } })), 'packed')).acked);
    })();
    await until(() => receiver.frames >= 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.frames).toBe(2); // the frame that reached a megabyte is the last one sent
    const releaser = setInterval(() => receiver.release(), 20);
    await sending;
    await Promise.all(acks);
    clearInterval(releaser);
    expect(receiver.events).toHaveLength(2000);
    await c.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    await receiver.close();
  });
});

// Values JSON and doubles cannot hold: they must come out as they went in.
const U64 = 2n ** 64n - 5n;
const I64 = -(2n ** 62n) - 3n;
const nested = (depth: number) => { let v: unknown = 'bottom'; for (let i = 0; i < depth; i++) v = { d: v }; return v; };
const depthOf = (v: any) => { let n = 0; while (v && typeof v === 'object' && 'd' in v) { v = v.d; n++; } return n; };
// msgpack's timestamp 96: nanoseconds (u32), then seconds (i64): 2026-11-25T10:00:10.123456789Z.
const timestamp96 = (() => {
  const data = new Uint8Array(12);
  const v = new DataView(data.buffer);
  v.setUint32(0, 123456789);
  v.setBigInt64(4, BigInt(Date.UTC(2026, 10, 25, 10, 0, 10) / 1000));
  return new ExtData(-1, data);
})();
/** msgpack bytes of a record {message, deep: {d: {d: ... 'bottom'}}} nested `depth` deep, built by hand. */
const deepRecordBytes = (depth: number) => Buffer.concat([Uint8Array.of(0x82), encode('message'), encode(failed), encode('deep'),
  Buffer.alloc(3 * depth, Uint8Array.of(0x81, 0xa1, 0x64)), encode('bottom')]);
const protoRecord = () => JSON.parse(`{"message": ${JSON.stringify(failed)}, "__proto__": {"polluted": true}}`) as Record<string, unknown>;
const bigEncode = (v: unknown) => encode(v, { useBigInt64: true, maxDepth: 10_000 });

describe('forward: record values pass through exactly', () => {
  it('JSON lines: 64-bit integers digit for digit, a __proto__ key, a record 150 deep, a timestamp with its nanoseconds', async () => {
    const { p, port, lines } = await serve();
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const entries = Buffer.concat([
      bigEncode([time, { message: failed, u64: U64, i64: I64, small64: 7n, ts: timestamp96 }]),
      bigEncode([time, protoRecord()]),
      bigEncode([time, { message: failed, deep: nested(150) }]),
    ]);
    await (await c.sendFrame(encode(['v', entries, { chunk: 'v1', size: 3 }]), 'v1')).acked;
    await until(() => lines.length === 3);
    expect(lines[0]).toContain(`"u64":${U64},"i64":${I64},"small64":7,"ts":"2026-11-25T10:00:10.123456789Z"`);
    expect(lines[1]).toContain('"__proto__":{"polluted":true}');
    expect(JSON.parse(lines[1]).record.event.code).toBe('tectia.auth.failed');
    expect(depthOf(JSON.parse(lines[2]).record.deep)).toBe(150);
    await c.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });

  it('--forward-to: the same values arrive as the same msgpack; a record too deep to encode is reported and acked', async () => {
    const receiver = await rawReceiver();
    const { p, port } = await serve(['--forward-to', `127.0.0.1:${receiver.port}`, '--stats']);
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const send = async (record: unknown, chunk: string) => {
      const entry = record instanceof Uint8Array ? Buffer.concat([Uint8Array.of(0x92), encode(time), record]) : bigEncode([time, record]);
      return (await c.sendFrame(encode(['v', entry, { chunk, size: 1 }]), chunk)).acked;
    };
    await send({ message: failed, u64: U64, i64: I64, ts: timestamp96, deep: nested(150) }, 'a');
    await send(protoRecord(), 'b');
    await send(deepRecordBytes(5000), 'c'); // valid, too deep to encode again: acked, not resent for ever
    expect(receiver.payloads).toHaveLength(3);
    const decoder = new Decoder({ useBigInt64: true });
    const [, a] = decoder.decode(receiver.payloads[0]) as [unknown, Record<string, any>];
    expect(a.u64).toBe(U64);
    expect(a.i64).toBe(I64);
    expect(a.ts).toEqual(new Date(Date.UTC(2026, 10, 25, 10, 0, 10, 123))); // this decoder reads it as a Date ...
    expect(Buffer.from(receiver.payloads[0]).includes(Buffer.concat([Uint8Array.of(0xc7, 12, 0xff), timestamp96.data as Uint8Array]))).toBe(true); // ... sent as the same 96-bit ext
    expect(depthOf(a.deep)).toBe(150);
    expect(a.event.code).toBe('tectia.auth.failed');
    // The __proto__ key and its value, byte for byte (an ordinary decoder refuses the key, so bytes are compared).
    expect(Buffer.from(receiver.payloads[1]).includes(Buffer.concat([encode('__proto__'), encode({ polluted: true })]))).toBe(true);
    expect(Buffer.from(receiver.payloads[1]).includes(encode('tectia.auth.failed'))).toBe(true);
    const [, deep] = decoder.decode(receiver.payloads[2]) as [unknown, Record<string, any>];
    expect(deep.ssh_log_matcher).toMatchObject({ status: 'not-forwardable' });
    expect(deep.event).toEqual({ original: failed });
    await c.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(p.stderr()).toMatch(/error: record not passed on whole  1/);
  });
});

describe('forward: where the line is (issue 15, point 9)', () => {
  it('reads log, then message, then MESSAGE, as the Fluent Bit module does; one trailing newline is not part of it', async () => {
    const { p, port, lines } = await serve();
    const c = await ForwardClient.open({ host: '127.0.0.1', port });
    const records = [{ log: `${failed}\n` }, { message: failed }, { MESSAGE: failed }, { log: 7, message: failed }, { log: 'Logout for user bob.', message: failed }, { other: failed }];
    await (await c.send('fb', records.map((record) => ({ time, record })), 'forward')).acked;
    await until(() => lines.length === records.length);
    const out = lines.map((l) => JSON.parse(l).record);
    expect(out.map((r) => r.event?.code ?? r.ssh_log_matcher.status)).toEqual([
      'tectia.auth.failed', 'tectia.auth.failed', 'tectia.auth.failed', 'tectia.auth.failed', 'tectia.session.logout', 'no-message']);
    expect(out[0].log).toBe(`${failed}\n`); // the record's own value is kept
    await c.end();
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  });
});
