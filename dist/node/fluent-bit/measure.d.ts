import { type Behaviour } from './harness.js';
export interface BehaviourCost {
    behaviour: Behaviour;
    nsPerRecord: number;
    vsPassthrough: number;
    kept: number;
}
export interface MeasureOptions {
    key?: string;
    rounds?: number;
    minRecords?: number;
}
export declare function measure(lines: readonly string[], opts?: MeasureOptions): BehaviourCost[];
export declare function formatCosts(costs: readonly BehaviourCost[], records: number): string;
