/** The filter functions a Fluent Bit config can name in `function_name`. */
export declare const BEHAVIOURS: readonly ["ssh_enrich", "ssh_enrich_drop_unmatched", "ssh_classify"];
export type Behaviour = (typeof BEHAVIOURS)[number] | 'ssh_passthrough';
type FilterFn = (tag: number, tagLen: number, sec: number, nsec: number, record: number, recordLen: number) => number;
export interface FilterExports {
    memory: WebAssembly.Memory;
    malloc(size: number): number;
    free(ptr: number): void;
    arena_live(): number;
    arena_spill_pages(): number;
    ssh_enrich: FilterFn;
    ssh_enrich_drop_unmatched: FilterFn;
    ssh_classify: FilterFn;
    ssh_passthrough: FilterFn;
}
export declare class FilterCallError extends Error {
}
export declare function filterModuleBytes(path?: string): Uint8Array<ArrayBuffer>;
export declare function filterModule(): WebAssembly.Module;
export declare class FluentBitHarness {
    readonly exports: FilterExports;
    constructor(module?: WebAssembly.Module);
    get memoryBytes(): number;
    /** Copies bytes in as wasm_runtime_module_dup_data(len + 1) does: malloc, copy, NUL. */
    private dup;
    /**
     * One record through `fn`: the new body's bytes, or null when the module dropped the record (empty
     * string). Throws when Fluent Bit would fail the record: a trap, a result outside memory.
     */
    callRaw(fn: Behaviour, record: Uint8Array, tag?: Uint8Array, sec?: number, nsec?: number): Uint8Array | null;
    /** One record given as JSON text or an object; the new body as text, or null when dropped. */
    call(fn: Behaviour, record: string | object, tag?: string): string | null;
}
export {};
