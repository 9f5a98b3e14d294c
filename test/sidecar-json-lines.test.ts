// `serve` in json-lines mode (the default): raw and JSON input, pass-through of what cannot be read,
// SIGTERM, backpressure.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMatcher, toEcsDocument } from '../host/binding/index.js';
import { CLI, eachLine, jsonLines, runServe, startServe } from './helpers/serve-process.js';

const sample = readFileSync('examples/sample/auth.log', 'utf8');
const sampleLines = sample.split('\n').filter((l) => l);

describe('serve --input raw', () => {
  it('writes exactly what the default command writes for the same lines', async () => {
    const expected = execFileSync(process.execPath, [CLI, '--keep-original', 'examples/sample/auth.log'], { encoding: 'utf8' });
    const { out, code } = await runServe([], sample);
    expect(code).toBe(0);
    expect(out).toBe(expected);
    expect(jsonLines(out).map((d) => d.event.original)).toEqual(sampleLines);
  });

  it('reads files given as arguments, in order, and prints --stats on stderr', async () => {
    const { out, err, code } = await runServe(['--stats', 'examples/sample/auth.log', '-', 'examples/sample/auth.log'], 'one more line\n');
    expect(code).toBe(0);
    const docs = jsonLines(out);
    expect(docs.map((d) => d.event.original)).toEqual([...sampleLines, 'one more line', ...sampleLines]);
    expect(err).toMatch(new RegExp(`total lines\\s+${2 * sampleLines.length + 1}\\n`));
    expect(err).toMatch(/tectia\.auth\.failed\s+4\n/);
  });
});

describe('serve --input json', () => {
  it('keeps every key of the record and adds the ECS fields where the record has none', async () => {
    const line = 'Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user admin, coming from 203.0.113.77.';
    const input = [
      { message: line, host: 'vector-host', event: { dataset: 'auth' }, n: 1 },
      { log: line, n: 2 },
      { message: 'Nov 25 10:00:15 gw CRON[413]: (root) CMD (true)', n: 3 },
    ].map((r) => JSON.stringify(r)).join('\n') + '\n';
    const { out, code } = await runServe(['--input', 'json'], input);
    expect(code).toBe(0);
    const [a, b, c] = jsonLines(out);
    expect(a.message).toBe(line); // the record's own value wins over the ECS message
    expect(a.host).toBe('vector-host'); // a string the ECS host object does not replace
    expect(a.event).toMatchObject({ dataset: 'auth', code: 'tectia.auth.failed', outcome: 'failure', original: line });
    expect(a.source).toEqual({ address: '203.0.113.77', ip: '203.0.113.77' });
    expect(a.user).toEqual({ name: 'admin' });
    expect(a.n).toBe(1);
    expect(a.ssh_log_matcher).toEqual({ status: 'matched', entry: 'tectia.auth.failed', title: 'User authentication failed' });
    expect(b).toEqual({ log: line, n: 2, ssh_log_matcher: { status: 'no-message' } });
    expect(c.ssh_log_matcher).toEqual({ status: 'not-ssh' });
    expect(c.event.original).toBe('Nov 25 10:00:15 gw CRON[413]: (root) CMD (true)');
  });

  it('honours --message-key and matches a message holding a newline as one line', async () => {
    const matcher = await createMatcher({ keepOriginal: true });
    const messages = ['Authentication failed for user a\nb, coming from 10.0.0.9.', 'Logout for user alice.', ''];
    const input = messages.map((m) => JSON.stringify({ line: m })).join('\n') + '\n';
    const { out } = await runServe(['--input', 'json', '--message-key', 'line'], input);
    const docs = jsonLines(out);
    expect(docs).toHaveLength(3);
    for (let i = 0; i < messages.length; i++) {
      const expected = toEcsDocument(matcher.matchDetailed(messages[i]));
      expect(docs[i]).toEqual({ line: messages[i], ...expected });
    }
    expect(docs[0].user.name).toBe('a\nb');
  });

  it('passes a line that is not a JSON object through with an error marker, never drops it', async () => {
    const input = '{"message":"Daemon is running."}\nnot json\n[1,2]\n\n{"message": "LoginGraceTime exceeded."}';
    const { out, err, code } = await runServe(['--input', 'json', '--stats'], input);
    expect(code).toBe(0);
    const docs = jsonLines(out);
    expect(docs).toHaveLength(5);
    expect(docs[0].ssh_log_matcher.status).toBe('matched');
    expect(docs[1]).toMatchObject({ event: { original: 'not json' }, ssh_log_matcher: { status: 'malformed' } });
    expect(docs[1].ssh_log_matcher.error).toMatch(/malformed JSON/);
    expect(docs[2]).toEqual({ event: { original: '[1,2]' }, ssh_log_matcher: { status: 'malformed', error: 'not a JSON object' } });
    expect(docs[3]).toMatchObject({ event: { original: '' }, ssh_log_matcher: { status: 'malformed' } });
    expect(docs[4].ssh_log_matcher.entry).toBe('tectia.auth.login-grace-time-exceeded');
    expect(err).toMatch(/\(malformed\)\s+3\n/);
  });
});

describe('serve shutdown and backpressure', () => {
  it('on SIGTERM flushes every line it has read, the unterminated last one included, and exits 0', async () => {
    const p = startServe(['--stats']);
    const seen: string[] = [];
    const done = eachLine(p.child.stdout, (l) => seen.push(JSON.parse(l).event.original));
    p.child.stdin.write('first line\nsecond line\nthird, without its newline');
    while (seen.length < 2) await new Promise((r) => setTimeout(r, 20));
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    await done;
    expect(seen).toEqual(['first line', 'second line', 'third, without its newline']);
    expect(p.stderr()).toMatch(/total lines\s+3\n/);
  });

  it('stops reading while its reader does not read: the writer is held back, then nothing is lost', async () => {
    const p = startServe([]);
    p.child.stdout.pause();
    const line = 'Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user admin, coming from 203.0.113.77.\n';
    const block = line.repeat(1000); // ~100 KB in, ~1 MB out
    let accepted = 0;
    // Write until the pipe stays full for a while. Without backpressure the child would swallow all 200 MB.
    for (let i = 0; i < 2000; i++) {
      accepted += block.length;
      if (!p.child.stdin.write(block)) {
        const drained = await Promise.race([once(p.child.stdin, 'drain').then(() => true), new Promise((r) => setTimeout(r, 1500, false))]);
        if (!drained) break;
      }
    }
    expect(accepted).toBeLessThan(64 * 1024 * 1024);
    const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p.child.pid}/status`, 'utf8'))?.[1]) * 1024;
    expect(rss).toBeLessThan(300 * 1024 * 1024);
    let count = 0;
    const done = eachLine(p.child.stdout, () => { count++; });
    p.child.stdin.end();
    await done;
    expect(await p.exited).toBe(0);
    expect(count).toBe(accepted / line.length);
  });
});

describe('serve --input json: values pass through exactly (issue 13, point 10)', () => {
  it('integers beyond 2^53 keep their digits; other numbers, strings and keys are as JSON.parse reads them', async () => {
    const line = 'Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user admin, coming from 203.0.113.77.';
    const input = [
      `{"message": ${JSON.stringify(line)}, "id": 18446744073709551615, "neg": -9223372036854775808, "safe": 9007199254740991, "f": 1.5e300, "s": "12345678901234567890", "a": [123456789012345678901234567890, {"__proto__": 1}]}`,
      '{"message": "x", "n": 12345678901234567, "bad": }',
    ].join('\n') + '\n';
    const { out, code } = await runServe(['--input', 'json'], input);
    expect(code).toBe(0);
    const [first, second] = out.trim().split('\n');
    expect(first).toContain('"id":18446744073709551615,"neg":-9223372036854775808,"safe":9007199254740991,"f":1.5e+300,"s":"12345678901234567890","a":[123456789012345678901234567890,{"__proto__":1}]');
    expect(JSON.parse(first).event.code).toBe('tectia.auth.failed');
    expect(JSON.parse(second).ssh_log_matcher.status).toBe('malformed'); // still refused when malformed
  });
});
