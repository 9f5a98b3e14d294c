// Spreads chunks of whole lines over worker threads (host/cli/json-worker.ts) and writes their JSON in
// input order as soon as it is ready, also while no new input arrives (tail -F). At most two chunks per
// worker are in flight, so memory stays bounded whatever the input.
import { Worker } from 'node:worker_threads';
export class ParallelJsonWriter {
    onlyMatched;
    emit;
    workers;
    done = new Map();
    waiters = [];
    failure = null;
    pumping = false;
    sent = 0;
    next = 0;
    constructor(threads, onlyMatched, emit, documents = {}) {
        this.onlyMatched = onlyMatched;
        this.emit = emit;
        this.workers = Array.from({ length: threads }, () => {
            const w = new Worker(new URL('./json-worker.js', import.meta.url), { workerData: documents });
            w.on('message', (d) => { this.done.set(d.seq, d); void this.pump(); });
            w.on('error', (e) => this.fail(e));
            return w;
        });
    }
    fail(e) { this.failure ??= e; this.wake(); }
    wake() { for (const w of this.waiters.splice(0))
        w(); }
    async until(ready) {
        while (!ready() && !this.failure)
            await new Promise((resolve) => this.waiters.push(resolve));
        if (this.failure)
            throw this.failure;
    }
    /** Writes the finished chunks that are next in order; one writer at a time keeps the order. */
    async pump() {
        if (this.pumping)
            return;
        this.pumping = true;
        try {
            while (this.done.has(this.next) && !this.failure) {
                const d = this.done.get(this.next);
                this.done.delete(this.next);
                await this.emit(d);
                this.next++;
                this.wake();
            }
        }
        catch (e) {
            this.fail(e);
        }
        finally {
            this.pumping = false;
        }
    }
    /** Queues a chunk (copied: the caller may reuse its buffer); waits while too many are in flight. */
    async push(chunk) {
        await this.until(() => this.sent - this.next < this.workers.length * 2);
        const copy = new Uint8Array(chunk);
        const job = { seq: this.sent, chunk: copy, onlyMatched: this.onlyMatched };
        this.workers[this.sent % this.workers.length].postMessage(job, [copy.buffer]);
        this.sent++;
    }
    /** Waits until every queued chunk is written, then stops the workers. */
    async finish() {
        try {
            await this.until(() => this.next === this.sent);
        }
        finally {
            await Promise.all(this.workers.map((w) => w.terminate()));
        }
    }
}
