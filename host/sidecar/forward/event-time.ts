// Forward-protocol times -> text, for JSON output. EventTime (ext 0) is seconds and nanoseconds as two
// big-endian u32; integers are seconds; Fluent Bit v2 wraps either as [time, metadata].
import { ExtData } from '@msgpack/msgpack';

let lastSec = NaN;
let lastPrefix = '';

export function eventTimeText(time: unknown): string | null {
  const t = Array.isArray(time) ? time[0] : time;
  let sec: number, nsec: number;
  if (t instanceof ExtData) {
    const data = t.data as Uint8Array;
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    sec = v.getUint32(0); nsec = v.getUint32(4);
  } else if (typeof t === 'bigint') {
    sec = Number(t); nsec = 0;
  } else if (typeof t === 'number' && Number.isFinite(t)) {
    sec = Math.floor(t); nsec = Math.min(999_999_999, Math.round((t - sec) * 1e9));
  } else return null;
  if (sec !== lastSec) { // events of a frame mostly share their second: format it once
    const d = new Date(sec * 1000);
    if (Number.isNaN(d.getTime())) return null;
    lastSec = sec;
    lastPrefix = d.toISOString().slice(0, -4); // without ".mmmZ"
  }
  return `${lastPrefix}${String(nsec).padStart(9, '0')}Z`;
}

/** EventTime of a Date in milliseconds (what test clients and the measurement send). */
export function eventTime(ms: number, nsec = (ms % 1000) * 1e6): ExtData {
  const data = new Uint8Array(8);
  const v = new DataView(data.buffer);
  v.setUint32(0, Math.floor(ms / 1000));
  v.setUint32(4, nsec);
  return new ExtData(0, data);
}
