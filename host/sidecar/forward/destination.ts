// Where enriched events go: JSON lines on stdout, or another forward server (--forward-to). Both admit
// events only as fast as they can pass them on (`pass` resolves late when they are behind: that is the
// backpressure a connection feels), and tell when the events are safe: written to stdout, or acked by the
// next server. Only then does the sidecar ack its own client.
import { ExtData, decodeTimestampToTimeSpec } from '@msgpack/msgpack';
import type { SidecarCounters } from '../counters.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Address } from '../serve-options.js';
import type { BoundedOutput } from '../output.js';
import { ForwardClient, newChunkId } from './client.js';
import { encodeEntry, encodePacked } from './encode.js';
import { eventTimeText } from './event-time.js';
import type { ForwardEvent, ForwardRecord } from './message.js';

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

/**
 * What is passed on in place of a record that cannot be (nested deeper than the encoder or the stack
 * allows): its line and the reason, so the event is reported and its frame acked, never resent forever.
 */
export function unforwardable(record: ForwardRecord, err: unknown): ForwardRecord {
  const event = record.event as { original?: unknown } | undefined;
  const original = typeof event === 'object' && event !== null && typeof event.original === 'string' ? event.original : undefined;
  return { ...(original === undefined ? {} : { event: { original } }),
    ssh_log_matcher: { status: 'not-forwardable', error: `the record cannot be passed on: ${(err as Error).message}` } };
}

/** msgpack's timestamp (ext -1) as ISO 8601 with its nanoseconds. */
function timestampText(data: Uint8Array): unknown {
  try {
    const { sec, nsec } = decodeTimestampToTimeSpec(data);
    const d = new Date(sec * 1000);
    if (!Number.isNaN(d.getTime())) return `${d.toISOString().slice(0, -4)}${String(nsec).padStart(9, '0')}Z`;
  } catch { /* not a valid timestamp: shown as any other ext */ }
  return { type: -1, data: Buffer.from(data).toString('base64') };
}

/**
 * A record as JSON text with every value as it came: integers beyond 2^53 (BigInt) written digit for digit,
 * bin as UTF-8 text, the timestamp ext as ISO 8601, other ext types as {type, data (base64)}, an own
 * `__proto__` key as a key. Throws on nesting deeper than the stack allows.
 */
export function recordJson(v: unknown): string {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint': return v.toString();
    case 'boolean': return v ? 'true' : 'false';
    case 'undefined': return 'null';
    case 'object': {
      if (v === null) return 'null';
      if (v instanceof Uint8Array) return JSON.stringify(utf8.decode(v));
      if (v instanceof ExtData) {
        const data = v.data as Uint8Array;
        return v.type === -1 ? JSON.stringify(timestampText(data)) : JSON.stringify({ type: v.type, data: Buffer.from(data).toString('base64') });
      }
      if (v instanceof Date) return JSON.stringify(v);
      if (Array.isArray(v)) return `[${v.map(recordJson).join(',')}]`;
      const o = v as Record<string, unknown>;
      let s = '';
      for (const k of Object.keys(o)) {
        if (o[k] === undefined) continue;
        s += `${s ? ',' : ''}${JSON.stringify(k)}:${recordJson(o[k])}`;
      }
      return `{${s}}`;
    }
    default: return 'null';
  }
}

/** msgpack values JSON has no form for, converted in place: the fast path of recordText. */
function jsonValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return utf8.decode(v);
  if (v instanceof ExtData) return v.type === -1 ? timestampText(v.data as Uint8Array) : { type: v.type, data: Buffer.from(v.data as Uint8Array).toString('base64') };
  if (Array.isArray(v)) return v.some((x) => typeof x === 'object' && x !== null) ? v.map(jsonValue) : v;
  if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) { const x = o[k]; if (typeof x === 'object' && x !== null) o[k] = jsonValue(x); }
  }
  return v;
}

/** JSON.stringify where it can (it refuses BigInt), recordJson for the records it cannot write exactly. */
export function recordText(record: unknown): string {
  try { return JSON.stringify(jsonValue(record)); } catch (e) {
    if (e instanceof TypeError) return recordJson(record);
    throw e;
  }
}

/** One JSON line per event: {"tag":..., "time": ISO 8601 with nanoseconds, "record": {...}}. */
export class JsonLinesDestination implements Destination {
  constructor(private readonly out: BoundedOutput, private readonly diag?: Diagnostics, private readonly counters?: SidecarCounters) {}

  async pass(tag: string, events: readonly ForwardEvent[]): Promise<{ passed: Promise<void> }> {
    let text = '';
    const head = `{"tag":${JSON.stringify(tag)},"time":`;
    for (const e of events) {
      let record: string;
      try { record = recordText(e.record); } catch (err) {
        this.diag?.log(`an event of tag ${tag} cannot be written as JSON: ${(err as Error).message}`);
        this.counters?.fault('record not passed on whole');
        record = recordJson(unforwardable(e.record, err));
      }
      text += `${head}${JSON.stringify(eventTimeText(e.time))},"record":${record}}\n`;
    }
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

  private inflightBytes = 0;

  /**
   * At most `window` frames, and no new one once `maxBytes` are held (--max-buffered-bytes), wait for their
   * acks: a slow next hop holds the connections back instead of growing this queue.
   */
  constructor(private readonly addr: Address, private readonly diag: Diagnostics, private readonly counters: SidecarCounters,
    private readonly ackTimeoutMs: number, private readonly window = 32, private readonly maxBytes = Infinity) {
    this.timer = setInterval(() => this.checkOverdue(), Math.max(50, Math.min(1000, ackTimeoutMs / 4)));
    this.timer.unref();
  }

  private get where(): string { return `${this.addr.host}:${this.addr.port}`; }

  async pass(tag: string, events: readonly ForwardEvent[]): Promise<{ passed: Promise<void> }> {
    while ((this.inflight.size >= this.window || (this.inflight.size > 0 && this.inflightBytes >= this.maxBytes)) && !this.refused) {
      await new Promise<void>((r) => this.spaceWaiters.push(r));
    }
    if (this.refused) throw this.refused;
    const chunk = newChunkId();
    const entries = events.map((e) => {
      try { return encodeEntry(e); } catch (err) {
        this.diag.log(`an event of tag ${tag} cannot be passed on as it is: ${(err as Error).message}`);
        this.counters.fault('record not passed on whole');
        return encodeEntry({ time: e.time, record: unforwardable(e.record, err) });
      }
    });
    const frame = encodePacked(tag, entries, chunk);
    this.inflightBytes += frame.length;
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
    this.inflightBytes -= f.frame.length;
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
      this.inflightBytes = 0;
      for (const wake of this.spaceWaiters.splice(0)) wake();
    }
    await idle;
    if (this.client) await this.client.end();
  }
}
