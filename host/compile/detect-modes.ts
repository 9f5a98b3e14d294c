// fail2ban's sshd filter modes, in the order the detector numbers them (0 = normal, fail2ban's default).
// The one list: detect/fail2ban-sshd.yaml must name these (host/compile/detect-rules.ts checks), the module
// takes their numbers, hosts their names. No dependencies, so the Node binding can import it.
export const FAIL2BAN_MODES = ['normal', 'ddos', 'extra', 'aggressive'] as const;
export type Fail2banMode = (typeof FAIL2BAN_MODES)[number];
