// Exports the catalog as a syslog-ng pattern database (patterndb v4 XML; `pdbtool test`, db-parser()).
// One ruleset per program set (syslog-framing.ts programSets), selected by its program names; in it one rule
// per entry of the families its lines are tried against (id = entry id),
// with one pattern per variant of its optional parts, and the catalog examples as <examples> with their
// <test_values>. Fields are name-value pairs named by their ECS names ("user.name"): syslog-ng's
// format-json nests dotted names, which gives ECS documents directly.
//
// Translation: @ESTRING@ up to the following literal for text fields (up to the space for a word),
// @NUMBER@ for numbers, @IPv4@ for IPv4, and @PCRE@ where the radix tree's parsers cannot express the matcher: host, IP and IPv6 fields
// (the catalog's address regex, followed by a look-ahead of the next literal, so "ws3.example.org." and
// "fe80::1:22" split like the matcher), keywords and words not followed by a space (their character
// sets), literal alternatives, and a text field followed only by the
// template's final literal ("'<message>'"), which takes the longest value with a look-ahead to the end
// of the message, as the matcher does. Not expressed: @ESTRING@ ends at the FIRST occurrence of the text
// after the field, so a value that contains that text (an attacker's user name imitating the rest of the
// template) ends early where the matcher takes the rightmost place; a single space of the reference is
// one space. Examples of either kind are left out of <examples> and listed in a comment. Variants of one
// rule may overlap (`[ ][ \[preauth\]]`): pdbtool reports a "rule conflict" between patterns of the same
// rule, which is harmless. patterndb accepts a pattern that matches only a prefix of the message, so each
// pattern ends in a @PCRE@ anchored at the end (an unnamed one for a final literal character), where only
// spaces may follow: the matcher sets the spaces that end a message aside. Runs of spaces inside a text
// field are kept (@ESTRING@ ends at the text after the field), and an empty user name is "".
import type { Catalog, CatalogEntry, CatalogExample, CatalogField } from '../compile/load.js';
import { frameLine, programSets } from './syslog-framing.js';
import { NUMBER_TYPES } from '../compile/field-types.js';
import { escapeLiteral as regexLiteral, typePattern } from './regex.js';
import { entryVariants, exampleLimit, type FlatNode } from './variants.js';

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const at = (s: string) => s.replace(/@/g, '@@');
// Inside a parser's parameters '@' always ends the parser ('@@' is not unescaped there): PCRE reads \x40.
const re = (s: string) => s.replace(/@/g, '\\x40');
// The end of a pattern: the matcher sets the spaces that end a message aside, so only spaces may follow, and
// what the pattern matched must not end in one (patterndb accepts a pattern that matches a prefix).
const END = '(?<! )(?= *$)';

function fieldParser(f: CatalogField, ns: FlatNode[], i: number): { parser: string; consumes: number; skip?: number } {
  const next = ns[i + 1];
  const after = next?.kind === 'lit' ? next.text : '';
  const isTail = next?.kind === 'lit' && i + 2 === ns.length;
  // A PCRE parser does not backtrack into the pattern after it, so its lookahead takes what it can of what
  // follows: the next literal, and a digit when a number comes next (`<path>:<line>: `: the path ends
  // before ":3", not at the last colon).
  const numberNext = (n: FlatNode | undefined) => n?.kind === 'field' && NUMBER_TYPES.has(n.field.type);
  const ahead = next === undefined ? END : next.kind === 'lit' ? regexLiteral(next.text) + (isTail ? ' *$' : numberNext(ns[i + 2]) ? '[0-9]' : '')
    : next.kind === 'spaces' ? ' ' : next.kind === 'alt' ? `(?:${next.options.map(regexLiteral).join('|')})` : '';
  const pcre = (src: string) => ({ parser: `@PCRE:${f.name}:${re(src)}@`, consumes: 0 });
  // patterndb takes a pattern that matches a prefix of the message: the last element is a PCRE ending in END
  if (next === undefined) return pcre(`${typePattern(f.type)}${END}`);
  switch (f.type) {
    case 'ipv4': return { parser: `@IPv4:${f.name}@`, consumes: 0 };
    case 'ipv6': case 'ip': case 'host': return pcre(`${typePattern(f.type)}(?=${ahead})`);
    case 'port': case 'uint': return { parser: `@NUMBER:${f.name}@`, consumes: 0 };
    case 'rest': return { parser: `@ANYSTRING:${f.name}@`, consumes: 0 };
    case 'keyword': return pcre(`${typePattern(f.type)}(?=${ahead})`);
    case 'word':
      if (after.startsWith(' ')) return { parser: `@ESTRING:${f.name}: @`, consumes: 0, skip: 1 }; // exact: a word ends at a space
      return pcre(`[^ ]+(?=${ahead})`);
    default:
      if (isTail) return pcre(`.*(?=${ahead})`);
      if (after && !after.includes('@')) return { parser: `@ESTRING:${f.name}:${after}@`, consumes: 1 }; // ESTRING skips its end text
      return pcre(`[^\\n]+(?=${ahead})`);
  }
}

function variantPattern(ns: FlatNode[]): string {
  let out = '';
  for (let i = 0; i < ns.length; i++) {
    const n = ns[i];
    const end = i === ns.length - 1 ? END : ''; // see fieldParser: the last element anchors the end
    if (n.kind === 'lit') out += end ? `${at(n.text.slice(0, -1))}@PCRE::${re(regexLiteral(n.text.slice(-1)) + END)}@` : at(n.text);
    else if (n.kind === 'spaces') out += `@PCRE:: +${end}@`;
    else if (n.kind === 'alt') out += `@PCRE:${n.field?.name ?? ''}:${re(`(?:${n.options.map(regexLiteral).join('|')})${end}`)}@`;
    else {
      const { parser, consumes, skip } = fieldParser(n.field, ns, i);
      out += parser;
      i += consumes;
      if (skip) { // the parser consumed the first characters of the next literal
        const rest = (ns[i + 1] as { text: string }).text.slice(skip);
        out += i + 2 === ns.length && rest ? `${at(rest.slice(0, -1))}@PCRE::${re(regexLiteral(rest.slice(-1)) + END)}@` : at(rest);
        i++;
      }
    }
  }
  return out;
}

function example(e: CatalogEntry, x: CatalogExample, programs: string[]): string {
  const framed = frameLine(x.line, (p) => programs.includes(p));
  const message = x.line.slice(framed.message);
  const values = e.fields.filter((f) => f.name in x.fields)
    .map((f) => `<test_value name="${xml(f.name)}">${xml(String(x.fields[f.name]))}</test_value>`).join('');
  return `        <example>\n          <test_message program="${xml(framed.program ?? programs[0])}">${xml(message)}</test_message>\n` +
    `          <test_values>${values}</test_values>\n        </example>`;
}

/** The rule of an entry in a ruleset of `programs`; `here`: the examples that ruleset tests. */
function rule(e: CatalogEntry, programs: string[], here: (x: CatalogExample) => boolean): string {
  const patterns = entryVariants(e).map((v) => `        <pattern>${xml(variantPattern(v))}</pattern>`);
  const kept = e.examples.filter((x) => exampleLimit(e, x) === null && here(x));
  const left = e.examples.filter((x) => !kept.includes(x) && here(x)).map((x) => `\n      <!-- not expressible here (${xml(exampleLimit(e, x)!).replace(/--/g, '- -')}): ${xml(x.line).replace(/--/g, '- -')} -->`);
  const values = [['event.code', e.id], ['event.action', e.event.action], ['event.outcome', e.event.outcome], ['event.category', e.event.category.join(',')], ['event.type', e.event.type.join(',')], ['log.level', e.level]]
    .map(([k, v]) => `<value name="${k}">${xml(v)}</value>`).join('');
  return [
    `    <rule provider="ssh-log-matcher" id="${xml(e.id)}" class="${xml(e.event.category[0])}">`,
    `      <!-- ${xml(e.title).replace(/--/g, '- -')}: ${xml(e.template).replace(/--/g, '- -')} -->${left.join('')}`,
    `      <patterns>\n${patterns.join('\n')}\n      </patterns>`,
    kept.length ? `      <examples>\n${kept.map((x) => example(e, x, programs)).join('\n')}\n      </examples>` : '',
    `      <values>${values}</values>`,
    `      <tags><tag>ssh</tag><tag>${xml(e.event.action)}</tag></tags>`,
    '    </rule>',
  ].filter(Boolean).join('\n');
}

export function exportPatterndb(catalog: Catalog, pubDate = '2026-11-25'): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- SSH server log messages: syslog-ng pattern database generated by the ssh-log-matcher export command',
    '     from the ssh-log-matcher catalog. Do not edit; regenerate. Rule ids are the catalog entry ids.',
    '     Limits (docs/exporters.md): @ESTRING@ fields end at the FIRST occurrence of the text that follows them,',
    '     where the matcher takes the rightmost one; address fields and final quoted texts use @PCRE@ look-aheads. -->',
    `<patterndb version="4" pub_date="${pubDate}">`,
  ];
  // One ruleset per program set, not per family: pdbtool refuses two rulesets that share a program (`sshd`,
  // listed by the OpenSSH and the Tectia families) with different program sets. An entry's rule is in
  // each set its family's lines come from; its examples in the set of their program (bare: the first).
  const sets = programSets(catalog);
  for (const set of sets) {
    out.push(`  <ruleset name="${xml(set.name)}" id="${xml(set.name)}">`);
    out.push(`    <patterns>${set.programs.map((p) => `<pattern>${xml(p)}</pattern>`).join('')}</patterns>`);
    out.push('    <rules>');
    for (const e of catalog.entries.filter((x) => set.families.includes(x.family))) {
      const mine = sets.filter((s) => s.families.includes(e.family));
      const home = (x: CatalogExample) => {
        const program = frameLine(x.line, (p) => sets.some((s) => s.programs.includes(p))).program;
        return (mine.find((s) => program !== null && s.programs.includes(program)) ?? mine[0]) === set;
      };
      out.push(rule(e, set.programs, home));
    }
    out.push('    </rules>', '  </ruleset>');
  }
  out.push('</patterndb>');
  return out.join('\n') + '\n';
}
