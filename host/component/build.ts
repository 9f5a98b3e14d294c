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
// fits without growing memory. The module is compiled once with just what its static data needs, and that
// size gains the arena's pages in the module's memory section (asc writes the same bytes when it is told the
// larger size: the size is in no other part of the module; test/component.test.ts checks the memory).
const ARENA_PAGES = 64;

/** Compiles assembly/adapters/component/main.ts with as much memory as its static data needs. */
async function compileCore(): Promise<Uint8Array<ArrayBuffer>> {
  let binary: Uint8Array<ArrayBuffer> | null = null;
  const { error, stderr } = await asc.main([
    'assembly/adapters/component/main.ts', '--outFile', 'component.wasm',
    '--runtime', 'stub', '--use', 'abort=', // no env.abort import: a component must import nothing
    '--optimizeLevel', '2', '--shrinkLevel', '0', '--noAssert',
    '--initialMemory', '0',
    '--transform', fileURLToPath(new URL('./rename-exports.js', import.meta.url)), // tsc's output beside this file
  ], {
    writeFile: (name: string, contents: Uint8Array | string) => { if (name.endsWith('.wasm')) binary = new Uint8Array(contents as Uint8Array); },
  });
  if (error) throw new Error(`asc assembly/adapters/component/main.ts: ${error.message}\n${stderr.toString()}`);
  if (!binary) throw new Error('asc assembly/adapters/component/main.ts wrote no module');
  return binary;
}

/** An unsigned LEB128 number at `at`: its value and the offset after it. */
function leb(b: Uint8Array, at: number): [number, number] {
  let v = 0, shift = 0;
  for (;;) {
    const x = b[at++];
    v += (x & 0x7f) * 2 ** shift;
    if (!(x & 0x80)) return [v, at];
    shift += 7;
  }
}
function lebBytes(v: number): number[] {
  const out: number[] = [];
  do { let x = v % 128; v = Math.floor(v / 128); if (v) x |= 0x80; out.push(x); } while (v);
  return out;
}

/**
 * The module with `extra` pages more of initial memory: its one memory section (one memory, limits
 * without or with a maximum, which grows as much) rewritten, every other byte as it was.
 */
export function growInitialMemory(wasm: Uint8Array, extra: number): Uint8Array<ArrayBuffer> {
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    if (id === 5) {
      const [count, limits] = leb(wasm, body);
      const flags = wasm[limits];
      if (count !== 1 || (flags !== 0 && flags !== 1)) throw new Error(`component: memory section with ${count} memories, limits flags ${flags}`);
      const [min, afterMin] = leb(wasm, limits + 1);
      const fields = [flags, ...lebBytes(min + extra)];
      if (flags === 1) { const [max] = leb(wasm, afterMin); fields.push(...lebBytes(Math.max(max, min + extra))); }
      const content = [...lebBytes(1), ...fields];
      const out = new Uint8Array(at + 1 + lebBytes(content.length).length + content.length + (wasm.length - body - size));
      out.set(wasm.subarray(0, at + 1));
      let o = at + 1;
      for (const x of [...lebBytes(content.length), ...content]) out[o++] = x;
      out.set(wasm.subarray(body + size), o);
      return out;
    }
    at = body + size;
  }
  throw new Error('component: the core module has no memory section');
}

export async function buildComponent(): Promise<{ core: Uint8Array; component: Uint8Array; files: string[] }> {
  const core = growInitialMemory(await compileCore(), ARENA_PAGES);
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
