import type { LineResult } from '../binding/index.js';
export declare function explain(r: LineResult): string;
