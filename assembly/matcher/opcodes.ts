// Numeric contract between the catalog compiler (host/compile/bytecode.ts, field-types.ts) and the matcher.

export const OP_END: u8 = 0;
export const OP_LIT: u8 = 1; // u16 length, bytes
export const OP_SPACE: u8 = 2; // one or more spaces, all of them
export const OP_FIELD: u8 = 3; // u8 type, u8 slot
export const OP_ALT: u8 = 4; // u8 slot, u8 count, u16 block length, then per option: u8 length, bytes
export const OP_OPT: u8 = 5; // u16 body length, body; the bytecode after the body is the continuation

export const T_HOST: u8 = 1;
export const T_IPV4: u8 = 2;
export const T_IPV6: u8 = 3;
export const T_IP: u8 = 4;
export const T_PORT: u8 = 5;
export const T_UINT: u8 = 6;
export const T_USER: u8 = 7;
export const T_WORD: u8 = 8;
export const T_QUOTED: u8 = 9;
export const T_TEXT: u8 = 10;
export const T_REST: u8 = 11;
export const T_KEYWORD: u8 = 12; // a protocol name: letters, digits and . _ @ + -

export const NO_SLOT: u8 = 255;
export const MAX_FIELDS: i32 = 8;

/** What a captured value turned out to be; hosts use it to fill `x.ip` or `x.domain`. */
export const SHAPE_TEXT: u32 = 0;
export const SHAPE_IPV4: u32 = 1;
export const SHAPE_IPV6: u32 = 2;
export const SHAPE_NAME: u32 = 3;
