// Layout of the fixed-size result record written for every line (little-endian u32 words). Offsets are
// byte offsets from the start of the input buffer; an absent span has start 0xFFFFFFFF and length 0.
// host/binding/layout.ts mirrors these numbers.

export const RESULT_SIZE: u32 = 128;

export const R_ENTRY: u32 = 0; // i32 entry index, -1 when no entry matched
export const R_STATUS: u32 = 4;
export const R_LINE: u32 = 8; // start, length (without the newline and a trailing CR)
export const R_FRAMING: u32 = 16;
export const R_PRI: u32 = 20; // i32, -1 when the line has no <PRI>
export const R_TIMESTAMP: u32 = 24;
export const R_HOSTNAME: u32 = 32;
export const R_PROGRAM: u32 = 40;
export const R_PID: u32 = 48;
export const R_MESSAGE: u32 = 56;
export const R_FIELDS: u32 = 64; // MAX_FIELDS x (start, length | shape << 28)

export const STATUS_MATCHED: u32 = 0;
export const STATUS_NO_MATCH: u32 = 1;
export const STATUS_NOT_SSH: u32 = 2; // framed line from a program that is not an SSH server
export const STATUS_EMPTY: u32 = 3;
export const STATUS_TOO_LONG: u32 = 4; // set by hosts for lines that do not fit the input buffer
export const STATUS_TOO_COMPLEX: u32 = 5; // the line exhausted the backtracking budget
export const STATUS_AMBIGUOUS: u32 = 6; // client-typed text makes the server-written fields readable two ways

export const FRAMING_BARE: u32 = 0;
export const FRAMING_RFC3164: u32 = 1;
export const FRAMING_RFC3164_NO_HOST: u32 = 2;
export const FRAMING_RFC5424: u32 = 3;
export const FRAMING_TAG: u32 = 4; // "sshd[12]: message" without timestamp

export const ABSENT: u32 = 0xffffffff;

// @ts-ignore: decorator
@inline export function setSpan(rec: usize, at: u32, origin: usize, start: usize, end: usize): void {
  store<u32>(rec + at, <u32>(start - origin));
  store<u32>(rec + at + 4, <u32>(end - start));
}

// @ts-ignore: decorator
@inline export function clearSpan(rec: usize, at: u32): void {
  store<u32>(rec + at, ABSENT);
  store<u32>(rec + at + 4, 0);
}
