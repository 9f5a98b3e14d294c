import { ABSENT, FRAMING, MAX_FIELDS, SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME, STATUS, W_ENTRY, W_FIELDS, W_FRAMING, W_HOSTNAME, W_LINE, W_MESSAGE, W_PID, W_PRI, W_PROGRAM, W_STATUS, W_TIMESTAMP } from './layout.js';
/**
 * Reads one record's strings. The line is decoded once; when it is pure ASCII (the usual case) every span
 * is a slice of it, otherwise each span is decoded on its own. Invalid UTF-8 becomes U+FFFD, never an error.
 */
class SpanReader {
    src = Buffer.alloc(0);
    lineStart = 0;
    line = '';
    ascii = true;
    reset(src, rec) {
        this.src = src;
        this.lineStart = rec.base + rec.words[rec.at + W_LINE];
        const end = this.lineStart + rec.words[rec.at + W_LINE + 1];
        this.line = src.toString('utf8', this.lineStart, end);
        this.ascii = this.line.length === end - this.lineStart && !this.line.includes('\ufffd');
        return this.line;
    }
    span(rec, word) {
        const start = rec.words[rec.at + word];
        if (start === ABSENT)
            return null;
        const from = rec.base + start;
        const len = rec.words[rec.at + word + 1] & 0x0fffffff;
        if (this.ascii && from >= this.lineStart)
            return this.line.slice(from - this.lineStart, from - this.lineStart + len);
        return this.src.toString('utf8', from, from + len);
    }
}
const asBuffer = (b) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
export class EventDecoder {
    meta;
    reader = new SpanReader();
    lastSrc = null;
    lastBuf = Buffer.alloc(0);
    constructor(meta) {
        this.meta = meta;
    }
    header(rec) {
        const w = rec.words, at = rec.at;
        const pri = w[at + W_PRI] | 0;
        const pid = this.reader.span(rec, W_PID);
        return {
            framing: FRAMING[w[at + W_FRAMING]] ?? 'bare',
            priority: pri < 0 ? null : pri,
            timestamp: this.reader.span(rec, W_TIMESTAMP),
            hostname: this.reader.span(rec, W_HOSTNAME),
            program: this.reader.span(rec, W_PROGRAM),
            pid: pid !== null && /^\d{1,15}$/.test(pid) ? Number(pid) : null,
        };
    }
    entryOf(rec) {
        const idx = rec.words[rec.at + W_ENTRY] | 0;
        return idx < 0 ? null : this.meta.entries[idx] ?? null;
    }
    fields(rec, entry) {
        const out = {};
        for (const f of entry.fields) {
            if (f.slot >= MAX_FIELDS)
                continue;
            const word = W_FIELDS + f.slot * 2;
            const value = this.reader.span(rec, word);
            if (value === null)
                continue;
            const shape = rec.words[rec.at + word + 1] >>> 28;
            out[f.name] = (f.type === 'port' || f.type === 'uint') && f.ecsType === 'long' ? Number(value) : value;
            if (f.name.endsWith('.address')) {
                const base = f.name.slice(0, -'.address'.length);
                if (shape === SHAPE_IPV4 || shape === SHAPE_IPV6)
                    out[`${base}.ip`] = value;
                else if (shape === SHAPE_NAME)
                    out[`${base}.domain`] = value;
            }
        }
        return out;
    }
    decode(src, rec) {
        if (src !== this.lastSrc) {
            this.lastSrc = src;
            this.lastBuf = asBuffer(src);
        }
        const w = rec.words, at = rec.at;
        const status = STATUS[w[at + W_STATUS]] ?? 'no-match';
        const line = this.reader.reset(this.lastBuf, rec);
        const header = this.header(rec);
        const message = this.reader.span(rec, W_MESSAGE);
        const entry = status === 'matched' ? this.entryOf(rec) : null;
        const event = entry && {
            id: entry.id, title: entry.title, severity: entry.severity, level: entry.level, facility: entry.facility,
            event: entry.event, fields: this.fields(rec, entry), message: message ?? '', header,
        };
        return { status, line, event, header, message };
    }
}
/** Sets a dotted ECS name in a nested object ("source.ip" -> { source: { ip } }). */
export function setDotted(doc, name, value) {
    const parts = name.split('.');
    let o = doc;
    for (const p of parts.slice(0, -1)) {
        const next = o[p];
        o = (next && typeof next === 'object' ? next : (o[p] = {}));
    }
    o[parts[parts.length - 1]] = value;
}
/**
 * The ECS document of one line. Matched and unmatched lines alike keep the original line in
 * `event.original`; `ssh_log_matcher.status` is the marker telling them apart.
 */
export function toEcsDocument(r) {
    const doc = {};
    const h = r.header;
    if (h.timestamp !== null)
        setDotted(doc, 'log.syslog.timestamp', h.timestamp);
    if (h.hostname !== null)
        setDotted(doc, 'host.hostname', h.hostname);
    if (h.program !== null)
        setDotted(doc, 'process.name', h.program);
    if (h.pid !== null)
        setDotted(doc, 'process.pid', h.pid);
    if (h.priority !== null) {
        setDotted(doc, 'log.syslog.priority', h.priority);
        setDotted(doc, 'log.syslog.facility.code', h.priority >> 3);
        setDotted(doc, 'log.syslog.severity.code', h.priority & 7);
    }
    doc.message = r.message ?? r.line;
    const e = r.event;
    if (e) {
        setDotted(doc, 'event.kind', 'event');
        setDotted(doc, 'event.code', e.id);
        setDotted(doc, 'event.category', e.event.category);
        setDotted(doc, 'event.type', e.event.type);
        setDotted(doc, 'event.action', e.event.action);
        setDotted(doc, 'event.outcome', e.event.outcome);
        setDotted(doc, 'event.severity', e.severity);
        setDotted(doc, 'log.level', e.level);
        if (e.facility)
            setDotted(doc, 'log.syslog.facility.name', e.facility);
        for (const [k, v] of Object.entries(e.fields))
            setDotted(doc, k, v);
    }
    setDotted(doc, 'event.original', r.line);
    doc.ssh_log_matcher = e ? { status: r.status, entry: e.id, title: e.title } : { status: r.status };
    return doc;
}
