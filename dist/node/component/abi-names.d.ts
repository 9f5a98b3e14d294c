export declare const WIT_PACKAGE = "ssh-log-matcher:matcher@0.1.0";
export declare const WIT_WORLD = "ssh-log-matcher";
export declare const WIT_INTERFACE = "ssh-log-matcher:matcher/matcher@0.1.0";
/** AssemblyScript export name -> WIT function name of the `matcher` interface. */
export declare const WIT_FUNCTIONS: Record<string, string>;
/** The AssemblyScript export that serves as every function's post-return. */
export declare const POST_RETURN = "postReturn";
/** Canonical-ABI core export name of a WIT function (the legacy `iface#fn` form wit-component accepts). */
export declare const coreExportName: (fn: string) => string;
export declare const postReturnExportName: (fn: string) => string;
/** Core export name(s) each AssemblyScript export gets; exports not listed keep their name. */
export declare function exportRenames(): Map<string, string[]>;
