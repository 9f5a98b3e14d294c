import type { Readable, Writable } from 'node:stream';
export interface MatchOptions {
    stats?: boolean;
    onlyMatched?: boolean;
    explain?: boolean;
    threads?: number;
    timezone?: string;
    keepOriginal?: boolean;
    input?: string;
}
export declare function runMatch(files: string[], opts: MatchOptions, stdin: Readable, stdout: Writable, stderr: Writable): Promise<void>;
