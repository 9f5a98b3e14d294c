// Numbers shared by the catalog compiler (host/compile) and the matcher: field slots and value shapes.

export const NO_SLOT: u8 = 255;
export const MAX_FIELDS: i32 = 8;

/** What a captured value turned out to be; hosts use it to fill `x.ip` or `x.domain`. */
export const SHAPE_TEXT: u32 = 0;
export const SHAPE_IPV4: u32 = 1;
export const SHAPE_IPV6: u32 = 2;
export const SHAPE_NAME: u32 = 3;
