import type { LineResult, Matcher } from '../binding/index.js';
export declare class MessageBatch {
    private readonly matcher;
    constructor(matcher: Matcher);
    /** One result per message, in order. */
    match(messages: readonly string[]): LineResult[];
}
