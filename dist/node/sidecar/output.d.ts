import type { Writable } from 'node:stream';
export declare class BoundedOutput {
    private readonly out;
    constructor(out: Writable);
    write(text: string | Uint8Array): Promise<void>;
    /** Resolves once everything written so far has left Node's buffers (handed to the OS). */
    flushed(): Promise<void>;
}
