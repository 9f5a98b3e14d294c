// The OpenSSH server format strings of test/fixtures/openssh-reference and how sshd logs them, shared by the
// version test (hand-picked formats with hand-picked values) and the coverage test (every format, values chosen
// from the format's own wording). Reading a format: printf conversions, the "function: " prefix of *_f calls,
// the ": <ssh_err()>" suffix of *_r calls, the "error: " / "fatal: " level prefixes, the "Disconnecting ...: "
// wrapper of packet_disconnect() reasons, " [preauth]" from the monitor, and the 10.x program names.
import { readFileSync } from 'node:fs';
import { fixture } from './openssh-fixtures.js';

export const VERSIONS = { '7.2p2': 'messages-V_7_2_P2.tsv', '8.9p1': 'messages-V_8_9_P1.tsv', '9.2p1': 'messages-V_9_2_P1.tsv', '10.5p1': 'messages.tsv' } as const;
export type Version = keyof typeof VERSIONS;
export const VERSION_NAMES = Object.keys(VERSIONS) as Version[];

export interface Row { file: string; line: number; level: string; format: string; call: string; funcPrefix: boolean; errSuffix: boolean }

/** The reference rows of one version that are not debug output. */
export function rows(version: Version): Row[] {
  const [, ...lines] = readFileSync(fixture(`openssh-reference/${VERSIONS[version]}`), 'utf8').trim().split('\n');
  return lines.map((l) => { const c = l.split('\t'); return { file: c[0], line: Number(c[1]), level: c[2], format: c[3], call: c[4], funcPrefix: c[5] === 'yes', errSuffix: c[6] === 'ssh_err(r)' }; })
    .filter((r) => !r.level.startsWith('DEBUG'));
}

/** The level classes coverage is counted by; a level written as an expression counts with the levels it names. */
export function levelClass(level: string): string {
  if (['INFO', 'VERBOSE', 'ERROR', 'ERROR(die)', 'FATAL'].includes(level)) return level;
  if (level === 'INFO(disconnect)') return 'disconnect';
  if (level === 'INFO|VERBOSE(auth_log)') return 'auth_log';
  return /INFO|VERBOSE/.test(level) && !/ERROR/.test(level) ? 'INFO' : 'ERROR';
}

// ---- printf ----
export type Token = { lit: string } | { conv: string; expr?: string };
const CONV = /%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?(hh|h|ll|l|z|j|t|L|q)?([diouxXeEfFgGcspm%])/y;

/** A C format literal as the reference writes it (C escapes kept, non-literal pieces in braces) into tokens. */
export function parseFormat(fmt: string): Token[] {
  const toks: Token[] = [];
  let lit = '';
  const flush = () => { if (lit) toks.push({ lit }); lit = ''; };
  for (let i = 0; i < fmt.length;) {
    if (fmt[i] === '\\' && i + 1 < fmt.length) { const c = fmt[i + 1]; lit += c === 'n' ? '\n' : c === 't' ? '\t' : c; i += 2; continue; }
    const expr = fmt[i] === '{' ? fmt.slice(i).match(/^\{(__func__|EXPR:[^}]*)\}/) : null;
    if (expr) { flush(); toks.push({ conv: 's', expr: expr[1] }); i += expr[0].length; continue; }
    if (fmt[i] === '%') {
      CONV.lastIndex = i;
      const m = CONV.exec(fmt);
      if (m) {
        i += m[0].length;
        if (m[5] === '%') lit += '%'; else { flush(); toks.push({ conv: m[5] }); }
        continue;
      }
    }
    lit += fmt[i++];
  }
  flush();
  return toks;
}

/** printf() for the conversions the reference formats use. */
export function render(format: string, args: (string | number)[]): string {
  let i = 0;
  const out = parseFormat(format).map((t) => ('lit' in t ? t.lit : String(args[i++]))).join('');
  if (i !== args.length) throw new Error(`${format}: ${args.length} arguments for ${i} conversions`);
  return out;
}

// ---- how sshd writes a row ----
export const A = '192.0.2.1';
export const SSH_ERR = 'incomplete message'; // one of ssh_err()'s texts

/** The level prefixes sshd may put before a row's message (log.c: "error: ", "fatal: "; logdie() logs without). */
export function prefixes(level: string): string[] {
  if (level === 'FATAL') return ['fatal: '];
  if (level === 'ERROR') return ['error: '];
  if (['INFO', 'VERBOSE', 'INFO(disconnect)', 'INFO|VERBOSE(auth_log)'].includes(level)) return [''];
  if (level === 'ERROR(die)' || /ERROR/.test(level)) return ['', 'error: '];
  if (/INFO|VERBOSE/.test(level)) return [''];
  return ['', 'error: ']; // a level held in a variable (ll, level, loglevel): either
}

export interface Instance { args: (string | number)[]; func?: string; preauth?: boolean; errText?: string; users?: boolean }

/** The messages sshd writes for one row: level prefix, function prefix, ssh_err suffix, disconnect wrapper, [preauth]. */
export function messages(version: Version, row: Row, c: Instance): string[] {
  let body = render(row.format, c.args);
  if (row.funcPrefix) body = `${c.func}: ${body}`;
  if (row.errSuffix) body += `: ${c.errText ?? SSH_ERR}`;
  let forms: string[];
  if (row.level === 'INFO(disconnect)') {
    forms = version === '7.2p2' ? [`Disconnecting: ${body}`]
      : [`Disconnecting ${A} port 22: ${body}`, ...(c.users === false ? [] : [`Disconnecting authenticating user root ${A} port 22: ${body}`, `Disconnecting invalid user x y ${A} port 22: ${body}`])];
  } else forms = prefixes(row.level).map((p) => p + body);
  return c.preauth ? forms.flatMap((f) => [f, `${f} [preauth]`]) : forms;
}

/** 10.x splits the server: sshd listens, sshd-session and sshd-auth handle a connection; sftp-server is its own program. */
export const program = (version: Version, row: Row) => (row.file === 'sftp-server.c' ? 'sftp-server'
  : version !== '10.5p1' || row.file === 'sshd.c' ? 'sshd' : row.file === 'sshd-auth.c' ? 'sshd-auth' : 'sshd-session');

// ---- sample values, chosen from the format's own wording ----
type Conv = { conv: string; expr?: string };
type Piece = { lit: string } | { group: Conv[] };
export function pieces(toks: Token[]): Piece[] {
  const out: Piece[] = [];
  for (const t of toks) {
    if ('lit' in t) out.push(t);
    else { const last = out.at(-1); if (last && 'group' in last) last.group.push(t); else out.push({ group: [t] }); }
  }
  return out;
}
export interface Context { left: string; right: string; atEnd: boolean; lw: string; quote: string | null; bracket: boolean; first: boolean }
const lastWord = (s: string) => (s.toLowerCase().match(/([a-z_0-9]+)[^a-z_0-9]*$/) ?? ['', ''])[1];
export function contextOf(ps: Piece[], i: number): Context {
  const lit = (p: Piece | undefined) => (p && 'lit' in p ? p.lit : '');
  const left = lit(ps[i - 1]), right = lit(ps[i + 1]);
  const atEnd = i === ps.length - 1 || (i === ps.length - 2 && /^[.!)\]]*$/.test(right));
  const quote = /["']$/.test(left) && right[0] === left.at(-1) ? left.at(-1)! : null;
  return { left, right, atEnd, lw: lastWord(left), quote, bracket: /\[$/.test(left) && /^\]/.test(right), first: i === 0 };
}
const HOST_WORDS = new Set(['from', 'host', 'by', 'originator', 'peer', 'rhost', 'ip', 'address', 'target', 'to', 'on', 'connecting', 'listen', 'client']);

/** What a conversion holds, read from the words around it: the catalog types its field the same way. */
export function kindOf(group: Conv[], ctx: Context, file: string): string {
  const single = group.length === 1, c = group[0].conv;
  if (file === 'servconf.c' && single && 'sm'.includes(c)) return 'word'; // configuration tokens
  if (ctx.first && !ctx.atEnd && single && 'sm'.includes(c)) return ctx.quote ? 'quoted' : 'keyword';
  if (single && 'diu'.includes(c)) return ctx.lw === 'port' && /port\s*$/i.test(ctx.left) ? 'port' : 'uint';
  if (single && 'xXofFeEgGcp'.includes(c)) return 'word';
  if (!single) return ctx.quote ? 'quoted' : 'text';
  if (ctx.quote) return 'quoted';
  if (ctx.bracket) return 'host';
  if (ctx.lw === 'port' && /port\s*$/i.test(ctx.left)) return 'port';
  if (/(rhost=|host=|ip=)$/.test(ctx.left)) return 'host';
  const hostEnd = ctx.atEnd || /^( port|[ ,.:;)\]]|$)/.test(ctx.right);
  if (/ $/.test(ctx.left) && HOST_WORDS.has(ctx.lw) && hostEnd && !/user $/.test(ctx.left)) return 'host';
  if (['user', 'username', 'login'].includes(ctx.lw) && / $/.test(ctx.left)) return 'user';
  if (ctx.lw === 'for' && /^ from /.test(ctx.right)) return 'user';
  if (ctx.atEnd && / (at|file|request) $/.test(ctx.left)) return 'word';
  if (ctx.atEnd) return 'text';
  return ctx.right[0] === ' ' ? 'word' : 'text';
}

/** Realistic values and, for client-typed text, hostile ones. */
export const SAMPLE: Record<string, string | number> = {
  port: 2222, uint: 42, host: '192.0.2.7', user: 'alice', quoted: '/home/alice/my file', text: 'No such file or directory',
  word: 'sample', keyword: 'AuthorizedKeysCommand',
};
const CONFIG_FILE = '/etc/ssh/sshd_config';
const WORD_FOR_CONV: Record<string, string> = { o: '755', x: 'ff', X: 'FF', f: '1.500', F: '1.500', e: '1.500', E: '1.500', g: '1.5', G: '1.5', c: 'x', p: '0x5581a2c0' };

/**
 * The message body of a row, split off its function: the "%s: " of __func__ in old formats (when `functions`
 * names it) or the function's own name written into the literal.
 */
export function bodyOf(row: Row, functions: string[]): { toks: Token[]; funcArg: boolean } {
  let toks = parseFormat(row.format);
  if (row.level === 'INFO(disconnect)' || row.funcPrefix || !functions.length) return { toks, funcArg: false };
  const t0 = toks[0], t1 = toks[1];
  if (t0 && 'conv' in t0 && t0.conv === 's' && (!t0.expr || t0.expr === '__func__') && t1 && 'lit' in t1 && t1.lit.startsWith(': ')) {
    toks = toks.slice(2);
    if (t1.lit.length > 2) toks.unshift({ lit: t1.lit.slice(2) });
    return { toks, funcArg: true };
  }
  const fn = functions.find((f) => t0 && 'lit' in t0 && t0.lit.startsWith(`${f}: `));
  if (fn && t0 && 'lit' in t0) toks = [{ lit: t0.lit.slice(fn.length + 2) }, ...toks.slice(1)].filter((t) => !('lit' in t) || t.lit);
  return { toks, funcArg: false };
}

/** Arguments for every conversion of a row; `override` replaces the value of one kind (e.g. hostile user names). */
export function sampleArgs(row: Row, functions: string[], override: Partial<Record<string, string>> = {}): { args: (string | number)[]; kinds: string[] } {
  const { toks, funcArg } = bodyOf(row, functions);
  const args: (string | number)[] = [], kinds: string[] = [];
  if (funcArg) { args.push(functions[0]); kinds.push('function'); }
  const ps = pieces(toks);
  let hosts = 0;
  ps.forEach((p, i) => {
    if ('lit' in p) return;
    const ctx = contextOf(ps, i);
    const kind = kindOf(p.group, ctx, row.file);
    p.group.forEach((c, j) => {
      kinds.push(p.group.length > 1 ? 'part' : kind);
      if (c.expr === '__func__') return void args.push(functions[0] ?? 'do_something');
      if (c.expr) return void args.push('x');
      if (p.group.length > 1) return void args.push('diu'.includes(c.conv) ? 7 : `x${j + 1}`);
      if (kind === 'port') return void args.push('diu'.includes(c.conv) ? SAMPLE.port : String(SAMPLE.port));
      if (kind === 'host') return void args.push(ctx.bracket ? '2001:db8::7' : hosts++ ? '198.51.100.2' : SAMPLE.host);
      if (kind === 'word' && WORD_FOR_CONV[c.conv]) return void args.push(WORD_FOR_CONV[c.conv]);
      if (kind === 'word' && i === 0 && row.file === 'servconf.c' && /^:? line /.test(ctx.right)) return void args.push(CONFIG_FILE);
      args.push(override[kind] ?? SAMPLE[kind]);
    });
  });
  return { args, kinds };
}
