export declare const PACKAGE_ROOT: string;
export declare const distPath: (...parts: string[]) => string;
