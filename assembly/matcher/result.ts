// Layout of the fixed-size result record written for every line (little-endian u32 words). Offsets are
// byte offsets from the start of the input buffer; an absent span has start 0xFFFFFFFF and length 0.
// The numbers are generated from host/compile/abi.ts (assembly/generated/abi.ts), the host's source too.
export {
  RESULT_SIZE, R_ENTRY, R_STATUS, R_LINE, R_FRAMING, R_PRI, R_TIMESTAMP, R_HOSTNAME, R_PROGRAM, R_PID, R_MESSAGE,
  R_FIELDS, STATUS_MATCHED, STATUS_NO_MATCH, STATUS_NOT_SSH, STATUS_EMPTY, STATUS_TOO_LONG, STATUS_TOO_COMPLEX,
  STATUS_AMBIGUOUS, FRAMING_BARE, FRAMING_RFC3164, FRAMING_RFC3164_NO_HOST, FRAMING_RFC5424, FRAMING_TAG, ABSENT,
} from '../generated/abi';
import { ABSENT } from '../generated/abi';

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
