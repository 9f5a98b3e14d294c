// The result record the matcher writes for each line, as the host reads it: the numbers come from
// host/compile/abi.ts, the one source the module's constants are generated from too.
export {
  RESULT_WORDS, W_ENTRY, W_STATUS, W_LINE, W_FRAMING, W_PRI, W_TIMESTAMP, W_HOSTNAME, W_PROGRAM, W_PID, W_MESSAGE,
  W_FIELDS, MAX_FIELDS, ABSENT, STATUS, type Status, STATUS_TOO_LONG, RECORD_LEFT, FRAMING, type Framing,
  SHAPE_TEXT, SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME,
} from '../compile/abi.js';
import { PID_NUMBER_MAX_DIGITS } from '../compile/abi.js';

/** The pid span's text as the number `process.pid`, or null: the pid rule of host/compile/abi.ts (ecs/values.ts pidValid). */
export function pidNumber(text: string | null): number | null {
  if (text === null || text.length === 0 || text.length > PID_NUMBER_MAX_DIGITS) return null;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) - 48 >>> 0 > 9) return null;
  return Number(text);
}
