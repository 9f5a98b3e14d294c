import { type ChunkJson } from './json-chunk.js';
export interface ChunkJob {
    seq: number;
    chunk: Uint8Array;
    onlyMatched: boolean;
}
export interface ChunkDone extends ChunkJson {
    seq: number;
}
