// Field types of the catalog: the one owner of each type's rules, for the loader, the code generator, the
// ambiguity check, the reference matcher, the document plan and the exporters. Every fact about a type
// (its scanner, its longest value, its bytes, its regex, whether its value is a number, an address, text
// the client typed) is here; the others ask, and never list types of their own (test/field-types.test.ts).

/** Every type, in the order the docs and the grok exporter list them. */
export const FIELD_TYPES = ['host', 'ip', 'ipv4', 'ipv6', 'port', 'uint', 'keyword', 'word', 'user', 'quoted', 'text', 'rest'] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

export function isFieldType(t: string): t is FieldType {
  return (FIELD_TYPES as readonly string[]).includes(t);
}

/** The longest value of the types that have one, in bytes (the scanners' caps; the regexes' bounds). */
export const MAX_LENGTH = { host: 255, ip: 64, ipv6: 64, port: 5, uint: 20, keyword: 64 } as const satisfies Partial<Record<FieldType, number>>;

/** Types whose value is a run of digits: written as a JSON number where the ECS field is a `long`. */
export const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['port', 'uint']);

/** Whether a field's value goes out as a number (documents, VRL's to_int, Fluent Bit's `integer`). */
export const writesNumber = (f: { type: FieldType; ecsType: string }): boolean => NUMBER_TYPES.has(f.type) && f.ecsType === 'long';

/** Types whose value is one token (no space): also the types a placeholder's literal alternatives (`[a|b]`) are captured as. */
export const TOKEN_TYPES: ReadonlySet<FieldType> = new Set(['word', 'keyword']);

/** Text types a catalog entry may mark `written_by: server` (typed values are the server's already). */
export const SERVER_TEXT_TYPES: ReadonlySet<FieldType> = new Set(['text', 'quoted', 'user']);

/** Types whose value the client may have typed (unless the entry marks it `written_by: server`). */
export const CLIENT_TYPED: ReadonlySet<FieldType> = new Set(['user', 'quoted', 'text', 'word', 'rest']);

/**
 * How the generated matcher code scans a field of each type (assembly/matcher/fields.ts): `run(p, end)` is
 * the furthest end a value starting at p may have, `shape(p, e)` the SHAPE_* of a candidate or -1. Both are
 * AssemblyScript expressions over the names given; `end` is the message end. `first(c)`, where the type
 * allows fewer bytes than any (TYPE_BYTES), tells whether byte c may start a value: the byte after a space
 * that ends an earlier field, which rules out an end without an attempt.
 */
export const TYPE_SCANNERS: Readonly<Record<FieldType, { run: (p: string, end: string) => string; shape: (p: string, e: string) => string; first?: (c: string) => string }>> = {
  host: { run: (p, end) => `runAddress(${p}, ${end}, ${MAX_LENGTH.host})`, shape: (p, e) => `shapeAddress(${p}, ${e}, true)`, first: (c) => `isAddressByte(${c})` },
  ipv4: { run: (p, end) => `runIPv4(${p}, ${end})`, shape: (p, e) => `shapeIPv4(${p}, ${e})`, first: (c) => `isIPv4Byte(${c})` },
  ipv6: { run: (p, end) => `runAddress(${p}, ${end}, ${MAX_LENGTH.ipv6})`, shape: (p, e) => `shapeIPv6(${p}, ${e})`, first: (c) => `isAddressByte(${c})` },
  ip: { run: (p, end) => `runAddress(${p}, ${end}, ${MAX_LENGTH.ip})`, shape: (p, e) => `shapeAddress(${p}, ${e}, false)`, first: (c) => `isAddressByte(${c})` },
  port: { run: (p, end) => `runPort(${p}, ${end}, ${MAX_LENGTH.port})`, shape: (p, e) => `shapePort(${p}, ${e})`, first: (c) => `isDigitByte(${c})` },
  uint: { run: (p, end) => `runDigits(${p}, ${end}, ${MAX_LENGTH.uint})`, shape: (p, e) => `shapeUint(${p}, ${e})`, first: (c) => `isDigitByte(${c})` },
  user: { run: (_p, end) => end, shape: () => '0' },
  word: { run: (p, end) => `runWord(${p}, ${end})`, shape: (p, e) => `shapeNonEmpty(${p}, ${e})` },
  keyword: { run: (p, end) => `runKeyword(${p}, ${end}, ${MAX_LENGTH.keyword})`, shape: (p, e) => `shapeNonEmpty(${p}, ${e})`, first: (c) => `isKeywordByte(${c})` },
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

/** Types whose value is always an IP address: what an ECS `ip` field may capture. */
export const IP_TYPES: ReadonlySet<FieldType> = new Set(['ip', 'ipv4', 'ipv6']);

/** Types of the field fail2ban's <HOST> stands for (an address or a name; detect-rules.ts). */
export const HOST_TAG_TYPES: ReadonlySet<FieldType> = new Set(['host', 'ip']);

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
export const JSON_SAFE: ReadonlySet<FieldType> = new Set(FIELD_TYPES.filter((t) =>
  TYPE_BYTES[t].every((b) => b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c)));
// The types as regular expressions, for the regex baselines and the regex exporters (host/export/regex.ts):
// the same shapes as assembly/matcher/fields.ts (IPv4 octets may have leading zeros, IPv6 with embedded
// IPv4 and %zone, host names with at least one non-numeric byte). One text for every dialect the
// exporters write (JavaScript, Onigmo, Rust `regex`): no look-around, no dialect-only syntax. Not
// expressed: the 63-byte label and 253-byte name limits and the caps on address runs.
const OCTET = '(?:25[0-5]|2[0-4][0-9]|[01][0-9][0-9]|[0-9][0-9]?)';
export const IPV4_REGEX = `${OCTET}(?:\\.${OCTET}){3}`;
const H = '[0-9A-Fa-f]{1,4}';
// Embedded-IPv4 forms first (they are the longer reading of "::ffff:1.2.3.4"), then the RFC 4291 forms
// with at most 7 groups beside a "::" and exactly 8 without one.
export const IPV6_REGEX = '(?:' + [
  `(?:${H}:){6}${IPV4_REGEX}`,
  `::(?:${H}:){0,5}${IPV4_REGEX}`,
  ...[1, 2, 3, 4, 5].map((a) => `(?:${H}:){${a}}:(?:${H}:){0,${5 - a}}${IPV4_REGEX}`),
  `(?:${H}:){7}${H}`,
  ...[1, 2, 3, 4, 5, 6].map((a) => `(?:${H}:){${a}}(?::${H}){1,${7 - a}}`),
  `(?:${H}:){1,7}:`,
  `:(?:(?::${H}){1,7}|:)`,
].join('|') + ')(?:%[A-Za-z0-9_.-]+)?';
export const HOSTNAME_REGEX = '(?:[0-9]+\\.)*[0-9]*[A-Za-z_-][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*';

/** The regex of each type (no group, no anchors). */
export const TYPE_REGEX: Readonly<Record<FieldType, string>> = {
  host: `(?:${IPV6_REGEX}|${IPV4_REGEX}|${HOSTNAME_REGEX})`,
  ip: `(?:${IPV6_REGEX}|${IPV4_REGEX})`,
  ipv4: IPV4_REGEX,
  ipv6: IPV6_REGEX,
  // every 5-digit value first (longest first, as the matcher), then 4 to 1 digits
  port: `(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[0-5][0-9]{4}|[0-9]{1,${MAX_LENGTH.port - 1}})`,
  uint: `[0-9]{1,${MAX_LENGTH.uint}}`,
  keyword: `[A-Za-z0-9._@+-]{1,${MAX_LENGTH.keyword}}`,
  word: '[^ \\n]+',
  user: '[^\\n]*', // a user name may be empty (`Invalid user  from ...`)
  quoted: '[^\\n]*',
  text: '[^\\n]*',
  rest: '[^\\n]*',
};
