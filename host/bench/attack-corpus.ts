// A seeded sshd log of attacks for the brute-force decisions (the detect tests and the benchmark): many
// addresses (IPv4, IPv6, IPv4-mapped), fast and slow password guessing, connections that fail several ways
// (each of fail2ban's modes has lines to count), successes after failures, a change of user within a
// connection, and lines that name no address (the connection's address comes from its other lines). One connection per sshd pid; connections
// overlap in time. Same seed, same bytes.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}

function stamp(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}

export interface AttackOptions {
  seed: number; addresses: number; lines: number; start?: number;
  /**
   * Logins carried on by a privilege-separated user child (another pid), as sshd writes them: the child's
   * "Starting session", "Transferred", "Received disconnect" (some without a port, as before 7.3) and
   * "Disconnected from user", the monitor's "User child is on pid" (sometimes) and "session closed"; and
   * some connections that stop without a closing line. Off by default: the other corpora stay as they were.
   */
  children?: boolean;
}

export function attackCorpus(o: AttackOptions): string {
  const r = rng(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const addrs = Array.from({ length: o.addresses }, (_, i) => {
    const k = r();
    if (k < 0.15) return `2001:db8:${(i * 7 + 1).toString(16)}::${(i + 3).toString(16)}`;
    if (k < 0.22) return `::ffff:198.51.100.${i % 250 + 1}`;
    return `203.0.${Math.floor(i / 250)}.${i % 250 + 1}`;
  });
  // Fast guessers connect every few seconds, slow ones every few minutes.
  const pace = addrs.map(() => (r() < 0.5 ? 1 + r() * 4 : 60 + r() * 240));
  const users = ['root', 'admin', 'oracle', 'test', 'ubuntu', 'git', 'alice'];
  // Mid-year, so that a date never lies ahead of "now" in a way that moves it to the year before.
  let t = o.start ?? Date.UTC(new Date().getUTCFullYear(), 0, 2, 3, 0, 0) / 1000;
  let pid = 4000;
  const out: string[] = [];
  const host = 'gw';
  // Connections in flight: their remaining lines, emitted one at a time, interleaved.
  const open: { pid: number; lines: (string | [number, string])[] }[] = [];
  const next = new Map<number, number>(addrs.map((_, i) => [i, t + r() * 60]));
  while (out.length < o.lines) {
    // The address whose next connection is due first opens one.
    let who = 0;
    for (const [i, at] of next) if (at < next.get(who)!) who = i;
    const due = next.get(who)!;
    while (open.length && (open.length > 6 || r() < 0.5)) {
      const c = open[Math.floor(r() * open.length)];
      const l = c.lines.shift()!;
      out.push(typeof l === 'string' ? `${stamp(t)} ${host} sshd[${c.pid}]: ${l}` : `${stamp(t)} ${host} sshd[${l[0]}]: ${l[1]}`);
      if (!c.lines.length) open.splice(open.indexOf(c), 1);
      t += r() < 0.7 ? 0 : 1;
    }
    if (due > t) t = Math.floor(due);
    next.set(who, t + pace[who] * (0.5 + r()));
    const a = addrs[who];
    const port = 1024 + Math.floor(r() * 60000);
    const u = pick(users);
    const lines: (string | [number, string])[] = [`Connection from ${a} port ${port} on 192.0.2.1 port 22`];
    const kind = r();
    if (o.children && kind >= 0.955) {
      const child = pid + 900000; // above every connection's own pid
      lines.push(`Accepted password for ${u} from ${a} port ${port} ssh2`);
      if (r() < 0.5) lines.push(`User child is on pid ${child}`);
      lines.push(`pam_unix(sshd:session): session opened for user ${u}(uid=1000) by (uid=0)`);
      if (r() < 0.5) lines.push([child, `Starting session: shell on pts/${Math.floor(r() * 9)} for ${u} from ${a} port ${port} id 0`]);
      if (r() < 0.5) lines.push([child, `Transferred: sent ${Math.floor(r() * 1e6)}, received ${Math.floor(r() * 1e5)} bytes`]);
      if (r() < 0.3) lines.push([child, `Received disconnect from ${a}: 11: disconnected by user`]);
      else lines.push([child, `Received disconnect from ${a} port ${port}:11: disconnected by user`], [child, `Disconnected from user ${u} ${a} port ${port}`]);
      lines.push(`pam_unix(sshd:session): session closed for user ${u}`);
      open.push({ pid: pid++, lines });
      continue;
    }
    if (o.children && kind < 0.02) {
      lines.push(`Failed password for ${u} from ${a} port ${port} ssh2`); // and then nothing: the connection times out unlogged
      open.push({ pid: pid++, lines });
      continue;
    }
    if (kind < 0.35) {
      const n = 1 + Math.floor(r() * 4);
      for (let k = 0; k < n; k++) lines.push(r() < 0.5 ? `Failed password for ${u} from ${a} port ${port} ssh2` : `Failed password for invalid user ${u}x from ${a} port ${port} ssh2`);
      if (r() < 0.2) lines.push(`Accepted password for ${u} from ${a} port ${port} ssh2`);
      else lines.push(r() < 0.5 ? `Connection closed by authenticating user ${u} ${a} port ${port} [preauth]` : `Disconnected from invalid user ${u}x ${a} port ${port} [preauth]`);
    } else if (kind < 0.45) {
      lines.push(`Invalid user ${u}x from ${a} port ${port}`, `Received disconnect from ${a} port ${port}:11: Bye Bye [preauth]`,
        `Disconnected from invalid user ${u}x ${a} port ${port} [preauth]`);
    } else if (kind < 0.52) {
      lines.push(`Failed publickey for ${u} from ${a} port ${port} ssh2: RSA SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG`);
      lines.push(r() < 0.5 ? `Failed publickey for root from ${a} port ${port} ssh2: ED25519 SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG` : `Accepted publickey for ${u} from ${a} port ${port} ssh2: RSA SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG`);
    } else if (kind < 0.58) {
      lines.push('error: maximum authentication attempts exceeded for root from ' + a + ` port ${port} ssh2 [preauth]`, 'Disconnecting: Too many authentication failures [preauth]');
    } else if (kind < 0.64) {
      lines.push(`Did not receive identification string from ${a} port ${port}`);
    } else if (kind < 0.69) {
      lines.push('kex_exchange_identification: Connection closed by remote host', `Connection closed by ${a} port ${port}`);
    } else if (kind < 0.74) {
      lines.push(`Received disconnect from ${a} port ${port}:14: No supported authentication methods available [preauth]`,
        `Disconnected from authenticating user ${u} ${a} port ${port} [preauth]`);
    } else if (kind < 0.79) {
      lines.push(`Unable to negotiate with ${a} port ${port}: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1 [preauth]`);
    } else if (kind < 0.84) {
      lines.push(`pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=${a}  user=${u}`, `Failed password for ${u} from ${a} port ${port} ssh2`, `Connection closed by ${a} port ${port} [preauth]`);
    } else if (kind < 0.88) {
      lines.push(`Bad protocol version identification 'GET / HTTP/1.1' from ${a} port ${port}`);
    } else if (kind < 0.92) {
      lines.push(`User ${u} from ${a} not allowed because not listed in AllowUsers`, `Connection reset by ${a} port ${port} [preauth]`);
    } else if (kind < 0.955) {
      // Forms one tool counts and another does not: keyboard-interactive, a user name with characters
      // CrowdSec's USERNAME pattern lacks, an old "Illegal user", a banner that is not SSH.
      lines.push(pick([`Failed keyboard-interactive/pam for invalid user ${u}x from ${a} port ${port} ssh2`, `Failed keyboard-interactive/pam for ${u} from ${a} port ${port} ssh2`,
        `Failed password for invalid user ${u}$%x from ${a} port ${port} ssh2`, `Illegal user ${u}x from ${a} port ${port}`,
        `banner exchange: Connection from ${a} port ${port}: invalid format`]), `Connection closed by ${a} port ${port} [preauth]`);
    } else {
      lines.push(`Accepted password for ${u} from ${a} port ${port} ssh2`, `pam_unix(sshd:session): session opened for user ${u}(uid=1000) by (uid=0)`,
        `Received disconnect from ${a} port ${port}:11: disconnected by user`, `Disconnected from user ${u} ${a} port ${port}`);
    }
    open.push({ pid: pid++, lines });
  }
  for (const c of open) for (const l of c.lines) out.push(typeof l === 'string' ? `${stamp(t)} ${host} sshd[${c.pid}]: ${l}` : `${stamp(t)} ${host} sshd[${l[0]}]: ${l[1]}`);
  return out.join('\n') + '\n';
}
