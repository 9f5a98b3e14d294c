export interface Framed {
    /** Index of the message's first character in the line. */
    message: number;
    /** Program name, or null when the line names none (then every family applies). */
    program: string | null;
}
/** Frames a line; `isSshProgram` says whether a program name is listed by some catalog. */
export declare function frameLine(line: string, isSshProgram: (program: string) => boolean): Framed;
