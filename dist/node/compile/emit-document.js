import { documentFieldPaths, documentPlan } from './document-plan.js';
export const SOURCE_KINDS = {
    const: 0, line: 1, messageOrLine: 2, timestamp: 3, hostname: 4, program: 5, pid: 6, pri: 7, priFacility: 8,
    priSeverity: 9, fieldString: 10, fieldNumber: 11, derivedIp: 12, derivedDomain: 13, status: 14,
};
const utf8 = (s) => [...Buffer.from(s, 'utf8')];
const u64 = (x) => Array.from({ length: 8 }, (_, i) => Number((x >> BigInt(8 * i)) & 0xffn));
function source(s) {
    switch (s.kind) {
        case 'const': return [SOURCE_KINDS.const, 0, utf8(s.json)];
        case 'field': return [s.numeric ? SOURCE_KINDS.fieldNumber : SOURCE_KINDS.fieldString, s.slot, []];
        case 'derived': return [s.shape === 'ip' ? SOURCE_KINDS.derivedIp : SOURCE_KINDS.derivedDomain, s.slot, []];
        case 'value': throw new Error('decoded values have no place in WASM plans');
        default: return [SOURCE_KINDS[s.kind], 0, []];
    }
}
export function planBytecode(leaves) {
    if (leaves.length > 64)
        throw new Error('a document plan may have at most 64 leaves');
    const root = { key: '', children: [], leaf: null, mask: 0n };
    leaves.forEach((l, bit) => {
        let n = root;
        for (const seg of l.path.split('.')) {
            let c = n.children.find((x) => x.key === seg && x.leaf === null);
            if (!c) {
                c = { key: seg, children: [], leaf: null, mask: 0n };
                n.children.push(c);
            }
            c.mask |= 1n << BigInt(bit);
            n = c;
        }
        n.leaf = bit;
    });
    const out = [];
    const key = (k) => { const b = utf8(JSON.stringify(k) + ':'); return [b.length, ...b]; };
    const walk = (n) => {
        for (const c of n.children) {
            if (c.leaf !== null) {
                const [kind, arg, json] = source(leaves[c.leaf].source);
                out.push(3, ...key(c.key), c.leaf, kind, arg, json.length & 0xff, json.length >> 8, ...json);
            }
            else {
                out.push(1, ...key(c.key), ...u64(c.mask));
                walk(c);
                out.push(2, ...u64(c.mask));
            }
        }
    };
    walk(root);
    out.push(0);
    return out;
}
/** All plans back to back; `offsets[i]` is entry i's plan, `offsets[entries]` the unmatched lines' plan. */
export function documentTables(catalog) {
    const code = [];
    const offsets = [];
    let maxConst = 0;
    for (const e of [...catalog.entries, null]) {
        offsets.push(code.length);
        const plan = documentPlan(e, e ? documentFieldPaths(e) : []);
        const bytes = planBytecode(plan);
        maxConst = Math.max(maxConst, bytes.length);
        code.push(...bytes);
    }
    return { code, offsets, maxConst };
}
