// SIGTERM while the writer keeps stdin full (issue 13, point 8): the sidecar stops reading at once, answers
// what it had accepted, and exits 0; it does not go on reading a pipe that never runs dry.
import { describe, expect, it } from 'vitest';
import { startServe } from './helpers/serve-process.js';

const raw = (i: number) => `Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user u${i}, coming from 10.0.0.1.`;
const modes: [string, string[], (i: number) => string, (out: Record<string, any>) => string][] = [
  ['json-lines --input raw', [], raw, (d) => d.event.original],
  ['json-lines --input json', ['--input', 'json'], (i) => JSON.stringify({ message: raw(i) }), (d) => d.message],
  ['mmexternal', ['--mode', 'mmexternal'], (i) => JSON.stringify({ rawmsg: raw(i), msg: '' }), (d) => d['$!'].event.original],
];

describe('serve: SIGTERM while stdin stays full', () => {
  it.each(modes)('%s: stops reading, answers every line it accepted, in order, and exits 0', async (_name, args, line, original) => {
    const p = startServe(args);
    let exited = false;
    void p.exited.then(() => { exited = true; });
    let written = 0;
    const writing = (async () => { // as fast as the pipe takes it, until the sidecar is gone
      while (!exited) {
        let block = '';
        for (let k = 0; k < 1000; k++) block += line(written++) + '\n';
        if (!p.child.stdin.write(block)) await Promise.race([new Promise((r) => p.child.stdin.once('drain', r)), p.exited]);
      }
    })();
    let seen = 0, outOfOrder = 0, atSignal = -1, last = '', carry = '';
    const out = p.child.stdout;
    out.setEncoding('utf8');
    out.on('data', (d: string) => {
      const parts = (carry + d).split('\n');
      carry = parts.pop()!;
      for (const l of parts) {
        if (seen > 0 && original(JSON.parse(last)) !== raw(seen - 1)) outOfOrder++;
        last = l;
        seen++;
        if (seen === 20_000) { atSignal = seen; p.child.kill('SIGTERM'); }
      }
      // From the signal on, a slow reader: the sidecar's writes wait for drain, time in which a sidecar that
      // still read stdin would find it full again (before the fix: tens of MB more, for as long as it is fed).
      if (atSignal >= 0) { out.pause(); setTimeout(() => out.resume(), 5); }
    });
    const ended = new Promise((r) => out.once('end', r));
    expect(await p.exited).toBe(0);
    await ended;
    await writing;
    expect(carry).toBe(''); // the output ends with a whole line
    expect(atSignal).toBe(20_000);
    expect(outOfOrder).toBe(0); // all but the last: a line the writer had half written is flushed as it was read
    expect(JSON.parse(last)).toBeTypeOf('object');
    // What it answers after the signal is what it had read by then: a pipe's worth and the chunk in hand.
    expect(seen - atSignal).toBeLessThan(50_000);
    expect(written - seen).toBeGreaterThan(0); // the writer was still writing: unaccepted lines stay unread
  });
});
