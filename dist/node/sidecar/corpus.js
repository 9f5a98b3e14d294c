// The generated corpus of the sidecar's million-line tests and of measure.ts: short lines, each unique (its
// number is in it), one in eight an SSH message the catalog knows.
export function corpusLine(i) {
    return i % 8 === 0
        ? `Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user u${i}, coming from 10.0.${(i >> 8) & 255}.${i & 255}.`
        : `Nov 25 10:00:11 gw app[7]: unrelated line ${i}`;
}
/** Lines [from, to) joined, each with its newline. */
export function corpusText(from, to, format = corpusLine) {
    let s = '';
    for (let i = from; i < to; i++)
        s += format(i) + '\n';
    return s;
}
