// The alert document of the last decision (detect.ts), an ECS event (`event.kind: alert`, category
// intrusion_detection) written with the ECS writer's output functions; its constant text comes from
// host/compile/detect-rules.ts (ALERT_PIECES, checked against @elastic/ecs at build time). The address is
// the server-written one the decision counted; host.hostname is the triggering line's. Never allocates.
import { outBytes, outJsonString, outU32, outU64, outByte } from '../ecs/output';
import { R_HOSTNAME, ABSENT } from '../matcher/result';
import { DETECT_STRINGS, DETECT_TEXT, DETECT_ALERT_FIRST, DETECT_ALERT_CROWDSEC_FIRST, DETECT_MODE_FIRST } from '../generated/detect';
import { writeMoment } from './time';
import { alertKey, alertKeyLength, alertStart, alertEnd, alertFailures, detectMode, isCrowdsec, maxRetry, findTime } from './detect';

/** The most an alert takes: its constant text, a host name of up to 255 bytes escaped, the numbers. */
export const ALERT_BOUND: u32 = 4096;

function text(i: u32): void {
  const s = i << 3;
  outBytes(DETECT_TEXT + <usize>load<u32>(DETECT_STRINGS + s), <usize>load<u32>(DETECT_STRINGS + s + 4));
}
let pieces: u32 = DETECT_ALERT_FIRST;
function piece(i: u32): void { text(pieces + i); }
function modeName(): void { text(DETECT_MODE_FIRST + <u32>detectMode()); }


/** Writes the last alert as one JSON object; `rec` is the triggering line's record (spans from `origin`). */
export function writeAlert(rec: usize, origin: usize): void {
  pieces = isCrowdsec() ? DETECT_ALERT_CROWDSEC_FIRST : DETECT_ALERT_FIRST;
  piece(0); writeMoment(alertEnd);
  piece(1); writeMoment(alertStart);
  piece(2); writeMoment(alertEnd);
  piece(3); outU64(<u64>(alertEnd - alertStart) * 1000000000);
  piece(4); modeName(); piece(5);
  const host = load<u32>(rec + R_HOSTNAME);
  if (host != ABSENT) {
    piece(6); outJsonString(origin + <usize>host, <usize>load<u32>(rec + R_HOSTNAME + 4)); piece(7);
  }
  piece(8); outJsonString(alertKey, alertKeyLength);
  piece(9); outJsonString(alertKey, alertKeyLength);
  piece(10); outJsonString(alertKey, alertKeyLength);
  piece(11); modeName();
  piece(12); outU32(maxRetry);
  piece(13); outU64(<u64>findTime);
  piece(14); outU32(alertFailures);
  piece(15);
}
