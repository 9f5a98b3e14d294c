// Loads and validates the catalog files. Everything a user can get wrong in a catalog is reported here as
// `file:line: reason`, all problems at once, before any table is emitted.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode, type YAMLMap } from 'yaml';
import { DOCUMENT_FIELDS, ECS_CATEGORIES, ECS_OUTCOMES, ECS_TYPES, SYSLOG_FACILITIES, SYSLOG_LEVELS, isAllowedField, derivedAddressFields,
  ecsTypeOf, fieldTypeProblem, unexpectedPairs, type EcsType } from './ecs.js';
import { ADDRESS_TYPES, TOKEN_TYPES, FIELD_TYPES, SERVER_TEXT_TYPES, isFieldType, type FieldType } from './field-types.js';
import { MAX_FIELDS } from './abi.js';
import { TemplateError, parseTemplate, templateFieldKeys, type TemplateNode } from './template.js';

export { MAX_FIELDS };

export interface Where { file: string; line: number }
export const at = (w: Where) => `${w.file}:${w.line}`;

export interface CatalogField {
  key: string; slot: number; name: string; type: FieldType; ecsType: EcsType;
  /** `written_by: server`: text the server writes (PAM's error strings), read shortest-first. */
  serverText: boolean;
  /** `written_for: { <field>: [values] }`: the server writes this client text only when that field has one of the values. */
  writtenFor: { key: string; values: string[] } | null;
}
export interface CatalogExample { line: string; fields: Record<string, string | number>; where: Where }
export interface CatalogEntry {
  index: number;
  id: string;
  family: string;
  title: string;
  description: string;
  template: string;
  nodes: TemplateNode[];
  level: string;
  severity: number;
  levelAssessed: boolean;
  facility: string | null;
  event: { category: string[]; type: string[]; action: string; outcome: string };
  /** system.auth.ssh.event as the integration names the message (Accepted, Failed), or null. */
  sshEvent: string | null;
  fields: CatalogField[];
  examples: CatalogExample[];
  where: Where;
}
export interface Family { name: string; programs: string[]; where: Where }
export interface Catalog { families: Family[]; entries: CatalogEntry[] }

export class CatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(`catalog has ${problems.length} problem(s):\n${problems.join('\n')}`);
  }
}

export function findCatalogFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...findCatalogFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

const ID = /^[a-z0-9]+(?:[.-][a-z0-9]+)+$/;
const ACTION = /^[a-z0-9]+(?:[_-][a-z0-9]+)*$/;
const SSH_EVENT = /^[A-Za-z][A-Za-z0-9_ -]{0,63}$/;
const PROGRAM = /^[A-Za-z0-9_.\/()-]{1,64}$/; // "sshd(pam_unix)": older Linux-PAM put the module in the tag

export function loadCatalog(files: string[], root = process.cwd()): Catalog {
  const problems: string[] = [];
  const families = new Map<string, Family>();
  const entries: CatalogEntry[] = [];
  const ids = new Map<string, Where>();

  for (const path of files) {
    const file = relative(root, path) || path;
    const lc = new LineCounter();
    const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter: lc, uniqueKeys: true });
    const lineOf = (n: YamlNode | null | undefined): number => (n?.range ? lc.linePos(n.range[0]).line : 1);
    const fail = (n: YamlNode | null | undefined, msg: string) => problems.push(`${file}:${lineOf(n)}: ${msg}`);
    for (const e of doc.errors) problems.push(`${file}:${e.linePos?.[0]?.line ?? 1}: YAML: ${e.message.split('\n')[0]}`);
    if (doc.errors.length) continue;
    const top = doc.contents;
    if (!isMap(top)) { fail(top, 'a catalog file is a mapping with catalog, programs and entries'); continue; }
    checkKeys(top, ['catalog', 'programs', 'entries'], fail);

    const famName = str(top, 'catalog', fail, true);
    const programsNode = top.get('programs', true);
    const programs: string[] = [];
    if (!isSeq(programsNode) || programsNode.items.length === 0) fail(programsNode ?? top, 'programs: a non-empty list of syslog program names');
    else for (const p of programsNode.items) {
      if (isScalar(p) && typeof p.value === 'string' && PROGRAM.test(p.value)) programs.push(p.value);
      else fail(p as YamlNode, `bad program name ${JSON.stringify((p as any)?.value ?? p)}`);
    }
    if (!famName) continue;
    const prev = families.get(famName);
    if (prev) {
      if (prev.programs.join(',') !== programs.join(','))
        fail(programsNode, `family ${famName} lists programs [${programs}] here but [${prev.programs}] at ${at(prev.where)}`);
    } else families.set(famName, { name: famName, programs, where: { file, line: lineOf(top) } });

    const list = top.get('entries', true);
    if (!isSeq(list) || list.items.length === 0) { fail(list ?? top, 'entries: a non-empty list'); continue; }
    for (const item of list.items) {
      const entry = loadEntry(item as YamlNode, famName, file, lineOf, fail, () => problems.length);
      if (!entry) continue;
      const dup = ids.get(entry.id);
      if (dup) { problems.push(`${at(entry.where)}: duplicate id ${entry.id} (first at ${at(dup)})`); continue; }
      ids.set(entry.id, entry.where);
      entry.index = entries.length;
      entries.push(entry);
    }
  }
  if (problems.length) throw new CatalogError(problems);
  return { families: [...families.values()], entries };
}

type Fail = (n: YamlNode | null | undefined, msg: string) => void;

function checkKeys(map: YAMLMap, allowed: string[], fail: Fail) {
  for (const pair of map.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '?';
    if (!allowed.includes(k)) fail(pair.key as YamlNode, `unknown key '${k}' (allowed: ${allowed.join(', ')})`);
  }
}

function str(map: YAMLMap, key: string, fail: Fail, required: boolean): string | null {
  const n = map.get(key, true);
  if (n === undefined) { if (required) fail(map, `missing '${key}'`); return null; }
  if (!isScalar(n) || typeof n.value !== 'string' || n.value === '') { fail(n as YamlNode, `'${key}' must be a non-empty string`); return null; }
  return n.value;
}

function strList(map: YAMLMap, key: string, allowed: Set<string>, fail: Fail): string[] {
  const n = map.get(key, true);
  if (!isSeq(n) || n.items.length === 0) { fail(n ?? map, `'${key}' must be a non-empty list`); return []; }
  const out: string[] = [];
  for (const it of n.items) {
    const v = isScalar(it) ? String(it.value) : '';
    if (!allowed.has(v)) fail(it as YamlNode, `event.${key} '${v}' is not an ECS value (allowed: ${[...allowed].join(', ')})`);
    else out.push(v);
  }
  return out;
}

function loadEntry(node: YamlNode, family: string, file: string, lineOf: (n: YamlNode | null | undefined) => number, fail: Fail, problemCount: () => number): CatalogEntry | null {
  if (!isMap(node)) { fail(node, 'an entry is a mapping'); return null; }
  const before = problemCount();
  checkKeys(node, ['id', 'title', 'template', 'description', 'level', 'level_assessed', 'facility', 'event', 'fields', 'examples'], fail);
  const where = { file, line: lineOf(node) };
  const id = str(node, 'id', fail, true);
  if (id && !ID.test(id)) fail(node.get('id', true) as YamlNode, `id '${id}' must look like family.area.name ([a-z0-9], '.' and '-')`);
  if (id && !id.startsWith(family.split('-')[0] + '.')) fail(node.get('id', true) as YamlNode, `id '${id}' must start with its family '${family}.'`);
  const title = str(node, 'title', fail, true) ?? '';
  const description = str(node, 'description', fail, true) ?? '';
  const template = str(node, 'template', fail, true) ?? '';
  const level = str(node, 'level', fail, true) ?? 'notice';
  if (!(level in SYSLOG_LEVELS)) fail(node.get('level', true) as YamlNode, `level '${level}' is not a syslog severity (${Object.keys(SYSLOG_LEVELS).join(', ')})`);
  const assessedNode = node.get('level_assessed', true);
  if (assessedNode !== undefined && !(isScalar(assessedNode) && typeof assessedNode.value === 'boolean')) fail(assessedNode as YamlNode, 'level_assessed must be true or false');
  const facility = str(node, 'facility', fail, false);
  if (facility && !SYSLOG_FACILITIES.has(facility)) fail(node.get('facility', true) as YamlNode, `facility '${facility}' is not a syslog facility`);

  const ev = node.get('event', true);
  const event = { category: [] as string[], type: [] as string[], action: '', outcome: '' };
  let sshEvent: string | null = null;
  if (!isMap(ev)) fail(ev ?? node, "missing 'event' (ECS classification: category, type, action, outcome)");
  else {
    checkKeys(ev, ['category', 'type', 'action', 'outcome', 'ssh_event'], fail);
    event.category = strList(ev, 'category', ECS_CATEGORIES, fail);
    event.type = strList(ev, 'type', ECS_TYPES, fail);
    const pairs = unexpectedPairs(event.category, event.type);
    if (pairs.length) fail(ev.get('type', true) as YamlNode, `event.category/event.type ${pairs.join(', ')}: ECS does not expect ${pairs.length > 1 ? 'these pairs' : 'this pair'} (@elastic/ecs expected_event_types)`);
    event.action = str(ev, 'action', fail, true) ?? '';
    if (event.action && !ACTION.test(event.action)) fail(ev.get('action', true) as YamlNode, `event.action '${event.action}' must be lower case words joined by _ or - (the integration writes ssh_login)`);
    sshEvent = str(ev, 'ssh_event', fail, false);
    if (sshEvent && !SSH_EVENT.test(sshEvent)) fail(ev.get('ssh_event', true) as YamlNode, `event.ssh_event '${sshEvent}' must be a word such as Accepted, Failed, Invalid`);
    event.outcome = str(ev, 'outcome', fail, true) ?? '';
    if (event.outcome && !ECS_OUTCOMES.has(event.outcome)) fail(ev.get('outcome', true) as YamlNode, `event.outcome '${event.outcome}' must be success, failure or unknown`);
  }

  let nodes: TemplateNode[] = [];
  const tnode = node.get('template', true) as YamlNode;
  try { nodes = parseTemplate(template); } catch (e) {
    if (e instanceof TemplateError) fail(tnode, `template: ${e.message} (column ${e.column})`); else throw e;
  }
  const keys = templateFieldKeys(nodes);
  const fieldsNode = node.get('fields', true);
  const fields: CatalogField[] = [];
  const declared = new Map<string, YamlNode>();
  if (fieldsNode !== undefined && !isMap(fieldsNode)) fail(fieldsNode as YamlNode, 'fields: a mapping of placeholder -> { name, type }');
  if (isMap(fieldsNode)) for (const pair of fieldsNode.items) declared.set(isScalar(pair.key) ? String(pair.key.value) : '?', pair.key as YamlNode);
  const seen = new Set<string>();
  const seenNames = new Set<string>();
  for (const { key } of keys) {
    if (seen.has(key)) { fail(tnode, `placeholder ${key} appears twice in the template; give each its own name`); continue; }
    seen.add(key);
    const spec = isMap(fieldsNode) ? fieldsNode.get(key, true) : undefined;
    if (!isMap(spec)) { fail(spec ?? tnode, `placeholder ${key.startsWith('[') ? key : `<${key}>`} has no field mapping under 'fields' ({ name, type })`); continue; }
    checkKeys(spec, ['name', 'type', 'written_by', 'written_for'], fail);
    const name = str(spec, 'name', fail, true) ?? '';
    const type = str(spec, 'type', fail, true) ?? '';
    const writtenBy = str(spec, 'written_by', fail, false);
    if (writtenBy !== null && writtenBy !== 'server') fail(spec.get('written_by', true) as YamlNode, `written_by: only 'server' (text the server writes, read shortest-first)`);
    if (writtenBy && !(isFieldType(type) && SERVER_TEXT_TYPES.has(type))) fail(spec.get('written_by', true) as YamlNode, `written_by: server is for text, quoted and user fields (typed fields are the server's already)`);
    let writtenFor: CatalogField['writtenFor'] = null;
    const wf = spec.get('written_for', true);
    if (wf !== undefined) {
      const pair = isMap(wf) && wf.items.length === 1 ? wf.items[0] : null;
      const values = pair && isSeq(pair.value) ? pair.value.items.map((v) => (isScalar(v) ? String(v.value) : '')) : [];
      if (!pair || !isScalar(pair.key) || values.length === 0 || values.some((v) => v === ''))
        fail(wf as YamlNode, 'written_for: { <placeholder>: [values] }, the values the server writes this field for');
      else writtenFor = { key: String(pair.key.value), values };
    }
    if (name && !isAllowedField(name)) fail(spec.get('name', true) as YamlNode, `unknown ECS field '${name}' (not in @elastic/ecs; SSH-specific fields go under system.auth.ssh.)`);
    if (DOCUMENT_FIELDS.has(name)) fail(spec.get('name', true) as YamlNode, `field '${name}' is written from the line's header or the entry's classification; capture into another field`);
    if (name && seenNames.has(name)) fail(spec.get('name', true) as YamlNode, `field '${name}' is mapped twice in this entry`);
    seenNames.add(name);
    if (!isFieldType(type)) { fail(spec.get('type', true) as YamlNode, `unknown field type '${type}' (${FIELD_TYPES.join(', ')})`); continue; }
    if (key.startsWith('[') && !TOKEN_TYPES.has(type)) fail(spec.get('type', true) as YamlNode, `alternatives ${key} are captured as type word or keyword`);
    const typeProblem = name ? fieldTypeProblem(name, type) : null;
    if (typeProblem) fail(spec.get('type', true) as YamlNode, typeProblem);
    const ecsType: EcsType = ecsTypeOf(name, type);
    if (ADDRESS_TYPES.has(type) && derivedAddressFields(name) === null && ecsType !== 'ip' && !name.startsWith('system.auth.ssh.'))
      fail(spec.get('name', true) as YamlNode, `address field '${name}' should be an ECS *.address or *.ip field`);
    fields.push({ key, slot: fields.length, name, type, ecsType, serverText: writtenBy === 'server', writtenFor });
  }
  for (const f of fields) {
    if (!f.writtenFor) continue;
    const g = fields.find((x) => x.key === f.writtenFor!.key);
    if (!g || !TOKEN_TYPES.has(g.type)) fail(tnode, `${f.key}: written_for names ${f.writtenFor.key}, which must be a word or keyword placeholder of this entry`);
  }
  for (const [k, n] of declared) if (!seen.has(k)) fail(n, `field mapping '${k}' has no placeholder in the template`);
  if (sshEvent && seenNames.has('system.auth.ssh.event')) fail(ev as YamlNode, `event.ssh_event is set and a placeholder captures system.auth.ssh.event too: keep one`);
  for (const f of fields) {
    const derived = ADDRESS_TYPES.has(f.type) ? derivedAddressFields(f.name) : null;
    if (derived && (seenNames.has(derived.ip) || (derived.domain !== '' && seenNames.has(derived.domain))))
      fail(fieldsNode as YamlNode, `${f.name} already fills ${derived.ip} / ${derived.domain}; do not map a placeholder to them too`);
  }
  if (fields.length > MAX_FIELDS) fail(fieldsNode as YamlNode, `an entry may capture at most ${MAX_FIELDS} fields (has ${fields.length})`);
  checkTemplateShape(nodes, fields, tnode, fail);

  const examples: CatalogExample[] = [];
  const exNode = node.get('examples', true);
  if (!isSeq(exNode) || exNode.items.length === 0) fail(exNode ?? node, "'examples': at least one example line with the fields it must yield");
  else for (const ex of exNode.items) {
    if (!isMap(ex)) { fail(ex as YamlNode, 'an example is { line, fields }'); continue; }
    checkKeys(ex, ['line', 'fields'], fail);
    const line = str(ex, 'line', fail, true);
    const fnode = ex.get('fields', true);
    const values: Record<string, string | number> = {};
    if (fnode !== undefined && !isMap(fnode)) fail(fnode as YamlNode, 'example fields: a mapping of ECS name -> value');
    if (isMap(fnode)) for (const pair of fnode.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '?';
      const v = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof v !== 'string' && typeof v !== 'number') { fail(pair.value as YamlNode, `example value of ${k} must be a string or number`); continue; }
      values[k] = v;
    }
    if (line !== null) examples.push({ line, fields: values, where: { file, line: lineOf(ex) } });
  }
  if (problemCount() !== before) return null;
  return {
    index: -1, id: id!, family, title, description, template, nodes, level, severity: SYSLOG_LEVELS[level],
    levelAssessed: isScalar(assessedNode) && assessedNode.value === true, facility, event, sshEvent, fields, examples, where,
  };
}

/** Structural rules the matcher relies on: `rest` ends a template; two variable fields never touch. */
function checkTemplateShape(nodes: TemplateNode[], fields: CatalogField[], where: YamlNode, fail: Fail) {
  const typeOf = new Map(fields.map((f) => [f.key, f.type]));
  const flat: (TemplateNode & { inOpt: boolean })[] = [];
  const walk = (ns: TemplateNode[], inOpt: boolean) => { for (const n of ns) { if (n.kind === 'opt') walk(n.body, true); else flat.push({ ...n, inOpt }); } };
  walk(nodes, false);
  flat.forEach((n, i) => {
    if (n.kind !== 'field') return;
    const t = typeOf.get(n.name);
    if (t === 'rest' && (i !== flat.length - 1 || n.inOpt)) fail(where, `<${n.name}> is of type rest, so it must be the last element of the template`);
    const next = flat[i + 1];
    if (next?.kind === 'field') fail(where, `<${n.name}> and <${next.name}> touch: put literal text between two fields`);
  });
}
