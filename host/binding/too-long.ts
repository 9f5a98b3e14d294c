// The too-long rule on the host side, in one place for the raw and the component binding: a line longer
// than MAX_LINE_BYTES (host/compile/abi.ts, the modules' input buffer) is never split and never matched.
// Its record has every span absent but the line; its result is status `too-long` with no header, message
// or event; and a CR at its end is dropped, as the module drops it from lines that fit (so a line of
// exactly the limit plus CRLF is the same line as with LF; issue 13 item 7).
import { ABSENT, MAX_LINE_BYTES, RESULT_WORDS, STATUS_TOO_LONG, W_ENTRY, W_LINE, W_PRI, W_STATUS } from '../compile/abi.js';
import type { LineHeader, LineResult } from './event.js';

export { MAX_LINE_BYTES };

const utf8 = new TextDecoder('utf-8');

/** The record of a too-long line of `length` bytes, written into `words` (RESULT_WORDS of them). */
export function writeTooLongRecord(words: Uint32Array, length: number): Uint32Array {
  words.fill(0);
  for (let i = W_PRI + 1; i < RESULT_WORDS; i += 2) words[i] = ABSENT; // every span absent
  words[W_ENTRY] = ABSENT; // -1
  words[W_PRI] = ABSENT; // -1
  words[W_STATUS] = STATUS_TOO_LONG;
  words[W_LINE + 1] = length;
  return words;
}

/** The header of a line no module read: bare, nothing in it. */
export const NO_HEADER: Readonly<LineHeader> = { framing: 'bare', priority: null, timestamp: null, hostname: null, program: null, pid: null };

/** The result of a too-long line, `line` its text (lone surrogates as U+FFFD, as decoding its bytes gives). */
export function tooLongResult(line: string): LineResult {
  return { status: 'too-long', line: utf8.decode(Buffer.from(line, 'utf8')), event: null, header: { ...NO_HEADER }, message: null };
}

/** The line's bytes without a final CR when they are too long for the module. */
export function bytesWithoutCR(line: Uint8Array): Uint8Array {
  return line.length > MAX_LINE_BYTES && line[line.length - 1] === 13 ? line.subarray(0, line.length - 1) : line;
}

/** The line's text without a final CR when its UTF-8 is too long for the module. */
export function textWithoutCR(line: string): string {
  return line.endsWith('\r') && Buffer.byteLength(line, 'utf8') > MAX_LINE_BYTES ? line.slice(0, -1) : line;
}
