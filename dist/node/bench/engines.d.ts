import type { Catalog } from '../compile/load.js';
export interface Engine {
    readonly name: string;
    readonly description: string;
    /** Entry index per line of `corpus` (newline-terminated lines). */
    run(corpus: Buffer, text: string): Int32Array;
}
export declare function inProcessEngines(catalog: Catalog): Promise<Engine[]>;
