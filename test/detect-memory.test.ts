// The detector's fixed memory: a million distinct addresses leave the module's memory as it was, the
// full address table evicts (and counts) exactly the tickets it cannot keep, the ticket evicted is the
// one with the oldest last failure of its set, and hostile input with detection on passes through.
import { describe, expect, it } from 'vitest';
import { createMatcher } from '../dist/node/binding/index.js';
import { hostileLine, joinLines, prng } from './support/hostile.js';
import { runDetectMemory, memoryAttackChunks } from '../host/bench/detect-memory.js';

const alertsOf = (text: string) => text.split('\n').filter((l) => l.includes('"kind":"alert"')).map((l) => JSON.parse(l) as { source: { ip: string }; ssh_log_matcher: { failures: number } });

async function detector(o: { addresses?: number; connections?: number; maxretry?: number; findtime?: number }) {
  const m = await createMatcher({ referenceTime: new Date('2026-06-01T00:00:00Z') });
  m.setDetection({ mode: 'normal', maxretry: o.maxretry ?? 5, findtime: o.findtime ?? 600, addresses: o.addresses, connections: o.connections, seed: 1 });
  return m;
}
function alertsFor(m: Awaited<ReturnType<typeof createMatcher>>, text: string): ReturnType<typeof alertsOf> {
  let out = '';
  m.writeAlerts(text, (j) => { out += typeof j === 'string' ? j : Buffer.from(j).toString('utf8'); });
  return alertsOf(out);
}
const failure = (sec: number, addr: string, pid: number) =>
  `May 20 10:${String(Math.floor(sec / 60) % 60).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')} gw sshd[${pid}]: Failed password for root from ${addr} port 4022 ssh2\n`;

describe('detector memory', () => {
  it('a million distinct addresses: memory unchanged, every ticket beyond the table evicted and counted', async () => {
    const m = await detector({});
    const before = m.core.memoryBytes;
    const N = 1_000_000;
    let chunk = '';
    let alerts = 0;
    for (let i = 0; i < N; i++) {
      // All within one minute: no ticket's window passes, so the table only ever fills.
      chunk += failure(i % 60, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 1000 + i);
      if (chunk.length > 900_000 || i === N - 1) { alerts += alertsFor(m, chunk).length; chunk = ''; }
    }
    const c = m.detectCounters;
    expect(alerts).toBe(0); // one failure each
    expect(c.addresses).toBe(1 << 16); // every set full
    expect(c.addressEvictions).toBe(N - (1 << 16));
    expect(c.connectionEvictions).toBe(N - (1 << 14)); // a pid each: every connection is new
    expect(m.core.memoryBytes).toBe(before);
  }, 300_000);

  it('evicts the ticket whose last failure is oldest, which then counts from nothing again', async () => {
    const m = await detector({ addresses: 8, connections: 8 }); // one set of 8
    let text = '';
    for (let i = 0; i < 8; i++) text += failure(i, `192.0.2.${i}`, 100 + i); // 192.0.2.i last failed at second i
    text += failure(8, '192.0.2.0', 200); // .0 is now the newest
    text += failure(9, '198.51.100.1', 201); // a ninth address: .1 (last failure at second 1) goes
    expect(alertsFor(m, text)).toEqual([]);
    expect(m.detectCounters.addressEvictions).toBe(1);
    // .0 has 2 failures and was kept: 3 more make 5. .1 had 1 before it was evicted: 4 more make only 4.
    let more = '';
    for (let k = 0; k < 3; k++) more += failure(10 + k, '192.0.2.0', 300 + k);
    for (let k = 0; k < 4; k++) more += failure(13 + k, '192.0.2.1', 310 + k);
    expect(alertsFor(m, more).map((a) => [a.source.ip, a.ssh_log_matcher.failures])).toEqual([['192.0.2.0', 5]]);
    expect(m.detectCounters.addressEvictions).toBe(1); // .0's decision freed its slot for .1
  });

  it('counts a window by its failures: maxretry within findtime alerts, spread wider it does not', async () => {
    const m = await detector({ maxretry: 3, findtime: 60 });
    const slow = [0, 50, 100, 150].map((s, k) => failure(s, '203.0.113.9', 500 + k)).join('');
    expect(alertsFor(m, slow)).toEqual([]); // never 3 within 60 s: fail2ban's rate estimate keeps the count at 2
    const fast = [200, 210, 220].map((s, k) => failure(s, '203.0.113.10', 600 + k)).join('');
    const a = alertsFor(m, fast);
    expect(a.map((x) => [x.source.ip, x.ssh_log_matcher.failures])).toEqual([['203.0.113.10', 3]]);
  });

  it('hostile input with detection on: one document per line, no trap, memory unchanged', async () => {
    const m = await detector({ maxretry: 1 });
    const before = m.core.memoryBytes;
    const rand = prng(16);
    const addresses = ['::FFFF:10.1.2.3', '::ffff:', 'fe80::1%eth0', '1.2.3.4.5', '2001:db8:'.repeat(40), '10.0.0.256', '::', '0.0.0.0'];
    const users = ['root from 6.6.6.6 port 22 ssh2', '', 'x'.repeat(5000), 'invalid user root', '\u0000'];
    const input: Uint8Array[] = [];
    for (let i = 0; i < 20_000; i++) {
      const a = addresses[i % addresses.length], u = users[i % users.length];
      const text = i % 3 === 0 ? hostileLine(rand)
        : new TextEncoder().encode([`May 20 10:00:${String(i % 60).padStart(2, '0')} gw sshd[${i}]: Failed password for ${u} from ${a} port 22 ssh2`,
          `Feb 30 99:99:99 gw sshd[1]: Invalid user ${u} from ${a} port 1`, `gw sshd[${'9'.repeat(30)}]: Disconnecting: Too many authentication failures [preauth]`][(i >> 1) % 3]);
      input.push(text);
    }
    const corpus = joinLines(input);
    let docs = 0;
    const lines = m.writeJsonLines(corpus, (j) => { docs += (typeof j === 'string' ? j : Buffer.from(j).toString('utf8')).split('\n').filter((l) => l && !l.includes('"kind":"alert"')).length; });
    expect(docs).toBe(lines);
    expect(m.core.memoryBytes).toBe(before);
  });
});

describe("the benchmark's fixed-memory run (npm run bench, --detect-memory-lines)", () => {
  it('200k generated attack lines through the CLI path with detection and sessions: module memory unchanged while every table evicts', async () => {
    // Small tables, so that 200k lines fill them all: the 10M-line run does the same to the largest.
    const b = await runDetectMemory({ lines: 200_000, every: 50_000, tables: { addresses: 1024, connections: 1024, sessions: 256 } });
    expect(b.samples.length).toBe(5); // at the start and after every 50k lines (a chunk's last line or so)
    expect(b.lines).toBe(200_000);
    expect(b.moduleUnchanged).toBe(true);
    const last = b.samples[b.samples.length - 1];
    expect(last.alerts).toBeGreaterThan(0);
    expect(last.addressEvictions).toBeGreaterThan(0);
    expect(last.sessionEvictions).toBeGreaterThan(0);
    expect(last.sessions).toBeGreaterThan(20_000);
  }, 120_000);

  it('generates the same lines for the same seed, every address distinct, some IPv6', () => {
    const text = (seed: number) => Buffer.concat([...memoryAttackChunks(20_000, 1_000_000, seed, 1_767_322_800)]).toString('latin1');
    const a = text(3);
    expect(a).toBe(text(3));
    expect(a.split('\n').length - 1).toBe(20_000);
    const from = new Set([...a.matchAll(/Connection from (\S+) port/g)].map((x) => x[1]));
    expect(from.size).toBeGreaterThan(2_000);
    expect([...from].some((x) => x.includes(':'))).toBe(true);
  });
});

describe('detection options', () => {
  it('refuses values out of range with the reason', async () => {
    const m = await createMatcher();
    expect(() => m.setDetection({ mode: 'paranoid' as never })).toThrow(/one of normal, ddos, extra, aggressive/);
    expect(() => m.setDetection({ maxretry: 0 })).toThrow(/maxretry/);
    expect(() => m.setDetection({ findtime: '10x' })).toThrow(/findtime/);
    expect(() => m.setDetection({ addresses: 1000 })).toThrow(/power of two/);
    m.setDetection({ findtime: '1h30m' }); // fail2ban's time abbreviations
    expect(m.detectCounters).toEqual({ alerts: 0, addresses: 0, addressEvictions: 0, connectionEvictions: 0 });
  });
});
