import type { CatalogEntry } from './load.js';
export type Source = {
    kind: 'const';
    json: string;
} | {
    kind: 'line';
} | {
    kind: 'messageOrLine';
} | {
    kind: 'timestamp';
} | {
    kind: 'hostname';
} | {
    kind: 'program';
} | {
    kind: 'pid';
} | {
    kind: 'pri';
} | {
    kind: 'priFacility';
} | {
    kind: 'priSeverity';
} | {
    kind: 'field';
    slot: number;
    numeric: boolean;
} | {
    kind: 'derived';
    slot: number;
    shape: 'ip' | 'domain';
} | {
    kind: 'status';
} | {
    kind: 'value';
    value: string | number;
};
export interface Leaf {
    path: string;
    source: Source;
}
/** Entry fields as they appear in documents: derived x.ip / x.domain right after x.address. */
export declare function documentFieldPaths(entry: Pick<CatalogEntry, 'fields'>): Leaf[];
/** Reorders items so that paths sharing a prefix are adjacent, keeping first-appearance order otherwise. */
export declare function contiguous<T extends {
    path: string;
}>(items: T[]): T[];
/** What a plan needs of an entry: its classification; `fields` in document order (documentFieldPaths). */
export interface PlanEntry {
    id: string;
    title: string;
    severity: number;
    level: string;
    facility: string | null;
    event: {
        category: string[];
        type: string[];
        action: string;
        outcome: string;
    };
}
export declare function documentPlan(entry: PlanEntry | null, fields: Leaf[]): Leaf[];
