// The component (dist/component/, wit/matcher.wit) against the raw binding: on the golden corpora, every
// catalog example and seeded hostile lines, the component's Node binding answers exactly as the raw
// binding does. Also: the build's component validates, hostile input never traps, memory never grows.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentEmbed, componentNew, componentWit, print } from '@bytecodealliance/jco';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, createComponentMatcher, type ComponentMatcher, type LineMatcher, type Matcher } from '../host/binding/index.js';
import { MAX_LINE_BYTES } from '../host/binding/component.js';
import { findCatalogFiles, loadCatalog } from '../host/compile/load.js';
import { WIT_FUNCTIONS, WIT_WORLD, coreExportName, postReturnExportName } from '../host/component/abi-names.js';
import { hostileLine, prng } from './support/hostile.js';
import { expectNoAllocator } from './support/no-allocator.js';
import { CORE, witInstance } from './support/component.js';
import { growInitialMemory } from '../host/component/build.js';
import binaryen from 'binaryen';

const corpora = ['examples/sample/auth.log',
  ...(existsSync('test/fixtures') ? readdirSync('test/fixtures').filter((f) => f.endsWith('.log')).sort().map((f) => join('test/fixtures', f)) : [])];
const catalogLines = loadCatalog(findCatalogFiles('catalog')).entries.flatMap((e) => e.examples.map((x) => x.line));
const utf8 = new TextDecoder();
const hostileLines = (n: number, seed: number) => { const r = prng(seed); return Array.from({ length: n }, () => utf8.decode(hostileLine(r))); };

let raw: Matcher;
let comp: ComponentMatcher;
beforeAll(async () => {
  raw = await createMatcher();
  comp = await createComponentMatcher();
});

describe('one API shape', () => {
  it('both bindings are LineMatchers', () => {
    const both: LineMatcher[] = [raw, comp]; // a type error here means the shapes diverged
    expect(both.every((m) => typeof m.match === 'function' && typeof m.classify === 'function' && typeof m.matchLines === 'function')).toBe(true);
  });
});

describe('the component answers as the raw binding', () => {
  it.each(corpora)('%s: match, classify and matchLines line by line', (file) => {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '');
    expect(lines.length).toBeGreaterThan(0);
    let matched = 0;
    for (const line of lines) {
      const event = raw.match(line);
      if (event) matched++;
      expect(comp.match(line), line).toStrictEqual(event);
      expect(comp.classify(line), line).toBe(raw.classify(line));
    }
    expect(matched).toBeGreaterThan(0); // the comparison covered events, not only nulls
    expect(comp.matchLines(text)).toStrictEqual(raw.matchLines(text));
  });

  it(`all ${catalogLines.length} catalog examples`, () => {
    for (const line of catalogLines) {
      const event = raw.match(line);
      expect(event, line).not.toBeNull();
      expect(comp.match(line), line).toStrictEqual(event);
      expect(comp.classify(line), line).toBe(event!.id);
      expect(comp.matchDetailed(line), line).toStrictEqual(raw.matchDetailed(line));
    }
    expect(comp.matchLines(catalogLines.join('\n'))).toStrictEqual(raw.matchLines(catalogLines.join('\n')));
  });

  it('5000 seeded hostile lines (injection pieces, NULs, CRs, multi-byte, garbage decoded as U+FFFD)', () => {
    const lines = hostileLines(5000, 7);
    for (const line of lines) {
      expect(comp.match(line), JSON.stringify(line)).toStrictEqual(raw.match(line));
      expect(comp.classify(line), JSON.stringify(line)).toBe(raw.classify(line));
    }
    const chunk = lines.join('\n');
    expect(comp.matchLines(chunk)).toStrictEqual(raw.matchLines(chunk));
  });

  it('bytes in: both bindings match them as bytes', () => {
    const line = new TextEncoder().encode('Nov 25 10:00:01 gw sshd2[411]: Logout for user alice.');
    expect(comp.match(line)).toStrictEqual(raw.match(line));
    expect(comp.matchLines(line)).toStrictEqual(raw.matchLines(line));
  });
});

describe('numbers: the same through both bindings', () => {
  it('a uint field of more than 15 digits stays a string in both, a short one is a number in both', () => {
    for (const code of ['12345678901234567890', '077']) {
      const line = `Unknown reason code '${code}' for disconnect. msg: 'x'`;
      expect(comp.match(line)).toStrictEqual(raw.match(line));
    }
    expect(raw.match("Unknown reason code '077' for disconnect. msg: 'x'")?.fields['system.auth.ssh.disconnect.reason_code']).toBe(77);
  });
});

describe('header edges: the same header through both bindings', () => {
  it.each([
    'Nov 25 10:00:01 gw sshd2[123456789012345]: Logout for user bob.', // 15-digit pid: a number
    'Nov 25 10:00:01 gw sshd2[1234567890123456]: Logout for user bob.', // 16 digits: no pid
    'Nov 25 10:00:01 gw sshd2[0]: Logout for user bob.',
    '<191>1 2026-11-25T10:00:00Z gw sshd2 abc - - Logout for user bob.', // PROCID not a number
    '<0>1 2026-11-25T10:00:00Z - - - - - Logout for user bob.',
    '<192>Nov 25 10:00:01 gw sshd2[1]: Logout for user bob.', // PRI out of range
    '<13>1 2026-11-25T10:00:00Z gw sshd2 42 ID [x a="]"] \ufeffLogout for user bob.',
    'sshd2[7]: Logout for user bob.',
    'CRON[7]: Logout for user bob.',
    '2026-11-25T10:00:00.123+00:00 gw sshd[8]: Logout for user bob.',
  ])('%s', (line) => {
    expect(comp.matchDetailed(line)).toStrictEqual(raw.matchDetailed(line));
    expect(comp.matchLines(line)).toStrictEqual(raw.matchLines(line));
  });
});

describe('the component validates', () => {
  const core = readFileSync(CORE);
  it('its core module validates, imports nothing and exports every function of the world', () => {
    expect(WebAssembly.validate(core)).toBe(true);
    const module = new WebAssembly.Module(core);
    expect(WebAssembly.Module.imports(module)).toEqual([]);
    const names = WebAssembly.Module.exports(module).map((e) => e.name);
    for (const fn of Object.values(WIT_FUNCTIONS)) expect(names).toEqual(expect.arrayContaining([coreExportName(fn), postReturnExportName(fn)]));
    expect(names).toEqual(expect.arrayContaining(['cabi_realloc', 'memory']));
  });

  it('componentNew accepts it with the WIT world, and the component carries that world', async () => {
    const witSource = readFileSync('wit/matcher.wit', 'utf8');
    const component = await componentNew(await componentEmbed({ binary: core, witSource, world: WIT_WORLD, stringEncoding: 'utf8' }));
    expect(await componentWit(component)).toContain('export ssh-log-matcher:matcher/matcher@0.1.0;');
    const text = await print(component);
    for (const fn of Object.values(WIT_FUNCTIONS)) {
      // `counters` has no string in its signature, so its lift names no string encoding.
      const encoding = fn === 'counters' ? '' : 'string-encoding=utf8 ';
      expect(text).toMatch(new RegExp(`\\(func \\$${fn} .*canon lift .*\\(memory \\$memory\\) .*${encoding}\\(post-return \\$cabi_post_`));
    }
    expect(Buffer.from(component).equals(readFileSync('dist/component/ssh-log-matcher.component.wasm'))).toBe(true); // the committed build
  });

  it('componentNew rejects the core module against a world it does not implement (so the check is real)', async () => {
    const witSource = readFileSync('wit/matcher.wit', 'utf8').replace('  classify: func(', '  unimplemented: func();\n  classify: func(');
    const embedded = await componentEmbed({ binary: core, witSource, world: WIT_WORLD, stringEncoding: 'utf8' });
    await expect(componentNew(embedded)).rejects.toThrow(/unimplemented/);
  });
});

describe('hostile input: defined results, never a trap', () => {
  it('lines around the 1 MiB limit: the same answers through both bindings', () => {
    const quoted = (n: number) => `Protocol error in remote: '${'x'.repeat(n - "Protocol error in remote: ''".length)}'`;
    for (const n of [MAX_LINE_BYTES - 1, MAX_LINE_BYTES, MAX_LINE_BYTES + 1, 2 * MAX_LINE_BYTES]) {
      const line = quoted(n);
      expect(Buffer.byteLength(line)).toBe(n);
      const event = raw.match(line);
      expect(event === null).toBe(n > MAX_LINE_BYTES);
      expect(comp.match(line)).toStrictEqual(event);
      expect(comp.classify(line)).toBe(raw.classify(line));
      const chunk = `${line}\nLogout for user bob.\n`;
      expect(comp.matchLines(chunk)).toStrictEqual(raw.matchLines(chunk));
    }
    // 600k two-byte characters: under 1 Mi UTF-16 units but over 1 MiB of UTF-8, which is what counts
    const wide = 'Logout for user ' + '\u00e9'.repeat(600_000) + '.';
    expect(comp.match(wide)).toBeNull();
    expect(raw.match(wide)).toBeNull();
  });

  it('CRLF at the limit: a line of exactly the limit plus CRLF is the line with LF; too-long lines lose the CR', () => {
    const line = `Protocol error in remote: '${'y'.repeat(MAX_LINE_BYTES - "Protocol error in remote: ''".length)}'`;
    expect(Buffer.byteLength(line)).toBe(MAX_LINE_BYTES);
    for (const m of [raw, comp]) {
      const lf = m.matchLines(`${line}\nLogout for user bob.\n`), crlf = m.matchLines(`${line}\r\nLogout for user bob.\r\n`);
      expect(crlf.map((r) => r.status)).toEqual(['matched', 'matched']);
      expect(crlf.map((r) => r.event?.fields)).toStrictEqual(lf.map((r) => r.event?.fields));
      expect(m.matchDetailed(line + '\r').status).toBe('matched');
      const long = m.matchLines(`${line}x\r\n`);
      expect(long.map((r) => r.status)).toEqual(['too-long']);
      expect(long[0].line).toBe(line + 'x');
      expect(m.matchDetailed(line + 'x\r').line).toBe(line + 'x');
    }
    // the documents say the same: event.original without the CR
    const doc = (m: typeof raw | typeof comp) => { let out = ''; m.writeJsonLines(`${line}x\r\n`, (j) => { out += Buffer.from(j).toString(); }); return out; };
    expect(doc(comp)).toBe(doc(raw));
    expect(doc(raw)).not.toContain('\\r');
  });

  it('invalid UTF-8 at the limit, LF and CRLF: the same status, line, fields and documents through both bindings (issue 13 item 6)', () => {
    // 0xFF bytes decode to U+FFFD, 3 bytes each: as text, a line of 1 MiB-1 of them would be 3 MiB
    const ff = (n: number) => new Uint8Array(n).fill(0xff);
    const logout = (n: number) => Buffer.concat([Buffer.from('Logout for user '), ff(n - 'Logout for user .'.length), Buffer.from('.')]);
    const statuses: string[] = [];
    for (const n of [MAX_LINE_BYTES - 1, MAX_LINE_BYTES, MAX_LINE_BYTES + 1]) {
      for (const line of [ff(n), logout(n)]) {
        for (const end of ['', '\r']) {
          const bytes = Buffer.concat([line, Buffer.from(end)]);
          const want = raw.matchDetailed(bytes);
          expect(comp.matchDetailed(bytes), `${n}${end}`).toStrictEqual(want);
          expect(comp.match(bytes)).toStrictEqual(raw.match(bytes));
          expect(comp.classify(bytes)).toBe(raw.classify(bytes));
          statuses.push(want.status);
          for (const nl of ['\n', '\r\n']) {
            const chunk = Buffer.concat([line, Buffer.from(nl), Buffer.from(`Logout for user bob.${nl}`)]);
            expect(comp.matchLines(chunk)).toStrictEqual(raw.matchLines(chunk));
            const doc = (m: typeof raw | typeof comp) => { let out = ''; m.writeJsonLines(chunk, (j) => { out += Buffer.from(j).toString(); }); return out; };
            expect(doc(comp)).toBe(doc(raw));
          }
        }
      }
    }
    // up to the limit the bytes are matched (an invalid user name is a user name), beyond it too-long
    expect(statuses).toEqual(['no-match', 'no-match', 'matched', 'matched', 'no-match', 'no-match', 'matched', 'matched', 'too-long', 'too-long', 'too-long', 'too-long']);
    expect(comp.match(logout(MAX_LINE_BYTES))?.fields['user.name']).toBe('\ufffd'.repeat(MAX_LINE_BYTES - 'Logout for user .'.length));
  });

  it('invalid UTF-8 where the length decides: a message of sshd\'s 500-byte cut is the same through both bindings', () => {
    const head = 'Nov 25 10:00:00 gw sshd[4242]: Connection closed by invalid user ', tail = ' 10.0.0.9 port 22';
    const n = 500 - Buffer.byteLength(head.slice(head.indexOf('Connection'))) - tail.length;
    const line = Buffer.concat([Buffer.from(head), new Uint8Array(n).fill(0xfe), Buffer.from(tail)]);
    expect(raw.matchDetailed(line).status).toBe('ambiguous'); // 500 bytes as sshd wrote them; 3 times as many as text
    expect(comp.matchDetailed(line)).toStrictEqual(raw.matchDetailed(line));
  });

  it('2000 seeded hostile lines as bytes: the same results through both bindings', () => {
    const r = prng(11);
    const lines = Array.from({ length: 2000 }, () => hostileLine(r));
    for (const line of lines) expect(comp.matchDetailed(line), Buffer.from(line).toString('latin1')).toStrictEqual(raw.matchDetailed(line));
    const chunk = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
    expect(comp.matchLines(chunk)).toStrictEqual(raw.matchLines(chunk));
  });

  it('the component itself answers too-long for a 3 MiB line, without growing its memory', async () => {
    const { matcher, core } = await witInstance();
    const before = core.memory.buffer.byteLength;
    const line = 'Logout for user ' + 'a'.repeat(3 * MAX_LINE_BYTES) + '.';
    const r = matcher.matchLineDetailed(line);
    expect(r.status).toBe('too-long');
    expect(r.event).toBeUndefined();
    expect(r.line.length).toBe(line.length);
    expect(matcher.matchLine(line)).toBeUndefined();
    expect(matcher.classifyLines([line, 'Logout for user bob.'])).toEqual([undefined, 'tectia.session.logout']);
    expect(core.memory.buffer.byteLength).toBe(before);
  });

  it('a batch larger than the arena grows memory once, and only once', async () => {
    const { matcher, core } = await witInstance();
    const before = core.memory.buffer.byteLength;
    const batch = Array.from({ length: 40_000 }, (_, i) => `Logout for user u${i}.`); // ~6 MiB of events
    const ids = matcher.classifyLines(batch);
    expect(ids.every((id) => id === 'tectia.session.logout')).toBe(true);
    const events = matcher.matchLines(batch);
    expect(events[39_999]?.fields).toEqual([{ name: 'user.name', value: 'u39999' }]);
    const grown = core.memory.buffer.byteLength;
    expect(grown).toBeGreaterThan(before);
    for (let i = 0; i < 3; i++) matcher.matchLines(batch);
    expect(core.memory.buffer.byteLength).toBe(grown);
    expect(core.arenaInUse()).toBe(0);
  });

  it('empty lines, NULs, CR line ends and lone surrogates', async () => {
    const { matcher } = await witInstance();
    expect(matcher.matchLineDetailed('')).toMatchObject({ status: 'empty', line: '', message: '' });
    expect(matcher.matchLines([])).toEqual([]);
    expect(matcher.classifyLines(['', '', ''])).toEqual([undefined, undefined, undefined]);
    expect(matcher.matchLineDetailed('Logout for user bob.\r')).toMatchObject({ status: 'matched', line: 'Logout for user bob.' });
    for (const line of ['\u0000', 'Logout for user a\u0000b.', 'Logout for user a\nb.', 'Logout for user a\rb.\r\r', '\u0000'.repeat(1000), 'Logout for user \ud800.', '\udfff', 'x\ud83d', '\r', '\r\r']) {
      expect(comp.match(line), JSON.stringify(line)).toStrictEqual(raw.match(line));
      expect(comp.matchDetailed(line), JSON.stringify(line)).toStrictEqual(raw.matchDetailed(line));
    }
    expect(comp.match('Logout for user a\u0000b.')?.fields['user.name']).toBe('a\u0000b');
    expect(comp.match('Logout for user \ud800.')?.fields['user.name']).toBe('\ufffd'); // WIT strings cannot hold it
  });
});

describe('memory', () => {
  it('the component module contains no allocator: its only allocation is the arena', async () => {
    await expectNoAllocator('assembly/adapters/component/main.ts', 'assembly/adapters/component/arena/arenaAlloc');
  });

  it('the core instance does not grow over many calls, and the arena is empty between calls', () => {
    const before = comp.memoryBytes;
    const lines = [...catalogLines, ...hostileLines(2000, 11)];
    for (let round = 0; round < 5; round++) {
      for (const line of lines) { comp.match(line); comp.classify(line); }
      comp.matchLines(lines.join('\n'));
      expect(comp.arenaInUse()).toBe(0);
    }
    expect(comp.memoryBytes).toBe(before);
  });

  // The build compiles the core module once, with just the memory its static data needs, and adds the
  // arena's pages to its memory section (host/component/build.ts).
  it.each([[false, 1], [true, 1], [false, 200], [true, 130]])('the arena is added to a memory section (maximum %s, %i pages), every other byte kept', (withMax, pages) => {
    const m = new binaryen.Module();
    m.setMemory(pages, withMax ? pages : -1, 'memory', [{ offset: m.i32.const(16), data: new TextEncoder().encode('kept'), passive: false }]);
    m.addFunction('answer', binaryen.none, binaryen.i32, [], m.i32.load8_u(0, 1, m.i32.const(16)));
    m.addFunctionExport('answer', 'answer');
    const wasm = m.emitBinary();
    m.dispose();
    const grown = growInitialMemory(wasm, 64);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(grown), {});
    const memory = exports.memory as WebAssembly.Memory;
    expect(memory.buffer.byteLength).toBe((pages + 64) * 65536);
    expect((exports.answer as () => number)()).toBe('k'.charCodeAt(0));
    if (withMax) expect(() => memory.grow(1)).toThrow(RangeError); // the maximum grew with it
    else expect(memory.grow(1)).toBe(pages + 64);
    expect(grown.length - wasm.length).toBeLessThanOrEqual(2); // a longer number in the section, no more
  });
});
