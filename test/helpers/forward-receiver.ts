// A forward server for the tests to pass events on to (`serve --forward-to`). Written apart from the
// sidecar's own decoder (straight on @msgpack's stream decoder) so that a mistake in one is not repeated in
// the other. It acks each chunk, or holds the acks back until told to release them.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decodeMulti, decodeMultiStream, encode } from '@msgpack/msgpack';

export interface Received { tag: string; time: unknown; record: Record<string, any> }

export class ForwardReceiver {
  readonly events: Received[] = [];
  frames = 0;
  private held: (() => void)[] = [];
  private holding = false;
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {}

  static async start(port = 0): Promise<ForwardReceiver> {
    let self: ForwardReceiver | null = null;
    const server = createServer((sock) => { void self!.serve(sock); });
    self = new ForwardReceiver(server);
    await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', resolve); });
    return self;
  }

  get port(): number { return (this.server.address() as AddressInfo).port; }

  hold(): void { this.holding = true; }
  release(): void { this.holding = false; for (const a of this.held.splice(0)) a(); }

  private async serve(sock: Socket): Promise<void> {
    this.sockets.add(sock);
    sock.on('error', () => {});
    try {
      for await (const frame of decodeMultiStream(sock)) {
        const [tag, second, third, fourth] = frame as [string, unknown, unknown, unknown];
        let entries: [unknown, Record<string, any>][];
        let option: Record<string, any> | undefined;
        if (second instanceof Uint8Array) {
          option = third as Record<string, any> | undefined;
          const bytes = option?.compressed === 'gzip' ? gunzipSync(second) : second;
          entries = [...decodeMulti(bytes)] as [unknown, Record<string, any>][];
        } else if (Array.isArray(second)) {
          entries = second as [unknown, Record<string, any>][];
          option = third as Record<string, any> | undefined;
        } else {
          entries = [[second, third as Record<string, any>]];
          option = fourth as Record<string, any> | undefined;
        }
        this.frames++;
        for (const [time, record] of entries) this.events.push({ tag, time, record });
        const chunk = option?.chunk;
        if (typeof chunk === 'string') {
          const ack = () => { if (sock.writable) sock.write(encode({ ack: chunk })); };
          if (this.holding) this.held.push(ack); else ack();
        }
      }
    } catch { sock.destroy(); }
    this.sockets.delete(sock);
  }

  /** Drops every connection at once (a destination that fails mid-stream). */
  dropConnections(): void { for (const s of this.sockets) s.destroy(); }

  close(): Promise<void> {
    this.dropConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
