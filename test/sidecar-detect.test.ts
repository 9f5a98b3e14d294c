// `serve --detect`, `--sessions`: the sidecar makes the CLI's decisions and session events through its one
// enrich path, in one state for the process. Each mode is fed an attack corpus and its alerts and session
// events must be the CLI's on the same lines (the same documents, in the same order: same addresses, same
// times, same count); the records themselves flow as without detection, as many as came in. JSON lines:
// extra lines after the line that made them; forward: extra events of the same tag, passed on and acked
// with their frame; mmexternal: in the one reply, under $!ssh_log_matcher!events. The tables stay fixed.
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { attackCorpus } from '../host/bench/attack-corpus.js';
import { SidecarCounters } from '../host/sidecar/counters.js';
import { ForwardClient } from '../host/sidecar/forward/client.js';
import { enrichEvents } from '../host/sidecar/forward/enrich-events.js';
import type { ForwardEvent } from '../host/sidecar/forward/message.js';
import { jsonRecords, type LineModeContext } from '../host/sidecar/json-lines.js';
import { MessageBatch } from '../host/sidecar/message-batch.js';
import { ForwardReceiver } from './helpers/forward-receiver.js';
import { CLI, eachLine, jsonLines, listeningPort, runServe, startServe, type ServeProcess } from './helpers/serve-process.js';
import { newMatcher } from './support/catalog.js';

const corpus = attackCorpus({ seed: 7, addresses: 30, lines: 3000 });
const input = corpus.trim().split('\n');
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, '--keep-original', ...args], { input: corpus, maxBuffer: 1 << 30 }).stdout.toString();
const isEvent = (d: Record<string, any>) => d.event?.kind === 'alert' || d.ssh_log_matcher?.status === 'session';
const DETECT = ['--detect', '--sessions'];
/** The CLI's alerts and session events on the corpus, as documents, in order. */
const cliEvents = (args = DETECT) => jsonLines(cli([...args, '--only-events']));

const started: ServeProcess[] = [];
const receivers: ForwardReceiver[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) if (p.child.exitCode === null) { p.child.kill('SIGKILL'); await p.exited; }
  for (const r of receivers.splice(0)) await r.close();
});

describe('serve --detect --sessions, json-lines', () => {
  it('--input raw writes what the CLI writes, byte for byte', async () => {
    const r = await runServe(DETECT, corpus);
    expect(r.code).toBe(0);
    expect(r.out).toBe(cli(DETECT));
    const docs = jsonLines(r.out);
    expect(docs.filter((d) => !isEvent(d))).toHaveLength(input.length);
    expect(docs.filter((d) => d.event?.kind === 'alert').length).toBeGreaterThan(100);
    expect(docs.filter((d) => d.ssh_log_matcher?.status === 'session').length).toBeGreaterThan(100);
  });

  it('--input json: the CLI\'s events after the records that made them, the records as without detection', async () => {
    const records = input.map((m, i) => JSON.stringify({ message: m, n: i }) + '\n').join('');
    const [detected, plain] = await Promise.all([runServe(['--input', 'json', ...DETECT], records), runServe(['--input', 'json'], records)]);
    expect(detected.code).toBe(0);
    const docs = jsonLines(detected.out);
    expect(docs.filter((d) => !isEvent(d))).toEqual(jsonLines(plain.out));
    expect(docs.filter(isEvent)).toEqual(cliEvents());
    // Each event follows the record of the line that made it: the record before an alert has its time.
    docs.forEach((d, i) => { if (d.event?.kind === 'alert') expect(docs.slice(0, i).reverse().find((x) => !isEvent(x))!['@timestamp']).toBe(d['@timestamp']); });
  });

  it('--input journal-json: the CLI\'s events on the same journal records', async () => {
    // journalctl -o json records of the corpus's lines (host, program, pid and message; the time as journald keeps it).
    const year = new Date().getUTCFullYear();
    const records = input.map((l) => {
      const m = /^(\w{3} [ \d]\d \d\d:\d\d:\d\d) (\S+) (\w+)\[(\d+)\]: (.*)$/.exec(l)!;
      const us = Date.parse(`${m[1]} ${year} UTC`) * 1000;
      return JSON.stringify({ __REALTIME_TIMESTAMP: String(us), _HOSTNAME: m[2], SYSLOG_IDENTIFIER: m[3], _PID: m[4], MESSAGE: m[5] }) + '\n';
    }).join('');
    const r = await runServe(['--input', 'journal-json', ...DETECT], records);
    const docs = jsonLines(r.out);
    expect(docs.filter((d) => !isEvent(d))).toHaveLength(input.length);
    const events = docs.filter(isEvent);
    expect(events.length).toBeGreaterThan(100);
    const viaCli = jsonLines(spawnSync(process.execPath, [CLI, '--keep-original', '--input', 'journal-json', ...DETECT, '--only-events'], { input: records, maxBuffer: 1 << 30 }).stdout.toString());
    expect(events).toEqual(viaCli);
  });

  it('takes the mode, --maxretry and --findtime as the CLI does (CrowdSec\'s scenarios too)', async () => {
    for (const args of [['--detect', 'aggressive', '--maxretry', '3', '--findtime', '1h'], ['--detect', 'ssh-bf']]) {
      const r = await runServe(['--input', 'json', ...args], input.map((m) => JSON.stringify({ message: m }) + '\n').join(''));
      const alerts = jsonLines(r.out).filter(isEvent);
      expect(alerts.length, args.join(' ')).toBeGreaterThan(0);
      expect(alerts).toEqual(cliEvents(args));
    }
  });

  it('--stats reports the detector\'s and the session table\'s counters', async () => {
    const r = await runServe([...DETECT, '--stats'], corpus);
    const alerts = cliEvents(['--detect']).length;
    const sessions = cliEvents(['--sessions']).length;
    expect(r.err).toMatch(new RegExp(`detect: alerts ${alerts}, addresses \\d+, address evictions 0, connection evictions 0`));
    expect(r.err).toMatch(new RegExp(`sessions: events ${sessions}, evictions 0`));
  });

  it('bad values: one line on stderr and exit code 2', async () => {
    for (const [args, message] of [
      [['--detect', 'paranoid'], /--detect mode paranoid: one of normal/],
      [['--maxretry', '3'], /--maxretry and --findtime need --detect/],
      [['--detect', '--findtime', 'soon'], /--findtime soon/],
      [['--detect', 'ssh-bf', '--maxretry', '3'], /maxretry and findtime are fail2ban's/],
    ] as [string[], RegExp][]) {
      const r = await runServe(args, '');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('serve --detect --sessions, mmexternal', () => {
  it('one reply per message; the events of a message in its reply, under ssh_log_matcher.events', async () => {
    const msgs = input.map((m) => JSON.stringify({ rawmsg: m, msg: m }) + '\n').join('');
    const [detected, plain] = await Promise.all([runServe(['--mode', 'mmexternal', ...DETECT], msgs), runServe(['--mode', 'mmexternal'], msgs)]);
    expect(detected.code).toBe(0);
    const replies = jsonLines(detected.out).map((r) => r['$!']);
    expect(replies).toHaveLength(input.length);
    const events = replies.flatMap((r) => r.ssh_log_matcher.events ?? []);
    expect(events).toEqual(cliEvents());
    for (const r of replies) delete r.ssh_log_matcher.events;
    expect(replies).toEqual(jsonLines(plain.out).map((r) => r['$!']));
  });
});

describe('serve --detect --sessions, forward', () => {
  async function serve(extra: string[]) {
    const p = startServe(['--mode', 'forward', '--listen', '127.0.0.1:0', ...DETECT, ...extra]);
    started.push(p);
    const lines: Record<string, any>[] = [];
    const ended = eachLine(p.child.stdout, (l) => lines.push(JSON.parse(l)));
    return { p, port: await listeningPort(p), lines, ended };
  }
  /** The corpus in frames of 100, sent in turn over two connections, each acked before the next: one state for both. */
  async function send(port: number): Promise<void> {
    const clients = [await ForwardClient.open({ host: '127.0.0.1', port }), await ForwardClient.open({ host: '127.0.0.1', port })];
    for (let i = 0, f = 0; i < input.length; i += 100, f++) {
      const events: ForwardEvent[] = input.slice(i, i + 100).map((log, k) => ({ time: 1_700_000_000 + i + k, record: { log, n: i + k } }));
      await (await clients[f % 2].send('ssh.auth', events, f % 3 === 0 ? 'compressed' : 'forward')).acked;
    }
    for (const c of clients) await c.end();
  }
  const records = (events: { record: Record<string, any> }[]) => events.map((e) => e.record);

  it('to JSON lines: the events as extra events of the same tag, after the record that made them', async () => {
    const { p, port, lines, ended } = await serve([]);
    await send(port);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    await ended;
    expect(lines.every((l) => l.tag === 'ssh.auth')).toBe(true);
    const own = records(lines).filter((r) => !isEvent(r));
    expect(own.map((r) => r.n)).toEqual(input.map((_, i) => i));
    const events = lines.filter((l) => isEvent(l.record));
    expect(records(events)).toEqual(cliEvents());
    // An event carries the time of the event whose line made it.
    lines.forEach((l, i) => { if (isEvent(l.record)) expect(l.time).toBe(lines[i - 1].time); });
  });

  it('to --forward-to: the events are passed on with their frame', async () => {
    const receiver = await ForwardReceiver.start();
    receivers.push(receiver);
    const { p, port } = await serve(['--forward-to', `127.0.0.1:${receiver.port}`]);
    await send(port); // every frame acked, so the receiver has acked its events
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(receiver.events.filter((e) => !isEvent(e.record))).toHaveLength(input.length);
    expect(records(receiver.events.filter((e) => isEvent(e.record)))).toEqual(cliEvents());
  });
});

describe('the enrich path with detection keeps memory fixed', () => {
  it('a flood of distinct addresses fills small tables, evicts and counts, and memory does not grow', () => {
    const matcher = newMatcher();
    matcher.setDetection({ addresses: 64, connections: 64, seed: 1 });
    matcher.setSessions({ slots: 64 });
    const ctx: LineModeContext = { matcher, counters: new SidecarCounters(), out: null as never, stop: new AbortController().signal };
    const batch = new MessageBatch(matcher);
    const before = matcher.core.memoryBytes;
    const stamp = (i: number) => new Date(Date.UTC(2026, 0, 2, 3, 0, i)).toISOString().slice(11, 19);
    const line = (i: number) => `Jan  2 ${stamp(i)} gw sshd[${1000 + i}]: Failed password for root from 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} port 22 ssh2`;
    // 40,000 addresses failing once each, one a second: half through JSON lines, half through forward.
    // Each record comes back, and after it the session events its line made (here: the sessions it evicted).
    const isSession = (x: unknown) => (typeof x === 'object' && x !== null && 'record' in x ? JSON.stringify(x.record) : String(x)).includes('"status":"session"');
    let sessionEvents = 0;
    for (let round = 0; round < 40; round++) {
      const lines = Array.from({ length: 1000 }, (_, k) => JSON.stringify({ message: line(round * 1000 + k) }));
      // JSON lines: a string per input line, its events on lines of their own after it.
      const out: unknown[] = round % 2 ? jsonRecords(lines, 'message', batch, ctx).flatMap((l) => l.split('\n').filter(Boolean)) : enrichEvents(lines.map((l) => ({ time: 0, record: JSON.parse(l) })), ['message'], batch, ctx.counters);
      expect(out.filter((x) => !isSession(x))).toHaveLength(lines.length);
      sessionEvents += out.filter(isSession).length;
    }
    expect(matcher.core.memoryBytes).toBe(before);
    expect(matcher.detectCounters.addresses).toBeLessThanOrEqual(64);
    // Every address past the first 64 took the slot of one still live (all within one findtime): counted.
    expect(matcher.detectCounters.addressEvictions).toBe(40_000 - 64);
    expect(matcher.detectCounters.connectionEvictions).toBe(40_000 - 64);
    expect(matcher.sessionCounters.evictions).toBe(40_000 - 64);
    expect(matcher.sessionCounters.sessions).toBe(sessionEvents); // every evicted session written, none lost
    expect(sessionEvents).toBeGreaterThanOrEqual(40_000 - 64);
    expect(ctx.counters.lines.lines).toBe(40_000);
  });
});
