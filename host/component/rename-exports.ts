// asc transform: gives the component's core exports their canonical-ABI names after compilation, which
// AssemblyScript identifiers cannot spell (`ssh-log-matcher:matcher/matcher@0.1.0#match-line`). Uses the
// compiler's own Binaryen instance, so the renamed module goes through asc's validation and optimizer.
// Loaded by `asc --transform dist/node/component/rename-exports.js` from build.ts.
import { exportRenames } from './abi-names.js';

// The slice of binaryen.js this transform uses (the package's own typings do not resolve under NodeNext).
interface BinaryenModule {
  getNumExports(): number;
  getExportByIndex(index: number): number;
  removeExport(externalName: string): void;
  addFunctionExport(internalName: string, externalName: string): number;
}
interface Binaryen {
  ExternalFunction: number;
  getExportInfo(ref: number): { kind: number; name: string; value: string };
}

// asc accepts any class as a transform and sets `binaryen` (and program, baseDir, ...) on its prototype.
export default class RenameExports {
  declare readonly binaryen: Binaryen;

  afterCompile(module: BinaryenModule): void {
    const renames = exportRenames();
    const found = new Set<string>();
    const exports: { name: string; value: string }[] = [];
    for (let i = 0; i < module.getNumExports(); i++) {
      const info = this.binaryen.getExportInfo(module.getExportByIndex(i));
      if (info.kind === this.binaryen.ExternalFunction && renames.has(info.name)) exports.push(info);
    }
    for (const { name, value } of exports) {
      module.removeExport(name);
      for (const external of renames.get(name)!) module.addFunctionExport(value, external);
      found.add(name);
    }
    const missing = [...renames.keys()].filter((n) => !found.has(n));
    // A WIT function without an implementation would only fail later in componentNew, less clearly.
    if (missing.length) throw new Error(`assembly/adapters/component/main.ts does not export ${missing.join(', ')}`);
  }
}
