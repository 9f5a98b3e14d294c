// The brute-force detector's rules: which catalog entries fail2ban's sshd filter counts, mode by mode
// (detect/fail2ban-sshd.yaml; its header explains effects and conditions), and which CrowdSec's sshd
// parser pours into its ssh-bf buckets (detect/crowdsec-sshd.yaml). This module owns those files: it
// checks every entry id, field key and mode against the catalog and compiles the rules to
// assembly/generated/detect.ts, tables the state machine (assembly/detect/) walks. Nothing else reads the
// YAML; hosts take the mode names from host/compile/detect-modes.ts.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { CatalogError, type Catalog, type CatalogEntry } from './load.js';
import { HOST_TAG_TYPES } from './field-types.js';
import { ECS_VERSION, ECS_CATEGORIES, ECS_KINDS, EXPECTED_TYPES, isAllowedField } from './ecs.js';

export const DETECT_RULES_FILES = ['detect/fail2ban-sshd.yaml', 'detect/crowdsec-sshd.yaml'];
export const SESSION_ROLES_FILE = 'detect/sessions.yaml';
/** A session role of an entry: its bit in the generated per-entry byte. */
export const SESSION_ROLES = ['failure', 'accept', 'reason', 'close', 'child', 'bytes', 'start', 'link'] as const;
/** The fields an entry of a role must have (its value is read from them), by ECS name. */
export const SESSION_ROLE_FIELDS: Partial<Record<(typeof SESSION_ROLES)[number], string[]>> = {
  reason: ['event.reason'], child: ['system.auth.ssh.pid'], bytes: ['system.auth.ssh.sent', 'system.auth.ssh.received'],
};

import { FAIL2BAN_MODES, RULE_SETS, DETECT_MODES, CROWDSEC_SCENARIOS, CROWDSEC_BUCKETS, type Fail2banMode } from './detect-modes.js';

export { FAIL2BAN_MODES, type Fail2banMode };

export const EFFECTS = ['fail', 'nofail', 'gained'] as const;
export const CONDITION_KINDS = ['in', 'prefix', 'suffix', 'absent', 'present', 'preceded-by', 'charset'] as const;

/** A regex-style character class body ("a-zA-Z0-9._-") as a 256-bit set, 32 bytes. */
export function charsetBits(spec: string): number[] {
  const bits = new Array<number>(32).fill(0);
  const chars = [...spec];
  for (let i = 0; i < chars.length; i++) {
    let lo = chars[i].charCodeAt(0), hi = lo;
    if (chars[i + 1] === '-' && i + 2 < chars.length) { hi = chars[i + 2].charCodeAt(0); i += 2; }
    for (let c = lo; c <= hi && c < 256; c++) bits[c >> 3] |= 1 << (c & 7);
  }
  return bits;
}
type ConditionKind = (typeof CONDITION_KINDS)[number];

export interface DetectCondition { slot: number; kind: ConditionKind; texts: string[] }
export interface DetectRule {
  entry: string; line: number; modes: number; effect: number; forget: boolean;
  /** 0: either, 1: the message ends with " [preauth]", 2: it does not. */
  preauth: number; conditions: DetectCondition[];
}
export interface DetectRules { programs: string[]; rules: DetectRule[]; sessionRoles: Map<string, number> }

/** detect/sessions.yaml: entry id -> role bits; every id checked against the catalog. */
function loadSessionRoles(catalog: Catalog, file: string, problems: string[]): Map<string, number> {
  const data = parseDocument(readFileSync(file, 'utf8')).toJS() as { roles: Record<string, string[]> };
  const roles = new Map<string, number>();
  for (const [role, entries] of Object.entries(data.roles ?? {})) {
    const bit = SESSION_ROLES.indexOf(role as (typeof SESSION_ROLES)[number]);
    if (bit < 0) { problems.push(`${file}: unknown role ${role} (${SESSION_ROLES.join(', ')})`); continue; }
    for (const id of entries) {
      const entry = catalog.entries.find((e) => e.id === id);
      if (!entry) problems.push(`${file}: no catalog entry ${id}`);
      for (const f of SESSION_ROLE_FIELDS[role as (typeof SESSION_ROLES)[number]] ?? [])
        if (entry && !entry.fields.some((x) => x.name === f)) problems.push(`${file}: ${role} entry ${id} has no field ${f}`);
      roles.set(id, (roles.get(id) ?? 0) | (1 << bit));
    }
  }
  return roles;
}


/**
 * The slot fail2ban's <HOST> stands for: the entry's one address-typed field (host or ip), or of several
 * the one that names the client (source.*); NO_SLOT when there is none.
 */
export function addressSlot(e: CatalogEntry): number {
  const fields = e.fields.filter((f) => HOST_TAG_TYPES.has(f.type));
  const pick = fields.length === 1 ? fields : fields.filter((f) => f.name.startsWith('source.'));
  return pick.length === 1 ? pick[0].slot : 255;
}
export function userSlot(e: CatalogEntry): number {
  return e.fields.find((f) => f.name === 'user.name')?.slot ?? 255;
}
/** fail2ban's F-ALT_USER: the user a PAM line names as ruser, taken when it names no user= (source.user.name). */
export function altUserSlot(e: CatalogEntry): number {
  return e.fields.find((f) => f.name === 'source.user.name')?.slot ?? 255;
}

export function loadDetectRules(catalog: Catalog, files = DETECT_RULES_FILES): DetectRules {
  const problems: string[] = [];
  const rules: DetectRule[] = [];
  let programs: string[] | null = null;
  for (const file of files) programs = loadFile(catalog, file, rules, problems, programs);
  const sessionRoles = loadSessionRoles(catalog, SESSION_ROLES_FILE, problems);
  problems.push(...checkAlertVocabulary());
  if (problems.length) throw new CatalogError(problems);
  return { programs: programs ?? [], rules, sessionRoles };
}

function loadFile(catalog: Catalog, file: string, rules: DetectRule[], problems: string[], programs: string[] | null): string[] {
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines });
  const data = doc.toJS() as { programs: string[]; modes: string[]; rules: Record<string, unknown>[] };
  const sets = (data.modes ?? []).filter((m) => RULE_SETS.includes(m as never));
  if (!sets.length || sets.length !== (data.modes ?? []).length) problems.push(`${file}: modes must be some of ${RULE_SETS.join(', ')}`);
  if (programs && JSON.stringify(programs) !== JSON.stringify(data.programs)) problems.push(`${file}: programs must be ${programs.join(', ')}, as in the other rule files`);
  const seq = doc.get('rules', true) as { items: { range?: [number, number, number] }[] };
  const byId = new Map(catalog.entries.map((e) => [e.id, e]));
  data.rules.forEach((r, i) => {
    const line = lines.linePos(seq.items[i]?.range?.[0] ?? 0).line;
    const where = `${file}:${line}`;
    const entry = byId.get(String(r.entry));
    if (!entry) { problems.push(`${where}: no catalog entry ${String(r.entry)}`); return; }
    if (addressSlot(entry) === 255 && entry.fields.some((f) => HOST_TAG_TYPES.has(f.type)))
      problems.push(`${where}: ${entry.id} has more than one address field`);
    const modeList = r.modes === 'all' ? sets : (r.modes as string[] | undefined) ?? [];
    let modes = 0;
    for (const m of modeList) {
      const k = RULE_SETS.indexOf(m as never);
      if (k < 0 || !sets.includes(m)) problems.push(`${where}: mode ${m} is not one of this file's (${sets.join(', ')})`); else modes |= 1 << k;
    }
    if (!modes) problems.push(`${where}: no modes`);
    const effect = EFFECTS.indexOf(r.effect as (typeof EFFECTS)[number]);
    if (effect < 0) problems.push(`${where}: effect must be one of ${EFFECTS.join(', ')}`);
    const preauth = r.preauth === undefined ? 0 : r.preauth === true ? 1 : r.preauth === false ? 2 : -1;
    if (preauth < 0) problems.push(`${where}: preauth must be true or false`);
    const conditions: DetectCondition[] = [];
    for (const [key, cond] of Object.entries((r.when ?? {}) as Record<string, Record<string, unknown>>)) {
      // A field by its template key, or by its ECS name when only one field has it (an alternative's key is its whole text).
      const byName = entry.fields.filter((f) => f.name === key);
      const field = entry.fields.find((f) => f.key === key) ?? (byName.length === 1 ? byName[0] : undefined);
      if (!field) { problems.push(`${where}: ${entry.id} has no field ${key} (a template key, or the ECS name of one field)`); continue; }
      for (const [kind, value] of Object.entries(cond)) {
        if (!CONDITION_KINDS.includes(kind as ConditionKind)) { problems.push(`${where}: unknown condition ${kind}`); continue; }
        const texts = kind === 'absent' || kind === 'present' ? [] : kind === 'preceded-by' || kind === 'charset' ? [String(value)] : (value as unknown[]).map(String);
        if ((kind === 'absent' || kind === 'present') && value !== true) problems.push(`${where}: ${kind} must be true`);
        conditions.push({ slot: field.slot, kind: kind as ConditionKind, texts });
      }
    }
    rules.push({ entry: entry.id, line, modes, effect, forget: r.forget === true, preauth, conditions });
  });
  return data.programs;
}

/**
 * The alert document's constant text for each detector, in the order assembly/detect/alert.ts writes it
 * with its values between: @timestamp (the decision), event.start/end/duration, the mode (in rule.*),
 * host.hostname (when the line has one), source.address/ip, related.ip, the mode, the detector's two
 * parameters (fail2ban: maxretry, findtime; CrowdSec: capacity, leakspeed) and the failure count.
 */
export const ALERT_CATEGORY = 'intrusion_detection';
export const ALERT_TYPE = 'info';
function alertPieces(detector: 'fail2ban' | 'crowdsec'): string[] {
  const f2b = detector === 'fail2ban';
  return [
    '{"@timestamp":',
    `,"ecs":{"version":"${ECS_VERSION}"},"event":{"kind":"alert","category":["${ALERT_CATEGORY}"],"type":["${ALERT_TYPE}"],"action":"ssh_brute_force","code":"${f2b ? 'fail2ban.sshd' : 'crowdsec.ssh'}","start":`,
    ',"end":', ',"duration":',
    f2b ? '},"rule":{"ruleset":"fail2ban","name":"sshd","description":"fail2ban sshd jail, mode ' : '},"rule":{"ruleset":"crowdsec","name":"crowdsecurity/',
    f2b ? '"}' : '","description":"CrowdSec scenario (leaky bucket)"}',
    ',"host":{"hostname":', '}',
    ',"source":{"address":', ',"ip":', '},"related":{"ip":[',
    `]},"ssh_log_matcher":{"status":"alert","detector":"${detector}","mode":"`,
    f2b ? '","maxretry":' : '","capacity":', f2b ? ',"findtime":' : ',"leakspeed":', ',"failures":', '}}',
  ];
}
export const ALERT_PIECES = { fail2ban: alertPieces('fail2ban'), crowdsec: alertPieces('crowdsec') };
/**
 * The session event's constant text (assembly/detect/sessions.ts writes the values between): @timestamp
 * (the end), outcome, start, end, duration, then optional host.hostname, process.pid, source.*, user.name,
 * related, and the attempts, the closing line's entry and the disconnect reason.
 */
export const SESSION_CATEGORY = 'session';
export const SESSION_TYPE = 'end';
export const SESSION_PIECES = [
  '{"@timestamp":',
  `,"ecs":{"version":"${ECS_VERSION}"},"event":{"kind":"event","category":["${SESSION_CATEGORY}"],"type":["${SESSION_TYPE}"],"action":"ssh_session","code":"ssh_log_matcher.session","outcome":"`,
  '","start":', ',"end":', ',"duration":', '}',
  ',"host":{"hostname":', '}', ',"process":{"pid":', '}',
  ',"source":{', '"address":', ',"ip":', ',"port":', '"bytes":', '}',
  ',"destination":{"bytes":', '}',
  ',"user":{"name":', '}',
  ',"related":{', '"ip":[', ']', ',', '"user":[', ']', '}',
  ',"ssh_log_matcher":{"status":"session","attempts":', ',"closed_by":', ',"reason":', '}}',
  'timeout', 'evicted', // closed_by of a session written without a closing line
];
export const SESSION_FIELDS = ['event.outcome', 'event.start', 'event.end', 'event.duration', 'host.hostname', 'process.pid', 'source.address', 'source.ip',
  'source.port', 'source.bytes', 'destination.bytes', 'user.name', 'related.ip', 'related.user'];

/** The alert's ECS fields, for the build's check that Elastic's schema has them. */
export const ALERT_FIELDS = ['@timestamp', 'ecs.version', 'event.kind', 'event.category', 'event.type', 'event.action', 'event.code',
  'event.start', 'event.end', 'event.duration', 'rule.ruleset', 'rule.name', 'rule.description', 'host.hostname', 'source.address', 'source.ip', 'related.ip'];

function checkAlertVocabulary(): string[] {
  const problems = [...ALERT_FIELDS, ...SESSION_FIELDS].filter((f) => !isAllowedField(f)).map((f) => `alert or session field ${f} is not in ECS ${ECS_VERSION}`);
  if (!EXPECTED_TYPES.get(SESSION_CATEGORY)?.has(SESSION_TYPE)) problems.push(`session classification ${SESSION_CATEGORY}/${SESSION_TYPE} is not allowed by ECS ${ECS_VERSION}`);
  if (!ECS_KINDS.has('alert') || !ECS_CATEGORIES.has(ALERT_CATEGORY) || !EXPECTED_TYPES.get(ALERT_CATEGORY)?.has(ALERT_TYPE))
    problems.push(`alert classification ${ALERT_CATEGORY}/${ALERT_TYPE} is not allowed by ECS ${ECS_VERSION}`);
  return problems;
}

/** assembly/generated/detect.ts: the rules as tables of u32 words (layout in the emitted header). */
export function emitDetectRules(catalog: Catalog, rules: DetectRules): string {
  const text: number[] = [];
  const strings: number[] = []; // (offset, length) pairs into TEXT
  const addBytes = (b: number[] | Buffer) => { strings.push(text.length, b.length); text.push(...b); };
  const addString = (s: string) => addBytes(Buffer.from(s, 'utf8'));
  const conds: number[] = [];
  const ruleWords: number[] = [];
  const entryWords: number[] = [];
  for (const e of catalog.entries) {
    const mine = rules.rules.filter((r) => r.entry === e.id);
    entryWords.push((ruleWords.length / 2) | (mine.length << 16), addressSlot(e) | (userSlot(e) << 8) | (altUserSlot(e) << 16));
    for (const r of mine) {
      ruleWords.push(r.modes | (r.effect << 8) | ((r.forget ? 1 : 0) << 16) | (r.preauth << 17), (conds.length / 2) | (r.conditions.length << 16));
      for (const c of r.conditions) {
        conds.push(c.slot | (CONDITION_KINDS.indexOf(c.kind) << 8) | (c.texts.length << 16), strings.length / 2);
        for (const t of c.texts) if (c.kind === 'charset') addBytes(charsetBits(t)); else addString(t);
      }
    }
  }
  const programFirst = strings.length / 2;
  for (const p of rules.programs) addString(p);
  const modeFirst = strings.length / 2;
  for (const m of DETECT_MODES) addString(m);
  const pieceFirst = strings.length / 2;
  for (const p of ALERT_PIECES.fail2ban) addString(p);
  const crowdsecFirst = strings.length / 2;
  for (const p of ALERT_PIECES.crowdsec) addString(p);
  const buckets = CROWDSEC_SCENARIOS.map((n) => CROWDSEC_BUCKETS[n]);
  const sessionFirst = strings.length / 2;
  for (const p of SESSION_PIECES) addString(p);
  const idFirst = strings.length / 2;
  for (const e of catalog.entries) addString(e.id);
  const roles = catalog.entries.map((e) => rules.sessionRoles.get(e.id) ?? 0);
  const slot = (e: CatalogEntry, name: string) => e.fields.find((f) => f.name === name)?.slot ?? 255;
  const sessionWords = catalog.entries.flatMap((e, i) => [
    roles[i] | (slot(e, 'source.port') << 8) | (slot(e, 'event.reason') << 16) | (slot(e, 'system.auth.ssh.pid') << 24),
    slot(e, 'system.auth.ssh.sent') | (slot(e, 'system.auth.ssh.received') << 8),
  ]);
  const words = (name: string, w: number[]) => `export const ${name}: usize = memory.data<u32>([${w.join(', ')}]);\n`;
  return `// GENERATED by host/compile/detect-rules.ts from ${DETECT_RULES_FILES.join(', ')}. Do not edit: \`npm run build\` rewrites it.
// ${rules.rules.length} rules over ${catalog.entries.length} entries. Layout (u32 words):
//   DETECT_ENTRIES[2e]: first rule | rule count << 16;  [2e+1]: address slot | user slot << 8 | alternative user slot << 16 (255: none)
//   DETECT_RULES[2r]: mode mask | effect << 8 | forget << 16 | preauth << 17;  [2r+1]: first condition | count << 16
//   DETECT_CONDITIONS[2c]: slot | kind << 8 | text count << 16;  [2c+1]: first text
//   DETECT_STRINGS[2s], [2s+1]: offset into DETECT_TEXT, length
// effects: ${EFFECTS.map((e, i) => `${i} ${e}`).join(', ')}; condition kinds: ${CONDITION_KINDS.map((k, i) => `${i} ${k}`).join(', ')}.

export const DETECT_MODE_COUNT: u32 = ${DETECT_MODES.length}; // ${DETECT_MODES.join(', ')}
export const DETECT_FAIL2BAN_MODES: u32 = ${FAIL2BAN_MODES.length}; // modes below this are fail2ban's, the rest CrowdSec's
export const DETECT_CROWDSEC_SET: u32 = ${RULE_SETS.indexOf('crowdsec')}; // the rule set (mode-mask bit) of CrowdSec's events
// CrowdSec's scenarios, in mode order from DETECT_FAIL2BAN_MODES (hub scenarios/crowdsecurity/*.yaml): seconds.
export const DETECT_BUCKET_CAPACITY: usize = memory.data<u32>([${buckets.map((b) => b.capacity).join(', ')}]);
export const DETECT_BUCKET_LEAK: usize = memory.data<u32>([${buckets.map((b) => b.leakspeed).join(', ')}]);
export const DETECT_BUCKET_BLACKHOLE: usize = memory.data<u32>([${buckets.map((b) => b.blackhole).join(', ')}]);
export const DETECT_PROGRAM_FIRST: u32 = ${programFirst};
export const DETECT_PROGRAM_COUNT: u32 = ${rules.programs.length};
export const DETECT_MODE_FIRST: u32 = ${modeFirst}; // the mode names
export const DETECT_ALERT_FIRST: u32 = ${pieceFirst}; // the alert's constant pieces, fail2ban's (host/compile/detect-rules.ts ALERT_PIECES)
export const DETECT_ALERT_CROWDSEC_FIRST: u32 = ${crowdsecFirst}; // and CrowdSec's
export const DETECT_SESSION_FIRST: u32 = ${sessionFirst}; // the session event's constant pieces (SESSION_PIECES)
export const DETECT_ENTRY_ID_FIRST: u32 = ${idFirst}; // every entry's id, by entry index
// Per entry, two words: [2e] session roles (${SESSION_ROLES.map((r, i) => `${1 << i} ${r}`).join(', ')}) | source.port slot << 8
//   | event.reason slot << 16 | system.auth.ssh.pid slot << 24;  [2e+1] system.auth.ssh.sent slot | system.auth.ssh.received slot << 8.
${words('DETECT_SESSION_ENTRIES', sessionWords)}
${words('DETECT_ENTRIES', entryWords)}${words('DETECT_RULES', ruleWords.length ? ruleWords : [0])}${words('DETECT_CONDITIONS', conds.length ? conds : [0])}${words('DETECT_STRINGS', strings)}export const DETECT_TEXT: usize = memory.data<u8>([${text.join(', ')}]);
`;
}
