// The detector's CrowdSec modes (ssh-bf, ssh-slow-bf) against a plain reading of CrowdSec's own files:
// the hub's sshd parser and grok patterns, and the scenarios' leaky buckets (test/support/crowdsec-reference.ts,
// which reads test/fixtures/crowdsec/ and shares no code with the module). Same alerts (line, address,
// time) on seeded attack corpora; the scenario numbers the module was built with are the hub's.
import { describe, expect, it } from 'vitest';
import { CROWDSEC_BUCKETS } from '../dist/node/compile/detect-modes.js';
import { attackCorpus } from '../host/bench/attack-corpus.js';
import { crowdsecAlerts, parserNodes, scenario } from './support/crowdsec-reference.js';
import { ourAlerts } from './support/fail2ban.js';

const now = new Date();
const corpora = [
  ['attack corpus, seed 16', attackCorpus({ seed: 16, addresses: 60, lines: 6000 })],
  ['attack corpus, seed 3, few addresses', attackCorpus({ seed: 3, addresses: 8, lines: 4000 })],
] as const;

describe('CrowdSec scenarios', () => {
  it('are built with the hub\'s capacity, leak speed and blackhole', () => {
    for (const name of ['ssh-bf', 'ssh-slow-bf'] as const) expect(CROWDSEC_BUCKETS[name]).toEqual(scenario(name));
    expect(parserNodes().filter((n) => n.failedAuth).length).toBeGreaterThan(8);
  });

  describe.each(corpora)('%s', (_name, log) => {
    it.each([['ssh-bf', 4], ['ssh-slow-bf', 5]] as const)('%s: the alerts the reference raises', (name, mode) => {
      const theirs = crowdsecAlerts(log, scenario(name), now.getUTCFullYear());
      const ours = ourAlerts(new TextEncoder().encode(log), mode, 0, 0, now);
      expect(theirs.length).toBeGreaterThan(3);
      expect(ours).toEqual(theirs);
    });
  });
});
