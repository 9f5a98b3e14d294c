// Field types of the catalog: the one owner of each type's rules, for the loader, the code generator, the
// ambiguity check and the reference matcher.

const TYPE_NAMES = ['host', 'ipv4', 'ipv6', 'ip', 'port', 'uint', 'user', 'word', 'quoted', 'text', 'rest', 'keyword'] as const;

export type FieldType = (typeof TYPE_NAMES)[number];

export function isFieldType(t: string): t is FieldType {
  return (TYPE_NAMES as readonly string[]).includes(t);
}

/**
 * How the generated matcher code scans a field of each type (assembly/matcher/fields.ts): `run(p, end)` is
 * the furthest end a value starting at p may have, `shape(p, e)` the SHAPE_* of a candidate or -1. Both are
 * AssemblyScript expressions over the names given; `end` is the message end.
 */
export const TYPE_SCANNERS: Readonly<Record<FieldType, { run: (p: string, end: string) => string; shape: (p: string, e: string) => string }>> = {
  host: { run: (p, end) => `runAddress(${p}, ${end}, 255)`, shape: (p, e) => `shapeAddress(${p}, ${e}, true)` },
  ipv4: { run: (p, end) => `runIPv4(${p}, ${end})`, shape: (p, e) => `shapeIPv4(${p}, ${e})` },
  ipv6: { run: (p, end) => `runAddress(${p}, ${end}, 64)`, shape: (p, e) => `shapeIPv6(${p}, ${e})` },
  ip: { run: (p, end) => `runAddress(${p}, ${end}, 64)`, shape: (p, e) => `shapeAddress(${p}, ${e}, false)` },
  port: { run: (p, end) => `runDigits(${p}, ${end}, 5)`, shape: (p, e) => `shapePort(${p}, ${e})` },
  uint: { run: (p, end) => `runDigits(${p}, ${end}, 20)`, shape: (p, e) => `shapeUint(${p}, ${e})` },
  user: { run: (_p, end) => end, shape: () => '0' },
  word: { run: (p, end) => `runWord(${p}, ${end})`, shape: (p, e) => `shapeNonEmpty(${p}, ${e})` },
  keyword: { run: (p, end) => `runKeyword(${p}, ${end})`, shape: (p, e) => `shapeNonEmpty(${p}, ${e})` },
  quoted: { run: (_p, end) => end, shape: () => '0' },
  text: { run: (_p, end) => end, shape: () => '0' },
  rest: { run: (_p, end) => end, shape: () => '0' },
};

/** Types that may capture the empty string (sshd logs an empty user name as such: `Invalid user  from`). */
export const MAY_BE_EMPTY: ReadonlySet<FieldType> = new Set(['user', 'quoted', 'text', 'rest']);

/**
 * Types whose values may hold spaces, so that a template space right before such a field takes exactly one
 * space and the field keeps the rest of a run (`Invalid user  0101 from` has the user ` 0101`); before
 * anything else a template space takes the whole run.
 */
export const HOLDS_SPACES: ReadonlySet<FieldType> = new Set(['user', 'quoted', 'text', 'rest']);

/**
 * Types whose shape check of a candidate [p, e) does not depend on p once e is past p (any non-empty value
 * has the shape): for them, whether an end e completes the match depends on e alone, so the matcher may
 * remember failing ends across calls (assembly/matcher/runtime.ts memoTop). Addresses and numbers are
 * bounded by their maximum length instead.
 */
export const START_FREE_SHAPE: ReadonlySet<FieldType> = new Set(['user', 'word', 'keyword', 'quoted', 'text']);

/** Types that can produce an IP address or a host name, so `x.address` also fills `x.ip` / `x.domain`. */
export const ADDRESS_TYPES: ReadonlySet<FieldType> = new Set(['host', 'ipv4', 'ipv6', 'ip']);

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const chars = (s: string) => [...s].map((c) => c.charCodeAt(0));
const DIGITS = range(0x30, 0x39);
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


/**
 * Types whose every byte may stand in a JSON string as it is (printable ASCII, no quote or backslash), as
 * TYPE_BYTES says: the writer copies their values between quotes without looking for bytes to escape.
 */
export const JSON_SAFE: ReadonlySet<FieldType> = new Set(TYPE_NAMES.filter((t) =>
  TYPE_BYTES[t].every((b) => b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c)));
