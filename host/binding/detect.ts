// What a caller chooses about brute-force decisions (assembly/detect/), checked once: the mode (fail2ban's
// normal, ddos, extra, aggressive, or CrowdSec's ssh-bf, ssh-slow-bf scenarios), fail2ban's maxretry and
// findtime (defaults 5 and 10m; findtime in seconds or with fail2ban's suffixes s, m, h, d, w; CrowdSec's
// scenarios have their own capacity and leak speed), and the sizes of the module's fixed tables.
import { randomInt } from 'node:crypto';
import { DETECT_MODES, FAIL2BAN_MODES, type DetectMode } from '../compile/detect-modes.js';
import { OptionError } from './options.js';

export { DETECT_MODES, type DetectMode };

export interface DetectOptions {
  /** fail2ban's sshd filter mode (default normal), or CrowdSec's scenario ssh-bf or ssh-slow-bf. */
  mode?: DetectMode;
  /** Failures from one address that make a decision (default 5). */
  maxretry?: number;
  /** The window they must fall in: seconds, or fail2ban's "10m", "1h", "1d" (default 10m). */
  findtime?: number | string;
  /** Slots of the address table, a power of two from 8 to 65536 (default 65536): the addresses followed at once. */
  addresses?: number;
  /** Slots of the connection table, from 8 to 16384 (default 16384): connections open at once. */
  connections?: number;
  /** Seed of the tables' hash (default: random, so clients cannot aim addresses at one set). */
  seed?: number;
}

export interface DetectSettings { mode: number; maxretry: number; findtime: number; addresses: number; connections: number; seed: number }

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** fail2ban's time abbreviations: "600", "10m", "1h30m" (seconds). */
export function parseFindtime(v: number | string): number {
  if (typeof v === 'number') return v;
  const text = v.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const parts = [...text.matchAll(/(\d+)\s*([smhdw])/gi)];
  if (!parts.length || parts.map((p) => p[0]).join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) return NaN;
  return parts.reduce((n, p) => n + Number(p[1]) * UNITS[p[2].toLowerCase()], 0);
}

export function detectSettings(o: DetectOptions = {}): DetectSettings {
  const mode = DETECT_MODES.indexOf(o.mode ?? 'normal');
  if (mode < 0) throw new OptionError(`detect mode ${String(o.mode)}: one of ${DETECT_MODES.join(', ')}`);
  if (mode >= FAIL2BAN_MODES.length && (o.maxretry !== undefined || o.findtime !== undefined))
    throw new OptionError(`maxretry and findtime are fail2ban's: CrowdSec's ${o.mode} has its own capacity and leak speed`);
  const maxretry = o.maxretry ?? 5;
  if (!Number.isInteger(maxretry) || maxretry < 1 || maxretry > 1e6) throw new OptionError(`maxretry ${maxretry}: a whole number from 1 to 1000000`);
  const findtime = parseFindtime(o.findtime ?? '10m');
  if (!Number.isInteger(findtime) || findtime < 1 || findtime > 0xffffffff) throw new OptionError(`findtime ${String(o.findtime)}: seconds (at least 1), or a time such as 10m, 1h, 1d`);
  const size = (n: number | undefined, max: number, name: string) => {
    const v = n ?? max;
    if (!Number.isInteger(v) || v < 8 || v > max || (v & (v - 1)) !== 0) throw new OptionError(`${name} ${v}: a power of two from 8 to ${max}`);
    return v;
  };
  return {
    mode, maxretry, findtime,
    addresses: size(o.addresses, 1 << 16, 'addresses'),
    connections: size(o.connections, 1 << 14, 'connections'),
    seed: o.seed ?? randomInt(0, 0x7fffffff),
  };
}

/** What the module's detector counted so far. */
export interface DetectCounters { alerts: number; addresses: number; addressEvictions: number; connectionEvictions: number }

/** Session events written, and sessions the full table evicted. */
export interface SessionCounters { sessions: number; evictions: number }

/** What a caller chooses about session events: the table's slots, and the silence that ends a session without a login. */
export interface SessionOptions {
  /** Slots of the session table, a power of two from 8 to 16384 (default 16384). */
  slots?: number;
  /** Seconds of silence after which a session without a login is written as timed out (default 300). */
  timeout?: number;
}

/** setSessions(on), checked once: the table's slots (0: off) and the timeout in seconds. */
export function sessionSettings(on: boolean | SessionOptions): { slots: number; timeout: number } {
  const o = typeof on === 'object' ? on : {};
  const slots = on === false ? 0 : o.slots ?? 1 << 14;
  if (!Number.isInteger(slots) || (slots !== 0 && (slots < 8 || slots > 1 << 14 || (slots & (slots - 1)) !== 0))) throw new OptionError(`sessions slots ${slots}: a power of two from 8 to 16384`);
  const timeout = o.timeout ?? 300;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 0xffffffff) throw new OptionError(`sessions timeout ${timeout}: seconds, at least 1`);
  return { slots, timeout };
}
