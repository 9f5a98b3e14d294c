// Public Node API: `const m = await createMatcher(); m.match(line)`.
import { loadCatalogMeta } from './catalog-meta.js';
import { CoreMatcher, coreModule } from './core.js';
import { EventDecoder, ecsJson, toEcsDocument } from './event.js';
import { STATUS, W_LINE, W_STATUS } from './layout.js';
import { OptionError } from './options.js';
export { ecsJson, toEcsDocument, OptionError };
export { createComponentMatcher, ComponentMatcher } from './component.js';
const encoder = new TextEncoder();
const asBytes = (line) => (typeof line === 'string' ? encoder.encode(line) : line);
export class Matcher {
    core;
    catalog;
    decoder;
    constructor(core = new CoreMatcher(), catalog = loadCatalogMeta(), options = {}) {
        this.core = core;
        this.catalog = catalog;
        core.setDocumentOptions(options);
        // A result's document is written when asked, by this matcher's module, from the line's bytes.
        this.decoder = new EventDecoder(catalog, { documentJson: (raw) => core.lineDocumentJson(raw) });
    }
    /** Changes what the module's documents hold from the next call on. */
    setDocumentOptions(options) { this.core.setDocumentOptions(options); }
    get entries() { return this.catalog.entries; }
    /** The event of one line (a newline inside is matched as a byte), or null when no entry matches. */
    match(line) {
        const bytes = asBytes(line);
        return this.decoder.decode(bytes, this.core.matchLine(bytes)).event;
    }
    /** Full result of one line, matched or not: status, header, message. */
    matchDetailed(line) {
        const bytes = asBytes(line);
        return this.decoder.decode(bytes, this.core.matchLine(bytes));
    }
    /** Entry id of one line, or null: no field is decoded. */
    classify(line) {
        const bytes = asBytes(line);
        const rec = this.core.matchLine(bytes);
        return this.decoder.entryOf(rec)?.id ?? null;
    }
    /** Every newline-separated line of a chunk, in order, one result each (no line is ever left out). */
    matchLines(chunk) {
        const bytes = asBytes(chunk);
        const out = [];
        this.core.scanLines(bytes, (rec) => out.push(this.decoder.decode(bytes, rec)));
        return out;
    }
    /** Fastest path: raw records, decoded only if the caller asks (see `decode`). */
    scanLines(chunk, visit) {
        return this.core.scanLines(chunk, visit);
    }
    /**
     * Every line of a chunk as ECS JSON lines, written by the module itself (the fast path of the CLI and
     * sidecar). `sink` gets the JSON in pieces, in line order; `visit` sees each line's record.
     */
    writeJsonLines(chunk, sink, opts = {}) {
        const tooLong = (rec) => {
            const start = rec.base + rec.words[rec.at + W_LINE];
            return this.core.lineDocumentJson(chunk.subarray(start, start + rec.words[rec.at + W_LINE + 1]));
        };
        return this.core.scanJson(chunk, opts.onlyMatched ?? false, opts.visit ?? (() => { }), sink, tooLong);
    }
    /** Status of a record, without decoding anything. */
    statusOf(rec) { return STATUS[rec.words[rec.at + W_STATUS]] ?? 'no-match'; }
    /** Entry id of a record, or null, without decoding anything. */
    entryIdOf(rec) { return this.decoder.entryOf(rec)?.id ?? null; }
    decode(chunk, rec) {
        return this.decoder.decode(chunk, rec);
    }
}
/**
 * Instantiates the matcher (synchronous underneath; async so other bindings can share the shape).
 * `options`: what the ECS documents hold (event.original, the time zone and reference time of timestamps).
 */
export async function createMatcher(options = {}) {
    return new Matcher(new CoreMatcher(coreModule()), loadCatalogMeta(), options);
}
