export type TemplateNode = {
    kind: 'lit';
    text: string;
} | {
    kind: 'space';
} | {
    kind: 'field';
    name: string;
} | {
    kind: 'alt';
    key: string;
    options: string[];
} | {
    kind: 'opt';
    body: TemplateNode[];
};
export declare class TemplateError extends Error {
    readonly column: number;
    constructor(message: string, column: number);
}
export declare function parseTemplate(src: string): TemplateNode[];
/** Every placeholder and captured alternative, in template order. */
export declare function templateFieldKeys(nodes: TemplateNode[]): {
    key: string;
    optional: boolean;
}[];
