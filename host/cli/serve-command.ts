// `ssh-log-matcher serve`: registers the subcommand; the sidecar itself lives in host/sidecar/.
import type { Command } from 'commander';
import { FORWARD_DEFAULTS, checkSettings, type ServeFlags } from '../sidecar/serve-options.js';
import { detectFileArgument } from '../io/detect-flags.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run as a sidecar: enrich log records for Vector, Logstash, rsyslog (mmexternal), Fluentd and Fluent Bit (forward). See docs/sidecar.md.')
    .argument('[files...]', 'json-lines mode: files to read instead of standard input')
    .option('--mode <mode>', 'json-lines | mmexternal | forward', 'json-lines')
    .option('--input <format>', 'json-lines: raw | json | journal-json (default raw); mmexternal: fulljson | msg | rawmsg (default fulljson)')
    .option('--message-key <key>', 'the record key holding the log line (default: message; mmexternal fulljson: rawmsg; forward: the first of log, message, MESSAGE)')
    .option('--listen <host:port>', 'forward: address to listen on', '127.0.0.1:24224')
    .option('--forward-to <host:port>', 'forward: pass enriched events to this forward server instead of writing JSON lines')
    .option('--ack-timeout <seconds>', 'forward: resend to --forward-to when an ack is this late', '60')
    .option('--max-frame-bytes <n>', `forward: largest frame accepted, in bytes (default ${FORWARD_DEFAULTS.maxFrameBytes})`)
    .option('--max-inflated-bytes <n>', `forward: largest gzip payload once inflated, in bytes (default ${FORWARD_DEFAULTS.maxInflatedBytes})`)
    .option('--max-frame-events <n>', `forward: most events in one frame (default ${FORWARD_DEFAULTS.maxFrameEvents})`)
    .option('--max-buffered-bytes <n>', `forward: bytes of frames all connections together may hold (default ${FORWARD_DEFAULTS.maxBufferedBytes})`)
    .option('--log-file <path>', 'write diagnostics here instead of stderr (mmexternal mode has none otherwise)')
    .option('--stats', 'print counts per entry, status and error at exit')
    .option('--timezone <zone>', 'zone of timestamps without an offset: UTC (default), +02:00, or an IANA name')
    .option('--keep-original', 'also write the whole line in event.original')
    .option('--detect [mode]', 'brute-force decisions (fail2ban\'s sshd modes normal (default), ddos, extra, aggressive, or CrowdSec\'s ssh-bf, ssh-slow-bf): '
      + 'each alert is one more record after the one that made it; mmexternal: in the reply, under $!ssh_log_matcher!events (docs/sidecar.md)')
    .option('--maxretry <n>', 'with --detect: failures from one address that make a decision (default 5)')
    .option('--findtime <time>', 'with --detect: the window they must fall in, seconds or 10m, 1h, 1d (default 10m)')
    .option('--sessions', 'session events: one more record after the line that ends an sshd connection (docs/detect.md#sessions)')
    .option('--session-timeout <seconds>', 'with --sessions: a session without a login silent this long is written as timed out (default 300)')
    .action(async (files: string[], flags: ServeFlags, cmd: Command) => {
      // --listen has a default, so "given by the user" is asked of commander, not read from the value.
      const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
      // --stats is also an option of the default command, which commander lets claim it: ask both.
      const globals = cmd.optsWithGlobals<ServeFlags>();
      const stats = Boolean(globals.stats);
      const input = flags.input ?? globals.input; // so is --input, and so are the detection options
      const detect = { detect: flags.detect ?? globals.detect, maxretry: flags.maxretry ?? globals.maxretry, findtime: flags.findtime ?? globals.findtime };
      files = detectFileArgument(detect, files);
      const settings = checkSettings(files, { ...flags, ...detect, sessions: Boolean(flags.sessions ?? globals.sessions), sessionTimeout: flags.sessionTimeout ?? globals.sessionTimeout, stats, input,
        keepOriginal: Boolean(globals.keepOriginal), timezone: globals.timezone, listen: given('listen') ? flags.listen : undefined });
      const { runServe } = await import('../sidecar/serve.js'); // the sidecar's code only when it runs
      process.exitCode = await runServe(settings, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    });
}
