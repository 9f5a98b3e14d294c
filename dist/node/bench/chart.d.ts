export declare function renderChart(bars: {
    label: string;
    value: number;
}[], title: string): string;
