// journald's JSON export (`journalctl -o json`, one object per line) as the log lines the matcher reads. The
// one place that knows the journal's field names; the CLI (`--input journal-json`) and the sidecar's
// json-lines mode (`serve --input journal-json`) both convert through it.
//
// A record becomes the line journalctl -o short-iso-precise would print, in UTC, with the syslog priority in
// front when the record has both PRIORITY and SYSLOG_FACILITY:
//   <PRI>2026-11-25T10:00:00.123456+00:00 _HOSTNAME SYSLOG_IDENTIFIER[_PID]: MESSAGE
// so the program decides the catalog families as for any syslog line. Absent parts are left out; a record
// without __REALTIME_TIMESTAMP takes __MONOTONIC_TIMESTAMP ("[  12.345678]"), which keeps the program a tag
// that is read even when no catalog lists it. The program is SYSLOG_IDENTIFIER, else _COMM; the pid _PID,
// else SYSLOG_PID (journalctl's choice). A value is a string or, for binary data, an array of byte values;
// a field that occurs several times is an array of values, of which the first is taken. A newline inside
// MESSAGE is written as "#012" (rsyslog's escape), so that one record stays one line.

/** The bytes of a journal field's value, or null when the record has no usable value. */
function valueBytes(v: unknown): Buffer | null {
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  if (!Array.isArray(v)) return null;
  if (v.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return Buffer.from(v as number[]);
  return valueBytes(v[0]);
}

function valueText(record: Record<string, unknown>, key: string): string | null {
  const b = valueBytes(record[key]);
  return b === null || b.length === 0 ? null : b.toString('utf8');
}

/** A header token: the bytes that would end it or the tag (space, '[', ':', newline) become '_'. */
const token = (s: string) => s.replace(/[\s[\]:]/g, '_');

function digits(record: Record<string, unknown>, key: string): string | null {
  const s = valueText(record, key);
  return s !== null && /^\d{1,20}$/.test(s) ? s : null;
}

function realtime(us: string): string | null {
  const micros = BigInt(us);
  const date = new Date(Number(micros / 1000n));
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) return null;
  return `${date.toISOString().slice(0, 19)}.${String(micros % 1000000n).padStart(6, '0')}+00:00`;
}

function monotonic(us: string): string {
  const micros = BigInt(us);
  return `[${String(micros / 1000000n).padStart(5, ' ')}.${String(micros % 1000000n).padStart(6, '0')}]`;
}

function header(record: Record<string, unknown>): string {
  let h = '';
  const severity = digits(record, 'PRIORITY');
  const facility = digits(record, 'SYSLOG_FACILITY');
  if (severity !== null && facility !== null && Number(severity) <= 7 && Number(facility) <= 23) {
    h += `<${Number(facility) * 8 + Number(severity)}>`;
  }
  const real = digits(record, '__REALTIME_TIMESTAMP');
  const mono = digits(record, '__MONOTONIC_TIMESTAMP');
  const time = (real !== null ? realtime(real) : null) ?? (mono !== null ? monotonic(mono) : null);
  if (time !== null) h += time + ' ';
  const host = valueText(record, '_HOSTNAME');
  if (host !== null) h += token(host) + ' ';
  const program = valueText(record, 'SYSLOG_IDENTIFIER') ?? valueText(record, '_COMM');
  if (program !== null) {
    const pid = digits(record, '_PID') ?? digits(record, 'SYSLOG_PID');
    h += token(program) + (pid !== null ? `[${pid}]` : '') + ': ';
  }
  return h;
}

const ESCAPED_NEWLINE = Buffer.from('#012');

function withoutNewlines(b: Buffer): Buffer {
  if (b.indexOf(10) < 0) return b;
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = b.indexOf(10); at >= 0; at = b.indexOf(10, from)) {
    parts.push(b.subarray(from, at), ESCAPED_NEWLINE);
    from = at + 1;
  }
  parts.push(b.subarray(from));
  return Buffer.concat(parts);
}

/** The log line of one journal record (without a newline). */
export function journalLineBytes(record: Record<string, unknown>): Buffer {
  const message = valueBytes(record.MESSAGE) ?? Buffer.alloc(0);
  return Buffer.concat([Buffer.from(header(record), 'utf8'), withoutNewlines(message)]);
}

/** The log line of one journal record as text (invalid UTF-8 in MESSAGE becomes U+FFFD). */
export function journalLine(record: Record<string, unknown>): string {
  return journalLineBytes(record).toString('utf8');
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The log lines of a chunk of whole `journalctl -o json` lines, one line out for every line in (so every
 * record still gives one result). A line that is not a JSON object is passed on as it is and read as a
 * plain log line.
 */
export function journalChunkLines(chunk: Uint8Array): Buffer {
  const input = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const out: Buffer[] = [];
  let from = 0;
  while (from < input.length) {
    let to = input.indexOf(10, from);
    if (to < 0) to = input.length;
    const line = input.subarray(from, to > from && input[to - 1] === 13 ? to - 1 : to);
    let record: unknown = null;
    try { record = JSON.parse(line.toString('utf8')); } catch { /* not JSON: passed on as a log line */ }
    out.push(isRecord(record) ? journalLineBytes(record) : line, NEWLINE);
    from = to + 1;
  }
  return Buffer.concat(out);
}

const NEWLINE = Buffer.from('\n');
