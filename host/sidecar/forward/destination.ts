// Where enriched events go: JSON lines on stdout, or another forward server (--forward-to). Both admit
// events only as fast as they can pass them on (`pass` resolves late when they are behind: that is the
// backpressure a connection feels), and tell when the events are safe: written to stdout, or acked by the
// next server. Only then does the sidecar ack its own client.
import { ExtData } from '@msgpack/msgpack';
import type { SidecarCounters } from '../counters.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Address } from '../options.js';
import type { BoundedOutput } from '../output.js';
import { ForwardClient, newChunkId } from './client.js';
import { encodeFrame } from './encode.js';
import { eventTimeText } from './event-time.js';
import type { ForwardEvent } from './message.js';

export interface Destination {
  /** Resolves once the events are admitted; `passed` once they are safely passed on. */
  pass(tag: string, events: readonly ForwardEvent[]): Promise<{ passed: Promise<void> }>;
  /**
   * Waits until `idle` (no connection will pass more events) and everything admitted is passed on, or gives
   * up after the destination's own timeout: what is left then is refused, so `idle` can come.
   */
  close(idle: Promise<void>): Promise<void>;
}

const utf8 = new TextDecoder('utf-8');

/** msgpack values JSON has no form for: bin as UTF-8 text, ext as {type, data in base64}. */
function jsonValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return utf8.decode(v);
  if (v instanceof ExtData) return { type: v.type, data: Buffer.from(v.data as Uint8Array).toString('base64') };
  if (Array.isArray(v)) return v.some((x) => typeof x === 'object' && x !== null) ? v.map(jsonValue) : v;
  if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) { const x = o[k]; if (typeof x === 'object' && x !== null) o[k] = jsonValue(x); }
  }
  return v;
}

/** One JSON line per event: {"tag":..., "time": ISO 8601 with nanoseconds, "record": {...}}. */
export class JsonLinesDestination implements Destination {
  constructor(private readonly out: BoundedOutput) {}

  async pass(tag: string, events: readonly ForwardEvent[]): Promise<{ passed: Promise<void> }> {
    let text = '';
    for (const e of events) text += JSON.stringify({ tag, time: eventTimeText(e.time), record: jsonValue(e.record) }) + '\n';
    await this.out.write(text);
    return { passed: this.out.flushed() };
  }

  async close(idle: Promise<void>): Promise<void> { await idle; await this.out.flushed(); }
}

interface InFlight { frame: Uint8Array; sentAt: number; resolve: () => void; reject: (e: Error) => void }

/**
 * Another forward server. Frames go out as PackedForward with a chunk id; at most `window` frames wait for
 * their ack at once. When the connection fails or an ack is overdue, it reconnects (with backoff) and
 * resends every unacked frame in order: events may then arrive twice downstream, never not at all.
 */
export class ForwardDestination implements Destination {
  private client: ForwardClient | null = null;
  private connecting = false;
  private closing = false;
  private refused: Error | null = null;
  private readonly inflight = new Map<string, InFlight>();
  private readonly spaceWaiters: (() => void)[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly addr: Address, private readonly diag: Diagnostics, private readonly counters: SidecarCounters,
    private readonly ackTimeoutMs: number, private readonly window = 32) {
    this.timer = setInterval(() => this.checkOverdue(), Math.max(50, Math.min(1000, ackTimeoutMs / 4)));
    this.timer.unref();
  }

  private get where(): string { return `${this.addr.host}:${this.addr.port}`; }

  async pass(tag: string, events: readonly ForwardEvent[]): Promise<{ passed: Promise<void> }> {
    while (this.inflight.size >= this.window && !this.refused) await new Promise<void>((r) => this.spaceWaiters.push(r));
    if (this.refused) throw this.refused;
    const chunk = newChunkId();
    const frame = encodeFrame(tag, events, 'packed', chunk);
    const done = new Promise<void>((resolve, reject) => this.inflight.set(chunk, { frame, sentAt: Date.now(), resolve, reject }));
    if (this.client) this.transmit(this.client, chunk, frame);
    else this.reconnect();
    return { passed: done };
  }

  private transmit(client: ForwardClient, chunk: string, frame: Uint8Array): void {
    const f = this.inflight.get(chunk);
    if (f) f.sentAt = Date.now();
    client.sendFrame(frame, chunk).then((sent) => sent.acked).then(() => this.settle(chunk), () => { /* resent after reconnect */ });
  }

  private settle(chunk: string): void {
    const f = this.inflight.get(chunk);
    if (!f) return;
    this.inflight.delete(chunk);
    f.resolve();
    this.spaceWaiters.shift()?.();
  }

  private reconnect(): void {
    if (this.connecting || this.client) return;
    this.connecting = true;
    void (async () => {
      let delay = 100;
      let told = false;
      while (!this.closing || this.inflight.size) {
        try {
          const c = await ForwardClient.open(this.addr);
          c.onClose = (err) => this.lost(c, err);
          this.client = c;
          if (told) this.diag.log(`forward destination ${this.where}: connected again`);
          for (const [chunk, f] of this.inflight) this.transmit(c, chunk, f.frame);
          break;
        } catch (e) {
          if (!told) this.diag.log(`forward destination ${this.where}: ${(e as Error).message}; retrying`);
          told = true;
          this.counters.fault('destination unreachable');
          await new Promise((r) => setTimeout(r, delay).unref());
          delay = Math.min(delay * 2, 5000);
        }
      }
      this.connecting = false;
    })();
  }

  private lost(c: ForwardClient, err: Error): void {
    if (this.client !== c) return;
    this.client = null;
    if (this.inflight.size) {
      this.diag.log(`forward destination ${this.where}: ${err.message}; resending ${this.inflight.size} unacked frame(s)`);
      this.counters.fault('destination connection lost');
      this.reconnect();
    }
  }

  private checkOverdue(): void {
    const oldest = this.inflight.values().next().value;
    if (this.client && oldest && Date.now() - oldest.sentAt > this.ackTimeoutMs) {
      this.diag.log(`forward destination ${this.where}: no ack within ${this.ackTimeoutMs / 1000}s`);
      this.counters.fault('destination ack timeout');
      this.client.destroy();
    }
  }

  async close(idle: Promise<void>): Promise<void> {
    this.closing = true;
    let isIdle = false;
    void idle.then(() => { isIdle = true; });
    const deadline = Date.now() + this.ackTimeoutMs;
    while (!(isIdle && this.inflight.size === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    clearInterval(this.timer);
    if (!isIdle || this.inflight.size) {
      const err = new Error(`${this.inflight.size} frame(s) were not acked by ${this.where}`);
      this.refused = err;
      this.diag.log(`forward destination: ${err.message}; their senders were not acked either`);
      this.counters.fault('destination frames not passed on');
      for (const f of this.inflight.values()) f.reject(err);
      this.inflight.clear();
      for (const wake of this.spaceWaiters.splice(0)) wake();
    }
    await idle;
    if (this.client) await this.client.end();
  }
}
