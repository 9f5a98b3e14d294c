// One owner per rule (issue 15, item 2): the field types' facts live in host/compile/field-types.ts, the pid
// rule and the line limit in host/compile/abi.ts, the too-long result in host/binding/too-long.ts. The
// others ask them; these tests hold every user to the owner's answer and keep second copies out of the tree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createComponentMatcher, type ComponentMatcher } from '../host/binding/index.js';
import { MAX_LINE_BYTES as COMPONENT_LIMIT } from '../host/binding/component.js';
import { toEcsDocument } from '../host/binding/index.js';
import { MAX_LINE_BYTES, PID_MAX_DIGITS, PID_NUMBER_MAX_DIGITS } from '../host/compile/abi.js';
import { documentPlan } from '../host/compile/document-plan.js';
import { FIELD_TYPES, MAX_LENGTH, TYPE_REGEX, writesNumber } from '../host/compile/field-types.js';
import { exportFluentBit } from '../host/export/fluent-bit.js';
import { headerPattern } from '../host/export/regex.js';
import { exportVrl } from '../host/export/vrl.js';
import { newMatcher, projectCatalog } from './support/catalog.js';

const catalog = projectCatalog();
const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = join(dir, f);
  return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
});
const TYPE = `'(?:${FIELD_TYPES.join('|')})'`;

describe('field types: one owner (host/compile/field-types.ts)', () => {
  it('no other module of the compiler, the exporters or the run-time code groups field types by name', () => {
    // A group of types (`type === 'port' || type === 'uint'`, `['host', 'ip'].includes(type)`) is a fact
    // about types, and those are the owner's. One type named alone (`case 'port':` translating it into a
    // target's vocabulary, `type === 'rest'`) is not a second copy of anything.
    const named = new RegExp(`\\b(?:type|t)\\s*[!=]==\\s*(${TYPE})|\\[\\s*(${TYPE}(?:\\s*,\\s*${TYPE})+)\\s*\\]`, 'g');
    const groups = (l: string) => new Set([...l.matchAll(named)].flatMap((m) => (m[1] ?? m[2]).split(/\s*,\s*/))).size > 1;
    const offenders = ['host/compile', 'host/export', 'host/binding', 'host/sidecar', 'host/cli']
      .flatMap(files).filter((f) => !f.endsWith('field-types.ts'))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').flatMap((l, i) => (groups(l) ? [`${f}:${i + 1}: ${l.trim()}`] : [])));
    expect(offenders).toEqual([]);
  });

  it('a number in the document plan is a number in the VRL program and an integer in the Fluent Bit parsers', () => {
    const vrl = exportVrl(catalog), fb = exportFluentBit(catalog);
    let numbers = 0;
    for (const e of catalog.entries) {
      const plan = new Map(documentPlan(e).flatMap((l) => (l.source.kind === 'field' ? [[l.path, l.source.numeric]] : [])));
      const parser = fb.slice(fb.indexOf(`Name        ${e.id}\n`)).split('\n').find((l) => l.startsWith('    Types'))!;
      for (const f of e.fields) {
        expect([e.id, f.name, plan.get(f.name)]).toEqual([e.id, f.name, writesNumber(f)]);
        expect([e.id, f.name, parser.includes(` ${f.name.replace(/[^A-Za-z0-9]/g, '_')}:integer`)]).toEqual([e.id, f.name, writesNumber(f)]);
        if (writesNumber(f)) numbers++;
      }
    }
    expect(numbers).toBeGreaterThan(100);
    // Every capture VRL writes (a field may be captured twice) converts to an integer exactly when the field is a number.
    const entry = new Map(catalog.entries.map((e) => [e.id, e]));
    let id = '';
    for (const l of vrl.split('\n')) {
      const head = /^# ([^:]+):/.exec(l);
      if (head) { id = head[1]; continue; }
      const m = /^\s+if m\.\S+ != null \{ \.(\S+) = (to_int!\()?m\./.exec(l);
      if (!m) continue;
      const f = entry.get(id)!.fields.find((x) => x.name.split('.').map((s) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? s : JSON.stringify(s))).join('.') === m[1])!;
      expect([id, f.name, m[2] !== undefined]).toEqual([id, f.name, writesNumber(f)]);
    }
  });

  it("each type's regex keeps to the type's longest value", () => {
    for (const [type, max] of Object.entries(MAX_LENGTH) as [keyof typeof MAX_LENGTH, number][]) {
      if (type !== 'uint' && type !== 'keyword' && type !== 'port') continue; // addresses: by shape, not by length
      const re = new RegExp(`^${TYPE_REGEX[type]}$`);
      const longest = type === 'port' ? '65535' : '1'.repeat(max);
      expect([type, re.test(longest), re.test(longest + '1')]).toEqual([type, true, false]);
    }
  });
});

describe('the port scanner (assembly/matcher/fields.ts runPort) reads a port as its type\'s regex does', () => {
  let comp: ComponentMatcher;
  beforeAll(async () => { comp = await createComponentMatcher(); });
  const raw = newMatcher();
  const port = new RegExp(`^${TYPE_REGEX.port}$`);

  it('at every length, before every kind of byte and at the line\'s end, in the raw module and the component alike', () => {
    // runPort reads one word: its digits, the limit of five, and what follows them, wherever they stand.
    const values = ['0', '7', '22', '080', '00080', '8022', '65535', '65536', '99999', '123456', '1234567', '12345678', '4294967296'];
    const after = ['', ' [preauth]', ':11: Bye', 'x', '/', ' 1', '\u00e9'];
    let matched = 0;
    for (const v of values) for (const a of after) {
      const line = `sshd[1]: Connection closed by 10.0.0.1 port ${v}${a}`;
      const r = raw.matchDetailed(line);
      const got = r.event?.id === 'openssh.connection.closed' ? r.event.fields['source.port'] : null;
      // The entry takes the port when the regex takes it and what follows is its optional " [preauth]".
      const want = port.test(v) && (a === '' || a === ' [preauth]') ? Number(v) : null;
      expect([line, got]).toEqual([line, want]);
      expect([line, comp.matchDetailed(line).event?.fields['source.port'] ?? null]).toEqual([line, r.event?.fields['source.port'] ?? null]);
      if (got !== null) matched++;
    }
    expect(matched).toBe(2 * values.filter((v) => port.test(v)).length);
  });
});

describe('the pid rule and the line limit: one owner (host/compile/abi.ts)', () => {
  let comp: ComponentMatcher;
  beforeAll(async () => { comp = await createComponentMatcher(); });
  const raw = newMatcher();
  const line = (digits: number) => `sshd[${'7'.repeat(digits)}]: Accepted password for root from 10.0.0.1 port 22 ssh2`;

  it('every host reads a pid alike: recognised up to PID_MAX_DIGITS digits, a number up to PID_NUMBER_MAX_DIGITS', () => {
    let k = 0; // the header names its pid in three framings: one group name each
    const header = new RegExp(`^${headerPattern(['sshd'], (name, p) => (name === 'process.pid' ? `(?<pid>${p})` : p)).replace(/\(\?<pid>/g, () => `(?<pid${k++}>`)}`);
    const pidOf = (l: string) => Object.entries(header.exec(l)?.groups ?? {}).find(([g, v]) => g.startsWith('pid') && v !== undefined)?.[1];
    for (const n of [1, PID_NUMBER_MAX_DIGITS, PID_NUMBER_MAX_DIGITS + 1, PID_MAX_DIGITS, PID_MAX_DIGITS + 1]) {
      const number = n <= PID_NUMBER_MAX_DIGITS ? Number('7'.repeat(n)) : null;
      const r = raw.matchDetailed(line(n));
      const c = comp.matchDetailed(line(n));
      const doc = toEcsDocument(r) as { process?: { pid?: number } };
      expect([n, r.header.program, r.header.pid, doc.process?.pid ?? null, c.header.pid])
        .toEqual([n, n <= PID_MAX_DIGITS ? 'sshd' : null, number, number, number]);
      expect([n, pidOf(line(n))?.length ?? 0]).toEqual([n, n <= PID_MAX_DIGITS ? n : 0]); // the exporters' header
    }
  });

  it('every binding has the modules\' limit; a too-long line is one result, in both', () => {
    expect(raw.core.inputCapacity).toBe(MAX_LINE_BYTES);
    expect(COMPONENT_LIMIT).toBe(MAX_LINE_BYTES);
    const long = 'Accepted password for root from 10.0.0.1 port 22 ssh2 ' + 'x'.repeat(MAX_LINE_BYTES) + '\r';
    const plain = (r: object) => JSON.parse(JSON.stringify(r));
    expect(plain(comp.matchDetailed(long))).toEqual(plain(raw.matchDetailed(long)));
    expect(raw.matchDetailed(long)).toMatchObject({ status: 'too-long', line: long.slice(0, -1), event: null, message: null });
    expect(toEcsDocument(comp.matchDetailed(long))).toEqual(toEcsDocument(raw.matchDetailed(long)));
  });
});
