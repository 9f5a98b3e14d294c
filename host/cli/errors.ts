/** A mistake of the user's (bad option, unreadable file): one line on stderr, exit code 2, no stack. */
export class UsageError extends Error {}
