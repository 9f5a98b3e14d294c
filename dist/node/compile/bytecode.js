// Turns entries into the matcher's bytecode and dispatch tables. The byte layout here is the contract with
// assembly/matcher/template.ts; both sides name the opcodes the same way.
import { FIELD_TYPES } from './field-types.js';
export const OP = { END: 0, LIT: 1, SPACE: 2, FIELD: 3, ALT: 4, OPT: 5 };
export const NO_SLOT = 255;
const utf8 = (s) => [...Buffer.from(s, 'utf8')];
const u16 = (n) => [n & 0xff, n >> 8];
export function entryBytecode(entry) {
    const slotOf = new Map(entry.fields.map((f) => [f.key, f]));
    const seq = (nodes) => nodes.flatMap((n) => {
        switch (n.kind) {
            case 'lit': {
                const b = utf8(n.text);
                if (b.length > 0xffff)
                    throw new Error(`${entry.id}: literal too long`);
                return [OP.LIT, ...u16(b.length), ...b];
            }
            case 'space': return [OP.SPACE];
            case 'field': {
                const f = slotOf.get(n.name);
                return [OP.FIELD, FIELD_TYPES[f.type], f.slot];
            }
            case 'alt': {
                const body = n.options.flatMap((o) => { const b = utf8(o); return [b.length, ...b]; });
                return [OP.ALT, slotOf.get(n.key)?.slot ?? NO_SLOT, n.options.length, ...u16(body.length), ...body];
            }
            case 'opt': {
                const body = seq(n.body);
                return [OP.OPT, ...u16(body.length), ...body];
            }
        }
    });
    return [...seq(entry.nodes), OP.END];
}
/** Bytes a message matching this entry can start with, or null when it can start with anything. */
export function firstBytes(nodes) {
    const n = nodes[0];
    if (n === undefined)
        return null;
    if (n.kind === 'lit')
        return new Set([utf8(n.text)[0]]);
    if (n.kind === 'space')
        return new Set([0x20]);
    if (n.kind === 'alt')
        return new Set(n.options.map((o) => utf8(o)[0]));
    if (n.kind === 'opt') {
        // An optional prefix ("[error: ]"): the message starts with the prefix or with what follows it.
        const inside = firstBytes(n.body), after = firstBytes(nodes.slice(1));
        return inside && after ? new Set([...inside, ...after]) : null;
    }
    return null;
}
export function buildTables(catalog) {
    if (catalog.families.length > 31)
        throw new Error('at most 31 catalog families');
    const famBit = new Map(catalog.families.map((f, i) => [f.name, 1 << i]));
    const programMasks = new Map();
    for (const f of catalog.families)
        for (const p of f.programs)
            programMasks.set(p, (programMasks.get(p) ?? 0) | famBit.get(f.name));
    const programBlob = [programMasks.size];
    for (const [name, mask] of [...programMasks].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const b = utf8(name);
        programBlob.push(b.length, ...b, mask & 0xff, (mask >> 8) & 0xff, (mask >> 16) & 0xff, (mask >>> 24) & 0xff);
    }
    const code = [];
    const entryPc = [];
    for (const e of catalog.entries) {
        entryPc.push(code.length);
        code.push(...entryBytecode(e));
    }
    const firsts = catalog.entries.map((e) => firstBytes(e.nodes));
    const bucketStart = [];
    const bucketItems = [];
    for (let b = 0; b < 256; b++) {
        bucketStart.push(bucketItems.length);
        catalog.entries.forEach((e, i) => { const f = firsts[i]; if (f === null || f.has(b))
            bucketItems.push(i); });
    }
    bucketStart.push(bucketItems.length);
    return { programBlob, code, entryPc, entryFamily: catalog.entries.map((e) => famBit.get(e.family)), bucketStart, bucketItems };
}
