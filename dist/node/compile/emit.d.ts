import type { Catalog } from './load.js';
import { type Leaf } from './document-plan.js';
export declare const CATALOG_FORMAT_VERSION = 1;
export declare function emitAssemblyTables(catalog: Catalog): string;
export interface CatalogMeta {
    format: number;
    families: {
        name: string;
        programs: string[];
    }[];
    entries: {
        id: string;
        family: string;
        title: string;
        description: string;
        template: string;
        level: string;
        severity: number;
        levelAssessed: boolean;
        facility: string | null;
        event: {
            category: string[];
            type: string[];
            action: string;
            outcome: string;
        };
        /** system.auth.ssh.event as the integration names it (Accepted, Failed, Invalid), or null. */
        sshEvent: string | null;
        fields: {
            slot: number;
            key: string;
            name: string;
            type: string;
            ecsType: string;
        }[];
        /** The entry's fields as documents hold them, derived x.ip / x.domain included, in document order. */
        documentFields: Leaf[];
    }[];
}
export declare function emitMeta(catalog: Catalog): CatalogMeta;
