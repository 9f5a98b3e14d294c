import type { Catalog } from './load.js';
import { type Leaf } from './document-plan.js';
export declare const SOURCE_KINDS: {
    readonly const: 0;
    readonly line: 1;
    readonly messageOrLine: 2;
    readonly timestamp: 3;
    readonly hostname: 4;
    readonly program: 5;
    readonly pid: 6;
    readonly pri: 7;
    readonly priFacility: 8;
    readonly priSeverity: 9;
    readonly fieldString: 10;
    readonly fieldNumber: 11;
    readonly derivedIp: 12;
    readonly derivedDomain: 13;
    readonly status: 14;
};
export declare function planBytecode(leaves: Leaf[]): number[];
/** All plans back to back; `offsets[i]` is entry i's plan, `offsets[entries]` the unmatched lines' plan. */
export declare function documentTables(catalog: Catalog): {
    code: number[];
    offsets: number[];
    maxConst: number;
};
