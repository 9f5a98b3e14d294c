// JSON.parse for the records whose integers a double cannot hold: a line with 16 or more digits in a row
// is read by this parser, which keeps an integer beyond 2^53 as a BigInt (JSON.parse would round
// 18446744073709551615 to 18446744073709552000), so the record goes out with the digits it came with
// (written by recordJson). Every other line takes JSON.parse, which is faster.
const LONG_DIGITS = /\d{16}/;

export function parseRecordLine(line: string): unknown {
  return LONG_DIGITS.test(line) ? parseExact(line) : JSON.parse(line);
}

export function parseExact(text: string): unknown {
  let i = 0;
  const fail = (what: string): never => { throw new SyntaxError(`${what} in JSON at position ${i}`); };
  const ws = () => { while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++; };
  const str = (): string => {
    const start = i;
    i++; // the opening quote
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) { i++; return JSON.parse(text.slice(start, i)) as string; } // JSON.parse checks escapes
      if (c === 0x5c) i++;
      else if (c < 0x20) fail('Bad control character in string literal');
    }
    return fail('Unterminated string');
  };
  const num = (): number | bigint => {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail(`Unexpected token ${text[i] ?? 'end'}`);
    i += m[0].length;
    const n = Number(m[0]);
    return !m[1] && !m[2] && !Number.isSafeInteger(n) ? BigInt(m[0]) : n;
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') { i++; return o; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('Expected property name');
        const k = str();
        ws();
        if (text[i++] !== ':') fail("Expected ':'");
        // defineProperty: a "__proto__" key is an own key, as JSON.parse makes it.
        Object.defineProperty(o, k, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return o; }
        fail("Expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const a: unknown[] = [];
      ws();
      if (text[i] === ']') { i++; return a; }
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return a; }
        fail("Expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) { i += 4; return true; }
    if (text.startsWith('false', i)) { i += 5; return false; }
    if (text.startsWith('null', i)) { i += 4; return null; }
    return num();
  };
  const v = value();
  ws();
  if (i < text.length) fail(`Unexpected non-whitespace character after JSON`);
  return v;
}
