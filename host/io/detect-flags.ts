// The command line's --detect [mode], --maxretry and --findtime, checked once for every command that takes
// them (the default command and `serve`): mistakes are UsageErrors, one line on stderr and exit code 2.
import { existsSync } from 'node:fs';
import { DETECT_MODES, detectSettings, type DetectMode, type DetectOptions } from '../binding/detect.js';
import { OptionError } from '../binding/options.js';
import { UsageError } from './errors.js';

export interface DetectFlags { detect?: boolean | string; maxretry?: string; findtime?: string }
export interface SessionFlags { sessions?: boolean; sessionTimeout?: string }

/** --session-timeout, checked: seconds of silence after which a session without a login is written; needs --sessions. */
export function sessionTimeout(flags: SessionFlags): number | undefined {
  if (flags.sessionTimeout === undefined) return undefined;
  if (!flags.sessions) throw new UsageError('--session-timeout needs --sessions');
  const v = /^\d+$/.test(flags.sessionTimeout) ? Number(flags.sessionTimeout) : NaN;
  if (!(v >= 1 && v <= 0xffffffff)) throw new UsageError(`--session-timeout ${flags.sessionTimeout}: seconds, at least 1`);
  return v;
}

/**
 * `--detect auth.log`: commander takes the file for the mode's value; a value that is no mode but a file that
 * exists is a file, put first among `files`.
 */
export function detectFileArgument(flags: DetectFlags, files: string[]): string[] {
  if (typeof flags.detect !== 'string' || (DETECT_MODES as readonly string[]).includes(flags.detect) || !existsSync(flags.detect)) return files;
  const file = flags.detect;
  flags.detect = true;
  return [file, ...files];
}

/** --detect [mode], --maxretry, --findtime, checked; null without --detect. */
export function detectOptions(flags: DetectFlags): DetectOptions | null {
  if (flags.detect === undefined || flags.detect === false) {
    if (flags.maxretry !== undefined || flags.findtime !== undefined) throw new UsageError('--maxretry and --findtime need --detect');
    return null;
  }
  const o: DetectOptions = {
    mode: (flags.detect === true ? 'normal' : flags.detect) as DetectMode,
    maxretry: flags.maxretry === undefined ? undefined : /^\d+$/.test(flags.maxretry) ? Number(flags.maxretry) : NaN,
    findtime: flags.findtime,
  };
  try { detectSettings(o); } catch (e) { if (e instanceof OptionError) throw new UsageError(`--${e.message}`); throw e; }
  return o;
}
