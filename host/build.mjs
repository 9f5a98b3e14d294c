// `npm run build`: catalog -> tables -> matcher modules -> Node code. Deterministic: the same sources give
// the same dist/ bytes (CI rebuilds and compares the committed WebAssembly modules and tables).
// `node host/build.mjs --node` (the `prepare` script, run by `npm ci` in a clone and by `npm pack`) compiles
// only the TypeScript to dist/node/, which is not committed: the WebAssembly modules it loads are.
// Every module is built at -O2 (asconfig.json, host/component/build.ts): on the generated entry code -O3 adds
// Binaryen's flatten/GUFA passes, which took over 6 minutes a module on the 1,492-entry catalog, against
// 43 s at -O2, for no measurable gain (WebAssembly instructions per line within 2% on the anchor corpus).
// The three modules are compiled at once, each in a process of its own (asc runs on one core; each is about
// a minute): they read the same generated tables and write files of their own, so the order cannot change
// a byte. The catalog's examples are checked once the raw module they run through is built.
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const run = (cmd, args) => execFileSync(cmd, args, { stdio: 'inherit' });
const start = (cmd, args) => new Promise((resolve, reject) => {
  const child = spawn(cmd, args, { stdio: 'inherit' });
  child.on('error', reject);
  child.on('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')}: ${signal ?? `exit ${code}`}`))));
});
const nodeOnly = process.argv.includes('--node');

try {
  rmSync('dist/node', { recursive: true, force: true });
  run(bin('tsc'), ['-p', 'tsconfig.json']);
  if (!nodeOnly) {
    run('node', ['dist/node/compile/main.js', 'tables']);
    const steps = await Promise.allSettled([
      start(bin('asc'), ['assembly/adapters/raw/main.ts', '--target', 'raw'])
        .then(() => start('node', ['dist/node/build/examples.js'])),
      start(bin('asc'), ['assembly/adapters/fluent-bit/main.ts', '--target', 'fluent-bit']),
      start('node', ['dist/node/component/build.js']), // wit/ + assembly/adapters/component/ -> dist/component/
    ]);
    const failed = steps.filter((s) => s.status === 'rejected');
    for (const s of failed) console.error(`build: ${s.reason.message}`);
    if (failed.length) process.exitCode = 1;
  }
} catch {
  process.exitCode = 1; // the failing step has printed its own message
}
