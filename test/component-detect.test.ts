// Brute-force decisions and session events in the component (wit/matcher.wit: configure-detection,
// configure-sessions, counters, detect-lines-*), against the raw module's: on seeded attack corpora the
// component's documents, alerts and session events are the raw binding's bytes, in fail2ban's modes and
// CrowdSec's scenarios, with full tables evicting; its counters are the raw module's; bad options are
// refused with the reason, as the Node binding's checks refuse them; memory never grows over batches.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createComponentMatcher, createMatcher, OptionError, type ComponentMatcher, type DetectOptions, type Matcher } from '../dist/node/binding/index.js';
import { DETECT_MODES } from '../host/compile/detect-modes.js';
import { attackCorpus } from '../host/bench/attack-corpus.js';
import type * as Wit from '../dist/component/interfaces/ssh-log-matcher-matcher-matcher.js';
import { witInstance } from './support/component.js';

// Mid-year, so the corpus's January dates are this year's in both bindings, whatever the day the test runs.
const referenceTime = Date.UTC(new Date().getUTCFullYear(), 5, 1);
const toText = (j: string | Uint8Array) => (typeof j === 'string' ? j : Buffer.from(j).toString('utf8'));

function jsonLines(m: Matcher | ComponentMatcher, chunk: string | Uint8Array, opts: { onlyMatched?: boolean } = {}): string {
  let out = '';
  m.writeJsonLines(chunk as string, (j: string | Uint8Array) => { out += toText(j); }, opts);
  return out;
}
function alertLines(m: Matcher | ComponentMatcher, chunk: string | Uint8Array): string {
  let out = '';
  m.writeAlerts(chunk as string, (j: string | Uint8Array) => { out += toText(j); });
  return out;
}
const kinds = (text: string) => {
  const lines = text.split('\n').filter((l) => l);
  return { alerts: lines.filter((l) => l.includes('"kind":"alert"')).length, sessions: lines.filter((l) => l.includes('"status":"session"')).length };
};

let raw: Matcher;
let comp: ComponentMatcher;
beforeAll(async () => {
  raw = await createMatcher({ referenceTime });
  comp = await createComponentMatcher({ referenceTime });
});

/** Both bindings configured alike, sessions on; `slots` and `timeout` for the session table. */
function configure(o: DetectOptions, slots = 1 << 14, timeout?: number): void {
  for (const m of [raw, comp]) { m.setDetection(o); m.setSessions({ slots, timeout }); }
}

const cases: { name: string; o: DetectOptions; seed: number; addresses: number; lines: number; slots?: number; timeout?: number }[] = [
  { name: 'fail2ban normal', o: { mode: 'normal', seed: 11 }, seed: 1, addresses: 300, lines: 20000 },
  { name: 'fail2ban aggressive, maxretry 3, findtime 1h', o: { mode: 'aggressive', maxretry: 3, findtime: '1h', seed: 12 }, seed: 2, addresses: 300, lines: 20000 },
  { name: 'fail2ban ddos, sessions timing out after 20 s', o: { mode: 'ddos', seed: 13 }, seed: 3, addresses: 200, lines: 10000, timeout: 20 },
  { name: 'fail2ban extra', o: { mode: 'extra', seed: 14 }, seed: 4, addresses: 200, lines: 10000 },
  // CrowdSec's buckets leak fast: fewer addresses, so that each guesses often enough to overflow one.
  { name: 'CrowdSec ssh-bf', o: { mode: 'ssh-bf', seed: 15 }, seed: 5, addresses: 60, lines: 20000 },
  { name: 'CrowdSec ssh-slow-bf', o: { mode: 'ssh-slow-bf', seed: 16 }, seed: 6, addresses: 60, lines: 10000 },
  // Tables too small for the corpus: evictions, which must be the same ones.
  { name: 'fail2ban normal, full tables', o: { mode: 'normal', addresses: 16, connections: 8, seed: 17 }, seed: 7, addresses: 2000, lines: 20000, slots: 8 },
  { name: 'CrowdSec ssh-bf, full tables', o: { mode: 'ssh-bf', addresses: 16, connections: 8, seed: 18 }, seed: 8, addresses: 60, lines: 20000, slots: 8 },
];

describe('the component decides as the raw module', () => {
  it.each(cases)('$name: documents, alerts, session events and counters are the raw binding\'s', ({ o, seed, addresses, lines, slots, timeout }) => {
    const corpus = attackCorpus({ seed, addresses, lines });
    configure(o, slots, timeout);
    const expected = jsonLines(raw, corpus);
    const got = jsonLines(comp, corpus);
    const { alerts, sessions } = kinds(expected);
    expect(alerts).toBeGreaterThan(10); // the corpus makes decisions and sessions to compare
    expect(sessions).toBeGreaterThan(10);
    expect(got.length).toBe(expected.length);
    expect(got === expected, 'the component\'s JSON lines differ from the raw module\'s').toBe(true);
    expect(comp.detectCounters).toStrictEqual(raw.detectCounters);
    expect(comp.sessionCounters).toStrictEqual(raw.sessionCounters);
    expect(comp.detectCounters.alerts).toBe(alerts);
    expect(comp.sessionCounters.sessions).toBe(sessions);
    if (slots) {
      expect(raw.detectCounters.addressEvictions).toBeGreaterThan(0);
      expect(raw.sessionCounters.evictions).toBeGreaterThan(0);
    }
    if (timeout) expect(expected).toContain('"closed_by":"timeout"');
    // The events alone, from fresh tables, and the lines given as bytes.
    configure(o, slots, timeout);
    const events = alertLines(raw, corpus);
    expect(kinds(events)).toStrictEqual({ alerts, sessions });
    expect(alertLines(comp, Buffer.from(corpus)) === events, 'the component\'s events differ from the raw module\'s').toBe(true);
    expect(comp.detectCounters).toStrictEqual(raw.detectCounters);
    expect(comp.sessionCounters).toStrictEqual(raw.sessionCounters);
  });

  it('only matched lines: unmatched lines leave their documents out, never their events', () => {
    const corpus = attackCorpus({ seed: 9, addresses: 100, lines: 5000 }) + 'Jan  2 05:00:00 gw CRON[1]: x\nnot a log line\n';
    configure({ mode: 'aggressive', seed: 3 });
    const expected = jsonLines(raw, corpus, { onlyMatched: true });
    expect(jsonLines(comp, corpus, { onlyMatched: true }) === expected).toBe(true);
    expect(expected).not.toContain('"status":"no-match"');
  });

  it('state lives in the instance: a corpus cut into many calls decides as one call', () => {
    const corpus = attackCorpus({ seed: 10, addresses: 100, lines: 6000 });
    configure({ mode: 'normal', maxretry: 3, seed: 4 });
    const whole = jsonLines(raw, corpus);
    comp.setDetection({ mode: 'normal', maxretry: 3, seed: 4 });
    comp.setSessions(true);
    const lines = corpus.split('\n').filter((l) => l);
    let pieces = '';
    for (let i = 0; i < lines.length; i += 37) {
      const part = lines.slice(i, i + 37).join('\n');
      if (part) pieces += jsonLines(comp, part + '\n');
    }
    expect(pieces === whole).toBe(true);
  });

  it('off again: documents only, as matchLinesJson', () => {
    const corpus = attackCorpus({ seed: 1, addresses: 50, lines: 2000 });
    for (const m of [raw, comp]) { m.setDetection(null); m.setSessions(false); }
    expect(comp.observing).toBe(false);
    const got = jsonLines(comp, corpus);
    expect(got).toBe(jsonLines(raw, corpus));
    expect(kinds(got)).toStrictEqual({ alerts: 0, sessions: 0 });
  });
});

describe('the WIT functions', () => {
  it('the detect-mode enum is the detector\'s modes, in the module\'s order', () => {
    const wit = readFileSync('wit/matcher.wit', 'utf8');
    const body = /enum detect-mode \{([^}]*)\}/.exec(wit)![1];
    expect(body.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('//')).map((l) => l.replace(/,$/, ''))).toStrictEqual([...DETECT_MODES]);
  });

  it('detect-lines-json gives one string per line, its JSON lines; joined, the raw module\'s output', async () => {
    const { matcher, core } = await witInstance();
    const corpus = attackCorpus({ seed: 3, addresses: 100, lines: 3000 });
    const lines = corpus.split('\n').filter((l) => l);
    const options = { keepOriginal: false, referenceTime: BigInt(referenceTime / 1000), utcOffsetMinutes: 0 };
    matcher.configureDetection({ mode: 'normal', seed: 5 });
    matcher.configureSessions(1 << 14, undefined);
    configure({ mode: 'normal', seed: 5 });
    const got = matcher.detectLinesJson(lines, options, false);
    expect(got.length).toBe(lines.length);
    expect(got.every((s) => s.endsWith('\n') && !s.slice(0, -1).split('\n').some((j) => !j.startsWith('{')))).toBe(true);
    expect(got.join('')).toBe(jsonLines(raw, corpus));
    expect(got.filter((s) => s.split('\n').length > 2).length).toBeGreaterThan(10); // lines with a document and events
    matcher.configureDetection({ mode: 'normal', seed: 5 });
    matcher.configureSessions(1 << 14, undefined);
    configure({ mode: 'normal', seed: 5 });
    const events = matcher.detectLinesEventsBytes(lines.map((l) => Buffer.from(l)), options);
    expect(events.length).toBe(lines.length);
    expect(events.filter((s) => s === '').length).toBeGreaterThan(lines.length / 2);
    expect(events.join('')).toBe(alertLines(raw, corpus));
    const c = matcher.counters();
    expect({ alerts: Number(c.alerts), addresses: c.addresses, addressEvictions: Number(c.addressEvictions), connectionEvictions: Number(c.connectionEvictions) }).toStrictEqual(raw.detectCounters);
    expect({ sessions: Number(c.sessionsWritten), evictions: Number(c.sessionEvictions) }).toStrictEqual(raw.sessionCounters);
    expect(core.arenaInUse()).toBe(0);
  });

  const refused: [Wit.DetectOptions, string][] = [
    [{ mode: 'normal', maxretry: 0, seed: 1 }, 'maxretry 0: a whole number from 1 to 1000000'],
    [{ mode: 'normal', maxretry: 1000001, seed: 1 }, 'maxretry 1000001: a whole number from 1 to 1000000'],
    [{ mode: 'normal', findtime: 0, seed: 1 }, 'findtime 0: seconds, at least 1'],
    [{ mode: 'ssh-bf', maxretry: 3, seed: 1 }, "maxretry and findtime are fail2ban's: CrowdSec's ssh-bf has its own capacity and leak speed"],
    [{ mode: 'ssh-slow-bf', findtime: 60, seed: 1 }, "maxretry and findtime are fail2ban's: CrowdSec's ssh-slow-bf has its own capacity and leak speed"],
    [{ mode: 'normal', addresses: 4, seed: 1 }, 'addresses 4: a power of two from 8 to 65536'],
    [{ mode: 'normal', addresses: 1000, seed: 1 }, 'addresses 1000: a power of two from 8 to 65536'],
    [{ mode: 'normal', addresses: 131072, seed: 1 }, 'addresses 131072: a power of two from 8 to 65536'],
    [{ mode: 'aggressive', connections: 0, seed: 1 }, 'connections 0: a power of two from 8 to 16384'],
    [{ mode: 'aggressive', connections: 32768, seed: 1 }, 'connections 32768: a power of two from 8 to 16384'],
  ];
  it.each(refused)('configure-detection refuses %o: %s', async (options, message) => {
    const { matcher } = await witInstance();
    let error: unknown = null;
    try { matcher.configureDetection(options); } catch (e) { error = e; }
    expect((error as { payload?: unknown } | null)?.payload).toBe(message);
  });

  it('configure-detection and the Node binding\'s checks accept and refuse the same values', async () => {
    const { matcher } = await witInstance();
    const tries: Wit.DetectOptions[] = [];
    for (const maxretry of [undefined, 0, 1, 5, 1000000, 1000001]) tries.push({ mode: 'normal', maxretry, seed: 1 });
    for (const findtime of [undefined, 0, 1, 600, 0xffffffff]) tries.push({ mode: 'ddos', findtime, seed: 1 });
    for (const addresses of [undefined, 0, 7, 8, 12, 1024, 65536, 65537, 131072]) tries.push({ mode: 'extra', addresses, seed: 1 });
    for (const connections of [undefined, 4, 8, 24, 16384, 32768]) tries.push({ mode: 'ssh-bf', connections, seed: 1 });
    for (const mode of DETECT_MODES) tries.push({ mode, maxretry: 5, seed: 1 }, { mode, findtime: 600, seed: 1 }, { mode, seed: 2 });
    for (const t of tries) {
      let witOk = true, nodeOk = true;
      try { matcher.configureDetection(t); } catch { witOk = false; }
      try { comp.setDetection({ ...t, seed: t.seed }); } catch (e) { nodeOk = false; expect(e).toBeInstanceOf(OptionError); }
      expect(witOk, JSON.stringify(t)).toBe(nodeOk);
    }
  });

  it('a refused value leaves the detector as it was', async () => {
    const { matcher } = await witInstance();
    const options = { keepOriginal: false, referenceTime: BigInt(referenceTime / 1000), utcOffsetMinutes: 0 };
    const fail = (s: number) => `Jan  2 03:00:0${s} gw sshd[4001]: Failed password for root from 203.0.113.9 port 4000 ssh2`;
    matcher.configureDetection({ mode: 'normal', maxretry: 2, seed: 1 });
    expect(matcher.detectLinesEvents([fail(1)], options)).toStrictEqual(['']);
    expect(() => matcher.configureDetection({ mode: 'normal', maxretry: 0, seed: 1 })).toThrow();
    expect(() => matcher.configureSessions(12, undefined)).toThrow();
    const [alert] = matcher.detectLinesEvents([fail(2)], options);
    expect(JSON.parse(alert)).toMatchObject({ event: { kind: 'alert' }, source: { ip: '203.0.113.9' }, ssh_log_matcher: { maxretry: 2, failures: 2 } });
    expect(matcher.counters().alerts).toBe(1n);
  });

  it('configure-sessions takes 0 or a power of two from 8 to 16384 and a timeout of at least 1 s, as setSessions', async () => {
    const { matcher } = await witInstance();
    const tries: [number, number | undefined, string | null][] = [];
    for (const slots of [0, 1, 7, 8, 12, 64, 16384, 16385, 32768]) {
      const ok = slots === 0 || (slots >= 8 && slots <= 16384 && (slots & (slots - 1)) === 0);
      tries.push([slots, undefined, ok ? null : `sessions slots ${slots}: a power of two from 8 to 16384`]);
    }
    for (const timeout of [0, 1, 300, 0xffffffff]) tries.push([64, timeout, timeout ? null : 'sessions timeout 0: seconds, at least 1']);
    for (const [slots, timeout, message] of tries) {
      let witError: string | null = null, nodeOk = true;
      try { matcher.configureSessions(slots, timeout); } catch (e) { witError = (e as { payload: string }).payload; }
      try { comp.setSessions({ slots, timeout }); } catch (e) { nodeOk = false; expect(e).toBeInstanceOf(OptionError); }
      expect(witError, `${slots} ${timeout}`).toBe(message);
      expect(nodeOk, `${slots} ${timeout}`).toBe(message === null);
    }
    expect(() => comp.setSessions({ slots: 12 })).toThrow('sessions slots 12: a power of two from 8 to 16384');
  });
});

describe('fixed memory', () => {
  it('memory does not grow over repeated batches with detection and sessions on', () => {
    const corpus = attackCorpus({ seed: 21, addresses: 5000, lines: 30000 });
    const bytes = Buffer.from(corpus);
    comp.setDetection({ mode: 'aggressive', seed: 9 });
    comp.setSessions(true);
    jsonLines(comp, corpus); // the first call touches every table
    const before = comp.memoryBytes;
    let events = 0;
    for (let i = 0; i < 8; i++) {
      events += kinds(jsonLines(comp, i % 2 ? bytes : corpus)).alerts;
      events += kinds(alertLines(comp, corpus)).sessions;
      expect(comp.arenaInUse()).toBe(0);
    }
    expect(events).toBeGreaterThan(0);
    expect(comp.memoryBytes).toBe(before);
  });
});
