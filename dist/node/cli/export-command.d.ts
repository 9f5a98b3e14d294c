import type { Writable } from 'node:stream';
export interface ExportOptions {
    format: string;
    out?: string;
    catalog?: string;
}
export declare function runExport(opts: ExportOptions, stdout: Writable): void;
