// Each entry's generated writer (assembly/generated/writers.ts) against the node-tree walk it replaced, kept
// in the module behind OPTION_NODE_WRITER: byte for byte the same documents, on every catalog example, a
// generated corpus, hostile lines, with and without event.original, in the output buffer's last bytes.
// And the Fluent Bit merge: a record with an escaped key takes the node-tree merge, the same record with
// that key unescaped the generated writer; both must give the same record.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../host/bench/corpus.js';
import { distPath } from '../host/binding/paths.js';
import { OPTION_KEEP_ORIGINAL, OPTION_NODE_WRITER } from '../host/compile/abi.js';
import { FluentBitHarness } from '../host/binding/filter-wasm.js';
import { hostileLine, joinLines, prng } from './support/hostile.js';
import { projectCatalog } from './support/catalog.js';

type Core = Record<string, (...a: number[]) => number> & { memory: WebAssembly.Memory };
const module = new WebAssembly.Module(readFileSync(distPath('ssh-log-matcher.wasm')));
const encoder = new TextEncoder();

const examples = projectCatalog().entries.flatMap((e) => e.examples.map((x) => x.line.replace(/[\r\n]/g, ' ')));
const rand = prng(41);
const input = Buffer.concat([
  encoder.encode(examples.join('\n') + '\n'),
  encoder.encode(generateCorpus({ lines: 20_000, seed: 5 }).text),
  joinLines(Array.from({ length: 5_000 }, () => hostileLine(rand))),
]);

/** Every document the raw module writes for `input`, with the document option flags `flags`. */
function documents(flags: number): Buffer {
  const ex = new WebAssembly.Instance(module, {}).exports as unknown as Core;
  ex.setDocumentOptions(flags, 1764064798, 120);
  const out: Buffer[] = [];
  for (let off = 0; off < input.length;) {
    const n = Math.min(ex.inputCapacity(), input.length - off);
    new Uint8Array(ex.memory.buffer, ex.inputPtr(), n).set(input.subarray(off, off + n));
    ex.matchBatchJson(n, off + n >= input.length ? 1 : 0, 0);
    out.push(Buffer.from(new Uint8Array(ex.memory.buffer, ex.outputPtr(), ex.outputLength())));
    off += ex.batchConsumed();
  }
  return Buffer.concat(out);
}

describe('generated ECS writers', () => {
  it.each([0, OPTION_KEEP_ORIGINAL])('write the node-tree writer\'s documents byte for byte (flags %i)', (flags) => {
    const generated = documents(flags);
    const nodes = documents(flags | OPTION_NODE_WRITER);
    expect(generated.length).toBeGreaterThan(input.length);
    if (!generated.equals(nodes)) {
      const a = generated.toString().split('\n'), b = nodes.toString().split('\n');
      const i = a.findIndex((l, k) => l !== b[k]);
      expect(a[i]).toBe(b[i]);
    }
    expect(generated.equals(nodes)).toBe(true);
  });

  it('merge into a Fluent Bit record as the node-tree merge does', () => {
    const fb = new FluentBitHarness();
    let compared = 0;
    for (const line of [...examples, ...new TextDecoder().decode(generateCorpus({ lines: 2_000, seed: 9 }).text).split('\n').filter(Boolean)]) {
      // Keys records often hold (the writers' fast path tests only theirs), and others of our top-level names.
      for (const [fn, plain] of ['ssh_enrich', 'ssh_classify'].flatMap((f) => [
        [f, `{"xa":1,"log":${JSON.stringify(line)},"host":"theirs"}`],
        [f, `{"xa":1,"log":${JSON.stringify(line)},"user":"theirs","event":7}`],
      ])) {
        const escaped = plain.replace('"xa"', '"x\\u0061"'); // an escaped key: the node-tree merge
        const fast = fb.callRaw(fn, encoder.encode(plain));
        const slow = fb.callRaw(fn, encoder.encode(escaped));
        const a = fast && Buffer.from(fast).toString(), b = slow && Buffer.from(slow).toString().replace('"x\\u0061"', '"xa"');
        expect(a, `${fn} ${line}`).toBe(b);
        if (a !== plain) compared++;
      }
    }
    expect(compared).toBeGreaterThan(examples.length);
  });
});
