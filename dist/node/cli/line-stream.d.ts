import type { Readable } from 'node:stream';
export declare function wholeLineChunks(input: Readable): AsyncGenerator<Uint8Array>;
