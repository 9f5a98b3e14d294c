import type { Matcher } from '../binding/index.js';
export interface ChunkJson {
    json: Uint8Array;
    entries: Uint32Array;
    statuses: Uint32Array;
}
export declare function chunkToJson(matcher: Matcher, chunk: Uint8Array, onlyMatched: boolean): ChunkJson;
