// Spreads chunks of whole lines over worker threads (host/cli/json-worker.ts) and writes their JSON in
// input order as soon as it is ready, also while no new input arrives (tail -F). At most two chunks per
// worker are in flight, so memory stays bounded whatever the input.
import { Worker } from 'node:worker_threads';
import type { ChunkDone, ChunkJob } from './json-worker.js';
import type { DocumentOptions } from '../binding/index.js';

export class ParallelJsonWriter {
  private readonly workers: Worker[];
  private readonly done = new Map<number, ChunkDone>();
  private readonly waiters: (() => void)[] = [];
  private failure: Error | null = null;
  private pumping = false;
  private sent = 0;
  private next = 0;

  constructor(threads: number, private readonly onlyMatched: boolean, private readonly emit: (d: ChunkDone) => Promise<void>, documents: DocumentOptions = {}) {
    this.workers = Array.from({ length: threads }, () => {
      const w = new Worker(new URL('./json-worker.js', import.meta.url), { workerData: documents });
      w.on('message', (d: ChunkDone) => { this.done.set(d.seq, d); void this.pump(); });
      w.on('error', (e) => this.fail(e));
      return w;
    });
  }

  private fail(e: Error) { this.failure ??= e; this.wake(); }
  private wake() { for (const w of this.waiters.splice(0)) w(); }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready() && !this.failure) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Writes the finished chunks that are next in order; one writer at a time keeps the order. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.done.has(this.next) && !this.failure) {
        const d = this.done.get(this.next)!;
        this.done.delete(this.next);
        await this.emit(d);
        this.next++;
        this.wake();
      }
    } catch (e) {
      this.fail(e as Error);
    } finally {
      this.pumping = false;
    }
  }

  /** Queues a chunk (copied: the caller may reuse its buffer); waits while too many are in flight. */
  async push(chunk: Uint8Array): Promise<void> {
    await this.until(() => this.sent - this.next < this.workers.length * 2);
    const copy = new Uint8Array(chunk);
    const job: ChunkJob = { seq: this.sent, chunk: copy, onlyMatched: this.onlyMatched };
    this.workers[this.sent % this.workers.length].postMessage(job, [copy.buffer]);
    this.sent++;
  }

  /** Waits until every queued chunk is written, then stops the workers. */
  async finish(): Promise<void> {
    try {
      await this.until(() => this.next === this.sent);
    } finally {
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
  }
}
