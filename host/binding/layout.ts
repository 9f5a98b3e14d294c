// The result record the matcher writes for each line, as the host reads it: the numbers come from
// host/compile/abi.ts, the one source the module's constants are generated from too.
export {
  RESULT_WORDS, W_ENTRY, W_STATUS, W_LINE, W_FRAMING, W_PRI, W_TIMESTAMP, W_HOSTNAME, W_PROGRAM, W_PID, W_MESSAGE,
  W_FIELDS, MAX_FIELDS, ABSENT, STATUS, type Status, STATUS_TOO_LONG, RECORD_LEFT, FRAMING, type Framing,
  SHAPE_TEXT, SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME,
} from '../compile/abi.js';
