#!/usr/bin/env node
// ssh-log-matcher: wires the subcommands; each lives in its own file.
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runMatch } from './match-command.js';
import { runExport } from './export-command.js';
import { UsageError } from './errors.js';
import { registerServe } from './serve-command.js';
function parseThreads(v) {
    if (v === 'auto')
        return Math.min(4, availableParallelism());
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 64)
        throw new InvalidArgumentError('a number of threads from 1 to 64, or auto');
    return n;
}
const program = new Command()
    .name('ssh-log-matcher')
    .description('Classify SSH server log lines into ECS JSON events (one JSON object per input line).')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .argument('[files...]', 'log files to read (default: standard input; "-" is standard input)')
    .option('--stats', 'print counts per entry and status on stderr at the end')
    .option('--only-matched', 'write only the lines that matched an entry')
    .option('--explain', 'instead of JSON, explain each line: framing, fields, or where the closest entries stopped matching')
    .option('--threads <n>', 'worker threads that match and write JSON ("auto": one per core, at most 4)', parseThreads, parseThreads('auto'))
    .option('--timezone <zone>', 'zone of timestamps without an offset: UTC (default), +02:00, or an IANA name such as Europe/Berlin')
    .option('--keep-original', 'also write the whole line in event.original')
    // No default and no parser here: commander lets this option claim `serve --input ...` too (serve-command.ts).
    .option('--input <format>', 'raw (log lines, the default) | journal-json (journalctl -o json records)')
    .action(async (files, opts) => {
    await runMatch(files, opts, process.stdin, process.stdout, process.stderr);
});
registerServe(program);
program.command('export')
    .description('Write the catalog as rules for another engine: liblognorm, patterndb, grok, fluent-bit or vrl (docs/exporters.md).')
    .requiredOption('--format <format>', 'liblognorm | patterndb | grok | fluent-bit | vrl')
    .option('--out <file>', 'file to write (default: standard output)')
    .option('--catalog <dir>', 'catalog directory (default: the catalog this package was built from)')
    .action((opts) => runExport(opts, process.stdout));
process.stdout.on('error', (e) => { if (e.code === 'EPIPE')
    process.exit(0); throw e; });
try {
    await program.parseAsync(process.argv);
}
catch (e) {
    if (e instanceof CommanderError)
        process.exit(e.exitCode === 0 ? 0 : 2);
    if (e instanceof UsageError) {
        process.stderr.write(`ssh-log-matcher: ${e.message}\n`);
        process.exit(2);
    }
    throw e;
}
