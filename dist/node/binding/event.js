import { ABSENT, FRAMING, SHAPE_IPV4, SHAPE_IPV6, SHAPE_NAME, STATUS, W_ENTRY, W_FIELDS, W_FRAMING, W_HOSTNAME, W_LINE, W_MESSAGE, W_PID, W_PRI, W_PROGRAM, W_STATUS, W_TIMESTAMP } from './layout.js';
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
/** Digits as a JSON-safe number; beyond 15 digits a double would round, so the digits stay a string. */
export const asNumber = (digits) => (digits.length <= 15 ? Number(digits) : digits);
const asBuffer = (b) => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
export class EventDecoder {
    meta;
    writer;
    reader = new SpanReader();
    lastSrc = null;
    lastBuf = Buffer.alloc(0);
    /** `writer`: the module that matched the records, which writes their documents when asked. */
    constructor(meta, writer) {
        this.meta = meta;
        this.writer = writer;
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
        for (const { path, source } of entry.documentFields) {
            if (source.kind !== 'field' && source.kind !== 'derived')
                continue;
            const word = W_FIELDS + source.slot * 2;
            const value = this.reader.span(rec, word);
            if (value === null)
                continue;
            if (source.kind === 'field')
                out[path] = source.numeric ? asNumber(value) : value;
            else {
                const shape = rec.words[rec.at + word + 1] >>> 28;
                if (source.shape === 'ip' ? shape === SHAPE_IPV4 || shape === SHAPE_IPV6 : shape === SHAPE_NAME)
                    out[path] = value;
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
        // The line as matched: its span, and the one trailing CR the matcher dropped, if any.
        const start = rec.base + w[at + W_LINE];
        let end = start + w[at + W_LINE + 1];
        if (this.lastBuf[end] === 13)
            end++;
        return new MatchedLine(status, line, event, header, message, this.writer, this.lastBuf, start, end);
    }
}
/**
 * A line's result as the bindings make it. It keeps where its line's bytes are, not a document: the
 * document is written by the module only when asked (ecsJson, toEcsDocument), so decoding stays cheap.
 */
export class MatchedLine {
    status;
    line;
    event;
    header;
    message;
    #writer;
    #src;
    #start;
    #end;
    constructor(status, line, event, header, message, writer, src = null, start = 0, end = 0) {
        this.status = status;
        this.line = line;
        this.event = event;
        this.header = header;
        this.message = message;
        this.#writer = writer;
        this.#src = src;
        this.#start = start;
        this.#end = end;
    }
    documentJson() { return this.#writer.documentJson(this.#src && this.#src.subarray(this.#start, this.#end), this); }
}
/** The ECS document of a result as JSON text: the bytes the module writes (CLI, Fluent Bit, component). */
export function ecsJson(r) {
    if (!(r instanceof MatchedLine))
        throw new TypeError('toEcsDocument: not a result of a matcher of this package (createMatcher, createComponentMatcher)');
    return r.documentJson();
}
/** The ECS document of a result, parsed from the module's JSON (ecsJson). */
export function toEcsDocument(r) {
    return JSON.parse(ecsJson(r));
}
