declare const TYPE_NAMES: readonly ["host", "ipv4", "ipv6", "ip", "port", "uint", "user", "word", "quoted", "text", "rest", "keyword"];
export type FieldType = (typeof TYPE_NAMES)[number];
export declare function isFieldType(t: string): t is FieldType;
/**
 * How the generated matcher code scans a field of each type (assembly/matcher/fields.ts): `run(p, end)` is
 * the furthest end a value starting at p may have, `shape(p, e)` the SHAPE_* of a candidate or -1. Both are
 * AssemblyScript expressions over the names given; `end` is the message end.
 */
export declare const TYPE_SCANNERS: Readonly<Record<FieldType, {
    run: (p: string, end: string) => string;
    shape: (p: string, e: string) => string;
}>>;
/** Types that may capture the empty string. */
export declare const MAY_BE_EMPTY: ReadonlySet<FieldType>;
/** Types that can produce an IP address or a host name, so `x.address` also fills `x.ip` / `x.domain`. */
export declare const ADDRESS_TYPES: ReadonlySet<FieldType>;
/**
 * A superset of the bytes each type may contain. Exact for most types; for addresses the shape check
 * (octet ranges, IPv6 groups) is applied on top by the matcher. The ambiguity proof uses these sets, so it
 * is conservative: it may report a clash the shape checks would in fact rule out, never miss one.
 */
export declare const TYPE_BYTES: Readonly<Record<FieldType, readonly number[]>>;
export {};
