// `node dist/node/bench/make-corpus.js --lines N --seed S --out file [--expected file]`: writes a benchmark
// corpus (host/bench/corpus.ts) chunk by chunk, and optionally the expected entry id of each line ("-" for
// none), one per line, so a run can check its answers.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command, InvalidArgumentError } from 'commander';
import { corpusChunks, DEFAULT_LINES } from './corpus.js';
const count = (v) => {
    if (!/^[0-9]+$/.test(v))
        throw new InvalidArgumentError('a whole number');
    return Number(v);
};
async function put(out, data) {
    if (!out.write(data))
        await once(out, 'drain');
}
const opts = new Command()
    .name('make-corpus')
    .description('Write a seeded benchmark corpus of SSH server log lines built from the catalog.')
    .option('--lines <n>', 'number of lines', count, DEFAULT_LINES)
    .option('--seed <n>', 'PRNG seed (same seed, same bytes)', count, 1)
    .requiredOption('--out <file>', 'corpus file to write')
    .option('--expected <file>', 'also write the expected entry id of each line ("-" for none)')
    .parse(process.argv)
    .opts();
const out = createWriteStream(opts.out);
const expected = opts.expected ? createWriteStream(opts.expected) : null;
let bytes = 0;
for (const chunk of corpusChunks({ lines: opts.lines, seed: opts.seed })) {
    bytes += chunk.text.length;
    await put(out, chunk.text);
    if (expected)
        await put(expected, chunk.expected.map((e) => e ?? '-').join('\n') + '\n');
}
out.end();
expected?.end();
await Promise.all([once(out, 'finish'), expected ? once(expected, 'finish') : null]);
process.stderr.write(`make-corpus: ${opts.lines} lines, ${bytes} bytes -> ${opts.out}\n`);
