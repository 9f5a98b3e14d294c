interface BinaryenModule {
    getNumExports(): number;
    getExportByIndex(index: number): number;
    removeExport(externalName: string): void;
    addFunctionExport(internalName: string, externalName: string): number;
}
interface Binaryen {
    ExternalFunction: number;
    getExportInfo(ref: number): {
        kind: number;
        name: string;
        value: string;
    };
}
export default class RenameExports {
    readonly binaryen: Binaryen;
    afterCompile(module: BinaryenModule): void;
}
export {};
