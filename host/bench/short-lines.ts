// Short generated lines for the sidecar's million-line tests and its throughput measurement
// (sidecar-throughput.ts): each unique (its number is in it), one in eight an SSH message the catalog knows.
// Not the benchmark corpus (corpus.ts), which is made from every catalog entry.
export function shortLine(i: number): string {
  return i % 8 === 0
    ? `Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user u${i}, coming from 10.0.${(i >> 8) & 255}.${i & 255}.`
    : `Nov 25 10:00:11 gw app[7]: unrelated line ${i}`;
}

/** Lines [from, to) joined, each with its newline. */
export function shortLinesText(from: number, to: number, format: (i: number) => string = shortLine): string {
  let s = '';
  for (let i = from; i < to; i++) s += format(i) + '\n';
  return s;
}
