// Proof that a module cannot allocate: a debug build (names kept) of its entry file must contain no
// allocator of AssemblyScript's runtime and none of the library's allocating collections. `known` is a
// function name that must be present, so the check can fail if names were stripped.
import asc from 'assemblyscript/asc';
import { expect } from 'vitest';

export async function expectNoAllocator(entryFile: string, known: string): Promise<void> {
  const outputs = new Map<string, Uint8Array>();
  const { error } = await asc.main([
    entryFile, '--runtime', 'stub', '--use', 'abort=', '--debug', '--optimizeLevel', '0', '--outFile', 'debug.wasm',
  ], { writeFile: (name: string, contents: Uint8Array) => { outputs.set(name, contents); } });
  expect(error).toBeNull();
  const names = Buffer.from(outputs.get('debug.wasm')!).toString('latin1');
  expect(names).toContain(known);
  expect(names).not.toContain('~lib/rt/stub/__alloc');
  expect(names).not.toContain('~lib/rt/stub/__new');
  // Reading the static table of entry functions (a StaticArray literal: data in the module, never built at
  // run time, which the __new check above would catch) is a load; nothing else of the std arrays may appear.
  expect(names.replace(/~lib\/staticarray\/StaticArray<[^\x00#]*>#__uget/g, '')).not.toMatch(/~lib\/(array|string|staticarray)\//);
}
