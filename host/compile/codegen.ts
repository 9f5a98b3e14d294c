// Compiles the catalog to AssemblyScript: every entry's template becomes straight code, and the choice of
// entries to try becomes a radix tree over the templates' leading literal text, also as code. The output is
// assembly/generated/entries.ts; assembly/matcher/match.ts calls its `dispatch`.
//
// Why code and not tables: in an interpreter (WAMR in Fluent Bit) every dispatch of a table-walking loop
// costs dozens of instructions per template element, paid on every byte. Generated code pays only for the
// comparisons themselves: literals compared a word at a time, each field scanned by its type's own function.
//
// Semantics (the same as the reference matcher, host/compile/reference-matcher.ts, and docs/catalog-format.md):
// - fields are greedy: their ends are tried from the longest down, so a server-written part after a field
//   typed by the client is taken from the rightmost place that completes the template;
// - an optional part right after a field is tried with the part for every end before any end without it;
// - optional parts first with their body, alternatives in order;
// - each attempt at a field end, optional part or alternative costs one step of the line's budget
//   (assembly/matcher/runtime.ts); a line that uses it up is too complex;
// - an entry whose client-typed text stands on both sides of server-written fields is read a second time
//   with that client field shortest-first (the slot from program.ts entryCheck), and the line is ambiguous
//   if the readings disagree on a server-written field.
// Entries are tried in catalog order among those whose leading literal the message starts with.
import type { Catalog, CatalogEntry } from './load.js';
import { TYPE_SCANNERS, MAY_BE_EMPTY, START_FREE_SHAPE, HOLDS_SPACES } from './field-types.js';
import { MESSAGE_CUT, NO_SLOT, cutSensitive, entryCheck, entryFilter, entryProgram, firstBytes, requiredWord, secondReading, type Step } from './program.js';

/** Leading literals longer than this are cut: a longer prefix no longer narrows the candidates. */
const PREFIX_MAX = 48;
/** A template starting with a field whose type allows at most this many first bytes is filed under each. */
const FIRST_BYTES_MAX = 80;
/** An entry whose optional parts and alternatives give more leading literals than this keeps the shorter ones. */
const PREFIXES_MAX = 512;
/** A dispatch subtree of more nodes than this is compiled as a function of its own. */
const SPLIT_NODES = 48;
// Entries that share their leading literal text with this many (themselves included) are tried one after
// another on the same messages: each is checked first for its required word (program.ts requiredWord).
const WORD_FAMILY = 4;

const hex = (n: bigint, bytes: number) => '0x' + n.toString(16).padStart(bytes * 2, '0');

/**
 * An expression true when the `bytes` equal memory at `at` (+ offset), a word at a time. The caller has
 * checked that the bytes lie inside the message.
 */
export function bytesEqualExpr(at: string, bytes: number[], offset = 0): string {
  if (bytes.length === 0) return 'true';
  const parts: string[] = [];
  let i = 0;
  for (const [size, type] of [[8, 'u64'], [4, 'u32'], [2, 'u16'], [1, 'u8']] as const) {
    while (bytes.length - i >= size) {
      let v = 0n;
      for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(bytes[i + k]);
      const off = offset + i;
      parts.push(`load<${type}>(${at}${off ? `, ${off}` : ''}) == ${hex(v, size)}`);
      i += size;
    }
  }
  return parts.join(' && ');
}

interface Emitter { out: string[]; entry: CatalogEntry; k: number; steps: Step[]; checkSlot: number; targets: Set<number>; made: Set<string> }

const fn = (k: number, i: number) => `e${k}_${i}`;

/** The code of steps from `i` on, with the position in `p`; always ends in a return. */
function emitSteps(em: Emitter, i: number, body: string[]): void {
  const { steps } = em;
  for (;;) {
    const s = steps[i];
    const run = textRun(steps, i);
    if (run) { // literal words and the spaces between them: one comparison, the slow path only for space runs
      const at = addData(run.bytes);
      // The slow path reads runs of spaces; a message that differs before the first space fails at once,
      // and so does one whose second byte is neither the run's second byte nor (after a space) a space.
      const [b0, b1] = run.bytes;
      const first = b0 !== 0x20 ? `p + 1 >= msgEnd || load<u16>(p) != ${hex(BigInt(b0 | (b1 << 8)), 2)} || `
        : `p + 1 >= msgEnd || load<u8>(p) != 32 || (load<u8>(p + 1) != ${b1} && load<u8>(p + 1) != 32) || `;
      body.push(`  if (p + ${run.bytes.length} <= msgEnd && ${bytesEqualExpr('p', run.bytes)}) p += ${run.bytes.length};`,
        `  else { if (${first}(p = matchText(p, DATA + ${at}, ${run.bytes.length})) == 0) return false; }`);
      if (steps[run.end - 1].op === 'space') body.push('  p = skipSpaces(p);');
      i = run.end;
      continue;
    }
    switch (s.op) {
      case 'lit':
        body.push(`  if (p + ${s.bytes.length} > msgEnd || !(${bytesEqualExpr('p', s.bytes)})) return false;`, `  p += ${s.bytes.length};`);
        i++;
        break;
      case 'space':
        if (exactSpace(steps, i)) body.push('  if (p >= msgEnd || load<u8>(p) != 32) return false;', '  p++;');
        else body.push('  if (p >= msgEnd || load<u8>(p) != 32) return false;', '  p = skipSpaces(p + 1);');
        i++;
        break;
      case 'end':
        body.push('  return p == msgEnd;');
        return;
      case 'opt': // with the optional part first, then without it
        body.push(`  if (!step()) return false;`, `  if (${target(em, i + 1)}(p)) return true;`, '  if (exhausted) return false;');
        if (!straightToEnd(steps, s.skip)) { body.push(`  return ${target(em, s.skip)}(p);`); return; }
        i = s.skip; // only literal text is left: go on here
        break;
      case 'alt':
        emitAlt(em, i, body);
        return;
      case 'field':
        emitField(em, i, body);
        return;
    }
  }
}

/**
 * Whether step i is a space right before a field that may hold spaces (also past optional parts that may be
 * left out): it takes one space, the field the rest of a run.
 */
function exactSpace(steps: Step[], i: number): boolean {
  if (steps[i].op !== 'space') return false;
  let j = i + 1;
  while (steps[j].op === 'opt') j = (steps[j] as Extract<Step, { op: 'opt' }>).skip; // `for [invalid user ]<user>`
  const next = steps[j];
  return next.op === 'field' && HOLDS_SPACES.has(next.type);
}

/** Whether the steps from i to the end are only literal text and spaces. */
function straightToEnd(steps: Step[], i: number): boolean {
  for (; steps[i].op !== 'end'; i++) if (steps[i].op !== 'lit' && steps[i].op !== 'space') return false;
  return true;
}

/**
 * Literal text and spaces from step i on, as one byte string (a space step as one space), when there are at
 * least two steps and one is a space: a message with single spaces then matches in one word-wide comparison.
 * Literals holding a space themselves (escaped) are left to the step-by-step code: matchText would read them
 * as runs.
 */
function textRun(steps: Step[], i: number): { bytes: number[]; end: number } | null {
  const bytes: number[] = [];
  let j = i, spaces = 0;
  for (; (steps[j].op === 'lit' || steps[j].op === 'space') && !exactSpace(steps, j); j++) {
    const s = steps[j];
    if (s.op === 'space') { bytes.push(0x20); spaces++; } else if (s.op === 'lit') { if (s.bytes.includes(0x20)) break; bytes.push(...s.bytes); }
  }
  return j - i >= 2 && spaces > 0 ? { bytes, end: j } : null;
}

// Constant bytes the generated code compares against in loops (text runs, alternatives), one blob per file.
let data: number[] = [];
// The candidate functions with a failure memo, by name: each owns 16 bytes at MEMO + 16 * index.
let memos = new Map<string, number>();
function addData(bytes: number[]): number {
  const at = data.length;
  data.push(...bytes);
  return at;
}

function target(em: Emitter, i: number): string {
  em.targets.add(i);
  return fn(em.k, i);
}

function emitAlt(em: Emitter, i: number, body: string[]): void {
  const s = em.steps[i] as Extract<Step, { op: 'alt' }>;
  const next = target(em, i + 1);
  if (s.options.length > 3) { // in order, from a table: [length, bytes] per option
    const at = addData(s.options.flatMap((o) => [o.length, ...o]));
    body.push(`  let q: usize = DATA + ${at};`, `  for (let k = 0; k < ${s.options.length}; k++) {`, '    const n = <usize>load<u8>(q);',
      '    if (p + n <= msgEnd && bytesEqual(p, q + 1, n)) {', '      if (!step()) return false;',
      `      if (${next}(p + n)) { ${s.slot !== NO_SLOT ? `record(${s.slot}, p, p + n, 0); ` : ''}return true; }`,
      '      if (exhausted) return false;', '    }', '    q += 1 + n;', '  }', '  return false;');
    return;
  }
  for (const o of s.options) {
    body.push(`  if (p + ${o.length} <= msgEnd && ${bytesEqualExpr('p', o)}) {`,
      '    if (!step()) return false;',
      `    if (${next}(p + ${o.length})) { ${s.slot !== NO_SLOT ? `record(${s.slot}, p, p + ${o.length}, 0); ` : ''}return true; }`,
      '    if (exhausted) return false;', '  }');
  }
  body.push('  return false;');
}

function emitField(em: Emitter, i: number, body: string[]): void {
  const s = em.steps[i] as Extract<Step, { op: 'field' }>;
  const scan = TYPE_SCANNERS[s.type];
  if (s.type === 'rest') {
    body.push(`  if (!${target(em, i + 1)}(msgEnd)) return false;`, `  record(${s.slot}, p, msgEnd, 0);`, '  return true;');
    return;
  }
  body.push(`  const maxEnd = ${scan.run('p', 'msgEnd')};`, `  const minEnd = p${MAY_BE_EMPTY.has(s.type) ? '' : ' + 1'};`, '  if (maxEnd < minEnd) return false;');
  const next = em.steps[i + 1];
  if (next.op === 'end') { // only a field reaching the end of the message can complete the match
    body.push('  if (maxEnd != msgEnd) return false;', `  const shape = ${scan.shape('p', 'msgEnd')};`, '  if (shape < 0) return false;',
      `  record(${s.slot}, p, msgEnd, shape);`, '  return true;');
    return;
  }
  if (next.op === 'opt') {
    // An optional part after a field is what the server appends (" [preauth]", ", reason: ..."): the field
    // gives way to it. Every end is tried with the optional part first, then every one without.
    const withPart = candidates(em, i, i + 2);
    const without = candidates(em, i, next.skip);
    // The second reading of program.ts OptionalPart: the part last, the field as long as the template allows.
    if (s.slot === em.checkSlot && secondReading(em.entry)?.part)
      body.push(`  if (shortestFirstSlot == ${s.slot}) return ${without}(p, minEnd, maxEnd) || (!exhausted && ${withPart}(p, minEnd, maxEnd));`);
    body.push(`  return ${withPart}(p, minEnd, maxEnd) || (!exhausted && ${without}(p, minEnd, maxEnd));`);
    return;
  }
  body.push(`  return ${candidates(em, i, i + 1)}(p, minEnd, maxEnd);`);
}

/** One attempt at end `e`: the field's shape, then the rest of the template (`cont`); the span recorded on success. */
function attemptCode(s: Extract<Step, { op: 'field' }>, e: string, cont: string, indent: string): string[] {
  return [
    `${indent}if (!step()) return false;`,
    `${indent}const shape = ${TYPE_SCANNERS[s.type].shape('pos', e)};`,
    `${indent}if (shape >= 0 && ${cont}) { record(${s.slot}, pos, ${e}, shape); return true; }`,
    `${indent}if (exhausted) return false;`,
  ];
}

/**
 * The failure memo of the candidate function `name` (assembly/matcher/runtime.ts memoTop), or null. Only a
 * field after another field can be called many times on one line (once for each end of the earlier field),
 * and only a type whose shape does not depend on the field's start lets failing ends carry over.
 */
function memoOf(em: Emitter, i: number, name: string): string | null {
  const s = em.steps[i] as Extract<Step, { op: 'field' }>;
  if (!START_FREE_SHAPE.has(s.type) || !em.steps.slice(0, i).some((x) => x.op === 'field')) return null;
  let k = memos.get(name);
  if (k === undefined) memos.set(name, k = memos.size);
  return `MEMO + ${k * 16}`;
}

/** A function trying the field at step i for its ends, each followed by the steps from `n`; returns its name. */
function candidates(em: Emitter, i: number, n: number): string {
  const s = em.steps[i] as Extract<Step, { op: 'field' }>;
  const name = `${fn(em.k, i)}_c${n}`;
  if (em.made.has(name)) return name;
  em.made.add(name);
  const next = em.steps[n];
  const memo = memoOf(em, i, name);
  // Text the server writes (`written_by: server`) ends at the first place that completes the template, so
  // client text after it (a user name holding " for ") cannot move its end.
  if (s.shortest) { em.made.delete(name); return shortestFirst(em, i, n, memo); }
  const body: string[] = [`function ${name}(pos: usize, minEnd: usize, maxEnd: usize): bool {`];
  if (s.slot === em.checkSlot) body.push(`  if (shortestFirstSlot == ${s.slot}) return ${shortestFirst(em, i, n, memo)}(pos, minEnd, maxEnd);`);
  const top = memo ? 'top' : 'maxEnd';
  if (memo && next.op !== 'end') body.push(`  const top = memoTop(${memo}, minEnd, maxEnd);`);
  const failed = memo ? [`  memoFailed(${memo}, minEnd, maxEnd);`, '  return false;', '}'] : ['  return false;', '}'];
  const attempt = (e: string, cont: string, indent: string) => attemptCode(s, e, cont, indent);
  if (next.op === 'lit' || next.op === 'space') {
    // Only ends where the next literal starts are worth an attempt: jump from one to the next, right to left,
    // eight bytes at a time, and check the whole literal before going on after it.
    const bytes = next.op === 'lit' ? next.bytes : [0x20];
    const cont = next.op === 'lit' ? `${target(em, n + 1)}(e + ${bytes.length})` : `${target(em, n)}(e)`;
    // The byte the end must be followed by, when known: the literal's second byte, or after a space the
    // first byte of the literal after it (a run of spaces is taken whole, so an end that is the last space
    // of its run is followed by that byte). The jump then looks for the pair (lastPair).
    const after = em.steps[n + 1];
    const pair = bytes.length > 1 ? bytes[1]
      : next.op === 'space' && after.op === 'lit' && after.bytes[0] !== 0x20 ? after.bytes[0] : -1;
    // After a space, a field whose type allows few bytes: the byte after the end (the last space of its
    // run) must be one it can start with.
    const firstOf = next.op === 'space' && pair < 0 && after.op === 'field' ? TYPE_SCANNERS[after.type].first : undefined;
    // Before a space whose next byte is known, the field's longest end is tried before the loop (below).
    const firstEnd = next.op === 'space' && (pair >= 0 || firstOf !== undefined);
    // `<user> <host> port <port>`: where a field without spaces follows the space and a space and literal
    // text follow that field, an end is worth an attempt only where the next token is followed by the
    // text's first word (runtime.ts tokenThen): the host of `root 10.0.0.1 port 22 [preauth]` is not tried
    // at `22` or at `port`.
    const then = firstOf && after.op === 'field' && !HOLDS_SPACES.has(after.type) && !MAY_BE_EMPTY.has(after.type) ? wordsAfter(em.steps, n + 2) : null;
    const token = then ? ` && tokenThen(e, DATA + ${addData([then.words.length, ...then.words.flatMap((w) => [w.length, ...w])])}, ${then.end})` : '';
    // Else a field whose run stops at its type's last byte usually ends right before the literal: look
    // there first without a call.
    const bounded = !firstEnd && TYPE_SCANNERS[s.type].run('p', 'msgEnd') !== 'msgEnd';
    const jump = pair < 0
      ? (bounded ? `load<u8>(e) == ${bytes[0]} ? e : ` : '') + `lastByte(minEnd, e, ${bytes[0]})`
      : (bounded ? `load<u16>(e) == ${hex(BigInt(bytes[0] | (pair << 8)), 2)} ? e : ` : '') + `lastPair(minEnd, e, ${bytes[0]}, ${pair})`;
    const tryEnd = bytes.length > 2 ? [`    if (${bytesEqualExpr('e', bytes.slice(2), 2)}) {`, ...attempt('e', cont, '      '), '    }']
      : bytes.length === 2 && pair < 0 ? [`    if (${bytesEqualExpr('e', bytes.slice(1), 1)}) {`, ...attempt('e', cont, '      '), '    }']
      : firstOf ? [`    if (e + 1 < msgEnd && ${firstOf('load<u8>(e + 1)')}${token}) {`, ...attempt('e', cont, '      '), '    }']
      : ['    {', ...attempt('e', cont, '      '), '    }'];
    // A run of spaces after the field is taken whole, so every end inside the run continues at the same
    // place: one failed attempt is the answer for the whole run (and trying each would rescan it: quadratic).
    const skipRun = next.op === 'space' ? ['    while (e > minEnd && load<u8>(e - 1) == 32) e--;'] : [];
    body.push(`  if (msgEnd < ${bytes.length} || minEnd > msgEnd - ${bytes.length}) return false;`,
      `  let e = min(${top}, msgEnd - ${bytes.length});`);
    if (firstEnd) {
      // Every end the pair search finds is the last space of its run. Only the first end may lie inside a
      // run (the field's longest end, or the memo's): it is tried when the byte after the run is one the
      // rest can start with (the space takes the whole run), then the run is passed.
      const after = pair >= 0 ? `load<u8>(q) == ${pair}` : firstOf!('load<u8>(q)') + token;
      body.push('  if (e >= minEnd && load<u8>(e) == 32) {', '    let q = e + 1;', '    while (q < msgEnd && load<u8>(q) == 32) q++;',
        `    if (q < msgEnd && ${after}) {`, ...attempt('e', cont, '      '), '    }',
        '    while (e > minEnd && load<u8>(e - 1) == 32) e--;', `    if (e == minEnd) ${memo ? `{ memoFailed(${memo}, minEnd, maxEnd); return false; }` : 'return false;'}`,
        '    e--;', '  }',
        ...(pair >= 0 ? ['  if (e > msgEnd - 2) e = msgEnd - 2; // the pair\'s second byte lies inside the message'] : []));
    }
    body.push('  while (e >= minEnd) {', `    e = ${jump};`, '    if (e == NOT_FOUND) break;', ...tryEnd, ...skipRun,
      '    if (e == minEnd) break;', '    e--;', '  }', ...failed);
  } else if (next.op === 'end') {
    body.push('  if (maxEnd != msgEnd) return false;', '  {', ...attempt('msgEnd', 'true', '    '), '  }', '  return false;', '}');
  } else {
    // What follows (an optional part, a choice) may still tell the bytes it starts with: an end before any
    // other byte fails at once, so it is passed without an attempt (a step, the shape, a call).
    const f = follow(em.steps, n);
    const pass = f && f.bytes.size <= 3
      ? [`    if (e < msgEnd ? ${[...f.bytes].map((b) => `load<u8>(e) != ${b}`).join(' && ') || 'true'} : ${f.end ? 'false' : 'true'}) {`,
        '      if (e == minEnd) break;', '      e--;', '      continue;', '    }']
      : [];
    body.push(`  let e = ${top};`, '  while (e >= minEnd) {', ...pass, '    {', ...attempt('e', `${target(em, n)}(e)`, '      '), '    }',
      '    if (e == minEnd) break;', '    e--;', '  }', ...failed);
  }
  em.out.push(body.join('\n'));
  return name;
}

/**
 * What may follow a field without spaces at step n: the message's end (`end`), or a space and literal text,
 * whose first words (up to a space) are `words`; null when anything else may (a field, literal text right
 * after the field, a choice). At most a few words, so that the check stays cheaper than an attempt.
 */
function wordsAfter(steps: Step[], n: number): { words: number[][]; end: boolean } | null {
  const out = { words: [] as number[][], end: false };
  const walk = (i: number): boolean => {
    const s = steps[i];
    if (s.op === 'end') { out.end = true; return true; }
    if (s.op === 'opt') return walk(i + 1) && walk(s.skip); // the optional part, or what comes after it
    const lit = steps[i + 1];
    if (s.op !== 'space' || lit.op !== 'lit') return false;
    const sp = lit.bytes.indexOf(0x20);
    const w = sp < 0 ? lit.bytes : lit.bytes.slice(0, sp);
    if (w.length === 0 || w.length > 255) return false;
    if (!out.words.some((x) => x.join() === w.join())) out.words.push(w);
    return true;
  };
  return walk(n) && out.words.length > 0 && out.words.length <= 4 ? out : null;
}

/**
 * The bytes the steps from n can start with where they are tried, and whether they can match at the end of
 * the message; null when a field may start them.
 */
function follow(steps: Step[], n: number): { bytes: Set<number>; end: boolean } | null {
  const out = { bytes: new Set<number>(), end: false };
  const walk = (i: number): boolean => {
    const s = steps[i];
    switch (s.op) {
      case 'lit': out.bytes.add(s.bytes[0]); return true;
      case 'space': out.bytes.add(0x20); return true;
      case 'end': out.end = true; return true;
      case 'opt': return walk(i + 1) && walk(s.skip); // the optional part, or what comes after it
      case 'alt': return s.options.every((o) => (o.length ? (out.bytes.add(o[0]), true) : walk(i + 1)));
      case 'field': return false;
    }
  };
  return walk(n) ? out : null;
}

/** As candidates, shortest end first: the other reading of a line, for the ambiguity check. */
function shortestFirst(em: Emitter, i: number, n: number, memo: string | null): string {
  const s = em.steps[i] as Extract<Step, { op: 'field' }>;
  const name = `${fn(em.k, i)}_s${n}`;
  if (em.made.has(name)) return name;
  em.made.add(name);
  const next = em.steps[n];
  const want = firstByte(next);
  const body = [`function ${name}(pos: usize, minEnd: usize, maxEnd: usize): bool {`];
  if (memo) body.push(`  const top = memoTop(${memo}, minEnd, maxEnd);`);
  body.push(`  for (let e = minEnd; e <= ${memo ? 'top' : 'maxEnd'}; e++) {`);
  if (want >= 0) body.push(`    if (e >= msgEnd || load<u8>(e) != ${want}) continue;`);
  if (next.op === 'end') body.push('    if (e != msgEnd) continue;');
  body.push(...attemptCode(s, 'e', next.op === 'end' ? 'true' : `${target(em, n)}(e)`, '    '));
  if (next.op === 'space') body.push('    while (e + 1 < msgEnd && load<u8>(e + 1) == 32) e++; // the run continues at one place');
  body.push('  }');
  if (memo) body.push(`  memoFailed(${memo}, minEnd, maxEnd);`);
  body.push('  return false;', '}');
  em.out.push(body.join('\n'));
  return name;
}

function emitEntry(entry: CatalogEntry, out: string[]): void {
  const steps = entryProgram(entry);
  const [checkSlot] = entryCheck(entry);
  const em: Emitter = { out: [], entry, k: entry.index, steps, checkSlot, targets: new Set([0]), made: new Set() };
  const done = new Set<number>();
  const functions: string[] = [];
  // Generating one function may ask for others (the targets of its branches): go until none is missing.
  for (;;) {
    const i = [...em.targets].find((t) => !done.has(t));
    if (i === undefined) break;
    done.add(i);
    const body = [`function ${fn(em.k, i)}(p: usize): bool {`];
    emitSteps(em, i, body);
    body.push('}');
    functions.push(body.join('\n'));
  }
  out.push(`// ${entry.id}: ${entry.template.replace(/\n/g, ' ')}`, ...functions, ...em.out);
}

/** Every literal text a message matching the entry can start with, up to its first field. */
export function leadingLiterals(steps: Step[]): number[][] {
  const out: number[][] = [];
  // SPACE is the byte 0x20 in a prefix (the dispatch skips a whole run of spaces there); a literal space
  // from an escape or an alternative ends the prefix, since the dispatch would read it as a run too.
  const walk = (i: number, acc: number[]): void => {
    if (out.length > PREFIXES_MAX) return;
    for (;;) {
      if (acc.length >= PREFIX_MAX) { out.push(acc.slice(0, PREFIX_MAX)); return; }
      const s = steps[i];
      if (s.op === 'lit') {
        const sp = s.bytes.indexOf(0x20);
        if (sp >= 0) { out.push([...acc, ...s.bytes.slice(0, sp)]); return; }
        acc = [...acc, ...s.bytes];
        i++;
      } else if (s.op === 'space') { acc = [...acc, 0x20]; i++; }
      else if (s.op === 'alt') {
        for (const o of s.options) {
          const sp = o.indexOf(0x20);
          if (sp >= 0) out.push([...acc, ...o.slice(0, sp)]);
          else walk(i + 1, [...acc, ...o]);
        }
        return;
      } else if (s.op === 'opt') { walk(i + 1, acc); walk(s.skip, acc); return; }
      else { out.push(acc); return; }
    }
  };
  walk(0, []);
  if (out.length > PREFIXES_MAX) return [[]]; // too many ways to start: tried for every message
  // Keep only the shortest of prefixes where one is a prefix of another: it already admits the longer ones.
  const uniq = [...new Map(out.map((p) => [p.join(','), p])).values()].sort((a, b) => a.length - b.length);
  return uniq.filter((p, j) => !uniq.slice(0, j).some((q) => q.every((b, x) => p[x] === b)));
}

interface TrieNode { children: Map<number, TrieNode>; entries: number[] }

function buildTrie(catalog: Catalog): TrieNode {
  const root: TrieNode = { children: new Map(), entries: [] };
  for (const e of catalog.entries) {
    for (const prefix of leadingLiterals(entryProgram(e))) {
      if (prefix.length === 0) {
        // A template that starts with a field: under the first bytes its type allows when they are few (a
        // number, an address, a keyword), so that other messages never try it; else at the root.
        const first = firstBytes(e);
        if (first.size <= FIRST_BYTES_MAX && !first.has(0x20)) {
          for (const b of first) {
            let c = root.children.get(b);
            if (!c) root.children.set(b, c = { children: new Map(), entries: [] });
            if (!c.entries.includes(e.index)) c.entries.push(e.index);
          }
          continue;
        }
      }
      let node = root;
      for (const b of prefix) {
        let c = node.children.get(b);
        if (!c) node.children.set(b, c = { children: new Map(), entries: [] });
        node = c;
      }
      if (!node.entries.includes(e.index)) node.entries.push(e.index);
    }
  }
  return root;
}

/**
 * The dispatch: the radix tree as nested code. At each node the message's next byte picks the child, and a
 * run of non-space bytes without a branch is compared a word at a time; where the message leaves the tree,
 * the entries whose leading literal it has passed are tried in catalog order. Each node's code returns.
 */
function emitDispatch(root: TrieNode, count: number): string {
  const listData: number[] = [];
  // A subtree of more than SPLIT_NODES nodes is a function of its own, called in tail position: one huge
  // function is slow for every engine to compile (V8's baseline compiler took 1 GB and 0.7 s for a
  // 300 KB dispatch function; Binaryen's -O3 minutes) while the calls cost one per large subtree walked.
  const subtrees: string[][] = [];
  const sizes = new Map<TrieNode, number>();
  const size = (node: TrieNode): number => {
    let n = sizes.get(node);
    if (n === undefined) sizes.set(node, n = 1 + [...node.children.values()].reduce((a, c) => a + size(c), 0));
    return n;
  };
  const emit = (node: TrieNode, path: number[], indent: string, lines: string[], top = false): void => {
    if (!top && size(node) > SPLIT_NODES && below.get(node)!.length > 1) {
      const own: string[] = [];
      const name = `d${subtrees.length}`;
      subtrees.push(own);
      own.push(`function ${name}(m: usize, p: usize, len: u32, tail: u32, families: u32): i32 {`);
      emit(node, path, '  ', own, true);
      own.push('}');
      lines.push(`${indent}return ${name}(m, p, len, tail, families);`);
      return;
    }
    // Where one entry at most lies further down, walking on would only save its own first comparison.
    const deeper = below.get(node)!;
    if (deeper.length <= 1) {
      lines.push(`${indent}return ${candidateList([...pathEntries.get(node)!, ...deeper])};`);
      return;
    }
    {
      lines.push(`${indent}if (p < msgEnd) {`, `${indent}  switch (<i32>load<u8>(p)) {`);
      for (const [b, child0] of [...node.children].sort(([a], [c]) => a - c)) {
        // Follow a chain of single children that adds no entries and holds no space: one comparison.
        const run: number[] = [];
        let child = child0;
        if (b !== 0x20) {
          while (child.children.size === 1 && child.entries.length === 0) {
            const [nb, nc] = [...child.children][0];
            if (nb === 0x20) break;
            run.push(nb);
            child = nc;
          }
        }
        lines.push(`${indent}    case ${b}: {`);
        const inner = indent + '      ';
        if (b === 0x20) {
          lines.push(`${inner}p = skipSpaces(p + 1);`);
          emit(child, [...path, b], inner, lines);
        } else if (run.length === 0) {
          lines.push(`${inner}p++;`);
          emit(child, [...path, b], inner, lines);
        } else {
          lines.push(`${inner}if (msgEnd - p > ${run.length} && ${bytesEqualExpr('p', run, 1)}) {`, `${inner}  p += ${run.length + 1};`);
          emit(child, [...path, b, ...run], inner + '  ', lines);
          lines.push(`${inner}}`);
        }
        if (!lines[lines.length - 1].trimStart().startsWith('return ')) lines.push(`${indent}      break;`);
        lines.push(`${indent}    }`);
      }
      lines.push(`${indent}  }`, `${indent}}`);
    }
    lines.push(`${indent}return ${candidateList(pathEntries.get(node)!)};`);
  };
  // Where the message leaves the tree, the entries it has passed are tried in catalog order: one by
  // a direct call, longer lists from a table of entry numbers (the same list is stored once).
  const lists = new Map<string, number>();
  const candidateList = (entries: number[]): string => {
    const all = [...new Set(entries)].sort((a, b) => a - b);
    if (all.length === 0) return '-1';
    if (all.length === 1) return `orNone(tryEntry(${all[0]}, m, len, tail, families))`;
    const key = all.join(',');
    let at = lists.get(key);
    if (at === undefined) {
      lists.set(key, at = listData.length);
      listData.push(all.length, ...all);
    }
    return `tryList(m, len, tail, families, CANDIDATES + ${at * 2})`;
  };
  // The entries of a node and of all its ancestors, computed once.
  const pathEntries = new Map<TrieNode, number[]>();
  const collect = (node: TrieNode, above: number[]) => {
    const here = [...above, ...node.entries];
    pathEntries.set(node, here);
    for (const c of node.children.values()) collect(c, here);
  };
  collect(root, []);
  // The entries of a node's descendants (not the node's own).
  const below = new Map<TrieNode, number[]>();
  const under = (node: TrieNode): number[] => {
    const all = new Set<number>();
    for (const c of node.children.values()) { for (const k of c.entries) all.add(k); for (const k of under(c)) all.add(k); }
    below.set(node, [...all]);
    return [...all];
  };
  under(root);
  const lines: string[] = [];
  emit(root, [], '  ', lines, true);
  const body = ['/** The first entry (in catalog order) that matches the message [m, msgEnd), AMBIGUOUS, or -1. */',
    'export function dispatch(m: usize, families: u32): i32 {',
    '  const len = <u32>(msgEnd - m);',
    '  // The last word of the message for the entries\' tail check; it may reach before the message (inside the',
    '  // line\'s buffer, which has slack), and each entry\'s mask keeps only bytes its minimum length vouches for.',
    '  const tail = load<u32>(msgEnd - 4);',
    '  // The same before sshd\'s " [preauth]" (the tail itself when the message does not end in it), for entries',
    '  // whose last literal it may follow: "Disconnecting ... supported. [preauth]" is not tried as 40 entries.',
    '  tailBefore = tail;',
    '  if (len >= 10 && load<u64>(msgEnd - 9) == 0x687475616572705b && load<u8>(msgEnd - 1) == 0x5d && load<u8>(msgEnd - 10) == 32) {',
    '    let q = msgEnd - 10;',
    '    while (q > m && load<u8>(q - 1) == 32) q--; // the template\'s space takes a run',
    '    tailBefore = load<u32>(q - 4);',
    '  }',
    '  let p = m;',
    ...lines, '}'];
  const table = [
    '// Candidate lists: [count, entry, entry, ...] each, entries in catalog order.',
    `const CANDIDATES: usize = memory.data<u16>([${listData.join(', ')}]);`,
    '',
    '// @ts-ignore: decorator',
    '@inline function orNone(r: i32): i32 { return r == CONTINUE ? -1 : r; }',
    '',
    '/** Tries the entries of a candidate list in order; the first result that is not CONTINUE ends it. */',
    'function tryList(m: usize, len: u32, tail: u32, families: u32, at: usize): i32 {',
    '  const n = <usize>load<u16>(at);',
    '  for (let i: usize = 1; i <= n; i++) {',
    '    const r = tryEntry(<i32>load<u16>(at + (i << 1)), m, len, tail, families);',
    '    if (r != CONTINUE) return r;',
    '  }',
    '  return -1;',
    '}',
    '',
    // An entry's code is reached through the function table (call_indirect): not a switch, which
    // AssemblyScript compiles to one comparison per case, and not direct calls, which the optimizer would
    // inline into one function as large as the catalog.
    'type TryFn = (m: usize, len: u32, tail: u32, families: u32) => i32;',
    `const TRY: StaticArray<TryFn> = [${Array.from({ length: count }, (_, k) => `try${k}`).join(', ')}];`,
    '',
    '// @ts-ignore: decorator',
    '@inline function tryEntry(k: i32, m: usize, len: u32, tail: u32, families: u32): i32 {',
    '  return unchecked(TRY[k])(m, len, tail, families);',
    '}',
  ];
  return [...table, '', ...body, ...subtrees.flatMap((f) => ['', ...f])].join('\n');
}

function emitTry(entry: CatalogEntry, familyBit: number, word: number[] | null): string {
  const k = entry.index;
  const [minLen, tailWord, tailMask, preauth] = entryFilter(entry);
  const second = secondReading(entry);
  const pre = [`(families & ${familyBit}) == 0`, `len < ${minLen}`];
  if (tailMask !== 0) pre.push(`(tail & ${hex(BigInt(tailMask), 4)}) != ${hex(BigInt(tailWord), 4)}${preauth ? ` && (tailBefore & ${hex(BigInt(tailMask), 4)}) != ${hex(BigInt(tailWord), 4)}` : ''}`);
  if (word) pre.push(`!holdsWord(m, DATA + ${addData(word)}, ${word.length})`);
  // A message of the length sshd cuts at may have lost the server's part: what ends it may be client text.
  const cut = cutSensitive(entry) ? `messageLength == ${MESSAGE_CUT[entry.family]} ? AMBIGUOUS : ` : '';
  const lines = [`function try${k}(m: usize, len: u32, tail: u32, families: u32): i32 {`,
    `  if (${pre.join(' || ')}) return CONTINUE;`,
    `  if (${fn(k, 0)}(m)) return ${cut}${second ? `second${k}(m) ? ${k} : AMBIGUOUS` : `${k}`};`,
    '  return exhausted ? -1 : CONTINUE;', '}'];
  if (second) {
    // The same line read again with the client-typed field before the server-written part shortest-first.
    lines.push(`function second${k}(m: usize): bool {`);
    if (second.gate) {
      // Only where the server writes client text after its part (a key's ID after publickey): else the
      // rightmost rule has already read the server's part.
      const g = second.gate.slot;
      const tests = second.gate.values.map((v) => [...Buffer.from(v, 'utf8')]).map((b) => `(n == ${b.length} && bytesEqual(s, DATA + ${addData(b)}, ${b.length}))`);
      lines.push(`  if ((recordedSlots() & ${second.gate.fields}) == 0) {`, `    if ((recordedSlots() & ${1 << g}) == 0) return true;`,
        `    const s = spanStart(${g}), n = spanEnd(${g}) - s;`, `    if (!(${tests.join(' || ')})) return true;`, '  }');
    }
    if (second.part) { // only a field holding the text after the part can have replayed the server's part
      const u = second.slot, text = [...Buffer.from(second.part.text, 'utf8')];
      lines.push(`  let holds = false;`, `  for (let q = spanStart(${u}); q + ${text.length} <= spanEnd(${u}); q++) if (bytesEqual(q, DATA + ${addData(text)}, ${text.length})) { holds = true; break; }`,
        '  if (!holds) return true;');
    } else {
      // (Not with a part: the second reading then tries the ends without it first, past the first reading's end too.)
      const wants = shortestFirstBytes(entryProgram(entry), second.slot);
      if (wants) {
        // The second reading tries the field's ends shortest first, and only where a byte of `wants` stands
        // (the first byte of what may follow the field). Before the first reading's end there is none: the
        // second reading would take that same end, and every other field as the first did.
        const none = wants.map((b) => `lastByte(s, e - 1, ${b}) == NOT_FOUND`).join(' && ');
        lines.push(`  if ((recordedSlots() & ${1 << second.slot}) == 0) return true;`,
          `  { const s = spanStart(${second.slot}), e = spanEnd(${second.slot}); if (e == s || (${none || 'true'})) return true; }`);
      }
    }
    lines.push('  saveSpans();', '  clearSpans();', `  setShortestFirst(${second.slot});`,
      `  const again = ${fn(k, 0)}(m);`, `  setShortestFirst(${NO_SLOT});`, `  const same = again && sameAsSaved(${second.mask});`,
      '  restoreSpans();', '  return same;', '}');
  }
  return lines.join('\n');
}

/** The byte a continuation starting with step `s` must begin with, or -1 when it is not one byte (a field, the end, ...). */
const firstByte = (s: Step): number => (s.op === 'lit' ? s.bytes[0] : s.op === 'space' ? 0x20 : -1);

/**
 * The bytes at which the shortest-first reading of `slot` may end the field (what each of its continuations
 * starts with: shortestFirst's `want`), or null when some continuation may start with any byte.
 */
function shortestFirstBytes(steps: Step[], slot: number): number[] | null {
  const wants = new Set<number>();
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.op !== 'field' || s.slot !== slot || s.type === 'rest') continue;
    const next = steps[i + 1];
    if (next.op === 'end') continue; // a single end, the message's
    for (const n of next.op === 'opt' ? [i + 2, next.skip] : [i + 1]) {
      const b = firstByte(steps[n]);
      if (b >= 0) wants.add(b);
      else if (steps[n].op !== 'end') return null;
    }
  }
  return [...wants];
}

/** The program names of the catalog's families as code: a switch on the length, then word compares. */
function emitProgramFamilies(catalog: Catalog, famBit: Map<string, number>): string {
  const masks = new Map<string, number>();
  for (const f of catalog.families) for (const p of f.programs) masks.set(p, ((masks.get(p) ?? 0) | famBit.get(f.name)!) >>> 0);
  const byLength = new Map<number, [number[], number][]>();
  for (const [name, mask] of [...masks].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const bytes = [...Buffer.from(name, 'utf8')];
    byLength.set(bytes.length, [...(byLength.get(bytes.length) ?? []), [bytes, mask]]);
  }
  const cases = [...byLength].sort(([a], [b]) => a - b).map(([n, names]) =>
    [`    case ${n}:`, ...names.map(([b, mask]) => `      if (${bytesEqualExpr('p', b)}) return ${mask};`), '      break;'].join('\n'));
  return ['/** Family mask of the program name [p, e), 0 when no catalog lists it. */',
    'export function programFamilies(p: usize, e: usize): u32 {', '  switch (<i32>(e - p)) {', ...cases, '  }', '  return 0;', '}'].join('\n');
}

export function emitEntriesCode(catalog: Catalog): string {
  if (catalog.families.length > 31) throw new Error('at most 31 catalog families');
  const famBit = new Map(catalog.families.map((f, i) => [f.name, 1 << i]));
  const out: string[] = [];
  data = [];
  memos = new Map();
  for (const e of catalog.entries) emitEntry(e, out);
  // The entries of a family sharing their shortest leading literal text (one way into the dispatch tree).
  const starts = new Map<string, number>();
  const startOf = (e: CatalogEntry) => `${e.family} ${leadingLiterals(entryProgram(e))[0].join(',')}`;
  for (const e of catalog.entries) starts.set(startOf(e), (starts.get(startOf(e)) ?? 0) + 1);
  for (const e of catalog.entries) out.push(emitTry(e, famBit.get(e.family)!, starts.get(startOf(e))! >= WORD_FAMILY ? requiredWord(e) : null));
  return `// GENERATED by host/compile/codegen.ts from catalog/**/*.yaml. Do not edit: \`npm run build\` rewrites it.
// ${catalog.entries.length} entries in ${catalog.families.length} families, each compiled to code, and the dispatch over their leading literals.
import { msgEnd, exhausted, shortestFirstSlot, step, record, lastByte, lastPair, NOT_FOUND, skipSpaces, saveSpans, clearSpans,
  restoreSpans, sameAsSaved, setShortestFirst, matchText, bytesEqual, memoTop, memoFailed, recordedSlots, spanStart, spanEnd, messageLength, holdsWord, tokenThen } from '../matcher/runtime';
import { runWord, runKeyword, runDigits, runPort, runIPv4, runAddress, shapeNonEmpty, shapePort, shapeUint, shapeIPv4, shapeIPv6,
  shapeAddress, isAddressByte, isKeywordByte, isDigitByte, isIPv4Byte } from '../matcher/fields';

export const AMBIGUOUS: i32 = -2;
const CONTINUE: i32 = -3;

/** The last word before a final " [preauth]" of the message being dispatched (try functions read it). */
let tailBefore: u32 = 0;

${out.join('\n\n')}

// The text runs and alternatives compared in loops.
const DATA: usize = memory.data<u8>([${data.join(', ')}]);

// The failure memos of ${memos.size} candidate functions (assembly/matcher/runtime.ts memoTop), 16 bytes each.
const MEMO: usize = memory.data(${Math.max(1, memos.size) * 16}, 8);

${emitDispatch(buildTrie(catalog), catalog.entries.length)}

${emitProgramFamilies(catalog, famBit)}
`;
}
