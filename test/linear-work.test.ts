// Matching is linear in the line's length (issue 13 item 4): a line of a template's start followed by a long
// run of spaces, or of a piece of the template repeated (` from`, ` port`, `for `), must cost the same per
// byte at 1 MB as at 1 KB. Counted, not timed: the raw module instrumented with a per-basic-block counter
// (host/bench/instruction-count.ts), so the figures hold on a loaded machine. Before the failure memos and
// the whole-run skip (host/compile/codegen.ts candidates), a run of spaces inside `Accepted ... ssh2: <key>`
// cost 10x more per byte at 4 KB than at 500 bytes, and seconds at 100 KB.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { instrument, instructionCounter } from '../host/bench/instruction-count.js';
import { distPath } from '../host/binding/paths.js';
import { projectCatalog } from './support/catalog.js';

type Exports = Record<string, (...a: number[]) => number> & { memory: WebAssembly.Memory };
let ex: Exports;
let count: () => bigint;

beforeAll(() => {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(instrument(readFileSync(distPath('ssh-log-matcher.wasm'))) as Uint8Array<ArrayBuffer>), {});
  ex = inst.exports as unknown as Exports;
  count = instructionCounter(inst.exports);
});

const enc = new TextEncoder();
const STATUS = ['matched', 'no-match', 'not-ssh', 'empty', 'too-long', 'too-complex', 'ambiguous'];

/** Instructions per byte of matching one line, and its status. */
function perByte(line: string): { work: number; status: string } {
  const b = enc.encode(line);
  new Uint8Array(ex.memory.buffer, ex.inputPtr(), b.length).set(b);
  const before = count();
  ex.matchLine(b.length);
  const status = STATUS[new Uint32Array(ex.memory.buffer, ex.resultPtr(), 32)[1]];
  return { work: Number(count() - before) / b.length, status };
}

const P = 'Nov 25 10:00:00 gw sshd[4242]: ';
const fill = (piece: string, n: number) => piece.repeat(Math.ceil(n / piece.length));

// Each shape: the line for a filler of about n bytes. The filler sits where a greedy field's candidate ends
// are, and the line ends as the template wants, so every entry sharing the start does its whole work.
const SHAPES: Record<string, (n: number) => string> = {
  'spaces inside a key signature': (n) => P + 'Accepted publickey for git from 192.0.2.1 port 57904 ssh2: ED25519' + fill(' ', n) + 'SHA256:x',
  'spaces before the user name': (n) => P + 'Failed password for ' + fill(' ', n) + 'root from 10.0.0.9 port 22 ssh2',
  'spaces after the user name': (n) => P + 'Connection closed by invalid user x' + fill(' ', n) + ' 10.0.0.9 port 22 [preauth]',
  'spaces and no address': (n) => P + 'Failed password for root' + fill(' ', n),
  'repeated " from"': (n) => P + 'Failed password for root' + fill(' from', n) + ' from 10.0.0.9 port 22 ssh2',
  'repeated " from <address>" that never completes': (n) => P + 'Failed password for x' + fill(' from 1.2.3.4 port 22 ssh3', n),
  'repeated " port"': (n) => P + 'Failed password for root from 10.0.0.9' + fill(' port', n) + ' port 22 ssh2',
  'repeated "for " before a user name': (n) => P + 'error: PAM: Authentication failure ' + fill('for ', n) + 'for root from 10.0.0.9',
  'repeated " for" and no address': (n) => P + 'error: PAM: Authentication failure' + fill(' for', n),
  'repeated "for " after a port': (n) => P + 'Disconnecting invalid user admin 192.0.2.117 port' + fill('for ', n) + ' 44004: Change of username or service not allowed: (a) -> (b) [preauth]',
  'three quoted fields': (n) => "Nov 25 10:00:00 gw sshd2[1]: User tried to set environment variable '" + fill("' to '' in \"", n) + 'x" but was denied by policy.',
  'repeated "=" before a word': (n) => P + 'pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser=' + fill('=', n) + ' rhost=10.0.0.9',
};

describe('work per byte is flat from 1 KB to 1 MB lines', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    it(name, () => {
      const small = perByte(make(1000));
      for (const n of [65536, 1_000_000]) {
        const big = perByte(make(n));
        expect(big.work, `${n} bytes: ${big.work.toFixed(1)} instructions a byte (${big.status}) against ${small.work.toFixed(1)} at 1 KB (${small.status})`)
          .toBeLessThanOrEqual(2 * small.work + 50);
      }
    });
  }
});

describe('every entry: a long filler inside its own example costs no more per byte', () => {
  it('pieces of templates repeated at the middle of each example message', () => {
    const worst: string[] = [];
    for (const entry of projectCatalog().entries) {
      const line = entry.examples[0]?.line;
      if (!line) continue;
      const spaces = [...line].flatMap((c, i) => (c === ' ' ? [i] : []));
      const at = spaces[Math.floor(spaces.length * 2 / 3)] ?? line.length;
      for (const piece of [' ', ' from', ' port', 'for ']) {
        const make = (n: number) => line.slice(0, at) + fill(piece, n) + line.slice(at);
        const small = perByte(make(1000)).work, big = perByte(make(32768)).work;
        if (big > 2 * small + 50) worst.push(`${entry.id} ${JSON.stringify(piece)}: ${small.toFixed(1)} -> ${big.toFixed(1)}`);
      }
    }
    expect(worst).toEqual([]);
  });
});
