// Proves that no message can match two entries (of families that share a program name): each template is
// a regular language over bytes, so two entries clash exactly when the product of their automata reaches
// both accepting states. The field byte sets are supersets (field-types.ts), so the proof is conservative.
import { TYPE_BYTES, MAY_BE_EMPTY } from './field-types.js';
const setOf = (bytes) => { const s = new Uint32Array(8); for (const b of bytes)
    s[b >> 5] |= 1 << (b & 31); return s; };
const and = (a, b) => a.map((w, i) => w & b[i]);
const empty = (s) => s.every((w) => w === 0);
function pick(s) {
    const has = (b) => (s[b >> 5] >>> (b & 31)) & 1;
    for (const b of [0x61, 0x30, 0x20])
        if (has(b))
            return b;
    for (let b = 0x21; b < 0x7f; b++)
        if (has(b))
            return b;
    for (let b = 0; b < 256; b++)
        if (has(b))
            return b;
    return 0x3f;
}
function buildNfa(entry) {
    const typeOf = new Map(entry.fields.map((f) => [f.key, f.type]));
    const edges = [];
    const eps = [];
    const state = () => { edges.push([]); eps.push([]); return edges.length - 1; };
    const edge = (from, to, set) => edges[from].push({ from, to, set });
    const chain = (from, bytes) => bytes.reduce((s, b) => { const n = state(); edge(s, n, setOf([b])); return n; }, from);
    const seq = (nodes, from) => nodes.reduce((s, n) => {
        switch (n.kind) {
            case 'lit': return chain(s, [...Buffer.from(n.text)]);
            case 'space': {
                const t = state();
                const sp = setOf([0x20]);
                edge(s, t, sp);
                edge(t, t, sp);
                return t;
            }
            case 'field': {
                const type = typeOf.get(n.name);
                const set = setOf(TYPE_BYTES[type]);
                const t = state();
                edge(s, t, set);
                edge(t, t, set);
                if (MAY_BE_EMPTY.has(type))
                    eps[s].push(t);
                return t;
            }
            case 'alt': {
                const t = state();
                for (const o of n.options)
                    eps[chain(s, [...Buffer.from(o)])].push(t);
                return t;
            }
            case 'opt': {
                const t = seq(n.body, s);
                eps[s].push(t);
                return t;
            }
        }
    }, from);
    const start = state();
    const accept = seq(entry.nodes, start);
    return { edges, eps, start, accept };
}
function closure(nfa, s) {
    const seen = new Set([s]);
    const stack = [s];
    while (stack.length)
        for (const t of nfa.eps[stack.pop()])
            if (!seen.has(t)) {
                seen.add(t);
                stack.push(t);
            }
    return [...seen];
}
/** A message both entries match, or null when their languages are disjoint. */
export function sharedMessage(a, b) {
    const na = buildNfa(a), nb = buildNfa(b);
    const key = (x, y) => x * 1_000_003 + y;
    const prev = new Map();
    const queue = [];
    for (const x of closure(na, na.start))
        for (const y of closure(nb, nb.start)) {
            if (!prev.has(key(x, y))) {
                prev.set(key(x, y), null);
                queue.push([x, y]);
            }
        }
    while (queue.length) {
        const [x, y] = queue.shift();
        if (x === na.accept && y === nb.accept) {
            const bytes = [];
            for (let k = key(x, y); prev.get(k); k = prev.get(k).from)
                bytes.unshift(prev.get(k).byte);
            return Buffer.from(bytes).toString('latin1');
        }
        for (const ea of na.edges[x])
            for (const eb of nb.edges[y]) {
                const s = and(ea.set, eb.set);
                if (empty(s))
                    continue;
                for (const x2 of closure(na, ea.to))
                    for (const y2 of closure(nb, eb.to)) {
                        const k = key(x2, y2);
                        if (!prev.has(k)) {
                            prev.set(k, { from: key(x, y), byte: pick(s) });
                            queue.push([x2, y2]);
                        }
                    }
            }
    }
    return null;
}
