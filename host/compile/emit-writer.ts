// Writes assembly/generated/writers.ts: each entry's ECS document (and, last, the document of lines no entry
// matched) as a function of straight code, the writer the raw module, the component and the Fluent Bit
// filter's record merge call for whole documents and enriched records. It follows the same document plan
// as the node tables of emit-document.ts (which the classify path and the merge of records that already
// hold one of our objects still walk), so both write the same bytes; the test of the writers compares them.
//
// Why code: walking a node tree per document costs a dispatch per node and per check in an interpreter
// (WAMR in Fluent Bit), about 15,000 WebAssembly instructions a line. Here every key, brace, comma and
// constant value between two values of the line is one pre-joined piece written in one copy; only
// what the line decides is tested at run time: whether a field, the PRI, the pid or a timestamp is there,
// and a comma where the members before it may all be absent.
//
// A writer is `w<k>(mode, skip)`: members of the entry's document for MODE_DOCUMENT or MODE_ENRICH,
// without the enclosing braces, each with a comma before it, leaving out every top-level member whose
// root-name bit is set in `skip` (a key the host's record already has). The caller turns the first comma
// into the opening brace, or drops it (writeMembers): so no member tests whether one was written before it,
// and a member's comma is one piece with its key.
//
// A record rarely holds one of our top-level names, and then one of a few (Fluent Bit's `{"log": ...}`, a
// syslog input's `host` and `message`): a writer tests `skip` once, and where it has no other bit only the
// members of those few names test their own.
import type { Catalog, CatalogEntry } from './load.js';
import { documentPlan, type Leaf } from './document-plan.js';
import { treeOf, isLeaf, type Tree } from './emit-document.js';
import { MODE_DOCUMENT, MODE_ENRICH, MODE_CLASSIFY } from './abi.js';

const utf8 = new TextEncoder();

/** The top-level names of every document, numbered for the `skip` mask (at most 64). */
export function rootNames(catalog: Catalog): string[] {
  const names: string[] = [];
  for (const e of [...catalog.entries, null]) {
    for (const k of treeOf(documentPlan(e)).keys()) if (!names.includes(k)) names.push(k);
  }
  if (names.length > 64) throw new Error(`writers: ${names.length} top-level names, more than a 64-bit skip mask holds`);
  return names;
}

/** Slots of the fields outside every optional part: a match always has a value for them. */
export function mandatorySlots(e: CatalogEntry | null): Set<number> {
  const slots = new Set<number>();
  for (const n of e?.nodes ?? []) {
    const key = n.kind === 'field' ? n.name : n.kind === 'alt' ? n.key : null;
    const f = key === null ? undefined : e!.fields.find((x) => x.key === key);
    if (f) slots.add(f.slot);
  }
  return slots;
}

/** Run-time condition for a leaf to have a value in this mode (null: always). */
function leafCondition(l: Leaf, mandatory: ReadonlySet<number>): string | null {
  const modes = l.modes!;
  const both = MODE_DOCUMENT | MODE_ENRICH;
  const conds: string[] = [];
  if ((modes & both) !== both) conds.push((modes & MODE_DOCUMENT) ? 'mode == MODE_DOCUMENT' : 'mode == MODE_ENRICH');
  const s = l.source;
  switch (s.kind) {
    case 'const': case 'messageOrLine': case 'status': break;
    case 'repeated': conds.push('repeated()'); break;
    case 'original': conds.push('(documentFlags & OPTION_KEEP_ORIGINAL) != 0'); break;
    case 'timestamp': conds.push('timestampPresent()'); break;
    case 'hostname': conds.push('hasSpan(R_HOSTNAME)'); break;
    case 'program': conds.push('hasSpan(R_PROGRAM)'); break;
    case 'pid': conds.push('pidValid()'); break;
    case 'level': if (s.json === '') conds.push('pri() >= 0'); break;
    case 'pri': case 'priFacility': case 'priFacilityName': case 'priSeverity': case 'priSeverityName': conds.push('pri() >= 0'); break;
    // One slot (the usual case): its own test, and the value written straight (WriterCode.leaf).
    case 'relatedIp': conds.push(s.slots.length === 1 ? `slotIsIp(${s.slots[0]})` : `anyIp(${mask(s.slots)})`); break;
    case 'relatedUser':
      if (s.slots.length !== 1) conds.push(`anySpan(${mask(s.slots)})`);
      else if (!mandatory.has(s.slots[0])) conds.push(`hasSpan(slotWord(${s.slots[0]}))`);
      break;
    case 'field': if (!mandatory.has(s.slot)) conds.push(`hasSpan(slotWord(${s.slot}))`); break;
    case 'derived': conds.push(s.shape === 'ip' ? `slotIsIp(${s.slot})` : `${mandatory.has(s.slot) ? '' : `hasSpan(slotWord(${s.slot})) && `}slotShape(${s.slot}) == SHAPE_NAME`); break;
  }
  return conds.length ? conds.join(' && ') : null;
}

/**
 * Top-level names a host's record often holds (not as an object, so its value wins over ours): a writer's
 * fast path tests only theirs.
 */
const OFTEN_IN_RECORDS = ['log', 'message', 'host', '@timestamp'];

const mask = (slots: number[]) => slots.reduce((m, x) => m | (1 << x), 0);

/**
 * The condition for a subtree to be written: one of its leaves has a value (null: always). Conditions in
 * `known` hold already (an enclosing object's test), so a leaf that needs only them needs no test.
 */
function condition(x: Tree | Leaf, known: ReadonlySet<string>, mandatory: ReadonlySet<number>): string | null {
  if (isLeaf(x)) {
    const c = leafCondition(x, mandatory);
    return c === null || known.has(c) ? null : c;
  }
  const parts: string[] = [];
  for (const c of x.values()) {
    const k = condition(c, known, mandatory);
    if (k === null) return null;
    parts.push(k);
  }
  const unique = [...new Set(parts)];
  return unique.length === 1 ? unique[0] : unique.map((k) => `(${k})`).join(' || ');
}

/** Straight code of one writer: constant text is gathered and written in pieces from the WT table. */
class WriterCode {
  lines: string[] = [];
  private pending = '';
  private indent = '  ';
  private vars = 0;
  constructor(private piece: (text: string) => [number, number], private mandatory: ReadonlySet<number>) {}

  text(s: string): void { this.pending += s; }
  flush(): void {
    if (this.pending === '') return;
    const [at, len] = this.piece(this.pending);
    this.lines.push(`${this.indent}outBytes(WT + ${at}, ${len});`);
    this.pending = '';
  }
  stmt(s: string): void { this.flush(); this.lines.push(this.indent + s); }
  open(s: string): void { this.stmt(s); this.indent += '  '; }
  close(): void { this.flush(); this.indent = this.indent.slice(2); this.lines.push(`${this.indent}}`); }
  newVar(): string { return `c${this.vars++}`; }

  leaf(l: Leaf): void {
    const s = l.source;
    switch (s.kind) {
      case 'const': this.text(s.json); break;
      case 'messageOrLine': this.stmt('writeSpan(hasSpan(R_MESSAGE) ? R_MESSAGE : R_LINE);'); break;
      case 'original': this.stmt('writeSpan(R_LINE);'); break;
      case 'timestamp': this.stmt('writeTimestamp();'); break;
      case 'hostname': this.stmt('writeSpan(R_HOSTNAME);'); break;
      case 'program': this.stmt('writeSpan(R_PROGRAM);'); break;
      case 'pid': this.stmt('outDigits(spanAt(R_PID), spanLength(R_PID));'); break;
      case 'pri': this.stmt('outU32(<u32>pri());'); break;
      case 'priFacility': this.stmt('outU32(<u32>pri() >> 3);'); break;
      case 'priFacilityName': this.stmt('writeNth(FACILITY_JSON, <u32>pri() >> 3);'); break;
      case 'priSeverity': this.stmt('outU32(<u32>pri() & 7);'); break;
      case 'priSeverityName': this.stmt('writeNth(SEVERITY_NAME_JSON, <u32>pri() & 7);'); break;
      case 'level':
        if (s.json === '') { this.stmt('writeNth(LEVEL_JSON, <u32>pri() & 7);'); break; }
        this.open('if (pri() < 0) {'); this.text(s.json); this.close();
        this.stmt('else writeNth(LEVEL_JSON, <u32>pri() & 7);');
        break;
      case 'status': this.stmt('writeNth(STATUS_JSON, load<u32>(record() + R_STATUS));'); break;
      case 'repeated': this.stmt('writeRepeated();'); break;
      case 'relatedIp':
        if (s.slots.length === 1) { this.text('['); this.stmt(`writeIp(${s.slots[0]});`); this.text(']'); }
        else this.stmt(`writeRelated(${mask(s.slots)}, true);`);
        break;
      case 'relatedUser':
        if (s.slots.length === 1) { this.text('['); this.stmt(`writeSpan(slotWord(${s.slots[0]}));`); this.text(']'); }
        else this.stmt(`writeRelated(${mask(s.slots)}, false);`);
        break;
      case 'field': this.stmt(s.numeric ? `outDigits(spanAt(slotWord(${s.slot})), spanLength(slotWord(${s.slot})));` : `${s.jsonSafe ? 'writeSafe' : 'writeSpan'}(slotWord(${s.slot}));`); break;
      // Derived values come from address fields, whose bytes never need escaping (field-types.ts JSON_SAFE).
      case 'derived': this.stmt(s.shape === 'ip' ? `writeIp(${s.slot});` : `writeSafe(slotWord(${s.slot}));`); break;
    }
  }

  /**
   * The members of an object. `comma` is what is known before the first: 'no', 'yes', or the name of a
   * variable that holds it. `known`: conditions that hold here.
   */
  members(t: Tree, comma: string, known: ReadonlySet<string>): string {
    for (const [name, x] of t) comma = this.conditionalMember(name, x, comma, known);
    return comma;
  }

  /** One member, written if its condition holds; returns the comma state after it. */
  conditionalMember(name: string, x: Tree | Leaf, comma: string, known: ReadonlySet<string>): string {
    const cond = condition(x, known, this.mandatory);
    const writeComma = () => {
      if (comma === 'yes') this.text(',');
      else if (comma !== 'no') this.stmt(`if (${comma}) outByte(0x2c);`);
    };
    if (cond === null) {
      writeComma();
      this.member(name, x, known);
      return 'yes';
    }
    if (comma === 'no') {
      // the first member that may be absent: from here on a variable knows whether one was written
      const v = this.newVar();
      this.stmt(`let ${v} = false;`);
      comma = v;
    }
    this.open(`if (${cond}) {`);
    writeComma();
    this.member(name, x, new Set([...known, cond]));
    if (comma !== 'yes') this.stmt(`${comma} = true;`);
    this.close();
    return comma;
  }

  member(name: string, x: Tree | Leaf, known: ReadonlySet<string>): void {
    this.text(`${JSON.stringify(name)}:`);
    if (isLeaf(x)) { this.leaf(x); return; }
    this.text('{');
    this.members(x, 'no', known);
    this.text('}');
  }
}

/** Code finding a name among `roots` by its length, then its bytes. */
function rootNameCode(roots: string[]): string {
  const byLength = new Map<number, number[]>();
  roots.forEach((r, i) => { const n = utf8.encode(r).length; byLength.set(n, [...(byLength.get(n) ?? []), i]); });
  const out = ['  switch (<i32>n) {'];
  for (const [n, ids] of [...byLength].sort(([a], [b]) => a - b)) {
    out.push(`    case ${n}: {`);
    for (const i of ids) {
      const bytes = [...utf8.encode(roots[i])];
      out.push(`      if (${bytes.map((b, j) => `load<u8>(p, ${j}) == ${b}`).join(' && ')}) return ${i}; // ${roots[i]}`);
    }
    out.push('      break;', '    }');
  }
  out.push('  }');
  return out.join('\n');
}

export function emitWriters(catalog: Catalog): string {
  const roots = rootNames(catalog);
  const text: number[] = [];
  const pieceAt = new Map<string, number>();
  const piece = (s: string): [number, number] => {
    const bytes = utf8.encode(s);
    let at = pieceAt.get(s);
    if (at === undefined) { at = text.length; pieceAt.set(s, at); text.push(...bytes); }
    return [at, bytes.length];
  };
  // Each top-level member is a function of its own, shared by every entry whose member is the same code
  // (log, host, the header's process fields are; event and ssh_log_matcher hold the entry's constants).
  const functions: string[] = [];
  const shared = new Map<string, string>();
  const memberFunction = (name: string, x: Tree | Leaf, mandatory: ReadonlySet<number>): string => {
    const w = new WriterCode(piece, mandatory);
    w.conditionalMember(name, x, 'yes', new Set());
    w.flush();
    const body = w.lines.join('\n');
    let fn = shared.get(body);
    if (fn === undefined) {
      fn = `m${shared.size}`;
      shared.set(body, fn);
      functions.push(`function ${fn}(mode: u32): void {`, body, '}', '');
    }
    return fn;
  };
  const often = roots.map((r, i) => (OFTEN_IN_RECORDS.includes(r) ? 1n << BigInt(i) : 0n)).reduce((a, b) => a | b, 0n);
  const writers: string[] = [];
  // Per entry two writers: the document and enrich modes (`w`), and classify (`k`: the classify leaves only).
  const writer = (fn: string, plan: Leaf[], mandatory: ReadonlySet<number>) => {
    const members = [...treeOf(plan)].map(([name, x]) => ({ bit: BigInt(roots.indexOf(name)), call: `${memberFunction(name, x, mandatory)}(mode);` }));
    const test = (bit: bigint) => `if ((skip & 0x${(1n << bit).toString(16)}) == 0) `;
    writers.push(`function ${fn}(mode: u32, skip: u64): void {`,
      `  if ((skip & ~0x${often.toString(16)}) == 0) {`,
      ...members.map((m) => `    ${((often >> m.bit) & 1n) ? test(m.bit) : ''}${m.call}`),
      '    return;',
      '  }',
      ...members.map((m) => `  ${test(m.bit)}${m.call}`),
      '}');
  };
  [...catalog.entries, null].forEach((e, k) => {
    const mandatory = mandatorySlots(e);
    const plan = documentPlan(e);
    writers.push(`// ${e ? e.id : 'lines no entry matched'}`);
    writer(`w${k}`, plan, mandatory);
    writer(`k${k}`, plan.filter((l) => l.modes! & MODE_CLASSIFY).map((l) => ({ ...l, modes: MODE_DOCUMENT | MODE_ENRICH })), mandatory);
  });
  functions.push(...writers);
  const count = catalog.entries.length + 1;
  return `// GENERATED by host/compile/emit-writer.ts from catalog/**/*.yaml. Do not edit: \`npm run build\` rewrites it.
// Each entry's ECS document as straight code (see the generator for why and how); the last writer is for
// lines no entry matched. Read through \`writeMembers\` by assembly/ecs/document.ts and merge.ts.
import { R_STATUS, R_LINE, R_MESSAGE, R_HOSTNAME, R_PROGRAM, R_PID, SHAPE_NAME, MODE_DOCUMENT, MODE_ENRICH, MODE_CLASSIFY, OPTION_KEEP_ORIGINAL } from './abi';
import { STATUS_JSON, FACILITY_JSON, SEVERITY_NAME_JSON, LEVEL_JSON } from './document';
import { outByte, outBytes, outDigits, outU32, outPosition, outDropFirst } from '../ecs/output';
import { writeTimestamp } from '../ecs/timestamp';
import { documentFlags } from '../ecs/options';
import { record, hasSpan, spanAt, spanLength, slotWord, slotShape, slotIsIp, pri, pidValid, writeSpan, writeSafe, writeIp, writeNth, writeRelated, anyIp, anySpan, timestampPresent, repeated, writeRepeated } from '../ecs/values';

/** The bit in a writer's skip mask of the top-level name [p, p + n), or -1: not one of ours. */
export function rootNameBit(p: usize, n: usize): i32 {
${rootNameCode(roots)}
  return -1;
}

const WT: usize = memory.data<u8>([${text.join(', ')}]);

${functions.join('\n')}

type Writer = (mode: u32, skip: u64) => void;
const WRITERS: StaticArray<Writer> = [${Array.from({ length: count }, (_, k) => `w${k}`).join(', ')}];
const CLASSIFIERS: StaticArray<Writer> = [${Array.from({ length: count }, (_, k) => `k${k}`).join(', ')}];

/**
 * The members of the document of \`entry\` (-1: no entry matched) for the record set in values.ts, the first
 * without its comma unless \`comma\` (a document's writer turns that comma into its brace instead).
 */
export function writeMembers(entry: i32, mode: u32, skip: u64, comma: bool): void {
  const k = entry < 0 ? ${count - 1} : entry;
  const start = outPosition();
  if (mode == MODE_CLASSIFY) unchecked(CLASSIFIERS[k])(mode, skip);
  else unchecked(WRITERS[k])(mode, skip);
  if (!comma) outDropFirst(start);
}
`;
}
