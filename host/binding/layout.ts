// Mirror of assembly/matcher/result.ts: the result record the matcher writes for each line.

export const RESULT_WORDS = 32; // 128 bytes
export const W_ENTRY = 0;
export const W_STATUS = 1;
export const W_LINE = 2;
export const W_FRAMING = 4;
export const W_PRI = 5;
export const W_TIMESTAMP = 6;
export const W_HOSTNAME = 8;
export const W_PROGRAM = 10;
export const W_PID = 12;
export const W_MESSAGE = 14;
export const W_FIELDS = 16;
export const MAX_FIELDS = 8;
export const ABSENT = 0xffffffff;

export const STATUS = ['matched', 'no-match', 'not-ssh', 'empty', 'too-long', 'too-complex', 'ambiguous'] as const;
export type Status = (typeof STATUS)[number];
export const STATUS_TOO_LONG = 4;

export const FRAMING = ['bare', 'rfc3164', 'rfc3164-no-host', 'rfc5424', 'tag'] as const;
export type Framing = (typeof FRAMING)[number];

/** Shape of a captured value (high 4 bits of its length word). */
export const SHAPE_TEXT = 0, SHAPE_IPV4 = 1, SHAPE_IPV6 = 2, SHAPE_NAME = 3;
