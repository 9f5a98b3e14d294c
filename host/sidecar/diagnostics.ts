// Where the sidecar's own messages go. Normally stderr; a file when --log-file is given; nowhere in
// mmexternal mode without --log-file, because rsyslog reads the plugin's stderr and stdout from one pipe
// and would take a diagnostic line for a reply.
import { appendFileSync, closeSync, openSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { UsageError, reason } from '../io/errors.js';

export class Diagnostics {
  private constructor(private readonly sink: ((text: string) => void) | null) {}

  static toStream(out: Writable): Diagnostics { return new Diagnostics((t) => { out.write(t); }); }
  static silent(): Diagnostics { return new Diagnostics(null); }
  static toFile(path: string): Diagnostics {
    try { closeSync(openSync(path, 'a')); } catch (e) {
      throw new UsageError(`cannot write log file ${path}: ${reason(e)}`);
    }
    // Synchronous appends: a diagnostic must be on disk even if the process is killed right after.
    return new Diagnostics((t) => appendFileSync(path, t));
  }

  log(message: string): void { this.sink?.(`ssh-log-matcher serve: ${message}\n`); }
  /** Multi-line text (the --stats table), written as is. */
  block(text: string): void { this.sink?.(text.endsWith('\n') ? text : text + '\n'); }
}
