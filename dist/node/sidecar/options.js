// `serve` options as the user typed them -> checked settings. Every mistake is a UsageError: one line on
// stderr, exit code 2.
import { accessSync, constants } from 'node:fs';
import { UsageError } from '../cli/errors.js';
import { moduleOptions, OptionError } from '../binding/options.js';
export const MODES = ['json-lines', 'mmexternal', 'forward'];
const INPUTS = {
    'json-lines': ['raw', 'json', 'journal-json'], // journal-json: host/input/journal-json.ts
    mmexternal: ['fulljson', 'msg', 'rawmsg'], // rsyslog's interface.input values
    forward: [],
};
export function parseAddress(text, what) {
    const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text);
    const port = m ? Number(m[3]) : NaN;
    if (!m || port > 65535)
        throw new UsageError(`${what} must be host:port (e.g. 127.0.0.1:24224), got "${text}"`);
    return { host: m[1] ?? m[2], port };
}
function positive(text, what) {
    const n = Number(text);
    if (!/^\d+$/.test(text) || n <= 0)
        throw new UsageError(`${what} must be a positive whole number, got "${text}"`);
    return n;
}
export function checkSettings(files, f) {
    const mode = (f.mode ?? 'json-lines');
    if (!MODES.includes(mode))
        throw new UsageError(`--mode must be one of ${MODES.join(', ')}, got "${f.mode}"`);
    const inputs = INPUTS[mode];
    const input = f.input ?? inputs[0] ?? '';
    if (f.input !== undefined && !inputs.includes(f.input)) {
        throw new UsageError(inputs.length
            ? `--input for --mode ${mode} must be one of ${inputs.join(', ')}, got "${f.input}"`
            : `--input does not apply to --mode ${mode} (records arrive as msgpack maps)`);
    }
    if (files.length && mode !== 'json-lines')
        throw new UsageError(`--mode ${mode} reads no files (got ${files[0]})`);
    for (const file of files) {
        if (file === '-')
            continue;
        try {
            accessSync(file, constants.R_OK);
        }
        catch (e) {
            throw new UsageError(`cannot read ${file}: ${e.code ?? e}`);
        }
    }
    if (mode !== 'forward' && (f.listen || f.forwardTo))
        throw new UsageError('--listen and --forward-to apply to --mode forward only');
    const messageKey = f.messageKey ?? (mode === 'mmexternal' ? 'rawmsg' : 'message');
    if (messageKey === '')
        throw new UsageError('--message-key must not be empty');
    const documents = { keepOriginal: f.keepOriginal ?? false, timezone: f.timezone };
    try {
        moduleOptions(documents);
    }
    catch (e) {
        if (e instanceof OptionError)
            throw new UsageError(`--${e.message}`);
        throw e;
    }
    return {
        mode, input, messageKey, files, documents,
        listen: parseAddress(f.listen ?? '127.0.0.1:24224', '--listen'),
        forwardTo: f.forwardTo ? parseAddress(f.forwardTo, '--forward-to') : null,
        stats: f.stats ?? false,
        logFile: f.logFile ?? null,
        maxFrameBytes: positive(f.maxFrameBytes ?? String(64 << 20), '--max-frame-bytes'),
        ackTimeoutMs: positive(f.ackTimeout ?? '60', '--ack-timeout') * 1000,
    };
}
