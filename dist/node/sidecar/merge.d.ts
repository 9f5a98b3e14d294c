type Obj = Record<string, unknown>;
declare const isObject: (v: unknown) => v is Obj;
export declare function mergeEcs(record: Obj, doc: Obj): Obj;
export { isObject };
