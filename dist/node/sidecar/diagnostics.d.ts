import type { Writable } from 'node:stream';
export declare class Diagnostics {
    private readonly sink;
    private constructor();
    static toStream(out: Writable): Diagnostics;
    static silent(): Diagnostics;
    static toFile(path: string): Diagnostics;
    log(message: string): void;
    /** Multi-line text (the --stats table), written as is. */
    block(text: string): void;
}
