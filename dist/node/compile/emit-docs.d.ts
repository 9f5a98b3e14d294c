import type { Catalog } from './load.js';
export declare function emitMessagesDoc(catalog: Catalog): string;
