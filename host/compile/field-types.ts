// Field types of the catalog, shared by the compiler, the bytecode emitter, the regex generator and the
// ambiguity check. The numeric codes are the matcher's ABI (assembly/matcher/opcodes.ts mirrors them).

export const FIELD_TYPES = {
  host: 1, ipv4: 2, ipv6: 3, ip: 4, port: 5, uint: 6, user: 7, word: 8, quoted: 9, text: 10, rest: 11, keyword: 12,
} as const;

export type FieldType = keyof typeof FIELD_TYPES;

export function isFieldType(t: string): t is FieldType {
  return Object.prototype.hasOwnProperty.call(FIELD_TYPES, t);
}

/** Types whose value is a number in the output, unless the ECS field is a keyword. */
export const NUMERIC_TYPES: ReadonlySet<FieldType> = new Set(['port', 'uint']);

/** Types that may capture the empty string. */
export const MAY_BE_EMPTY: ReadonlySet<FieldType> = new Set(['quoted', 'text', 'rest']);

/** Types that can produce an IP address or a host name, so `x.address` also fills `x.ip` / `x.domain`. */
export const ADDRESS_TYPES: ReadonlySet<FieldType> = new Set(['host', 'ipv4', 'ipv6', 'ip']);

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const chars = (s: string) => [...s].map((c) => c.charCodeAt(0));
const DIGITS = range(0x30, 0x39);
const HEX = [...DIGITS, ...range(0x41, 0x46), ...range(0x61, 0x66)];
const ALNUM = [...DIGITS, ...range(0x41, 0x5a), ...range(0x61, 0x7a)];
const ANY = range(0, 255); // a newline too: the single-line API matches it as a byte

/**
 * A superset of the bytes each type may contain. Exact for most types; for addresses the shape check
 * (octet ranges, IPv6 groups) is applied on top by the matcher. The ambiguity proof uses these sets, so it
 * is conservative: it may report a clash the shape checks would in fact rule out, never miss one.
 */
export const TYPE_BYTES: Readonly<Record<FieldType, readonly number[]>> = {
  host: [...ALNUM, ...chars('.-_:%')],
  ipv4: [...DIGITS, 0x2e],
  ipv6: [...ALNUM, ...chars('.:%_-')],
  ip: [...ALNUM, ...chars('.:%_-')],
  port: DIGITS,
  uint: DIGITS,
  user: ANY,
  word: ANY.filter((b) => b !== 0x20),
  keyword: [...ALNUM, ...chars('._@+-')],
  quoted: ANY,
  text: ANY,
  rest: ANY,
};

/** Longest value each type may take, in bytes (0: bounded by the line only). */
export const TYPE_MAX_LEN: Readonly<Record<FieldType, number>> = {
  host: 255, ipv4: 15, ipv6: 64, ip: 64, port: 5, uint: 20, user: 0, word: 0, quoted: 0, text: 0, rest: 0, keyword: 64,
};

export { HEX };
