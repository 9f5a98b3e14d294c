// `node dist/node/fluent-bit/measure-main.js [file.log] [key]`: prints the per-record cost table of the
// Fluent Bit filter behaviours (host/fluent-bit/measure.ts) for the lines of a log file; by default every
// catalog example line plus the bundled sample (examples/sample/auth.log).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../binding/paths.js';
import { findCatalogFiles, loadCatalog } from '../compile/load.js';
import { formatCosts, measure } from './measure.js';
function defaultLines() {
    const catalog = loadCatalog(findCatalogFiles(join(PACKAGE_ROOT, 'catalog')), PACKAGE_ROOT);
    const examples = catalog.entries.flatMap((e) => e.examples.map((x) => x.line));
    return [...examples, ...readFileSync(join(PACKAGE_ROOT, 'examples/sample/auth.log'), 'utf8').split('\n')];
}
const [file, key] = process.argv.slice(2);
try {
    const lines = file ? readFileSync(file, 'utf8').split('\n').filter((l) => l !== '') : defaultLines().filter((l) => l !== '');
    console.log(formatCosts(measure(lines, { key }), Math.max(lines.length, 200_000)));
}
catch (e) {
    console.error(`measure: ${e.message}`);
    process.exitCode = 1;
}
