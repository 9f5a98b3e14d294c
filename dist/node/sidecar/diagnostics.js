// Where the sidecar's own messages go. Normally stderr; a file when --log-file is given; nowhere in
// mmexternal mode without --log-file, because rsyslog reads the plugin's stderr and stdout from one pipe
// and would take a diagnostic line for a reply.
import { appendFileSync, closeSync, openSync } from 'node:fs';
import { UsageError } from '../cli/errors.js';
export class Diagnostics {
    sink;
    constructor(sink) {
        this.sink = sink;
    }
    static toStream(out) { return new Diagnostics((t) => { out.write(t); }); }
    static silent() { return new Diagnostics(null); }
    static toFile(path) {
        try {
            closeSync(openSync(path, 'a'));
        }
        catch (e) {
            throw new UsageError(`cannot write log file ${path}: ${e.code ?? e}`);
        }
        // Synchronous appends: a diagnostic must be on disk even if the process is killed right after.
        return new Diagnostics((t) => appendFileSync(path, t));
    }
    log(message) { this.sink?.(`ssh-log-matcher serve: ${message}\n`); }
    /** Multi-line text (the --stats table), written as is. */
    block(text) { this.sink?.(text.endsWith('\n') ? text : text + '\n'); }
}
