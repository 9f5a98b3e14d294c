// One ECS writer (assembly/ecs/) behind every host: the raw module's JSON lines, Node's toEcsDocument,
// the component's match-lines-json and the Fluent Bit filter's enriched records are the same bytes for
// the same line, hostile lines and the 20-digit repeat count included (a copy of the writer in one host
// once wrote that count as a bare number).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createComponentMatcher, ecsJson, toEcsDocument, type ComponentMatcher, type Matcher } from '../host/binding/index.js';
import { FluentBitHarness } from '../host/binding/filter-wasm.js';
import { hostileLine, prng } from './support/hostile.js';
import { newMatcher, projectCatalog, REFERENCE_TIME } from './support/catalog.js';

const REPEATED = '<38>Nov 25 10:00:00 gw sshd[7]: message repeated 12345678901234567890 times: [ Failed password for root from 10.0.0.1 port 22 ssh2]';
const utf8 = new TextDecoder();
const lines = [
  REPEATED,
  'message repeated 12345678901234567890 times: [ Failed password for root from 10.0.0.1 port 22 ssh2]',
  '<86>1 2026-11-25T10:00:00.123456+02:00 gw sshd 77 - - Accepted publickey for git from 192.0.2.1 port 57904 ssh2: ED25519 SHA256:x',
  'Dec 10 07:51:15 LabSZ sshd[24324]: Did not receive identification string from 195.154.37.122',
  'Logout for user "quo\\ted\u0001\t".',
  'noise that matches nothing',
  ...projectCatalog().entries.flatMap((e) => e.examples.map((x) => x.line)),
  ...(() => { const r = prng(11); return Array.from({ length: 400 }, () => utf8.decode(hostileLine(r))); })(),
].map((l) => l.replace(/[\r\n]/g, ' '));

let m: Matcher;
let comp: ComponentMatcher;
let fb: FluentBitHarness;
beforeAll(async () => {
  m = newMatcher();
  comp = await createComponentMatcher({ referenceTime: REFERENCE_TIME });
  fb = new FluentBitHarness();
});

/** The raw module's JSON lines for `lines`, one string each. */
function coreJson(matcher: Matcher, ls: string[]): string[] {
  const parts: Buffer[] = [];
  matcher.writeJsonLines(new TextEncoder().encode(ls.join('\n') + '\n'), (j) => parts.push(Buffer.from(j)));
  return Buffer.concat(parts).toString('utf8').split('\n').slice(0, -1);
}

describe('one ECS writer, four hosts', () => {
  it('the raw module, Node (toEcsDocument) and the component write the same bytes', () => {
    const core = coreJson(m, lines);
    const node = lines.map((l) => ecsJson(m.matchDetailed(l)));
    const viaObjects = m.matchLines(lines.join('\n') + '\n').map((r) => JSON.stringify(toEcsDocument(r)));
    const component = comp.writeJson(lines);
    expect(core).toHaveLength(lines.length);
    for (let i = 0; i < lines.length; i++) {
      expect(node[i], lines[i]).toBe(core[i]);
      expect(viaObjects[i], lines[i]).toBe(core[i]);
      expect(component[i], lines[i]).toBe(core[i]);
    }
  });

  it('a result written later is the line as it was matched: CRLF and a CR left in the line', () => {
    const chunk = new TextEncoder().encode('Logout for user a.\r\r\nLogout for user b.\r\nnoise\r\r\r\nLogout for user c.');
    const parts: Buffer[] = [];
    m.writeJsonLines(chunk, (j) => parts.push(Buffer.from(j)));
    const batch = Buffer.concat(parts).toString('utf8').split('\n').slice(0, -1);
    expect(m.matchLines(chunk).map((r) => ecsJson(r))).toEqual(batch);
    expect(batch.map((j) => JSON.parse(j).message)).toEqual(['Logout for user a.\r', 'Logout for user b.', 'noise\r\r', 'Logout for user c.']);
  });

  it("the component's JSON calls leave its memory as it was and its arena empty", () => {
    comp.writeJson(lines);
    const before = comp.memoryBytes;
    for (let k = 0; k < 20; k++) comp.writeJson(lines);
    expect(comp.memoryBytes).toBe(before);
    expect(comp.arenaInUse()).toBe(0);
  });

  it('the Fluent Bit filter adds exactly those members to a record holding the line', () => {
    const core = coreJson(m, lines);
    let matched = 0;
    for (let i = 0; i < lines.length; i++) {
      const doc = JSON.parse(core[i]) as { message: string; ssh_log_matcher: { status: string } };
      const out = fb.call('ssh_enrich', { message: lines[i] });
      if (doc.ssh_log_matcher.status !== 'matched') { expect(out, lines[i]).toBe(JSON.stringify({ message: lines[i] })); continue; }
      matched++;
      // The record's `message` is the whole line; after it come the writer's members, byte for byte.
      const rest = core[i].slice('{"message":'.length + JSON.stringify(doc.message).length);
      expect(out, lines[i]).toBe(`{"message":${JSON.stringify(lines[i])}${rest}`);
    }
    expect(matched).toBeGreaterThan(150);
  });

  it('a 20-digit repeat count is a string in every host (a double would round it)', () => {
    const want = '12345678901234567890';
    const core = JSON.parse(coreJson(m, [REPEATED])[0]);
    expect(core.system.auth.ssh.repeated).toBe(want);
    expect(JSON.parse(comp.writeJson([REPEATED])[0]).system.auth.ssh.repeated).toBe(want);
    expect(JSON.parse(fb.call('ssh_enrich', { log: REPEATED })!).system.auth.ssh.repeated).toBe(want);
    expect((toEcsDocument(m.matchDetailed(REPEATED)) as any).system.auth.ssh.repeated).toBe(want);
    expect(m.match(REPEATED)!.fields['system.auth.ssh.repeated']).toBe(want);
    // A count that fits a double stays a number.
    expect(JSON.parse(coreJson(m, [REPEATED.replace(want, '3')])[0]).system.auth.ssh.repeated).toBe(3);
  });

  it('event.original is written on request only, by every host the same way', async () => {
    const keep = newMatcher();
    keep.setDocumentOptions({ keepOriginal: true, referenceTime: REFERENCE_TIME });
    const comp2 = await createComponentMatcher({ keepOriginal: true, referenceTime: REFERENCE_TIME });
    const core = coreJson(keep, lines.slice(0, 50));
    expect(comp2.writeJson(lines.slice(0, 50))).toEqual(core);
    core.forEach((j, i) => expect(JSON.parse(j).event.original).toBe(lines[i]));
    coreJson(m, lines.slice(0, 50)).forEach((j) => expect(JSON.parse(j).event?.original).toBeUndefined());
  });
});

afterAll(() => { /* instances are garbage collected */ });
