interface Figure {
    mode: string;
    lines: number;
    seconds: number;
    linesPerSecond: number;
    ratio?: number;
}
export declare function measureSidecar(lines?: number): Promise<Figure[]>;
export {};
