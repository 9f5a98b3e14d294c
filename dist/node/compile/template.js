// Parses a template in the reference's own notation into a small syntax tree:
//   <name>          placeholder          [a|b]   literal alternatives
//   [ ... ]         optional part        runs of spaces: one or more spaces
// Escapes: \[ \] \< \> \\ . Errors carry the column so the loader can point at file:line:col.
export class TemplateError extends Error {
    column;
    constructor(message, column) {
        super(message);
        this.column = column;
    }
}
const PLACEHOLDER = /^[A-Za-z][A-Za-z0-9_-]*$/;
export function parseTemplate(src) {
    let i = 0;
    function parseSeq(closing) {
        const out = [];
        let lit = '';
        const flush = () => {
            if (lit)
                out.push({ kind: 'lit', text: lit });
            lit = '';
        };
        while (i < src.length) {
            const c = src[i];
            if (c === '\\') {
                if (i + 1 >= src.length)
                    throw new TemplateError('dangling backslash at the end of the template', i + 1);
                lit += src[i + 1];
                i += 2;
            }
            else if (c === ' ') {
                flush();
                while (src[i] === ' ')
                    i++;
                out.push({ kind: 'space' });
            }
            else if (c === '<') {
                const end = src.indexOf('>', i);
                if (end < 0)
                    throw new TemplateError("'<' opens a placeholder that is never closed (write \\< for a literal)", i + 1);
                const name = src.slice(i + 1, end);
                if (!PLACEHOLDER.test(name))
                    throw new TemplateError(`bad placeholder name <${name}>`, i + 1);
                flush();
                out.push({ kind: 'field', name });
                i = end + 1;
            }
            else if (c === '[') {
                flush();
                const start = i;
                i++;
                const inner = scanBracket(start);
                if (inner.includes('|') && !/[<[\\]/.test(inner)) {
                    const options = inner.split('|');
                    if (options.some((o) => o === ''))
                        throw new TemplateError(`empty alternative in [${inner}]`, start + 1);
                    out.push({ kind: 'alt', key: `[${inner}]`, options });
                    i = start + inner.length + 2;
                }
                else {
                    const body = parseSeq(']');
                    if (body.length === 0)
                        throw new TemplateError('empty optional part []', start + 1);
                    out.push({ kind: 'opt', body });
                }
            }
            else if (c === ']') {
                if (closing !== ']')
                    throw new TemplateError("']' without a matching '[' (write \\] for a literal)", i + 1);
                flush();
                i++;
                return out;
            }
            else if (c === '>') {
                throw new TemplateError("'>' outside a placeholder (write \\> for a literal)", i + 1);
            }
            else {
                lit += c;
                i++;
            }
        }
        if (closing)
            throw new TemplateError(`'[' is never closed`, src.length);
        flush();
        return out;
    }
    function scanBracket(start) {
        let depth = 0;
        for (let j = start; j < src.length; j++) {
            if (src[j] === '\\')
                j++;
            else if (src[j] === '[')
                depth++;
            else if (src[j] === ']' && --depth === 0)
                return src.slice(start + 1, j);
        }
        throw new TemplateError(`'[' is never closed`, start + 1);
    }
    const nodes = parseSeq(null);
    if (nodes.length === 0)
        throw new TemplateError('empty template', 1);
    return nodes;
}
/** Every placeholder and captured alternative, in template order. */
export function templateFieldKeys(nodes) {
    const out = [];
    const walk = (ns, optional) => {
        for (const n of ns) {
            if (n.kind === 'field')
                out.push({ key: n.name, optional });
            else if (n.kind === 'alt')
                out.push({ key: n.key, optional });
            else if (n.kind === 'opt')
                walk(n.body, true);
        }
    };
    walk(nodes, false);
    return out;
}
