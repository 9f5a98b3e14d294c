export declare function median(xs: number[]): number;
export declare function seconds<T>(fn: () => T): [number, T];
export interface ProcessRun {
    seconds: number;
    cpuSeconds: number;
    peakRssKb: number;
    status: number;
    stderr: string;
}
/**
 * Runs a command with stdout to /dev/null under GNU time: wall-clock seconds, CPU seconds (user + system,
 * all threads) and peak RSS (kB). `stdin` is a file to read standard input from.
 */
export declare function timeProcess(cmd: string, args: string[], stdin?: string): ProcessRun | null;
export declare function machine(): {
    cpu: string;
    cores: number;
    memoryGiB: number;
    node: string;
    os: string;
};
