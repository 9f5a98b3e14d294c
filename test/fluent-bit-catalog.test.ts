// Every catalog example through the Fluent Bit module gives the same entry, fields and ECS document as the
// Node binding (toEcsDocument), in every behaviour and whichever key holds the message.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMatcher, toEcsDocument, type Matcher } from '../host/binding/index.js';
import { findCatalogFiles, loadCatalog, type Catalog } from '../host/compile/load.js';
import { FluentBitHarness } from '../host/binding/filter-wasm.js';
import { assertUniqueKeys, escapeUnicode, without } from './support/fluent-bit.js';
import { REFERENCE_TIME } from './support/catalog.js';

let catalog: Catalog;
let matcher: Matcher;
let fb: FluentBitHarness;
beforeAll(async () => {
  catalog = loadCatalog(findCatalogFiles('catalog'));
  matcher = await createMatcher({ referenceTime: REFERENCE_TIME });
  fb = new FluentBitHarness();
});

const examples = () => catalog.entries.flatMap((e) => e.examples.map((x) => ({ entry: e, line: x.line })));

/** The binding's ECS document minus what the module leaves to the record (the line itself). */
function expectedEcs(line: string): Record<string, unknown> {
  const doc = toEcsDocument(matcher.matchDetailed(line));
  const event = { ...(doc.event as Record<string, unknown>) };
  delete event.original;
  return { ...without(doc, 'message'), event };
}

describe('Fluent Bit module against the Node binding, on every catalog example', () => {
  it('ssh_enrich adds exactly the ECS document of toEcsDocument, in its key order (message under `message`)', () => {
    expect(examples().length).toBeGreaterThan(50);
    for (const { entry, line } of examples()) {
      const out = fb.call('ssh_enrich', { message: line });
      expect(out, line).not.toBeNull();
      assertUniqueKeys(out!);
      const doc = JSON.parse(out!) as Record<string, unknown>;
      expect(doc.message).toBe(line);
      expect(without(doc, 'message'), line).toEqual(expectedEcs(line));
      // same key order too: both follow the document plan
      expect(JSON.stringify(without(doc, 'message')), line).toBe(JSON.stringify(expectedEcs(line)));
      expect((doc.event as Record<string, unknown>).code).toBe(entry.id);
    }
  });

  it('gives the same fields under `log`, `MESSAGE`, with escaped unicode and a trailing newline', () => {
    for (const { line } of examples()) {
      const want = expectedEcs(line);
      delete want.log; // under `log` the record's string wins over ECS log.*
      const viaLog = JSON.parse(fb.call('ssh_enrich', escapeUnicode(JSON.stringify({ log: line + '\n' })))!) as Record<string, unknown>;
      expect(without(viaLog, 'log'), line).toEqual(want);
      const viaJournald = JSON.parse(fb.call('ssh_enrich', { MESSAGE: line, _PID: '1' })!) as Record<string, unknown>;
      expect(without(viaJournald, 'MESSAGE', '_PID'), line).toEqual(expectedEcs(line));
    }
  });

  it('ssh_classify adds only event.code and event.severity; ssh_enrich_drop_unmatched keeps matches whole', () => {
    for (const { entry, line } of examples()) {
      const classified = JSON.parse(fb.call('ssh_classify', { message: line })!) as Record<string, unknown>;
      expect(classified).toEqual({ message: line, event: { code: entry.id, severity: entry.severity } });
      expect(fb.call('ssh_enrich_drop_unmatched', { message: line })).toBe(fb.call('ssh_enrich', { message: line }));
    }
  });

  it('framed lines of the bundled sample: header fields as the binding reads them, unmatched lines untouched', () => {
    const lines = readFileSync('examples/sample/auth.log', 'utf8').split('\n').filter((l) => l !== '');
    let matched = 0;
    for (const line of lines) {
      const record = JSON.stringify({ message: line, stream: 'stdout' });
      const out = fb.call('ssh_enrich', record)!;
      if (matcher.match(line) === null) { expect(out).toBe(record); continue; }
      matched++;
      expect(without(JSON.parse(out) as Record<string, unknown>, 'message', 'stream'), line).toEqual(expectedEcs(line));
    }
    expect(matched).toBeGreaterThan(10);
    expect(matched).toBeLessThan(lines.length); // the sample has unmatched lines too, so both branches ran
  });
});
