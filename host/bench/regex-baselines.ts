// Two V8 RegExp matchers generated from the same catalog, as baselines for the benchmark and oracles for
// the tests: `perEntry` tries one anchored regex per entry in catalog order (what a hand-written parser
// usually does); `alternation` runs one regex of all entries as alternatives with named groups (what a
// single grok/Fluent Bit pattern would do). Both frame lines like the matcher (export/syslog-framing.ts) and only
// try the entries of the families the line's program belongs to.
import type { Catalog } from '../compile/load.js';
import { entryPattern, messageEnd, plainGroupName } from '../export/regex.js';
import { frameLine } from '../export/syslog-framing.js';

export interface RegexBaseline {
  readonly name: string;
  /** Entry index of one line (without its newline), or -1. */
  classify(line: string): number;
  /** Entry index of every newline-separated line of `text` (a final newline ends the last line). */
  scan(text: string): Int32Array;
}

/** Family masks: which entries a program (or no program) may match. */
function familyIndex(catalog: Catalog) {
  const bit = new Map(catalog.families.map((f, i) => [f.name, 1 << i]));
  const programs = new Map<string, number>();
  for (const f of catalog.families) for (const p of f.programs) programs.set(p, (programs.get(p) ?? 0) | bit.get(f.name)!);
  const all = catalog.families.reduce((m, f) => m | bit.get(f.name)!, 0);
  const entryMask = catalog.entries.map((e) => bit.get(e.family)!);
  return {
    entryMask,
    /** Family mask of a framed line: all families without a program, none for a program no catalog lists. */
    maskOf: (program: string | null) => (program === null ? all : programs.get(program) ?? 0),
    isSshProgram: (p: string) => programs.has(p),
  };
}

function scanWith(classify: (line: string) => number, text: string): Int32Array {
  let lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines = lines.slice(0, -1);
  const out = new Int32Array(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = classify(lines[i]);
  return out;
}

const stripCr = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);

export function perEntryBaseline(catalog: Catalog): RegexBaseline {
  const fam = familyIndex(catalog);
  const regexes = catalog.entries.map((e) => new RegExp(`^(?:${entryPattern(e, { dialect: 'js', groupName: plainGroupName }).source})${messageEnd('js')}$`));
  const classify = (raw: string): number => {
    const line = stripCr(raw);
    const framed = frameLine(line, fam.isSshProgram);
    const mask = fam.maskOf(framed.program);
    if (mask === 0 || framed.message >= line.length) return -1;
    const msg = line.slice(framed.message);
    for (let i = 0; i < regexes.length; i++) if ((fam.entryMask[i] & mask) !== 0 && regexes[i].test(msg)) return i;
    return -1;
  };
  return { name: 'regex-per-entry', classify, scan: (text) => scanWith(classify, text) };
}

export function alternationBaseline(catalog: Catalog): RegexBaseline {
  const fam = familyIndex(catalog);
  // One regex per family mask in use; each alternative opens with an empty marker group `e<index>`.
  const masks = new Set<number>([fam.maskOf(null), ...catalog.families.flatMap((f) => f.programs.map((p) => fam.maskOf(p)))]);
  const byMask = new Map<number, { re: RegExp; markers: { group: string; index: number }[] }>();
  for (const mask of masks) {
    const entries = catalog.entries.filter((e) => (fam.entryMask[e.index] & mask) !== 0);
    const alts = entries.map((e) => `(?<e${e.index}>)${entryPattern(e, { dialect: 'js', groupName: (f, n) => `e${e.index}_${plainGroupName(f, n)}` }).source}`);
    byMask.set(mask, { re: new RegExp(`^(?:${alts.join('|')})${messageEnd('js')}$`), markers: entries.map((e) => ({ group: `e${e.index}`, index: e.index })) });
  }
  const classify = (raw: string): number => {
    const line = stripCr(raw);
    const framed = frameLine(line, fam.isSshProgram);
    const mask = fam.maskOf(framed.program);
    const table = byMask.get(mask);
    if (!table || framed.message >= line.length) return -1;
    const m = table.re.exec(line.slice(framed.message));
    if (!m) return -1;
    for (const { group, index } of table.markers) if (m.groups![group] !== undefined) return index;
    return -1;
  };
  return { name: 'regex-alternation', classify, scan: (text) => scanWith(classify, text) };
}
