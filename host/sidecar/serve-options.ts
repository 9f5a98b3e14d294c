// `serve` options as the user typed them -> checked settings. Every mistake is a UsageError: one line on
// stderr, exit code 2.
import { accessSync, constants, statSync } from 'node:fs';
import { UsageError, reason } from '../io/errors.js';
import { moduleOptions, OptionError, type DocumentOptions } from '../binding/options.js';
import type { DetectOptions } from '../binding/detect.js';
import { detectOptions, sessionTimeout, type DetectFlags, type SessionFlags } from '../io/detect-flags.js';

export const MODES = ['json-lines', 'mmexternal', 'forward'] as const;
export type Mode = (typeof MODES)[number];
const INPUTS: Record<Mode, readonly string[]> = {
  'json-lines': ['raw', 'json', 'journal-json'], // journal-json: host/input/journal-json.ts
  mmexternal: ['fulljson', 'msg', 'rawmsg'], // rsyslog's interface.input values
  forward: [],
};

export interface Address { host: string; port: number }

export interface ServeSettings {
  mode: Mode;
  input: string;
  messageKey: string;
  /** Whether --message-key was given (forward mode otherwise tries log, message, MESSAGE). */
  messageKeyGiven: boolean;
  files: string[];
  listen: Address;
  forwardTo: Address | null;
  stats: boolean;
  logFile: string | null;
  maxFrameBytes: number;
  maxInflatedBytes: number;
  maxFrameEvents: number;
  maxBufferedBytes: number;
  ackTimeoutMs: number;
  /** What the ECS documents hold (--keep-original, --timezone). */
  documents: DocumentOptions;
  /** Brute-force decisions (--detect [mode], --maxretry, --findtime), or null. */
  detect: DetectOptions | null;
  /** Session events (--sessions), and --session-timeout's seconds. */
  sessions: boolean;
  sessionTimeout?: number;
}

/** Forward mode's limits by default (docs/sidecar.md, "Limits"). */
export const FORWARD_DEFAULTS = {
  maxFrameBytes: 64 << 20,
  maxInflatedBytes: 64 << 20,
  maxFrameEvents: 200_000,
  maxBufferedBytes: 256 << 20,
} as const;

export interface ServeFlags extends DetectFlags, SessionFlags {
  mode?: string; input?: string; messageKey?: string; listen?: string; forwardTo?: string; stats?: boolean;
  logFile?: string; maxFrameBytes?: string; maxInflatedBytes?: string; maxFrameEvents?: string; maxBufferedBytes?: string; ackTimeout?: string; keepOriginal?: boolean; timezone?: string;
}

export function parseAddress(text: string, what: string): Address {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:\s]+)):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) throw new UsageError(`${what} must be host:port (e.g. 127.0.0.1:24224), got "${text}"`);
  return { host: m[1] ?? m[2], port };
}

function positive(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n <= 0) throw new UsageError(`${what} must be a positive whole number, got "${text}"`);
  return n;
}

export function checkSettings(files: string[], f: ServeFlags): ServeSettings {
  const mode = (f.mode ?? 'json-lines') as Mode;
  if (!MODES.includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}, got "${f.mode}"`);
  const inputs = INPUTS[mode];
  const input = f.input ?? inputs[0] ?? '';
  if (f.input !== undefined && !inputs.includes(f.input)) {
    throw new UsageError(inputs.length
      ? `--input for --mode ${mode} must be one of ${inputs.join(', ')}, got "${f.input}"`
      : `--input does not apply to --mode ${mode} (records arrive as msgpack maps)`);
  }
  if (files.length && mode !== 'json-lines') throw new UsageError(`--mode ${mode} reads no files (got ${files[0]})`);
  for (const file of files) {
    if (file === '-') continue;
    try {
      accessSync(file, constants.R_OK);
      if (statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${reason(e)}`);
    }
  }
  if (mode !== 'forward' && (f.listen || f.forwardTo)) throw new UsageError('--listen and --forward-to apply to --mode forward only');
  // Forward mode without --message-key looks under log, message and MESSAGE (host/sidecar/forward/enrich-events.ts).
  const messageKey = f.messageKey ?? (mode === 'mmexternal' ? 'rawmsg' : 'message');
  if (mode !== 'forward' && (f.maxInflatedBytes || f.maxFrameEvents || f.maxBufferedBytes)) {
    throw new UsageError('--max-inflated-bytes, --max-frame-events and --max-buffered-bytes apply to --mode forward only');
  }
  if (messageKey === '') throw new UsageError('--message-key must not be empty');
  const documents: DocumentOptions = { keepOriginal: f.keepOriginal ?? false, timezone: f.timezone };
  try { moduleOptions(documents); } catch (e) { if (e instanceof OptionError) throw new UsageError(`--${e.message}`); throw e; }
  return {
    mode, input, messageKey, files, documents, messageKeyGiven: f.messageKey !== undefined,
    detect: detectOptions(f), sessions: f.sessions ?? false, sessionTimeout: sessionTimeout(f),
    listen: parseAddress(f.listen ?? '127.0.0.1:24224', '--listen'),
    forwardTo: f.forwardTo ? parseAddress(f.forwardTo, '--forward-to') : null,
    stats: f.stats ?? false,
    logFile: f.logFile ?? null,
    maxFrameBytes: positive(f.maxFrameBytes ?? String(FORWARD_DEFAULTS.maxFrameBytes), '--max-frame-bytes'),
    maxInflatedBytes: positive(f.maxInflatedBytes ?? String(FORWARD_DEFAULTS.maxInflatedBytes), '--max-inflated-bytes'),
    maxFrameEvents: positive(f.maxFrameEvents ?? String(FORWARD_DEFAULTS.maxFrameEvents), '--max-frame-events'),
    maxBufferedBytes: positive(f.maxBufferedBytes ?? String(FORWARD_DEFAULTS.maxBufferedBytes), '--max-buffered-bytes'),
    ackTimeoutMs: positive(f.ackTimeout ?? '60', '--ack-timeout') * 1000,
  };
}
