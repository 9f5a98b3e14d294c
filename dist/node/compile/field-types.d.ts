export declare const FIELD_TYPES: {
    readonly host: 1;
    readonly ipv4: 2;
    readonly ipv6: 3;
    readonly ip: 4;
    readonly port: 5;
    readonly uint: 6;
    readonly user: 7;
    readonly word: 8;
    readonly quoted: 9;
    readonly text: 10;
    readonly rest: 11;
    readonly keyword: 12;
};
export type FieldType = keyof typeof FIELD_TYPES;
export declare function isFieldType(t: string): t is FieldType;
/** Types whose value is a number in the output, unless the ECS field is a keyword. */
export declare const NUMERIC_TYPES: ReadonlySet<FieldType>;
/** Types that may capture the empty string. */
export declare const MAY_BE_EMPTY: ReadonlySet<FieldType>;
/** Types that can produce an IP address or a host name, so `x.address` also fills `x.ip` / `x.domain`. */
export declare const ADDRESS_TYPES: ReadonlySet<FieldType>;
declare const HEX: number[];
/**
 * A superset of the bytes each type may contain. Exact for most types; for addresses the shape check
 * (octet ranges, IPv6 groups) is applied on top by the matcher. The ambiguity proof uses these sets, so it
 * is conservative: it may report a clash the shape checks would in fact rule out, never miss one.
 */
export declare const TYPE_BYTES: Readonly<Record<FieldType, readonly number[]>>;
/** Longest value each type may take, in bytes (0: bounded by the line only). */
export declare const TYPE_MAX_LEN: Readonly<Record<FieldType, number>>;
export { HEX };
