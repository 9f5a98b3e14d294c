// Every export is checked for its syntax and, where its regex dialect is compatible with V8's (grok and
// Fluent Bit: Oniguruma/Onigmo; Vector: Rust regex), its patterns are compiled here and must classify
// every catalog example as its own entry, yielding the matcher's field values. The real engines are
// exercised in test/external-engines.test.ts (liblognorm, syslog-ng).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frameLine } from '../host/export/syslog-framing.js';
import { findCatalogFiles, loadCatalog, type CatalogEntry, type CatalogExample } from '../host/compile/load.js';
import { exportFluentBit } from '../host/export/fluent-bit.js';
import { exportGrok, grokName } from '../host/export/grok.js';
import { exportLiblognorm } from '../host/export/liblognorm.js';
import { exportPatterndb } from '../host/export/patterndb.js';
import { exportVrl } from '../host/export/vrl.js';
import { EXPORT_FORMATS } from '../host/export/formats.js';
import { projectCatalog } from './support/catalog.js';
import { spaceLines } from './support/space-lines.js';

const catalog = projectCatalog();
const examples = catalog.entries.flatMap((e) => e.examples.map((x) => ({ e, x })));
/** Lines whose spaces the module reads as issue 12 item 4 asks, with its answers: the exports must agree. */
const SPACE_LINES = spaceLines();
const HEADER = 'Nov 25 10:00:01 gw ';

/** The fields an example must yield from an export: the entry's own fields (not derived .ip/.domain). */
const expectedFields = (e: CatalogEntry, x: CatalogExample) =>
  Object.fromEntries(e.fields.filter((f) => f.name in x.fields).map((f) => [f.name, String(x.fields[f.name])]));

/** Renames named groups to JS-safe unique names; returns the regex and group -> field name. */
function jsGroups(source: string, nameOf: (group: string) => string): { re: RegExp; fields: Map<string, string> } {
  const fields = new Map<string, string>();
  let k = 0;
  const js = source.replace(/\(\?P?<([^>=!][^>]*)>/g, (_m, name: string) => { const g = `h${k++}`; fields.set(g, nameOf(name)); return `(?<${g}>`; });
  return { re: new RegExp(js), fields };
}

function captured(m: RegExpExecArray, fields: Map<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [g, name] of fields) if (m.groups![g] !== undefined && !(name in out)) out[name] = m.groups![g];
  return out;
}

describe('grok export', () => {
  const text = exportGrok(catalog);
  const defs = new Map(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));
  const expand = (p: string, fieldOf: string[], depth = 0): string => {
    if (depth > 10) throw new Error('grok pattern recursion');
    return p.replace(/%\{(\w+)(?::([^}]+))?\}/g, (_m, name: string, field?: string) => {
      const body = defs.get(name);
      if (body === undefined) throw new Error(`undefined grok pattern ${name}`);
      const inner = expand(body, fieldOf, depth + 1);
      if (!field) return `(?:${inner})`;
      fieldOf.push(field);
      return `(?<f${fieldOf.length - 1}>${inner})`;
    });
  };
  const compiled = catalog.entries.map((e) => {
    const fieldOf: string[] = [];
    const src = expand(defs.get(grokName(e.id))!, fieldOf);
    return { e, ...jsGroups(src, (g) => (/^f\d+$/.test(g) ? fieldOf[Number(g.slice(1))] : g)) };
  });

  it('defines one pattern per entry, and every pattern expands to a valid regex', () => {
    for (const e of catalog.entries) expect(defs.has(grokName(e.id)), e.id).toBe(true);
    expect(compiled).toHaveLength(catalog.entries.length);
  });

  it.each(examples)('classifies $x.line as its entry with its fields', ({ e, x }) => {
    const hits = compiled.filter((c) => c.re.test(x.line)).map((c) => c.e.id);
    expect(hits).toEqual([e.id]);
    const c = compiled.find((c) => c.e === e)!;
    const got = captured(c.re.exec(x.line)!, c.fields);
    expect(Object.fromEntries(e.fields.filter((f) => got[f.name] !== undefined).map((f) => [f.name, got[f.name]]))).toEqual(expectedFields(e, x));
  });

  it('reads a Tectia message under sshd[pid]: as the Tectia entry, not under sshd-session', () => {
    expect(compiled.filter((c) => c.re.test(`${HEADER}sshd[411]: Logout for user alice.`)).map((c) => c.e.id)).toEqual(['tectia.session.logout']);
    expect(compiled.filter((c) => c.re.test(`${HEADER}sshd-session[411]: Logout for user alice.`)).map((c) => c.e.id)).toEqual([]);
  });

  it.each(SPACE_LINES)('reads the spaces of $line as the module does', ({ line, e, fields }) => {
    expect(compiled.filter((c) => c.re.test(line)).map((c) => c.e.id)).toEqual([e.id]);
    const c = compiled.find((c) => c.e === e)!;
    const got = captured(c.re.exec(line)!, c.fields);
    expect(Object.fromEntries(e.fields.filter((f) => got[f.name] !== undefined).map((f) => [f.name, got[f.name]]))).toEqual(fields);
  });
});

describe('Fluent Bit export', () => {
  const text = exportFluentBit(catalog);
  const parsers = text.split('[PARSER]').slice(1).map((block) => {
    const get = (k: string) => new RegExp(`^    ${k} +(.*)$`, 'm').exec(block)?.[1];
    return { name: get('Name')!, format: get('Format'), regex: get('Regex')!, types: get('Types') };
  });
  const groupToField = new Map(catalog.entries.flatMap((e) => e.fields.map((f) => [f.name.replace(/[^A-Za-z0-9]/g, '_'), f.name])));
  const compiled = parsers.map((p) => ({ ...p, ...jsGroups(p.regex, (g) => groupToField.get(g) ?? g) }));

  it('has one regex parser per entry, named by its id, with typed numeric fields', () => {
    expect(parsers.map((p) => p.name)).toEqual(catalog.entries.map((e) => e.id));
    for (const p of parsers) {
      expect(p.format).toBe('regex');
      expect(p.types).toMatch(/^(\w+:integer ?)+$/);
    }
  });

  it.each(examples)('classifies $x.line as its entry with its fields', ({ e, x }) => {
    expect(compiled.filter((c) => c.re.test(x.line)).map((c) => c.name)).toEqual([e.id]);
    const c = compiled.find((c) => c.name === e.id)!;
    const got = captured(c.re.exec(x.line)!, c.fields);
    expect(Object.fromEntries(e.fields.filter((f) => got[f.name] !== undefined).map((f) => [f.name, got[f.name]]))).toEqual(expectedFields(e, x));
  });

  it('reads a Tectia message under sshd[pid]: as the Tectia entry, not under sshd-session', () => {
    expect(compiled.filter((c) => c.re.test(`${HEADER}sshd[411]: Logout for user alice.`)).map((c) => c.name)).toEqual(['tectia.session.logout']);
    expect(compiled.filter((c) => c.re.test(`${HEADER}sshd-session[411]: Logout for user alice.`)).map((c) => c.name)).toEqual([]);
  });

  it.each(SPACE_LINES)('reads the spaces of $line as the module does (an empty value aside)', ({ line, e, fields }) => {
    expect(compiled.filter((c) => c.re.test(line)).map((c) => c.name)).toEqual([e.id]);
    const c = compiled.find((c) => c.name === e.id)!;
    const got = captured(c.re.exec(line)!, c.fields);
    // Skip_Empty_Values (on: it drops the branch not taken) drops an empty user name too (docs/exporters.md)
    const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
    expect(Object.fromEntries(e.fields.filter((f) => got[f.name] !== undefined && got[f.name] !== '').map((f) => [f.name, got[f.name]]))).toEqual(kept);
  });
});

describe('Vector VRL export', () => {
  const text = exportVrl(catalog);
  const blocks = [...text.matchAll(/^# ([a-z0-9.-]+): .*\n.*\n {2}m, err = parse_regex\(ssh_message, r'((?:[^'\\]|\\.)*)'\)/gm)].map((m) => ({ id: m[1], regex: m[2] }));
  const assigned = (id: string) => {
    const block = text.slice(text.indexOf(`# ${id}:`)).split('\n# ')[0];
    return [...block.matchAll(/if m\.(\w+) != null \{ \.([\w."]+) = /g)].map((m) => [m[1], m[2].replace(/"/g, '')] as const);
  };

  it('has one parse_regex block per entry and balanced braces', () => {
    expect(blocks.map((b) => b.id)).toEqual(catalog.entries.map((e) => e.id));
    // braces a template has as literal text are escaped in the regex, and comments quote templates as they are
    const code = text.split('\n').filter((l) => !l.startsWith('#')).join('\n').replace(/\\[{}]/g, '');
    const opens = (code.match(/\{/g) ?? []).length - (code.match(/\{\d*,?\d*\}/g) ?? []).length;
    const closes = (code.match(/\}/g) ?? []).length - (code.match(/\{\d*,?\d*\}/g) ?? []).length;
    expect(opens).toBe(closes);
    expect(text).not.toMatch(/\(\?[=!<]/); // Rust regex has no look-around
  });

  it.each(examples)('classifies the message of $x.line as its entry with its fields', ({ e, x }) => {
    const framed = frameLine(x.line, (p) => catalog.families.some((f) => f.programs.includes(p)));
    const message = x.line.slice(framed.message);
    const compiled = blocks.map((b) => ({ id: b.id, ...jsGroups(b.regex, (g) => g) }));
    expect(compiled.filter((c) => c.re.test(message)).map((c) => c.id)).toEqual([e.id]);
    const c = compiled.find((c) => c.id === e.id)!;
    const m = c.re.exec(message)!;
    const byGroup = captured(m, c.fields);
    const got: Record<string, string> = {};
    for (const [group, field] of assigned(e.id)) if (byGroup[group] !== undefined) got[field] = byGroup[group];
    expect(got).toEqual(expectedFields(e, x));
  });

  it('tries the Tectia entries for sshd lines (Tectia 3.x was installed as sshd)', () => {
    expect(text).toContain('ssh_family_tectia = ssh_program == null || includes(["sshd2","ssh-server-g3","sshd"], ssh_program)');
  });

  it.each(SPACE_LINES)('reads the spaces of $line as the module does', ({ line, e, fields }) => {
    // the program removes the spaces that end the message before its regexes
    expect(text).toContain(`ssh_message = replace(ssh_message, r' +$', "")`);
    const framed = frameLine(line, (p) => catalog.families.some((f) => f.programs.includes(p)));
    const message = line.slice(framed.message).replace(/ +$/, '');
    const compiled = blocks.map((b) => ({ id: b.id, ...jsGroups(b.regex, (g) => g) }));
    expect(compiled.filter((c) => c.re.test(message)).map((c) => c.id)).toEqual([e.id]);
    const c = compiled.find((c) => c.id === e.id)!;
    const byGroup = captured(c.re.exec(message)!, c.fields);
    const got: Record<string, string> = {};
    for (const [group, field] of assigned(e.id)) if (byGroup[group] !== undefined) got[field] = byGroup[group];
    expect(got).toEqual(fields);
  });
});

/** A small XML well-formedness check: balanced tags, known entities, no stray '<' or '&'. */
function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  const body = text.replace(/^<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, (c) => { if (c.slice(4, -3).includes('--')) problems.push('"--" inside a comment'); return ''; });
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos);)/g;
  for (const m of body.matchAll(re)) {
    if (m[0] === '<') { problems.push(`stray '<' at ${m.index}`); continue; }
    if (m[0].startsWith('&')) { problems.push(`bad entity at ${m.index}`); continue; }
    if (m[4]) continue;
    if (!m[1]) stack.push(m[2]);
    else if (stack.pop() !== m[2]) problems.push(`</${m[2]}> does not close the open element`);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(', ')}`);
  return problems;
}

describe('patterndb export', () => {
  const text = exportPatterndb(catalog);
  it('is well-formed XML with one rule per entry, its examples and test values', () => {
    expect(xmlProblems(text)).toEqual([]);
    expect(xmlProblems('<a><b></a>')).not.toEqual([]); // the check itself can fail
    for (const e of catalog.entries) expect(text).toContain(`<rule provider="ssh-log-matcher" id="${e.id}"`);
    expect((text.match(/<test_message /g) ?? []).length).toBeGreaterThan(examples.length * 0.9);
    expect(text).toMatch(/<test_value name="user\.name">bob<\/test_value>/);
  });
});

describe('liblognorm export', () => {
  const text = exportLiblognorm(catalog);
  it('is a v2 rulebase: rules tagged with entry ids, JSON field descriptions that parse', () => {
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toBe('version=2');
    for (const l of lines.slice(1)) expect(l, l).toMatch(/^(rule=[a-z0-9.-]+:|type=@[\w-]+:)/);
    const tags = new Set(lines.filter((l) => l.startsWith('rule=')).map((l) => l.slice(5, l.indexOf(':'))));
    expect([...tags].sort()).toEqual(catalog.entries.map((e) => e.id).sort());
    for (const spec of text.matchAll(/%(\{.*?\})%/g)) expect(() => JSON.parse(spec[1]), spec[1]).not.toThrow();
  });
});

it('every export format is registered for the CLI and deterministic', () => {
  for (const [name, fn] of Object.entries(EXPORT_FORMATS)) expect(fn(catalog), name).toBe(fn(loadCatalog(findCatalogFiles('catalog'))));
  expect(Object.keys(EXPORT_FORMATS).sort()).toEqual(['fluent-bit', 'grok', 'liblognorm', 'patterndb', 'vrl']);
});

describe('export subcommand', () => {
  const cli = (args: string[]) => spawnSync('node', ['dist/node/cli/main.js', 'export', ...args], { encoding: 'utf8' });
  const dir = mkdtempSync(join(tmpdir(), 'slm-export-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes each format to stdout or --out, the same text as the exporter', () => {
    expect(cli(['--format', 'grok']).stdout).toBe(exportGrok(catalog));
    const out = join(dir, 'ssh.rulebase');
    const r = cli(['--format', 'liblognorm', '--out', out]);
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(exportLiblognorm(catalog));
  });

  it('rejects an unknown format or an unwritable file with one line on stderr and exit code 2', () => {
    const bad = cli(['--format', 'splunk']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("ssh-log-matcher: unknown export format 'splunk' (one of: liblognorm, patterndb, grok, fluent-bit, vrl)\n");
    const unwritable = cli(['--format', 'vrl', '--out', join(dir, 'no/such/dir/x.vrl')]);
    expect(unwritable.status).toBe(2);
    expect(unwritable.stderr).toMatch(/^ssh-log-matcher: cannot write .*x\.vrl: no such file or directory\n$/);
  });
});
