export declare class MatchStats {
    readonly byEntry: Map<string, number>;
    readonly byStatus: Map<string, number>;
    lines: number;
    add(status: string, entry: string | null): void;
    /** `n` lines of one status (and entry, if matched). */
    addCount(status: string, entry: string | null, n: number): void;
    /** Entry counts kept apart from line counts, for callers that count lines by status already. */
    addEntry(entry: string, n: number): void;
    format(): string;
}
