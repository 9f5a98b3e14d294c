// `npm run build` step for the component (host/build.mjs): assembly/adapters/component/main.ts -> core module with
// canonical-ABI exports -> WIT world embedded -> component (validated by componentNew) -> jco-transpiled ES
// module with TypeScript types, all in dist/component/. Uses jco's programmatic API: its CLI cannot read
// the WIT directory at jco 1.35 (see docs/component.md).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { componentEmbed, componentNew, transpile } from '@bytecodealliance/jco';
import { WIT_WORLD } from './abi-names.js';

export const OUT_DIR = 'dist/component';
export const COMPONENT_FILE = 'ssh-log-matcher.component.wasm';
/** Name of the transpiled module: ssh-log-matcher.js, .d.ts, .core.wasm. */
export const BINDING_NAME = 'ssh-log-matcher';
const WIT_FILE = 'wit/matcher.wit';

// The initial memory is the static data (catalog tables, component metadata) plus the call arena
// (assembly/adapters/component/arena.ts) of 4 MiB, so a 1 MiB line or a batch of 1 MiB of lines with their results
// fits without growing memory. The static data's size is learnt from a first compilation.
const ARENA_PAGES = 64;

/** Compiles assembly/adapters/component/main.ts with `initialPages` of memory (0: just what the static data needs). */
async function compileCore(initialPages: number): Promise<Uint8Array<ArrayBuffer>> {
  let binary: Uint8Array<ArrayBuffer> | null = null;
  const { error, stderr } = await asc.main([
    'assembly/adapters/component/main.ts', '--outFile', 'component.wasm',
    '--runtime', 'stub', '--use', 'abort=', // no env.abort import: a component must import nothing
    '--optimizeLevel', '2', '--shrinkLevel', '0', '--noAssert',
    '--initialMemory', String(initialPages),
    '--transform', fileURLToPath(new URL('./rename-exports.js', import.meta.url)), // tsc's output beside this file
  ], {
    writeFile: (name: string, contents: Uint8Array | string) => { if (name.endsWith('.wasm')) binary = new Uint8Array(contents as Uint8Array); },
  });
  if (error) throw new Error(`asc assembly/adapters/component/main.ts: ${error.message}\n${stderr.toString()}`);
  if (!binary) throw new Error('asc assembly/adapters/component/main.ts wrote no module');
  return binary;
}

async function initialMemoryBytes(core: Uint8Array<ArrayBuffer>): Promise<number> {
  const { instance } = await WebAssembly.instantiate(core, {}); // no start function, no imports
  return (instance.exports.memory as WebAssembly.Memory).buffer.byteLength;
}

export async function buildComponent(): Promise<{ core: Uint8Array; component: Uint8Array; files: string[] }> {
  const staticPages = (await initialMemoryBytes(await compileCore(0))) >>> 16;
  const core = await compileCore(staticPages + ARENA_PAGES);
  if (!WebAssembly.validate(core)) throw new Error('component core module does not validate');
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(core));
  if (imports.length) throw new Error(`component core module imports ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}`);
  const embedded = await componentEmbed({ binary: core, witSource: readFileSync(WIT_FILE, 'utf8'), world: WIT_WORLD, stringEncoding: 'utf8' });
  // componentNew checks every export of the world against the core module's names and signatures.
  const component = await componentNew(embedded);
  const { files } = await transpile(component, { name: BINDING_NAME, instantiation: 'async', quiet: true });
  rmSync(OUT_DIR, { recursive: true, force: true });
  const written = [COMPONENT_FILE];
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, COMPONENT_FILE), component);
  for (const [name, bytes] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    mkdirSync(dirname(join(OUT_DIR, name)), { recursive: true });
    writeFileSync(join(OUT_DIR, name), bytes);
    written.push(name);
  }
  return { core, component, files: written };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const { component, files } = await buildComponent();
    console.error(`component: ${join(OUT_DIR, COMPONENT_FILE)} (${component.length} bytes), jco binding: ${files.length - 1} files`);
  } catch (e) {
    console.error(`component: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
