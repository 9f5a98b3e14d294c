import type { CatalogEntry, CatalogExample, CatalogField } from '../compile/load.js';
export type FlatNode = {
    kind: 'lit';
    text: string;
}
/** A run of two or more spaces in the reference: the matcher reads any run of one or more. */
 | {
    kind: 'spaces';
}
/** `optional`: the field sits in an optional part (the variant without it exists too). */
 | {
    kind: 'field';
    field: CatalogField;
    optional?: boolean;
} | {
    kind: 'alt';
    options: string[];
    field: CatalogField | null;
};
/** Lengths of the template's space runs, in the order the parser makes `space` nodes. */
export declare function spaceRuns(template: string): number[];
/** Every variant of the entry, literals merged, with-optional-part first. */
export declare function entryVariants(entry: CatalogEntry): FlatNode[][];
/** The literal text right after position i (empty when a field, an alternative or the end follows). */
export declare function literalAfter(ns: FlatNode[], i: number): string;
/** What an engine reproduces exactly beyond first-occurrence field ends (see firstOccurrenceLimit). */
export interface Exactness {
    tails: boolean;
    addresses: boolean;
    empty: boolean;
}
/**
 * Why an engine whose fields end at the FIRST occurrence of the following text (liblognorm's string-to,
 * patterndb's @ESTRING@) cannot yield the matcher's values for these fields, or null when it can: some
 * value contains the text that follows it in the template (the matcher takes the rightmost place).
 * `exact` names what the export expresses exactly anyway (a final quoted text, address fields).
 */
export declare function firstOccurrenceLimit(entry: CatalogEntry, values: Record<string, string | number>, exact?: Exactness): string | null;
/**
 * Why an engine that matches literal spaces (one where the reference wrote one) cannot read this example
 * line, or null: its message has more runs of two or more spaces than the template (the matcher reads
 * any run of spaces where the template has one).
 */
export declare function spacingLimit(entry: CatalogEntry, line: string): string | null;
/** Why a first-occurrence, literal-space engine cannot reproduce this example (see the two limits above). */
export declare function exampleLimit(entry: CatalogEntry, example: CatalogExample, exact?: Exactness): string | null;
