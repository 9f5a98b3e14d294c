// Mode `forward`: a Fluent forward-protocol server on a loopback TCP port. Each connection is read one
// frame at a time and only as fast as the destination admits events; a frame carrying a `chunk` option is
// acked only once its events are passed on. A malformed frame is logged and ends that connection alone,
// after the frames before it are passed on and acked; other connections carry on.
import { createServer, type Server, type Socket } from 'node:net';
import type { Matcher } from '../../binding/index.js';
import { UsageError, reason } from '../../io/errors.js';
import type { SidecarCounters } from '../counters.js';
import type { Diagnostics } from '../diagnostics.js';
import { chunksUntil } from '../line-source.js';
import { MessageBatch } from '../message-batch.js';
import type { Address } from '../serve-options.js';
import type { MemoryBudget } from './budget.js';
import type { Destination } from './destination.js';
import { encodeAck } from './encode.js';
import { enrichEvents } from './enrich-events.js';
import { FrameError, FrameSplitter } from './frame.js';
import { decodeFrame, FrameLimitError, type FrameLimits } from './message.js';

export interface ForwardContext {
  matcher: Matcher;
  counters: SidecarCounters;
  diag: Diagnostics;
  stop: AbortSignal;
  destination: Destination;
  /** The record keys that may hold the log line, the first one present wins. */
  messageKeys: readonly string[];
  maxFrameBytes: number;
  limits: FrameLimits;
  budget: MemoryBudget;
}

function listen(server: Server, addr: Address): Promise<Address> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? 'the address is in use' : e.code === 'EACCES' ? 'permission denied' : reason(e);
      reject(new UsageError(`cannot listen on ${addr.host}:${addr.port}: ${why}`));
    });
    server.listen(addr.port, addr.host, () => {
      const a = server.address();
      resolve(typeof a === 'object' && a ? { host: a.address, port: a.port } : addr);
    });
  });
}

async function serveConnection(sock: Socket, ctx: ForwardContext, batch: MessageBatch): Promise<void> {
  const peer = `${sock.remoteAddress}:${sock.remotePort}`;
  const splitter = new FrameSplitter(ctx.maxFrameBytes);
  const acks = new Set<Promise<void>>();
  let charged = 0; // this connection's share of ctx.budget
  const charge = (to: number, what: () => string) => {
    if (!ctx.budget.change(charged, to)) {
      throw new FrameLimitError(`${what()}: all connections together would hold more than ${ctx.budget.max} bytes (--max-buffered-bytes)`);
    }
    charged = to;
  };
  sock.on('error', () => { /* reported by the read loop or ignored once we are done with it */ });
  try {
    for await (const data of chunksUntil(sock, ctx.stop)) {
      // Charged before the splitter copies the piece in: the limit holds at every moment, not after the fact.
      charge(splitter.pendingBytes + data.length, () => `a frame of more than ${splitter.pendingBytes} bytes so far`);
      const frames = splitter.push(data);
      let queued = frames.reduce((n, f) => n + f.length, 0);
      charge(splitter.pendingBytes + queued, () => 'frames');
      for (const frame of frames) {
        const msg = decodeFrame(frame, ctx.limits);
        if (msg.inflatedBytes) charge(charged + msg.inflatedBytes, () => `a gzip payload of ${msg.inflatedBytes} bytes inflated`);
        // With --detect or --sessions the alerts and session events go with the frame, acked with it.
        const events = enrichEvents(msg.events, ctx.messageKeys, batch, ctx.counters);
        const { passed } = await ctx.destination.pass(msg.tag, events);
        queued -= frame.length;
        charge(splitter.pendingBytes + queued, () => 'frames');
        const chunk = msg.chunk;
        const ack = passed.then(() => { if (chunk !== null && sock.writable) sock.write(encodeAck(chunk)); },
          (e: Error) => ctx.diag.log(`${peer}: events not passed on, not acked: ${e.message}`));
        acks.add(ack);
        void ack.finally(() => acks.delete(ack));
      }
      if (splitter.failure) throw splitter.failure;
    }
    if (splitter.holding && !ctx.stop.aborted) throw new FrameError('connection ended inside a frame');
  } catch (e) {
    if (e instanceof FrameLimitError) {
      ctx.diag.log(`${peer}: frame refused, closing the connection (the client resends what was not acked): ${e.message}`);
      ctx.counters.fault('frame over a limit');
    } else if (e instanceof FrameError) {
      ctx.diag.log(`${peer}: malformed frame, closing the connection: ${e.message}`);
      ctx.counters.fault('malformed frame');
    } else {
      ctx.diag.log(`${peer}: ${(e as Error).message}`);
      ctx.counters.fault('connection');
    }
  } finally {
    ctx.budget.change(charged, 0);
    charged = 0;
  }
  await Promise.all(acks);
  await new Promise<void>((resolve) => { if (sock.destroyed) resolve(); else sock.end(resolve); });
  sock.destroy();
}

/** Serves until `ctx.stop` is aborted; then finishes every frame already received and returns. */
export async function runForward(listenOn: Address, ctx: ForwardContext): Promise<void> {
  const batch = new MessageBatch(ctx.matcher);
  const connections = new Set<Promise<void>>();
  const server = createServer({ allowHalfOpen: true }, (sock) => {
    sock.setNoDelay(true);
    const done = serveConnection(sock, ctx, batch);
    connections.add(done);
    void done.finally(() => connections.delete(done));
  });
  const bound = await listen(server, listenOn);
  ctx.diag.log(`forward: listening on ${bound.host}:${bound.port}`);
  await new Promise<void>((resolve) => {
    if (ctx.stop.aborted) resolve(); else ctx.stop.addEventListener('abort', () => resolve(), { once: true });
  });
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // The destination is closed alongside the connections: they wait for its acks, it for their last frames.
  await ctx.destination.close(Promise.all(connections).then(() => {}));
  await closed;
}
