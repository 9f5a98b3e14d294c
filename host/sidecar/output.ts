// The one place the sidecar writes a stream: waits for 'drain' when the reader is slower than we are, so a
// slow reader slows the writer down (and, through the paused input, whoever feeds us) instead of growing
// an in-memory queue.
import type { Writable } from 'node:stream';

export class BoundedOutput {
  constructor(private readonly out: Writable) {}

  async write(text: string | Uint8Array): Promise<void> {
    if (text.length === 0 || this.out.write(text)) return;
    await new Promise<void>((resolve, reject) => {
      const done = (err?: Error) => { this.out.off('drain', done); this.out.off('error', done); err ? reject(err) : resolve(); };
      this.out.once('drain', done);
      this.out.once('error', done);
    });
  }

  /** Resolves once everything written so far has left Node's buffers (handed to the OS). */
  flushed(): Promise<void> {
    if (this.out.writableLength === 0 && !this.out.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve, reject) => this.out.write('', (err) => (err ? reject(err) : resolve())));
  }
}
