// A forward-protocol client over one TCP connection: sends frames and matches the server's
// {"ack": chunk} answers to what was sent. The sidecar uses it to pass events on (destination.ts); the tests
// use it to speak to `serve --mode forward` the way Fluentd and Fluent Bit do.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { Decoder } from '@msgpack/msgpack';
import type { Address } from '../serve-options.js';
import { encodeFrame, type CarrierMode } from './encode.js';
import { FrameSplitter } from './frame.js';
import type { ForwardEvent } from './message.js';

const decoder = new Decoder();
export const newChunkId = () => randomBytes(16).toString('base64');

export class ForwardClient {
  private readonly waiting = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
  private readonly splitter = new FrameSplitter(1 << 20);
  private closedWith: Error | null = null;
  /** Called once when the connection ends or fails; pending acks are rejected first. */
  onClose: ((err: Error) => void) | null = null;

  private constructor(readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      try {
        for (const f of this.splitter.push(data)) {
          const answer = decoder.decode(f) as { ack?: unknown };
          const id = typeof answer?.ack === 'string' ? answer.ack : null;
          const w = id === null ? undefined : this.waiting.get(id);
          if (w && id !== null) { this.waiting.delete(id); w.resolve(); }
        }
      } catch (e) { socket.destroy(e as Error); }
    });
    const fail = (err: Error) => {
      if (this.closedWith) return;
      this.closedWith = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
      this.onClose?.(err);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  static open(addr: Address): Promise<ForwardClient> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: addr.host, port: addr.port });
      s.setNoDelay(true);
      s.once('connect', () => { s.off('error', reject); resolve(new ForwardClient(s)); });
      s.once('error', reject);
    });
  }

  get closed(): boolean { return this.closedWith !== null; }
  get unacked(): number { return this.waiting.size; }

  /** Writes bytes as they are (the tests' malformed frames); resolves when the socket takes more. */
  async sendRaw(bytes: Uint8Array): Promise<void> {
    if (this.closedWith) throw this.closedWith;
    if (!this.socket.write(bytes)) await new Promise<void>((resolve) => {
      const go = () => { this.socket.off('drain', go); this.socket.off('close', go); resolve(); };
      this.socket.once('drain', go);
      this.socket.once('close', go);
    });
  }

  /**
   * Sends a pre-encoded frame carrying `chunk`; resolves when the socket takes more, with the promise of the
   * ack (made before the write, so an ack can never arrive unexpected). Wrapped: a promise would be adopted.
   */
  async sendFrame(frame: Uint8Array, chunk: string | null): Promise<{ acked: Promise<void> }> {
    const acked = chunk === null ? Promise.resolve() : new Promise<void>((resolve, reject) => this.waiting.set(chunk, { resolve, reject }));
    acked.catch(() => {}); // the caller may await it later, or never (a test of a dropped connection)
    await this.sendRaw(frame);
    return { acked };
  }

  /** Encodes and sends events; with `ack`, the returned promise settles when the server acks them. */
  send(tag: string, events: readonly ForwardEvent[], mode: CarrierMode, ack = true): Promise<{ acked: Promise<void> }> {
    const chunk = ack ? newChunkId() : null;
    return this.sendFrame(encodeFrame(tag, events, mode, chunk), chunk);
  }

  /** Ends our side and waits until the server has closed too. */
  end(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.end();
    });
  }

  destroy(): void { this.socket.destroy(); }
}
