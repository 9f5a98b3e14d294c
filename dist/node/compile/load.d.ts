import { type EcsType } from './ecs.js';
import { type FieldType } from './field-types.js';
import { MAX_FIELDS } from './abi.js';
import { type TemplateNode } from './template.js';
export { MAX_FIELDS };
export interface Where {
    file: string;
    line: number;
}
export declare const at: (w: Where) => string;
export interface CatalogField {
    key: string;
    slot: number;
    name: string;
    type: FieldType;
    ecsType: EcsType;
}
export interface CatalogExample {
    line: string;
    fields: Record<string, string | number>;
    where: Where;
}
export interface CatalogEntry {
    index: number;
    id: string;
    family: string;
    title: string;
    description: string;
    template: string;
    nodes: TemplateNode[];
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
    /** system.auth.ssh.event as the integration names the message (Accepted, Failed), or null. */
    sshEvent: string | null;
    fields: CatalogField[];
    examples: CatalogExample[];
    where: Where;
}
export interface Family {
    name: string;
    programs: string[];
    where: Where;
}
export interface Catalog {
    families: Family[];
    entries: CatalogEntry[];
}
export declare class CatalogError extends Error {
    readonly problems: string[];
    constructor(problems: string[]);
}
export declare function findCatalogFiles(dir: string): string[];
export declare function loadCatalog(files: string[], root?: string): Catalog;
