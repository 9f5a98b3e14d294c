export declare function corpusLine(i: number): string;
/** Lines [from, to) joined, each with its newline. */
export declare function corpusText(from: number, to: number, format?: (i: number) => string): string;
