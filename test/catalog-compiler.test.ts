// A malformed catalog fails the build with file, line and reason.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileCatalog } from '../host/compile/main.js';
import { CatalogError } from '../host/compile/load.js';
import { parseTemplate, TemplateError } from '../host/compile/template.js';

const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (over: Record<string, string>) => {
  const e: Record<string, string> = {
    id: 'fam.a.one', title: 'One', template: '"Logout for user <login-name>."', description: 'd', level: 'notice',
    event: '{ category: [session], type: [end], action: ssh-logout, outcome: success }',
    fields: '\n      login-name: { name: user.name, type: user }',
    examples: '\n      - line: "Logout for user bob."\n        fields: { user.name: bob }',
    ...over,
  };
  return '  - ' + Object.entries(e).filter(([, v]) => v !== '').map(([k, v]) => `${k}: ${v}`).join('\n    ');
};

function problemsOf(...entries: string[]): string[] {
  const sub = mkdtempSync(join(dir, 'c-'));
  writeFileSync(join(sub, 'x.yaml'), `catalog: fam\nprograms: [famd]\nentries:\n${entries.join('\n')}\n`);
  try { compileCatalog(sub); } catch (e) {
    if (e instanceof CatalogError) return e.problems.map((p) => p.replace(relative(process.cwd(), sub) + '/', ''));
    throw e;
  }
  return [];
}

describe('catalog compiler errors', () => {
  it('accepts a valid entry', () => {
    expect(problemsOf(entry({}))).toEqual([]);
  });

  it('rejects an unknown field type with file and line', () => {
    const p = problemsOf(entry({ fields: '\n      login-name: { name: user.name, type: username }' }));
    expect(p).toEqual([expect.stringMatching(/^x\.yaml:11: unknown field type 'username'/)]);
  });

  it('rejects an unknown ECS field', () => {
    const p = problemsOf(entry({ fields: '\n      login-name: { name: user.nmae, type: user }' }));
    expect(p).toEqual([expect.stringMatching(/^x\.yaml:11: unknown ECS field 'user\.nmae'/)]);
  });

  it('rejects a placeholder without a mapping, and a mapping without a placeholder', () => {
    const p = problemsOf(entry({ fields: '\n      login: { name: user.name, type: user }' }));
    expect(p.join('\n')).toMatch(/x\.yaml:\d+: placeholder <login-name> has no field mapping/);
    expect(p.join('\n')).toMatch(/x\.yaml:11: field mapping 'login' has no placeholder in the template/);
  });

  it('rejects duplicate ids', () => {
    const p = problemsOf(entry({}), entry({ template: '"Logout of <login-name>."', examples: '\n      - line: "Logout of bob."\n        fields: { user.name: bob }' }));
    expect(p).toEqual([expect.stringMatching(/^x\.yaml:15: duplicate id fam\.a\.one \(first at .*x\.yaml:4\)/)]);
  });

  it('rejects two entries that can match the same message, with a line both match', () => {
    const p = problemsOf(entry({}), entry({
      id: 'fam.a.two', template: '"Logout for <who>."', fields: '\n      who: { name: user.name, type: user }',
      examples: '\n      - line: "Logout for bob."\n        fields: { user.name: bob }',
    }));
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^x\.yaml:15: entries fam\.a\.one \(.*x\.yaml:4\) and fam\.a\.two can match the same message, e\.g\. "Logout for user .*\."$/);
  });

  it('rejects bad ECS classification values and levels', () => {
    const p = problemsOf(entry({ level: 'warn', event: '{ category: [auth], type: [end], action: Logout, outcome: ok }' }));
    expect(p.join('\n')).toMatch(/level 'warn' is not a syslog severity/);
    expect(p.join('\n')).toMatch(/event\.category 'auth' is not an ECS value/);
    expect(p.join('\n')).toMatch(/event\.action 'Logout' must be lower case words joined by _ or -/);
    expect(p.join('\n')).toMatch(/event\.outcome 'ok' must be success, failure or unknown/);
  });

  // The ECS vocabulary is @elastic/ecs's (host/compile/ecs.ts), not a table of ours.
  it('rejects a field @elastic/ecs does not define, with file and line', () => {
    const p = problemsOf(entry({ fields: '\n      login-name: { name: user.nickname, type: user }' }));
    expect(p).toEqual([expect.stringMatching(/^x\.yaml:\d+: unknown ECS field 'user\.nickname' \(not in @elastic\/ecs/)]);
  });

  it('rejects a field type the ECS field cannot hold: a host name in an ip field, text in a long field', () => {
    const ip = problemsOf(entry({ template: '"Logout from <h>."', fields: '\n      h: { name: source.ip, type: host }', examples: '\n      - line: "Logout from a.example."\n        fields: { source.ip: a.example }' }));
    expect(ip).toEqual([expect.stringMatching(/^x\.yaml:\d+: 'source\.ip' is an ECS ip field; capture it with type ip, ipv4 or ipv6/)]);
    const long = problemsOf(entry({ template: '"Logout port <p>."', fields: '\n      p: { name: source.port, type: word }', examples: '\n      - line: "Logout port x."\n        fields: { source.port: x }' }));
    expect(long).toEqual([expect.stringMatching(/^x\.yaml:\d+: 'source\.port' is an ECS long field; capture it with type port or uint/)]);
  });

  it('rejects a category/type pair ECS does not expect (authentication/denied), and an unknown event.type', () => {
    const p = problemsOf(entry({ event: '{ category: [authentication, session], type: [start, denied], action: ssh_login, outcome: failure }' }));
    expect(p).toEqual([expect.stringMatching(/^x\.yaml:\d+: event\.category\/event\.type authentication\/denied, session\/denied: ECS does not expect these pairs/)]);
    expect(problemsOf(entry({ event: '{ category: [session], type: [ended], action: ssh_logout, outcome: success }' })))
      .toEqual([expect.stringMatching(/^x\.yaml:\d+: event\.type 'ended' is not an ECS value/)]);
  });

  it('takes ssh_event (system.auth.ssh.event) and snake_case actions, as the integration writes them', () => {
    expect(problemsOf(entry({ event: '{ category: [authentication], type: [info], action: ssh_login, outcome: success, ssh_event: Accepted }' }))).toEqual([]);
  });

  it('rejects touching fields, rest not at the end, and an entry without examples', () => {
    const p = problemsOf(entry({
      template: '"<a><b> x"', fields: '\n      a: { name: user.name, type: user }\n      b: { name: event.reason, type: rest }', examples: '',
    }));
    expect(p.join('\n')).toMatch(/<a> and <b> touch/);
    expect(p.join('\n')).toMatch(/<b> is of type rest, so it must be the last element/);
    expect(p.join('\n')).toMatch(/'examples': at least one example line/);
  });

  it('reports YAML syntax errors with their line', () => {
    const p = problemsOf(entry({}) + '\n  - id: [unclosed');
    expect(p[0]).toMatch(/^x\.yaml:\d+: YAML: /);
  });
});

describe('template notation', () => {
  it('parses placeholders, alternatives, optional parts and escapes', () => {
    expect(parseTemplate("A <x> in [local|remote][, reason: <r>] \\[ok\\]")).toEqual([
      { kind: 'lit', text: 'A' }, { kind: 'space' }, { kind: 'field', name: 'x' }, { kind: 'space' },
      { kind: 'lit', text: 'in' }, { kind: 'space' }, { kind: 'alt', key: '[local|remote]', options: ['local', 'remote'] },
      { kind: 'opt', body: [{ kind: 'lit', text: ',' }, { kind: 'space' }, { kind: 'lit', text: 'reason:' }, { kind: 'space' }, { kind: 'field', name: 'r' }] },
      { kind: 'space' }, { kind: 'lit', text: '[ok]' },
    ]);
  });

  it.each([['a <b', 3], ['a ]', 3], ['[x', 1], ['x > y', 3], ['[a|]', 1]])('rejects %j at column %d', (src, col) => {
    expect(() => parseTemplate(src)).toThrow(TemplateError);
    try { parseTemplate(src); } catch (e) { expect((e as TemplateError).column).toBe(col); }
  });
});
