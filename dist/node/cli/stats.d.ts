export declare class MatchStats {
    readonly byEntry: Map<string, number>;
    readonly byStatus: Map<string, number>;
    lines: number;
    add(status: string, entry: string | null): void;
    format(): string;
}
