// Turns a catalog entry's template into a regular expression with the matcher's semantics, for the regex
// baselines (V8) and the regex-based exporters (grok and Fluent Bit: Onigmo/Joni; Vector: Rust `regex`).
// One generator, so no regex is ever typed by hand beside the catalog.
//
// How the matcher's rules map onto a backtracking regex engine:
// - Variable fields are greedy and the engine backtracks: `(?<f>[^\n]+)` tries the longest value first,
//   like the matcher, so the rightmost server-written part wins.
// - An optional part right after a field wins over the field: `<f>[ OPT]REST` becomes
//   `(?:F OPT|F)REST` (every value of the field with the optional part, then every value without it),
//   which is exactly the matcher's order. The field is captured twice, under two group names. The same
//   holds across the end of an enclosing optional part: `[A<f>][B]` becomes `(?:A F B|A F|(?:B)?)`. (A
//   field nested two optional parts deep before an optional part is not rewritten.)
// - A run of spaces is possessive in the matcher (the next element never starts with a space):
//   ` +(?! )`. Rust's `regex` has no look-around, so the `rust` dialect writes ` +` (documented). A space
//   right before a field that may hold spaces takes exactly one (variants.ts exactSpaces): ` `, and the
//   field keeps the rest of a run. A user name may be empty.
// - The matcher sets the spaces that end a message aside (a collector's, never sshd's): messageEnd lets
//   them follow what the template matched, which must itself not end in a space.
// - Each field type's regex is the type's own (host/compile/field-types.ts TYPE_REGEX).
import type { CatalogEntry, CatalogField } from '../compile/load.js';
import { TYPE_REGEX, type FieldType } from '../compile/field-types.js';
import { PID_MAX_DIGITS } from '../compile/abi.js';
import type { TemplateNode } from '../compile/template.js';
import { exactSpaces } from './variants.js';

export type Dialect = 'js' | 'onig' | 'rust';

/** The regex of one field type (no group): the type's own (host/compile/field-types.ts). */
export const typePattern = (type: FieldType): string => TYPE_REGEX[type];

// Escaped in every dialect; '-', '/' and '#' are left alone (Rust rejects `\/`, JS with /u rejects `\-`).
const SPECIAL = /[\\^$.|?*+()[\]{}]/g;
export const escapeLiteral = (s: string) => s.replace(SPECIAL, (c) => `\\${c}`);

export interface Capture { group: string; field: CatalogField }
export interface EntryPattern { source: string; captures: Capture[] }

export interface PatternOptions {
  dialect: Dialect;
  /** Group name of a field; `n` counts earlier captures of the same field (0, then 1 in the second branch). */
  groupName: (field: CatalogField, n: number) => string;
  /** Wraps a field's pattern (grok writes `%{TYPE:name}`); default `(?<group>pattern)`. */
  capture?: (field: CatalogField, group: string, pattern: string) => string;
}

/** The message regex of an entry (no anchors), and which group holds which field. */
export function entryPattern(entry: CatalogEntry, opts: PatternOptions): EntryPattern {
  const byKey = new Map(entry.fields.map((f) => [f.key, f]));
  const seen = new Map<string, number>();
  const captures: Capture[] = [];
  const run = opts.dialect === 'rust' ? ' +' : ' +(?! )';
  const exact = exactSpaces(entry);
  const wrap = opts.capture ?? ((_f, g, p) => `(?<${g}>${p})`);
  const field = (f: CatalogField, pattern = typePattern(f.type)): string => {
    const n = seen.get(f.key) ?? 0;
    seen.set(f.key, n + 1);
    const group = opts.groupName(f, n);
    captures.push({ group, field: f });
    return wrap(f, group, pattern);
  };
  const seq = (nodes: TemplateNode[]): string => {
    let out = '';
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i];
      switch (n.kind) {
        case 'lit': out += escapeLiteral(n.text); break;
        case 'space': out += exact.has(n) ? ' ' : run; break;
        case 'alt': {
          const alts = n.options.map(escapeLiteral).join('|');
          const f = byKey.get(n.key);
          out += f ? field(f, `(?:${alts})`) : `(?:${alts})`;
          break;
        }
        case 'opt': {
          const last = n.body[n.body.length - 1];
          const next = nodes[i + 1];
          if (last?.kind === 'field' && next?.kind === 'opt') {
            // `[A<f>][B]`: the optional part after a field wins across the end of the enclosing optional
            // part: A f B, then A f, then (B)? — the matcher's order, without repeating the rest.
            const head = () => seq(n.body.slice(0, -1));
            const f = byKey.get(last.name)!;
            out += `(?:${head()}${field(f)}${seq(next.body)}|${head()}${field(f)}|(?:${seq(next.body)})?)`;
            i++;
          } else out += `(?:${seq(n.body)})?`;
          break;
        }
        case 'field': {
          const f = byKey.get(n.name)!;
          const next = nodes[i + 1];
          if (next?.kind === 'opt') {
            // the optional part wins over the field: every value with it, then every value without it
            const withOpt = field(f) + seq(next.body);
            out += `(?:${withOpt}|${field(f)})`;
            i++;
          } else out += field(f);
          break;
        }
      }
    }
    return out;
  };
  return { source: seq(entry.nodes), captures };
}

/**
 * What ends a message pattern before `$`: spaces the matcher sets aside, after text that does not end in a
 * space. Rust's `regex` has no look-behind: VRL removes them from the message first.
 */
export const messageEnd = (dialect: Dialect) => (dialect === 'rust' ? '' : '(?<! ) *');

/** A group name valid in every dialect: the ECS name with dots as `_`, a suffix for a second capture. */
export const plainGroupName = (f: CatalogField, n: number) => f.name.replace(/[^A-Za-z0-9]/g, '_') + (n ? `__${n + 1}` : '');

/**
 * The syslog header the matcher reads, as a regex that may be absent (a bare message): RFC 5424 after
 * "<PRI>1 ", RFC 3164 with a classic or RFC 3339 timestamp and with or without host name, or
 * "prog[pid]: " alone, for the given program names. `capture` names a header part (ECS name), or returns
 * null to leave it uncaptured. Malformed-header corner cases of the matcher are not reproduced.
 */
export function headerPattern(programs: string[], capture: (name: string, pattern: string) => string): string {
  const prog = capture('process.name', `(?:${programs.map(escapeLiteral).join('|')})`);
  const pid = capture('process.pid', `[0-9]{1,${PID_MAX_DIGITS}}`); // the pid rule (abi.ts)
  const host = capture('host.hostname', '[^ ]+');
  const ts3164 = '[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2}';
  const tsIso = '[0-9]{4}-[0-9]{2}-[0-9]{2}T[^ ]+';
  const sd = '(?:-|(?:\\[(?:[^"\\]]|"(?:[^"\\\\]|\\\\.)*")*\\])+)';
  const rfc5424 = `1 ${capture('log.syslog.timestamp', '[^ ]+')} ${host} ${prog} ${pid} [^ ]+ ${sd}(?: \\uFEFF?|$)`;
  const rfc3164 = `${capture('log.syslog.timestamp', `(?:${ts3164}|${tsIso})`)} (?:${host} )?${prog}(?:\\[${pid}\\])?: ?`;
  const tag = `${prog}(?:\\[${pid}\\])?: ?`;
  return `(?:<${capture('log.syslog.priority', '[0-9]{1,3}')}>)?(?:${rfc5424}|${rfc3164}|${tag})?`;
}
