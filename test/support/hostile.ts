// Hostile line generators shared by the hostile-input and memory tests. Seeded, so failures reproduce.
import { prng } from '../../host/bench/corpus.js';

export { prng }; // the corpus generator's seeded PRNG

const PIECES = [
  'Authentication failed for user ', ', coming from ', 'User ', ' (uid ', '), ', 'authenticated.', "'", '"',
  'connection from "', '" (listen port: ', ')', '10.0.0.9', '::1', 'fe80::1%eth0', '.', ':', ' ', '  ', '[', ']',
  '<38>', '1 ', 'Nov 25 10:00:00 ', 'gw ', 'sshd2[1]: ', 'sshd[2]: ', '-', '\u0000', '\r', '\u00e9', '\ud83d\ude00',
  "Protocol error in remote: '", 'Logout for user ', 'Listener created on  ', ':22', '65535', '99999',
];

/** A line (no newline inside) built from pieces of real templates, random bytes and repetition. */
export function hostileLine(rand: () => number): Uint8Array {
  const kind = rand();
  if (kind < 0.15) { // random bytes except newline
    const b = new Uint8Array(Math.floor(rand() * 300));
    for (let i = 0; i < b.length; i++) { const v = Math.floor(rand() * 256); b[i] = v === 10 ? 11 : v; }
    return b;
  }
  if (kind < 0.2) { // long repetition of a template piece: the backtracking stress case
    const piece = PIECES[Math.floor(rand() * PIECES.length)];
    return new TextEncoder().encode('Authentication failed for user ' + piece.repeat(Math.floor(rand() * 2000)) + ', coming from 10.0.0.1.');
  }
  let s = '';
  const n = 1 + Math.floor(rand() * 12);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)];
  return new TextEncoder().encode(s.replace(/\n/g, ' '));
}

export function joinLines(lines: Uint8Array[]): Uint8Array {
  const total = lines.reduce((n, l) => n + l.length + 1, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const l of lines) { out.set(l, o); o += l.length; out[o++] = 10; }
  return out;
}
