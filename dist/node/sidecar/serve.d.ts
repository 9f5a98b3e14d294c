import type { Readable, Writable } from 'node:stream';
import type { ServeSettings } from './options.js';
export interface ServeIO {
    stdin: Readable;
    stdout: Writable;
    stderr: Writable;
}
/** Runs until end of input or SIGTERM/SIGINT; returns the exit code. */
export declare function runServe(s: ServeSettings, io: ServeIO): Promise<number>;
