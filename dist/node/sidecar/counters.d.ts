import { MatchStats } from '../cli/stats.js';
export declare class SidecarCounters {
    readonly lines: MatchStats;
    readonly faults: Map<string, number>;
    fault(kind: string): void;
    format(): string;
}
