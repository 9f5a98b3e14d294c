/** The log line of one journal record (without a newline). */
export declare function journalLineBytes(record: Record<string, unknown>): Buffer;
/** The log line of one journal record as text (invalid UTF-8 in MESSAGE becomes U+FFFD). */
export declare function journalLine(record: Record<string, unknown>): string;
export declare function isRecord(v: unknown): v is Record<string, unknown>;
/**
 * The log lines of a chunk of whole `journalctl -o json` lines, one line out for every line in (so every
 * record still gives one result). A line that is not a JSON object is passed on as it is and read as a
 * plain log line.
 */
export declare function journalChunkLines(chunk: Uint8Array): Buffer;
