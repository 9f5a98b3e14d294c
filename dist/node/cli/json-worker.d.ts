export interface ChunkJob {
    seq: number;
    chunk: Uint8Array;
    onlyMatched: boolean;
}
export interface ChunkDone {
    seq: number;
    json: Uint8Array;
    entries: Uint32Array;
    statuses: Uint32Array;
}
