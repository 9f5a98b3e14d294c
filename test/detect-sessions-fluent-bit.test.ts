// Session events in the Fluent Bit module (docs/fluent-bit.md): a filter cannot add records, so the session
// events a record's line made are added to that record as the member "ssh_log_matcher.sessions", a JSON
// array of the session documents. On a seeded attack corpus they are the raw module's session events
// (the Node binding with setSessions), byte for byte, in order and on the same lines; every record is
// otherwise exactly what ssh_enrich (or ssh_enrich_detect) makes of it; the state is per instance and the
// memory never grows; an output that would not fit makes the record too long, never a cut document.
import { describe, expect, it } from 'vitest';
import { FluentBitHarness, SESSION_BEHAVIOURS, type Behaviour } from '../host/binding/filter-wasm.js';
import { createMatcher } from '../dist/node/binding/index.js';
import { attackCorpus } from '../host/bench/attack-corpus.js';
import { assertUniqueKeys, keepsOriginal } from './support/fluent-bit.js';

const corpus = attackCorpus({ seed: 11, addresses: 200, lines: 12_000, children: true }); // with user children: linked processes
const lines = corpus.trim().split('\n');
const SEC = Math.floor(Date.UTC(new Date().getUTCFullYear(), 11, 1) / 1000);
const enc = new TextEncoder(), dec = new TextDecoder();
const KEY = ',"ssh_log_matcher.sessions":[';

/** Each line's record through `fn` in one fresh instance: the bodies as text. */
function bodies(fn: Behaviour): { out: string[]; fb: FluentBitHarness; before: number } {
  const fb = new FluentBitHarness();
  const before = fb.memoryBytes;
  const out = lines.map((log) => dec.decode(fb.callRaw(fn, enc.encode(JSON.stringify({ log })), enc.encode('ssh'), SEC)!));
  return { out, fb, before };
}

/** The raw module's events (alerts and sessions) for the corpus, as JSON lines, and per line. */
async function rawEvents(detect: boolean): Promise<{ all: string[]; perLine: string[][] }> {
  // The tables' hash seed places sessions in their sets, so the sweep finds timeouts in the same order
  // only with the same seed: the Fluent Bit module takes the first record's nsec, 0 here.
  const m = await createMatcher({ referenceTime: new Date(SEC * 1000) });
  if (detect) m.setDetection({ mode: 'normal', maxretry: 5, findtime: 600, seed: 0 });
  m.setSessions(true);
  let text = '';
  m.writeAlerts(corpus, (j) => { text += typeof j === 'string' ? j : Buffer.from(j).toString('utf8'); });
  const one = await createMatcher({ referenceTime: new Date(SEC * 1000) });
  if (detect) one.setDetection({ mode: 'normal', maxretry: 5, findtime: 600, seed: 0 });
  one.setSessions(true);
  const perLine: string[][] = [];
  one.observeLines(lines.map((l) => enc.encode(l)), (_r, events) => perLine.push(events.split('\n').filter((l) => l !== '')));
  return { all: text.split('\n').filter((l) => l !== ''), perLine };
}
const isSession = (json: string) => json.includes('"code":"ssh_log_matcher.session"');

/** The record without its sessions member (the bytes before it and its closing brace), and the member's array text. */
function split(body: string): { rest: string; sessions: string | null } {
  const at = body.lastIndexOf(KEY);
  if (at < 0) return { rest: body, sessions: null };
  expect(body.endsWith(']}')).toBe(true);
  return { rest: body.slice(0, at) + '}', sessions: body.slice(at + KEY.length - 1, -1) };
}

describe('Fluent Bit module with sessions', () => {
  SESSION_BEHAVIOURS.forEach((fn) => {
    const detect = fn === 'ssh_enrich_detect_sessions';
    it(`${fn}: the raw module's session events on the records of the lines that made them, in order; the records otherwise ${detect ? 'ssh_enrich_detect' : 'ssh_enrich'}'s`, async () => {
      const { out, fb, before } = bodies(fn);
      const plain = bodies(detect ? 'ssh_enrich_detect' : 'ssh_enrich').out;
      const raw = await rawEvents(detect);
      const rawSessions = raw.all.filter(isSession);
      expect(rawSessions.length).toBeGreaterThan(1000);
      const got: string[] = [];
      out.forEach((body, i) => {
        const { rest, sessions } = split(body);
        expect(rest, `line ${i + 1}`).toBe(plain[i]); // byte for byte, the alert included
        const mine = raw.perLine[i].filter(isSession);
        if (sessions === null) { expect(mine, `line ${i + 1}`).toEqual([]); return; }
        expect(sessions, `line ${i + 1}`).toBe(`[${mine.join(',')}]`); // the raw module's bytes
        got.push(...mine);
        if (got.length <= 20) { // a sample parsed whole: valid JSON, unique keys, the original record kept
          assertUniqueKeys(body);
          const rec = JSON.parse(body);
          expect(keepsOriginal(rec, { log: lines[i] })).toBeNull();
          expect(rec['ssh_log_matcher.sessions'][0]).toMatchObject({ event: { category: ['session'], type: ['end'] } });
        }
      });
      expect(got).toEqual(rawSessions); // the same events in the same order as writeAlerts writes them
      expect(fb.exports.sessions_written()).toBe(rawSessions.length);
      expect(fb.exports.session_evictions()).toBe(0);
      if (detect) expect(fb.exports.detect_alerts()).toBe(raw.all.length - rawSessions.length);
      else expect(fb.exports.detect_alerts()).toBe(0);
      expect(fb.memoryBytes).toBe(before);
    }, 120_000);
  });

  it('keeps its state per instance: a process whose lines reach two instances makes a session in each', () => {
    const a = new FluentBitHarness(), b = new FluentBitHarness();
    const at = (s: number) => `Jan  2 03:00:0${s} gw sshd[777]:`;
    a.call('ssh_enrich_sessions', { log: `${at(1)} Failed password for root from 198.51.100.7 port 4711 ssh2` });
    const one = JSON.parse(a.call('ssh_enrich_sessions', { log: `${at(3)} Connection closed by authenticating user root 198.51.100.7 port 4711 [preauth]` })!);
    const two = JSON.parse(b.call('ssh_enrich_sessions', { log: `${at(3)} Connection closed by authenticating user root 198.51.100.7 port 4711 [preauth]` })!);
    expect(one['ssh_log_matcher.sessions'][0].ssh_log_matcher.attempts).toBe(1);
    expect(one['ssh_log_matcher.sessions'][0].event.duration).toBe(2e9);
    expect(two['ssh_log_matcher.sessions'][0].ssh_log_matcher.attempts).toBe(0);
    expect([a.exports.sessions_written(), b.exports.sessions_written()]).toEqual([1, 1]);
  });

  it('a record whose sessions member would not fit the 4 MiB output passes unchanged but for the too-long marker', () => {
    const log = 'Jan  2 03:00:05 gw sshd[778]: Connection closed by 198.51.100.8 port 4712 [preauth]';
    const probe = new FluentBitHarness();
    const small = probe.call('ssh_enrich_sessions', { pad: '', log })!;
    const sessionBytes = small.length - split(small).rest.length;
    const enriched = new FluentBitHarness().call('ssh_enrich', { pad: '', log })!.length;
    // Pad so that the enriched record fits the output buffer and the sessions member does not.
    const pad = 'x'.repeat((4 << 20) - enriched - Math.floor(sessionBytes / 2));
    const fb = new FluentBitHarness();
    const record = JSON.stringify({ pad, log });
    expect(fb.call('ssh_enrich', record)!.length).toBeLessThan(4 << 20);
    const out = fb.call('ssh_enrich_sessions', record)!;
    expect(out).toBe(JSON.stringify({ pad, log, ssh_log_matcher: { status: 'too-long' } }));
  });
});
