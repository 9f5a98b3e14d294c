import { STATUS, W_ENTRY, W_STATUS } from '../binding/layout.js';
export function chunkToJson(matcher, chunk, onlyMatched) {
    const entries = new Uint32Array(matcher.entries.length);
    const statuses = new Uint32Array(STATUS.length);
    // The module reuses its output area on the next batch, so each batch's JSON is copied out.
    const parts = [];
    let total = 0;
    matcher.writeJsonLines(chunk, (json) => { parts.push(typeof json === 'string' ? Buffer.from(json) : json.slice()); total += parts[parts.length - 1].length; }, {
        onlyMatched,
        visit: (rec) => {
            const entry = rec.words[rec.at + W_ENTRY] | 0;
            statuses[rec.words[rec.at + W_STATUS]]++;
            if (entry >= 0)
                entries[entry]++;
        },
    });
    // A buffer of its own (never Node's shared pool), so a worker can transfer it without detaching the pool.
    const json = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
        json.set(p, at);
        at += p.length;
    }
    return { json, entries, statuses };
}
