import type { ChunkDone } from './json-worker.js';
import type { DocumentOptions } from '../binding/index.js';
export declare class ParallelJsonWriter {
    private readonly onlyMatched;
    private readonly emit;
    private readonly workers;
    private readonly done;
    private readonly waiters;
    private failure;
    private pumping;
    private sent;
    private next;
    constructor(threads: number, onlyMatched: boolean, emit: (d: ChunkDone) => Promise<void>, documents?: DocumentOptions);
    private fail;
    private wake;
    private until;
    /** Writes the finished chunks that are next in order; one writer at a time keeps the order. */
    private pump;
    /** Queues a chunk (copied: the caller may reuse its buffer); waits while too many are in flight. */
    push(chunk: Uint8Array): Promise<void>;
    /** Waits until every queued chunk is written, then stops the workers. */
    finish(): Promise<void>;
}
