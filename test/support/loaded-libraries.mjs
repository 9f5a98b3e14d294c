// Preloaded with `node --import` by test/cli.test.ts: at exit, writes on stderr the packages of node_modules
// whose CommonJS files the process loaded, one name a line, so a test can see what a run pulled in.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
process.on('exit', () => {
  const names = new Set(Object.keys(require.cache).flatMap((k) => {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)[\\/]/.exec(k);
    return m ? [m[1].replace(/\\/g, '/')] : [];
  }));
  process.stderr.write([...names].sort().map((n) => `loaded ${n}\n`).join(''));
});
