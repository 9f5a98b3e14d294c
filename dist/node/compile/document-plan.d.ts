import type { CatalogEntry } from './load.js';
export type Source = {
    kind: 'const';
    json: string;
} | {
    kind: 'original';
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
    kind: 'priFacilityName';
} | {
    kind: 'priSeverity';
} | {
    kind: 'priSeverityName';
} | {
    kind: 'level';
    json: string;
} | {
    kind: 'field';
    slot: number;
    numeric: boolean;
} | {
    kind: 'derived';
    slot: number;
    shape: 'ip' | 'domain';
} | {
    kind: 'relatedIp';
    slots: number[];
} | {
    kind: 'relatedUser';
    slots: number[];
} | {
    kind: 'status';
};
export interface Leaf {
    path: string;
    source: Source;
    modes?: number;
}
/** Entry fields as they appear in documents: derived x.ip / x.domain right after x.address. */
export declare function documentFieldPaths(entry: Pick<CatalogEntry, 'fields'>): Leaf[];
/** Reorders items so that paths sharing a prefix are adjacent, keeping first-appearance order otherwise. */
export declare function contiguous<T extends {
    path: string;
}>(items: T[]): T[];
/** What a plan needs of an entry: its classification and its fields. */
export interface PlanEntry {
    id: string;
    title: string;
    severity: number;
    level: string;
    event: {
        category: string[];
        type: string[];
        action: string;
        outcome: string;
    };
    sshEvent: string | null;
    fields: CatalogEntry['fields'];
}
/**
 * The document of an entry's lines (null: lines no entry matched). `message` comes first and
 * `event.original` is written only on request; both belong to the whole document only (MODE_DOCUMENT):
 * a host record merged with the ECS fields (MODE_ENRICH) holds the line itself.
 */
export declare function documentPlan(entry: PlanEntry | null): Leaf[];
