import { type DocumentOptions } from '../binding/options.js';
export declare const MODES: readonly ["json-lines", "mmexternal", "forward"];
export type Mode = (typeof MODES)[number];
export interface Address {
    host: string;
    port: number;
}
export interface ServeSettings {
    mode: Mode;
    input: string;
    messageKey: string;
    files: string[];
    listen: Address;
    forwardTo: Address | null;
    stats: boolean;
    logFile: string | null;
    maxFrameBytes: number;
    ackTimeoutMs: number;
    /** What the ECS documents hold (--keep-original, --timezone). */
    documents: DocumentOptions;
}
export interface ServeFlags {
    mode?: string;
    input?: string;
    messageKey?: string;
    listen?: string;
    forwardTo?: string;
    stats?: boolean;
    logFile?: string;
    maxFrameBytes?: string;
    ackTimeout?: string;
    keepOriginal?: boolean;
    timezone?: string;
}
export declare function parseAddress(text: string, what: string): Address;
export declare function checkSettings(files: string[], f: ServeFlags): ServeSettings;
