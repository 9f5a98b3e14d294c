export declare class FrameError extends Error {
}
/**
 * End offset of the object starting at `at` in a complete buffer, for walking inside a frame.
 * Throws FrameError when the buffer ends first.
 */
export declare function objectEnd(b: Uint8Array, at: number): number;
export declare class FrameSplitter {
    private readonly maxFrameBytes;
    private buf;
    private len;
    private pos;
    private pending;
    private broken;
    constructor(maxFrameBytes: number);
    /** Whether bytes of an unfinished frame are held. */
    get holding(): boolean;
    /**
     * The error found after the frames the last push returned: those frames are good and are to be handled
     * (and acked) before the connection is closed for this error.
     */
    get failure(): FrameError | null;
    /** Appends bytes; returns every frame they complete (copies, independent of this splitter). */
    push(chunk: Uint8Array): Uint8Array[];
}
