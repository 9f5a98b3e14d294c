// The matcher's framing (assembly/matcher/framing.ts) written with V8 regular expressions, for the regex
// baselines: where the message starts and which program the line names. Same rules: RFC 5424 after
// "<PRI>1 ", otherwise RFC 3164 (classic or RFC 3339 timestamp, with or without host name), "prog[pid]: "
// alone only when the program is an SSH program, else a bare message. Exact for well-formed headers; the
// matcher's byte-level corner cases of malformed ISO timestamps are not reproduced.

import type { Catalog } from '../compile/load.js';

/** Programs whose lines are tried against the same families, and those families, in catalog order. */
export interface ProgramSet { name: string; programs: string[]; families: string[] }

/**
 * The catalog's program names grouped by the families a line of each is tried against (a program may be
 * listed by several families: Tectia 3.x servers were installed as `sshd` too). Engines that select rules
 * by program (patterndb rulesets, liblognorm header types) need each program in one group: patterndb
 * refuses two rulesets sharing a program with different program sets, and liblognorm keeps to the first
 * header type that reads a header. Named by the families, joined by `+`.
 */
export function programSets(catalog: Catalog): ProgramSet[] {
  const sets = new Map<string, ProgramSet>();
  const programs = [...new Set(catalog.families.flatMap((f) => f.programs))];
  for (const p of programs) {
    const families = catalog.families.filter((f) => f.programs.includes(p)).map((f) => f.name);
    const name = families.join('+');
    const set = sets.get(name);
    if (set) set.programs.push(p);
    else sets.set(name, { name, programs: [p], families });
  }
  return [...sets.values()];
}

export interface Framed {
  /** Index of the message's first character in the line. */
  message: number;
  /** Program name, or null when the line names none (then every family applies). */
  program: string | null;
}

const PRI = /^<([0-9]{1,3})>/y;
// "1 " TIMESTAMP HOST APP PROCID MSGID SD [" " [BOM] MSG]; structured data with quoted, escaped values.
const RFC5424 = /1 ([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*) [^ ]* (?:-|(?:\[(?:[^"\]]|"(?:[^"\\]|\\[^])*")*\])+)(?:$| \uFEFF?)/y;
const CLASSIC_TS = /[A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} /y;
const ISO_TS = /(?=[0-9]{4}-[^\n]{2}-[^\n]{2}T[^\n]{2}:[^\n]{5})[^ ]* /y;
const TAG = /([^[: ]{1,64})(?:\[[0-9]{1,20}\])?: ?/y;
const HOST = /[^ ]*(?: |$)/y;

function sticky(re: RegExp, line: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(line);
}

/** Frames a line; `isSshProgram` says whether a program name is listed by some catalog. */
export function frameLine(line: string, isSshProgram: (program: string) => boolean): Framed {
  let p = 0;
  const pri = sticky(PRI, line, 0);
  if (pri && Number(pri[1]) <= 191) {
    p = pri[0].length;
    const h = sticky(RFC5424, line, p);
    if (h) return { message: p + h[0].length, program: h[3] === '-' ? null : h[3] };
  }
  const ts = sticky(CLASSIC_TS, line, p) ?? sticky(ISO_TS, line, p);
  if (ts) {
    p += ts[0].length;
    let tag = sticky(TAG, line, p);
    if (tag) return { message: p + tag[0].length, program: tag[1] };
    p += sticky(HOST, line, p)![0].length;
    tag = sticky(TAG, line, p);
    if (tag) return { message: p + tag[0].length, program: tag[1] };
    return { message: p, program: null };
  }
  const tag = sticky(TAG, line, p);
  if (tag && isSshProgram(tag[1])) return { message: p + tag[0].length, program: tag[1] };
  return { message: p, program: null };
}
