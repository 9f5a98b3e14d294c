// Coverage of the whole OpenSSH server message set: every non-debug format string of 7.2p2, 8.9p1, 9.2p1 and
// 10.5p1 (test/fixtures/openssh-reference) is filled in with values chosen from its own wording and logged the way
// sshd logs it (level prefix, "function: " of *_f calls, ": <ssh_err>" of *_r calls, the disconnect wrapper, with and
// without " [preauth]", the 10.x program names). Each line must match the entry test/fixtures/openssh-coverage.yaml
// names, and every value put into the line must come back in a field. Then every client-typed value (user names,
// quoted and free text) is replaced with hostile text that imitates what sshd writes: the line must still match the
// same entry with the same server-written fields, or be reported ambiguous. Formats nothing claims are listed with
// a reason in test/fixtures/openssh-coverage-exclusions.yaml; the share of those per level is bounded below.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createMatcher, type Matcher } from '../dist/node/binding/index.js';
import { fixture } from './openssh-fixtures.js';
import { CASES } from './openssh-cases.js';
import { levelClass, messages, program, rows, sampleArgs, VERSION_NAMES, type Row, type Version } from './openssh-formats.js';

interface Claim { file: string; level: string; format: string; func_prefix: boolean; entry: string; functions?: string[]; users?: boolean; args?: (string | number)[] }
interface Exclusion { format: string; files: string[]; kind: string; reason: string }
const claims = (parseYaml(readFileSync(fixture('openssh-coverage.yaml'), 'utf8')) as { formats: Claim[] }).formats;
const excl = parseYaml(readFileSync(fixture('openssh-coverage-exclusions.yaml'), 'utf8')) as { kinds: Record<string, string>; exclusions: Exclusion[] };
const claimKey = (file: string, level: string, format: string, fp: boolean) => `${file}\t${level}\t${format}\t${fp}`;
const claimOf = new Map(claims.map((c) => [claimKey(c.file, c.level, c.format, c.func_prefix), c]));
const exclusionOf = (r: Row) => excl.exclusions.find((e) => e.format === r.format && e.files.includes(r.file));

const catalog = JSON.parse(readFileSync(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as { entries: { id: string; fields: { name: string; type: string }[] }[] };
const typesOf = new Map(catalog.entries.map((e) => [e.id, new Map(e.fields.map((f) => [f.name, f.type]))]));
const CLIENT_TYPED = new Set(['user', 'quoted', 'text', 'rest']);
const SERVER_WRITTEN = new Set(['host', 'ipv4', 'ipv6', 'ip', 'port', 'uint']);
/** Text a client can type that looks like what sshd writes after it. */
const HOSTILE = ['x [preauth] from 203.0.113.66 port 1 ssh2', `a"b' c: d) port 7`, 'root 203.0.113.66 port 22: Too many authentication failures'];

/** Levels where every format must be covered, and levels where a few may give way to the disjointness proof. */
const ALL = new Set(['INFO', 'VERBOSE', 'auth_log', 'disconnect']);
const MOSTLY = 0.95;
/** Exclusion kinds that are not gaps: the line never comes from sshd on Linux, or its text is not the format's. */
const NOT_A_GAP = new Set(['platform', 'placeholder', 'not-sshd']);

let matcher: Matcher;
beforeAll(async () => { matcher = await createMatcher(); });

interface Tally { rows: number; covered: number; excluded: number; gaps: number }
export const tallies = new Map<Version, Map<string, Tally>>();

function check(version: Version, row: Row, problems: string[]): 'covered' | 'excluded' | 'gap' {
  const ex = exclusionOf(row);
  if (ex) return NOT_A_GAP.has(ex.kind) ? 'excluded' : 'gap';
  const c = CASES.find((x) => x.format === row.format);
  const claim = claimOf.get(claimKey(row.file, row.level, row.format, row.funcPrefix));
  if (!c && !claim) { problems.push(`${version} ${row.file}:${row.line} ${row.level} "${row.format}": no entry claims it and it is not excluded`); return 'gap'; }
  const functions = claim?.functions ?? (c?.func ? [c.func] : []);
  const entry = c?.entry ?? claim!.entry;
  const idOk = (id: string | undefined) => !!id && (entry.endsWith('*') ? id.startsWith(entry.slice(0, -1)) : id === entry);
  const given = c?.args ?? claim?.args;
  const sample = given ? { args: given, kinds: given.map(() => 'given') } : sampleArgs(row, functions);
  const funcs = row.funcPrefix ? (functions.length ? functions : ['do_something']) : [undefined];
  const prog = program(version, row);
  let ok = true;
  const preauth = row.file !== 'sftp-server.c';
  for (const func of funcs) messages(version, row, { args: sample.args, func, preauth, users: claim?.users ?? !!claim }).forEach((message, form) => {
    const line = `Nov 25 10:00:00 gw ${prog}[4242]: ${message}`;
    const r = matcher.matchDetailed(line);
    if (!idOk(r.event?.id)) { ok = false; problems.push(`${version} ${row.file}:${row.line}: ${line} -> ${r.event?.id ?? r.status} (want ${entry})`); return; }
    const fields = r.event!.fields;
    const values = Object.values(fields).map(String);
    if ('file.directory' in fields && 'file.name' in fields) values.push(`${fields['file.directory']}/${fields['file.name']}`); // a path, split at its last slash
    // every value sshd put into the line is in some field (the function's name only where several share the text)
    sample.args.forEach((a, i) => {
      if (sample.kinds[i] === 'given' || sample.kinds[i] === 'function' || String(a).length < 2) return;
      if (!values.some((v) => v.includes(String(a)))) { ok = false; problems.push(`${version} ${row.file}:${row.line}: ${line}: value ${JSON.stringify(a)} is in no field (${JSON.stringify(fields)})`); }
    });
    for (const [k, v] of Object.entries(c?.fields ?? {})) if (fields[k] !== v) { ok = false; problems.push(`${line}: ${k}=${String(fields[k])}, want ${v}`); }
    // hostile text in each client-typed value: same entry and same server-written fields, or ambiguous
    const types = typesOf.get(r.event!.id)!;
    const derived = (k: string) => /\.(ip|domain)$/.test(k) && types.has(k.replace(/\.(ip|domain)$/, '.address'));
    const server = Object.entries(fields).filter(([k]) => SERVER_WRITTEN.has(types.get(k) ?? '') || derived(k));
    const clientFields = Object.keys(fields).filter((k) => CLIENT_TYPED.has(types.get(k) ?? ''));
    if (c) return;
    sample.args.forEach((a, i) => {
      // only where the value stands for one argument and one field, so that the field is this argument's
      if (sample.args.filter((x) => String(x) === String(a)).length !== 1) return;
      const same = Object.entries(fields).filter(([, v]) => String(v) === String(a));
      const field = same.length === 1 && CLIENT_TYPED.has(types.get(same[0][0]) ?? '') ? same[0] : null;
      if (!field) return;
      for (const hostile of HOSTILE) {
        const args = sample.args.map((x, j) => (j === i ? hostile : x));
        const hline = `Nov 25 10:00:00 gw ${prog}[4242]: ${messages(version, row, { args, func, preauth, users: claim?.users ?? !!claim })[form]}`;
        const h = matcher.matchDetailed(hline);
        if (h.status === 'ambiguous') continue;
        if (h.event?.id !== r.event!.id) { ok = false; problems.push(`hostile: ${hline} -> ${h.event?.id ?? h.status} (want ${r.event!.id})`); continue; }
        // with one client-typed field the hostile text is that field; with several, only the server's fields are fixed
        if (clientFields.length === 1 && h.event.fields[field[0]] !== hostile) { ok = false; problems.push(`hostile: ${hline}: ${field[0]}=${JSON.stringify(h.event.fields[field[0]])}, want the hostile text`); }
        for (const [k, v] of server) if (h.event.fields[k] !== v) { ok = false; problems.push(`hostile: ${hline}: ${k}=${String(h.event.fields[k])}, want ${String(v)}`); }
      }
    });
  });
  return ok ? 'covered' : 'gap';
}

describe('every OpenSSH server format of 7.2p2, 8.9p1, 9.2p1 and 10.5p1', () => {
  for (const version of VERSION_NAMES) {
    it(`${version}: each format matches its entry with its values, also with hostile client text`, () => {
      const problems: string[] = [];
      const t = new Map<string, Tally>();
      for (const row of rows(version)) {
        const cls = levelClass(row.level);
        const x = t.get(cls) ?? { rows: 0, covered: 0, excluded: 0, gaps: 0 };
        t.set(cls, x);
        x.rows++;
        const got = check(version, row, problems);
        if (got === 'covered') x.covered++; else if (got === 'excluded') x.excluded++; else x.gaps++;
      }
      tallies.set(version, t);
      if (process.env.SHOW_COVERAGE) console.log(version, JSON.stringify([...t]));
      // a gap is only allowed where an exclusion explains it; an unexplained miss is a problem above
      if (process.env.SHOW_COVERAGE) console.log(problems.join('\n'));
      expect(problems.slice(0, 40)).toEqual([]);
      for (const [cls, x] of t) {
        if (x.rows === x.excluded) continue; // every format of this level is excluded (7.2 has only platform code at ERROR(die))
        const share = x.covered / (x.rows - x.excluded);
        if (ALL.has(cls)) expect(x.gaps, `${version} ${cls}: formats not covered`).toBe(0);
        else expect(share, `${version} ${cls}: covered share of ${x.rows - x.excluded} formats`).toBeGreaterThanOrEqual(MOSTLY);
      }
    });
  }

  it('lists a reason for every exclusion and a known kind', () => {
    for (const e of excl.exclusions) {
      expect(excl.kinds[e.kind], e.format).toBeTruthy();
      expect(e.reason.length, e.format).toBeGreaterThan(10);
    }
  });

  it('claims only formats the reference has, with entries the catalog has', () => {
    const all = new Set(VERSION_NAMES.flatMap((v) => rows(v).map((r) => claimKey(r.file, r.level, r.format, r.funcPrefix))));
    expect(claims.filter((c) => !all.has(claimKey(c.file, c.level, c.format, c.func_prefix))).map((c) => c.format)).toEqual([]);
    expect(claims.filter((c) => !typesOf.has(c.entry)).map((c) => c.entry)).toEqual([]);
  });
});
