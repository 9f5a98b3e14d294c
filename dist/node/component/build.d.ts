export declare const OUT_DIR = "dist/component";
export declare const COMPONENT_FILE = "ssh-log-matcher.component.wasm";
/** Name of the transpiled module: ssh-log-matcher.js, .d.ts, .core.wasm. */
export declare const BINDING_NAME = "ssh-log-matcher";
export declare function buildComponent(): Promise<{
    core: Uint8Array;
    component: Uint8Array;
    files: string[];
}>;
