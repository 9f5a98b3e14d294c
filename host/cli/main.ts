#!/usr/bin/env node
// ssh-log-matcher: wires the subcommands; each lives in its own file. Every failure the user can act on
// (a bad option, an unreadable file, a full disk) is one line on stderr and exit code 2, never a stack.
import { constants } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { OutputError, runMatch } from './match-command.js';
import { UsageError, reason } from '../io/errors.js';
import { registerServe } from './serve-command.js';
import { THREADS_HELP, defaultThreads } from './threads.js';
import { detectFileArgument } from '../io/detect-flags.js';

function parseThreads(v: string): number {
  if (v === 'auto') return defaultThreads();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError('a number of threads from 1 to 64, or auto');
  return n;
}

/** Stops the default command on SIGTERM or SIGINT (it finishes what it read); a second signal ends it at once. */
function stopOnSignals(): { signal: AbortSignal; code: () => number | null } {
  const stopper = new AbortController();
  let got: NodeJS.Signals | null = null;
  const on = (sig: NodeJS.Signals) => {
    if (got) process.exit(128 + constants.signals[sig]);
    got = sig;
    stopper.abort();
  };
  process.on('SIGTERM', on);
  process.on('SIGINT', on);
  return { signal: stopper.signal, code: () => (got ? 128 + constants.signals[got] : null) };
}

const program = new Command()
  .name('ssh-log-matcher')
  .description('Classify SSH server log lines into ECS JSON events (one JSON object per input line).\n'
    + 'Commands: serve (the sidecar, docs/sidecar.md), export (the catalog as rules for other engines); "help <command>" for theirs.')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .argument('[files...]', 'log files to read (default: standard input; "-" is standard input)')
  .option('--stats', 'print counts per entry and status on stderr at the end (also when stopped by SIGINT or SIGTERM)')
  .option('--only-matched', 'write only the lines that matched an entry')
  .option('--explain', 'instead of JSON, explain each line: framing, fields, or where the closest entries stopped matching')
  .option('--threads <n>', THREADS_HELP, parseThreads, defaultThreads())
  .option('--timezone <zone>', 'zone of timestamps without an offset: UTC (default), +02:00, or an IANA name such as Europe/Berlin')
  .option('--keep-original', 'also write the whole line in event.original')
  // No default and no parser here: commander lets this option claim `serve --input ...` too (serve-command.ts).
  .option('--input <format>', 'raw (log lines, the default) | journal-json (journalctl -o json records)')
  .option('--detect [mode]', 'brute-force decisions as fail2ban\'s sshd jail makes them (mode: normal (default), ddos, extra, aggressive) '
    + 'or CrowdSec\'s ssh-bf, ssh-slow-bf scenarios: each is one more JSON line, an ECS alert, after the line that made it (docs/detect.md); matches on one thread')
  .option('--maxretry <n>', 'with --detect: failures from one address that make a decision (default 5, as fail2ban)')
  .option('--findtime <time>', 'with --detect: the window they must fall in, seconds or 10m, 1h, 1d (default 10m, as fail2ban)')
  .option('--sessions', 'session events: the lines of one sshd process joined into one ECS event (category session, type end), '
    + 'one more JSON line after the line that ends the connection (docs/detect.md#sessions); matches on one thread')
  .option('--session-timeout <seconds>', 'with --sessions: a session without a login silent this long is written as timed out (default 300)')
  .option('--only-events', 'with --detect or --sessions: write only the alerts and session events, not the line documents')
  .action(async (files: string[], opts: { stats?: boolean; onlyMatched?: boolean; explain?: boolean; threads: number; timezone?: string; keepOriginal?: boolean; input?: string; detect?: boolean | string; maxretry?: string; findtime?: string; sessions?: boolean; sessionTimeout?: string; onlyEvents?: boolean }) => {
    files = detectFileArgument(opts, files);
    const stop = stopOnSignals();
    const code = await runMatch(files, opts, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, stop: stop.signal });
    process.exitCode = stop.code() ?? code;
  });

registerServe(program);

program.command('export')
  .description('Write the catalog as rules for another engine: liblognorm, patterndb, grok, fluent-bit or vrl (docs/exporters.md).')
  .requiredOption('--format <format>', 'liblognorm | patterndb | grok | fluent-bit | vrl')
  .option('--out <file>', 'file to write (default: standard output)')
  .option('--catalog <dir>', 'catalog directory (default: the catalog this package was built from)')
  // The exporters read the catalog's sources: loaded only for this command, so a plain run starts without them.
  .action(async (opts: { format: string; out?: string; catalog?: string }) => (await import('./export-command.js')).runExport(opts, process.stdout));

const fail = (message: string): never => {
  process.stderr.write(`ssh-log-matcher: ${message}\n`);
  process.exit(2);
};

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0); // the reader is gone (| head): nothing left to do
  fail(new OutputError(e).message);
});

// `help` and `help <command>` are the help, not a file named "help" (write ./help for that).
const argv = process.argv.slice(2);
if (argv[0] === 'help') argv.splice(0, argv.length, ...(argv[1] ? [argv[1], '--help'] : ['--help']));

try {
  await program.parseAsync(argv, { from: 'user' });
  // Wait until what was written has left Node (a pipe the reader drains slowly), then exit: an idle stdin
  // (a terminal after SIGINT) must not keep the process alive.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(Number(process.exitCode ?? 0));
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
  if (e instanceof UsageError || e instanceof OutputError) fail(e.message);
  if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') process.exit(0);
  if ((e as NodeJS.ErrnoException)?.syscall === 'write') fail(new OutputError(e as NodeJS.ErrnoException).message);
  if ((e as NodeJS.ErrnoException)?.syscall) fail(reason(e)); // a system error we did not foresee, still in words
  throw e;
}
