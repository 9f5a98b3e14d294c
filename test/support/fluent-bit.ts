// Checks on the JSON bodies the Fluent Bit module returns: what Fluent Bit's re-parse needs (valid JSON,
// an object) and what this project promises (no duplicate key, every original key and value kept).

/** JSON.parse keeps the last of duplicate keys silently; this walk finds them. Throws on a duplicate. */
export function assertUniqueKeys(text: string): void {
  const stack: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') stack.push(new Set());
    else if (c === '[') stack.push(null);
    else if (c === '}' || c === ']') stack.pop();
    else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const s = JSON.parse(text.slice(i, j + 1)) as string;
      let k = j + 1;
      while (/\s/.test(text[k] ?? '')) k++;
      const top = stack[stack.length - 1];
      if (text[k] === ':' && top) {
        if (top.has(s)) throw new Error(`duplicate key ${JSON.stringify(s)} at ${i}`);
        top.add(s);
      }
      i = j;
    }
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every key and value of `original` is in `output` (objects may have gained members, nothing else). */
export function keepsOriginal(output: unknown, original: unknown, path = '$'): string | null {
  if (isObject(original)) {
    if (!isObject(output)) return `${path}: was an object, now ${JSON.stringify(output)}`;
    for (const k of Object.keys(original)) {
      if (!Object.prototype.hasOwnProperty.call(output, k)) return `${path}.${k}: missing`;
      const d = keepsOriginal(output[k], original[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return JSON.stringify(output) === JSON.stringify(original) ? null : `${path}: ${JSON.stringify(original)} became ${JSON.stringify(output)}`;
}

/** The record as Fluent Bit sends it by default (json.escape_unicode on): non-ASCII as \uXXXX escapes. */
export function escapeUnicode(json: string): string {
  return json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The ECS part of a parsed body: everything but the given keys (the message key). */
export function without(doc: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  const out = { ...doc };
  for (const k of keys) delete out[k];
  return out;
}
