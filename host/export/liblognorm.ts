// Exports the catalog as a liblognorm v2 rulebase (lognormalizer -r, rsyslog mmnormalize). Each entry
// becomes one rule per variant of its optional parts, tagged with the entry id, behind a syslog header (a
// custom type per program set, syslog-framing.ts programSets: once for each set whose lines are tried
// against its family) and once bare. Fields keep their ECS
// names as flat keys ("user.name").
//
// What liblognorm cannot express (also written into the exported file): its field parsers end at the
// FIRST occurrence of what follows them (char-to, string-to) and never give characters back, so a value
// that contains the text following it (an attacker's user name "x, coming from 10.0.0.1", a message
// "it's broken" inside quotes) ends early, where the matcher takes the rightmost place; a host name
// followed by "." ends at its first dot; a run of spaces matches one space where the reference wrote one;
// free text at the end of a message keeps the spaces that end the line (the matcher sets them aside); an
// IPv6 address right before ":<port>" takes the port's digits and does not parse; a word before a
// character other than a space may be empty. IP addresses use liblognorm's own ipv4/ipv6 parsers. As the
// matcher: runs of spaces inside a text field are kept (the field ends at the text after it), an empty
// text field is "" (a variant with an empty named literal), and a line may end in spaces (a variant with
// trailing whitespace).
import type { Catalog, CatalogEntry, CatalogField } from '../compile/load.js';
import { MAY_BE_EMPTY, HOLDS_SPACES } from '../compile/field-types.js';
import { programSets, type ProgramSet } from './syslog-framing.js';
import { entryVariants, literalAfter, type FlatNode } from './variants.js';

const json = (v: unknown) => JSON.stringify(v);
const escapeLiteral = (s: string) => s.replace(/\\/g, '\\\\').replace(/%/g, '\\x25');

function parserFor(f: CatalogField, after: string, optional: boolean): Record<string, unknown>[] {
  const name = f.name;
  const upTo = (text: string): Record<string, unknown> => (text === '' ? { type: 'rest' } : text.length === 1 ? { type: 'char-to', extradata: text } : { type: 'string-to', extradata: text });
  // A word never holds a space: char-sep stops at a space or at the next literal's first character. But
  // char-sep may be empty, and liblognorm then prefers it to the variant without an optional field, so a
  // field of an optional part uses char-to (never empty, but it may take spaces).
  const token = (): Record<string, unknown> => (after === '' || after.startsWith(' ') ? { type: 'word' }
    : optional ? { type: 'char-to', extradata: after[0] } : { type: 'char-sep', extradata: ` ${after[0]}` });
  switch (f.type) {
    case 'ipv4': return [{ name, type: 'ipv4' }];
    case 'ipv6': return [{ name, type: 'ipv6' }];
    case 'ip': return [{ name, type: 'alternative', parser: [{ name, type: 'ipv4' }, { name, type: 'ipv6' }] }];
    case 'host': return [{ name, type: 'alternative', parser: [{ name, type: 'ipv4' }, { name, type: 'ipv6' }, { name, ...token() }] }];
    case 'port': case 'uint': return [{ name, type: 'number' }];
    case 'word': case 'keyword': return [{ name, ...token() }];
    case 'user': case 'quoted': case 'text': return [{ name, ...upTo(after) }];
    case 'rest': return [{ name, type: 'rest' }];
  }
}

function field(parsers: Record<string, unknown>[]): string {
  const p = parsers[0];
  return p.type === 'alternative' ? `%${json({ type: 'alternative', parser: p.parser })}%` : `%${json(p)}%`;
}

function variantPattern(ns: FlatNode[]): string {
  let out = '';
  ns.forEach((n, i) => {
    if (n.kind === 'lit') out += escapeLiteral(n.text);
    else if (n.kind === 'spaces') out += '%-:whitespace%';
    else if (n.kind === 'alt') {
      const name = n.field?.name ?? '-';
      if (n.options.length === 1) out += n.field ? `%${json({ name, type: 'literal', text: n.options[0] })}%` : escapeLiteral(n.options[0]);
      else out += `%${json({ type: 'alternative', parser: n.options.map((text) => ({ name, type: 'literal', text })) })}%`;
    } else if (n.empty) out += `%${json({ name: n.field.name, type: 'literal', text: '' })}%`;
    else out += field(parserFor(n.field, literalAfter(ns, i), n.optional === true));
  });
  return out;
}

/**
 * Free text before a literal is read by char-to or string-to, which never match an empty value; the matcher
 * reads one (`Invalid user  from`: the user is ""). So each such field also gets the variant where it is an
 * empty named literal, which liblognorm tries first and gives up when the literal after it does not follow.
 */
function expandEmpty(ns: FlatNode[]): FlatNode[][] {
  let out: FlatNode[][] = [[]];
  ns.forEach((n, i) => {
    const may = n.kind === 'field' && MAY_BE_EMPTY.has(n.field.type) && literalAfter(ns, i) !== ''; // rest is last: never before a literal
    out = out.flatMap((v) => (may ? [[...v, n], [...v, { ...n, empty: true }]] : [[...v, n]]));
  });
  return out;
}

/**
 * Whether the variant ends in a parser that takes the rest of the message (free text at the end): it keeps
 * the spaces that end a line, where the matcher sets them aside, and no rule can follow it with whitespace.
 */
function endsInRest(ns: FlatNode[]): boolean {
  const last = ns[ns.length - 1];
  return last?.kind === 'field' && HOLDS_SPACES.has(last.field.type);
}

/** The header type of a program set (syslog-framing.ts programSets): each program is in exactly one. */
const headerType = (set: ProgramSet) => `@hdr-${set.name.replace(/\+/g, '-')}`;

/** Header forms the matcher reads, for one program set's programs (RFC 3164 variants and RFC 5424). */
function headerTypes(set: ProgramSet): string[] {
  const t = headerType(set);
  const programs = set.programs;
  const out: string[] = [];
  for (const prog of programs) {
    const p = escapeLiteral(prog);
    for (const tag of [`${p}[%-:number%]: `, `${p}: `]) {
      for (const pri of ['', '<%-:number%>']) {
        out.push(`type=${t}:${pri}%-:date-rfc3164% %-:word% ${tag}`);
        out.push(`type=${t}:${pri}%-:date-rfc3164% ${tag}`);
        out.push(`type=${t}:${pri}%-:date-rfc5424% %-:word% ${tag}`);
        out.push(`type=${t}:${pri}%-:date-rfc5424% ${tag}`);
      }
      out.push(`type=${t}:${tag}`);
    }
    for (const sd of ['-', '[%-:char-to{"extradata":"]"}%]']) {
      out.push(`type=${t}:<%-:number%>1 %-:date-rfc5424% %-:word% ${p} %-:word% %-:word% ${sd} `);
    }
  }
  return out;
}

export function exportLiblognorm(catalog: Catalog): string {
  const lines = [
    'version=2',
    '# SSH server log messages: liblognorm v2 rulebase generated by `ssh-log-matcher export --format liblognorm`',
    '# from the ssh-log-matcher catalog. Do not edit; regenerate. Event tags are the catalog entry ids.',
    '# Limits (docs/exporters.md): fields end at the FIRST occurrence of the text that follows them, where the',
    '# matcher takes the rightmost one (user names or quoted messages containing that text end early); host',
    '# names followed by "." end at their first dot; an extra space where the reference has one and an IPv6',
    '# address right before ":<port>" do not parse; free text ending a message keeps the spaces ending the line.',
    '',
  ];
  // One header type per program set, not per family: of two types that both read a header (`sshd`, listed
  // by the OpenSSH and the Tectia families) lognormalizer keeps to the first, and misses the other's rules.
  const sets = programSets(catalog);
  for (const set of sets) lines.push(...headerTypes(set), '');
  for (const e of catalog.entries) lines.push(...entryRules(e, sets.filter((s) => s.families.includes(e.family))));
  return lines.join('\n') + '\n';
}

// liblognorm merges two rules' `alternative` parsers at one node of its parse graph when their lists share a
// member, and then one of the rules no longer parses (`fatal: [a|both]: send ...` beside `fatal: [b|both]:
// parse ...`: `fatal: b: parse ...` is unparsed). So a variant is written once per choice of its
// alternatives, each choice a plain literal (named when it is a field), up to this many rules per variant;
// beyond it the alternatives stay `alternative` parsers.
const ALTERNATIVE_EXPANSION_MAX = 64;

function expandAlternatives(ns: FlatNode[]): FlatNode[][] {
  const count = ns.reduce((n, x) => (x.kind === 'alt' ? n * x.options.length : n), 1);
  if (count === 1 || count > ALTERNATIVE_EXPANSION_MAX) return [ns];
  let out: FlatNode[][] = [[]];
  for (const n of ns) {
    if (n.kind !== 'alt') { out = out.map((v) => [...v, n]); continue; }
    out = out.flatMap((v) => n.options.map((text): FlatNode[] => [...v, { ...n, options: [text] }]));
  }
  return out;
}

/** The rules of an entry: each variant behind the header of every program set of its family, and bare. */
function entryRules(e: CatalogEntry, sets: ProgramSet[]): string[] {
  const out = [`# ${e.id}: ${e.template}`];
  for (const v of entryVariants(e).flatMap(expandAlternatives).flatMap(expandEmpty)) {
    // the spaces that end a line are a collector's: the matcher sets them aside, so a rule lets them follow
    for (const body of endsInRest(v) ? [variantPattern(v)] : [variantPattern(v), `${variantPattern(v)}%-:whitespace%`]) {
      out.push(...sets.map((set) => `rule=${e.id}:%-:${headerType(set)}%${body}`), `rule=${e.id}:${body}`);
    }
  }
  return out;
}
