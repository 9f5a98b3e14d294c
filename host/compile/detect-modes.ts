// The detector's modes, in the order the module numbers them: fail2ban's sshd filter modes (0 = normal,
// fail2ban's default) and CrowdSec's ssh scenarios. The one list: the rule files must name these
// (host/compile/detect-rules.ts checks), the module takes their numbers, hosts their names. No
// dependencies, so the Node binding can import it.
export const FAIL2BAN_MODES = ['normal', 'ddos', 'extra', 'aggressive'] as const;
export const CROWDSEC_SCENARIOS = ['ssh-bf', 'ssh-slow-bf'] as const;
export const DETECT_MODES = [...FAIL2BAN_MODES, ...CROWDSEC_SCENARIOS] as const;
export type Fail2banMode = (typeof FAIL2BAN_MODES)[number];
export type DetectMode = (typeof DETECT_MODES)[number];
/** The rule sets a rule can belong to: one per fail2ban mode, one for CrowdSec's ssh_failed-auth events. */
export const RULE_SETS = [...FAIL2BAN_MODES, 'crowdsec'] as const;
/** CrowdSec's scenarios (hub scenarios/crowdsecurity/ssh-bf.yaml, ssh-slow-bf.yaml): capacity, leak, blackhole. */
export const CROWDSEC_BUCKETS: Record<(typeof CROWDSEC_SCENARIOS)[number], { capacity: number; leakspeed: number; blackhole: number }> = {
  'ssh-bf': { capacity: 5, leakspeed: 10, blackhole: 60 },
  'ssh-slow-bf': { capacity: 10, leakspeed: 60, blackhole: 60 },
};
