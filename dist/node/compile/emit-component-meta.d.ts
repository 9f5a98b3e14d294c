import type { Catalog } from './load.js';
export declare const NONE = 4294967295;
/** Words per entry in ENTRY_META (see the layout comment in the emitted file). */
export declare const ENTRY_WORDS = 19;
/** Words per field in FIELD_META. */
export declare const FIELD_WORDS = 7;
export declare function emitComponentMeta(catalog: Catalog): string;
