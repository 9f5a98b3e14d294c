export declare function median(xs: number[]): number;
export declare function seconds<T>(fn: () => T): [number, T];
export interface ProcessRun {
    seconds: number;
    peakRssKb: number;
    status: number;
    stderr: string;
}
/** Runs a command with stdout to /dev/null under GNU time: wall-clock seconds and peak RSS (kB). */
export declare function timeProcess(cmd: string, args: string[]): ProcessRun | null;
export declare function machine(): {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    os: string;
};
