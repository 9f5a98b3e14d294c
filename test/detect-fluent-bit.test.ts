// Brute-force decisions in the Fluent Bit module (docs/fluent-bit.md): state per module instance, so per
// filter instance; a decision is added to the record that made it as its "ssh_log_matcher.alert" member,
// every other record is what ssh_enrich makes of it. The same decisions as the raw module's on the same
// lines, and memory that never grows.
import { describe, expect, it } from 'vitest';
import { FluentBitHarness, DETECT_BEHAVIOURS } from '../host/binding/filter-wasm.js';
import { attackCorpus } from '../host/bench/attack-corpus.js';
import { ourAlerts } from './support/fail2ban.js';
import { assertUniqueKeys, keepsOriginal } from './support/fluent-bit.js';

const corpus = attackCorpus({ seed: 5, addresses: 25, lines: 2500 });
const lines = corpus.trim().split('\n');
// The record time only sets the year of RFC 3164 dates here: every line has its own timestamp.
const SEC = Math.floor(Date.UTC(new Date().getUTCFullYear(), 11, 1) / 1000);

function run(fb: FluentBitHarness, fn: (typeof DETECT_BEHAVIOURS)[number]) {
  const out: { line: number; alert: Record<string, any> }[] = [];
  const enc = new TextEncoder();
  lines.forEach((log, i) => {
    const body = fb.callRaw(fn, enc.encode(JSON.stringify({ log })), enc.encode('ssh'), SEC);
    const text = new TextDecoder().decode(body!);
    assertUniqueKeys(text);
    const rec = JSON.parse(text);
    expect(keepsOriginal(rec, { log })).toBeNull();
    if (rec['ssh_log_matcher.alert']) out.push({ line: i + 1, alert: rec['ssh_log_matcher.alert'] });
  });
  return out;
}

describe('Fluent Bit module with detection', () => {
  it('adds to each record that makes a decision the alert the raw module writes for that line, mode by mode', () => {
    DETECT_BEHAVIOURS.forEach((fn, mode) => {
      const fb = new FluentBitHarness();
      const before = fb.memoryBytes;
      const got = run(fb, fn);
      const core = ourAlerts(new TextEncoder().encode(corpus), mode, 5, 600, new Date(SEC * 1000));
      expect(got.length, fn).toBeGreaterThan(0);
      expect(got.map((g) => [g.line, g.alert.source.ip, Date.parse(g.alert['@timestamp']) / 1000])).toEqual(core);
      expect(got[0].alert).toMatchObject({ event: { kind: 'alert' }, ssh_log_matcher: { mode: ['normal', 'ddos', 'extra', 'aggressive', 'ssh-bf', 'ssh-slow-bf'][mode] } });
      expect(fb.exports.detect_alerts()).toBe(got.length);
      expect(fb.memoryBytes).toBe(before);
    });
  });

  it('keeps its state per instance: two filter instances count apart', () => {
    const a = new FluentBitHarness(), b = new FluentBitHarness();
    const half = (fb: FluentBitHarness, from: number) => {
      for (let i = from; i < lines.length; i += 2) fb.call('ssh_enrich_detect', { log: lines[i] });
    };
    half(a, 0); half(b, 1);
    const whole = new FluentBitHarness();
    for (const log of lines) whole.call('ssh_enrich_detect', { log });
    expect(a.exports.detect_alerts() + b.exports.detect_alerts()).toBeLessThan(whole.exports.detect_alerts());
  });

  it('counts a message without its header (a syslog parser took it) at the record time', () => {
    const fb = new FluentBitHarness();
    const enc = new TextEncoder();
    let alerts = 0;
    for (let k = 0; k < 5; k++) {
      const rec = { message: 'Failed password for root from 198.51.100.7 port 22 ssh2', host: 'gw' };
      const out = JSON.parse(new TextDecoder().decode(fb.callRaw('ssh_enrich_detect', enc.encode(JSON.stringify(rec)), enc.encode('ssh'), SEC + k)!));
      if (out['ssh_log_matcher.alert']) { alerts++; expect(out['ssh_log_matcher.alert']['@timestamp']).toBe(new Date((SEC + 4) * 1000).toISOString()); }
    }
    expect(alerts).toBe(1);
  });
});
