#!/usr/bin/env node
'use strict';
// Deterministic RFC3164 sshd/sshd2 corpus generator.
// usage: node gen-corpus.cjs [N=1000000] [seed=42] [out=-]  (out '-' = stdout)
// Also writes <out>.truth.tsv (line-number \t template-id or '-') when out is a file
// and TRUTH=1 is set.
const fs = require('fs');
const { TEMPLATES } = require('./catalog.cjs');

const N = parseInt(process.argv[2] || '1000000', 10);
const SEED = parseInt(process.argv[3] || '42', 10);
const OUT = process.argv[4] || '-';
const UNMATCHED_RATE = 0.05;

// ---- seeded PRNG (sfc32 seeded via splitmix32) ----
function splitmix32(a) {
  return function () {
    a |= 0; a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16); t = Math.imul(t, 0x21f0aaad);
    t = t ^ (t >>> 15); t = Math.imul(t, 0x735a2d97);
    return ((t = t ^ (t >>> 15)) >>> 0);
  };
}
function sfc32(seed) {
  const sm = splitmix32(seed);
  let a = sm(), b = sm(), c = sm(), d = sm();
  return function () {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
const rnd = sfc32(SEED);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const chance = (p) => rnd() < p;
// Zipf-ish pick: low indexes much more frequent
const zipf = (arr, s = 1.1) => arr[Math.min(arr.length - 1, Math.floor(Math.pow(rnd(), 1 + s) * arr.length))];

// ---- value pools ----
const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function randIPv4() {
  // avoid 0/127/224+ first octets
  let a; do { a = int(1, 223); } while (a === 10 || a === 127);
  return `${a}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
}
function randIPv6() {
  const groups = [pick(['2001', '2a01', '2a02', '2600', '2604', '2400', 'fe80'])];
  const n = int(1, 4);
  for (let i = 0; i < n; i++) groups.push(int(0, 0xffff).toString(16));
  if (chance(0.6)) return groups.join(':') + '::' + int(1, 0xffff).toString(16);
  while (groups.length < 8) groups.push(int(0, 0xffff).toString(16));
  return groups.join(':');
}
const ATTACKERS = []; for (let i = 0; i < 400; i++) ATTACKERS.push(i % 9 === 0 ? randIPv6() : randIPv4());
const CLIENTS = []; for (let i = 0; i < 60; i++) CLIENTS.push(i % 7 === 0 ? randIPv6() : randIPv4());
const attackerIP = () => (chance(0.7) ? zipf(ATTACKERS) : (chance(0.9) ? randIPv4() : randIPv6()));
const clientIP = () => (chance(0.9) ? zipf(CLIENTS, 0.5) : randIPv4());
const randIPv4Only = () => (chance(0.7) ? randIPv4() : pick(ATTACKERS.filter((x) => !x.includes(':'))));

const DOMAINS = ['example.com', 'example.net', 'corp.example.org', 'dyn.isp.example', 'static.hosting.example', 'cloud.example.io'];
function randHostname() {
  const r = rnd();
  if (r < 0.35) return `${int(1, 223)}-${int(0, 255)}-${int(0, 255)}-${int(1, 254)}.${pick(DOMAINS)}`;
  if (r < 0.7) return `${pick(['ws', 'lt', 'dev', 'build', 'ci', 'app', 'mail', 'host'])}${int(1, 400)}.${pick(DOMAINS)}`;
  if (r < 0.85) return `${pick(['alpha', 'bravo', 'delta', 'kilo', 'zulu', 'orion', 'vega'])}-${int(1, 9)}.${pick(DOMAINS)}`;
  return pick(['localhost', 'gateway', 'nas01', 'printer-3f']);
}
const hostOrIP = () => (chance(0.45) ? randHostname() : randIPv4());

const VALID_USERS = ['root', 'deploy', 'git', 'ubuntu', 'admin', 'alice', 'bob', 'carol', 'jenkins', 'backup', 'ansible', 'postgres', 'www-data', 'svc_monitor', 'ec2-user', 'dave.k', 'e.smith'];
const INVALID_USERS = ['admin', 'test', 'user', 'oracle', 'ftpuser', 'pi', 'ubnt', 'support', 'guest', 'postgres', 'mysql', 'test1', 'user1', 'administrator', 'Administrator', 'default', 'nagios', 'hadoop', 'tomcat', 'minecraft', 'steam', 'ts3', 'teamspeak', 'deployer', 'odoo', 'git', 'jenkins', 'zabbix', 'apache', 'www', 'web', 'dev', 'sysadmin', 'centos', 'vagrant', 'docker', 'ansible', 'es', 'elastic', 'kafka', 'solana', 'sol', 'validator', 'ethereum', 'node', 'ftp', 'sftp', 'share', 'demo', 'a', '0', '1234', '123456', 'admin1', 'Admin', 'ADMIN', 'r00t', 'root1', 'toor', '$(reboot)', "admin'--", 'x"y', 'user@example.com', 'üser', 'пользователь', '用户', '-', '.', 'root;id', 'ftp_user', '%s%n', '\\x00', 'a.b-c_d', 'ubuntu+1', '[admin]', '{user}', 'pi:raspberry'];
const TECTIA_USERS = ['jdoe', 'asmith', 'root', 'm.mueller', 'k.tanaka', 'svc_batch', 'oper1', 'oper2', 'backup', 'ftpxfer', 'j.o.doe', 'admin', 'ibmadm'];
const validUser = () => zipf(VALID_USERS, 0.8);
const invalidUser = () => (chance(0.85) ? zipf(INVALID_USERS, 1.0) : pick(INVALID_USERS));
const anyUser = () => (chance(0.5) ? 'root' : (chance(0.5) ? validUser() : invalidUser()));

const TECTIA_QMSGS = [
  'Connection closed by remote host.', 'Connection reset by peer', 'Broken pipe', 'Timeout.',
  'Received invalid packet type 255', "Peer's version string is not supported", "Client's MAC was invalid",
  "can't read from socket: Connection timed out", 'Algorithm negotiation failed.', 'No further authentication methods available.',
  "server's host key couldn't be verified", 'packet too long (length 262144)', 'Bad packet length 1349676916.',
  'disconnected by user', 'Session closed by client', "User 'guest' not allowed to log in", 'Corrupted MAC on input.',
  'zlib inflate failed: "invalid distance too far back"', "Illegal user name: 'admin '", 'Client disconnected',
  'Authentication timed out.', 'Password authentication failed.', "Don't know how to handle message type 99",
  "Protocol version 1.5 isn't supported", 'Too many authentication failures for user', "key 'ssh-dss' rejected",
];
const TECTIA_REMOTE_VERSIONS = ['2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6', '2.0-OpenSSH_9.6', '2.0-6.4.2.59 SSH Tectia Client', '2.0-7.0.0.123 SSH Tectia Client',
  '1.99-PuTTY_Release_0.79', '2.0-PuTTY_Release_0.80', '2.0-libssh2_1.10.0', '2.0-Go', '2.0-paramiko_3.4.0', '2.0-WinSCP_release_6.1.2', '2.0-JSCH-0.1.54', '2.0-SSH Secure Shell 3.2.9 (non-commercial)'];
const WARNINGS = ['Could not open file \'/etc/ssh2/hostkey\': Permission denied', 'DNS lookup failed for "10.0.0.12".', 'Public key file /etc/ssh2/hostkey.pub is world readable',
  'maximum number of connections (50) reached', 'Unknown option "AllowAgentForwarding" in sshd2_config line 42', 'Clock skew detected: 37s', "User 'oper1' has an empty password"];
const FATALS = ['Host key not found from database.', 'Unable to bind listener: Address already in use', 'Out of memory', "Can't open config file '/etc/ssh2/sshd2_config'"];
const LICENSE = ['License file not found.', 'License expired on 2023-12-31', "Invalid license signature in '/etc/ssh2/licenses/license.dat'"];
const SETSID = ['Operation not permitted', 'Resource temporarily unavailable'];
const DISC_MSGS = ['Bye Bye', 'Normal Shutdown, Thank you for playing', 'disconnected by user', 'Client disconnecting normally', 'Closed due to user request.', 'bye', 'Goodbye "user"'];

function valueFor(t, name) {
  switch (name) {
    case 'message':
      if (t.id === 't_warning') return pick(WARNINGS);
      if (t.id === 't_fatal_error') return pick(FATALS);
      if (t.id === 't_license_error') return pick(LICENSE);
      return zipf(TECTIA_QMSGS, 0.3);
    case 'error_message': return pick(SETSID);
    case 'side': return chance(0.7) ? 'remote' : 'local';
    case 'reason_code': return String(int(16, 255));
    case 'version': return zipf(TECTIA_REMOTE_VERSIONS, 0.4);
    case 'login': return zipf(TECTIA_USERS, 0.5);
    case 'uid': return String(t.id === 't_root_login' ? 0 : int(500, 60000));
    case 'host':
      if (t.id === 'o_reverse_mapping') return `${int(1, 223)}-${int(0, 255)}-${int(0, 255)}-${int(1, 254)}.${pick(DOMAINS)}`;
      return hostOrIP();
    case 'listen_port': return chance(0.9) ? '22' : '2222';
    case 'address':
      if (t.id === 'o_server_listening') return chance(0.5) ? '0.0.0.0' : '::';
      return chance(0.5) ? '0.0.0.0' : `192.0.2.${int(1, 254)}`;
    case 'port':
      if (t.prog === 'sshd2' || t.id === 'o_server_listening') return chance(0.9) ? '22' : '2222';
      return String(int(1024, 65535));
    case 'max_connections': return String(pick([50, 100, 200]));
    case 'open_connections': return String(pick([50, 100, 200]) + int(0, 3));
    case 'originator': return hostOrIP();
    case 'user':
      if (/accepted|session|disconnected_user/.test(t.id)) return validUser();
      if (/invalid/.test(t.id)) return invalidUser();
      if (t.id === 'o_failed_password') return chance(0.7) ? 'root' : validUser();
      return anyUser();
    case 'ip':
      if (t.id === 'o_reverse_mapping') return randIPv4Only();
      if (/accepted|disconnected_user/.test(t.id)) return clientIP();
      return attackerIP();
    case 'rhost': return chance(0.8) ? attackerIP() : randHostname();
    case 'key_type': return pick(['RSA', 'ED25519', 'ED25519', 'ECDSA']);
    case 'fingerprint': { let s = 'SHA256:'; for (let i = 0; i < 43; i++) s += B64[int(0, 63)]; return s; }
    case 'code': return chance(0.9) ? '11' : pick(['3', '14', '2']);
    case 'msg': return zipf(DISC_MSGS, 0.5);
    case 'by_uid': return '0';
    case 'count': return String(int(1, 5));
    case 'signal': return '15';
    default: throw new Error('no generator for ' + name + ' in ' + t.id);
  }
}

// ---- lines that match no template (realistic auth.log neighbours + near misses) ----
const UNMATCHED = [
  () => ['sshd', `Connection reset by ${attackerIP()} port ${int(1024, 65535)} [preauth]`],
  () => ['sshd', `Unable to negotiate with ${attackerIP()} port ${int(1024, 65535)}: no matching key exchange method found. Their offer: diffie-hellman-group1-sha1,diffie-hellman-group14-sha1 [preauth]`],
  () => ['sshd', `Bad protocol version identification '\\026\\003\\001' from ${attackerIP()} port ${int(1024, 65535)}`],
  () => ['sshd', `Postponed publickey for ${validUser()} from ${clientIP()} port ${int(1024, 65535)} ssh2 [preauth]`],
  () => ['sshd', `Accepted keyboard-interactive/pam for ${validUser()} from ${clientIP()} port ${int(1024, 65535)} ssh2`],
  () => ['sshd', `Connection closed by ${attackerIP()} port ${int(1024, 65535)}`],
  () => ['sshd', `Invalid user ${invalidUser()} from ${attackerIP()}`],
  () => ['sshd', `Failed none for invalid user ${invalidUser()} from ${attackerIP()} port ${int(1024, 65535)} ssh2`],
  () => ['sshd', `Starting session: shell on pts/${int(0, 9)} for ${validUser()} from ${clientIP()} port ${int(1024, 65535)} id 0`],
  () => ['sshd', `User child is on pid ${int(1000, 65000)}`],
  () => ['sshd', `fatal: Timeout before authentication for ${attackerIP()} port ${int(1024, 65535)}`],
  () => ['sshd', `pam_unix(sshd:session): session opened for user ${validUser()}(uid=${int(0, 1000)}) by ${validUser()}(uid=0)`],
  () => ['sshd2', `connection from "${hostOrIP()}" (listen port: 22, tcp)`],
  () => ['sshd2', `User ${zipf(TECTIA_USERS)} logged in from ${hostOrIP()}.`],
  () => ['sshd2', 'Idle timeout exceeded'],
  () => ['CRON', `pam_unix(cron:session): session opened for user root by (uid=0)`],
  () => ['CRON', `pam_unix(cron:session): session closed for user root`],
  () => ['systemd-logind', `New session ${int(1, 9999)} of user ${validUser()}.`],
  () => ['systemd', `Started Session ${int(1, 9999)} of User ${validUser()}.`],
  () => ['sudo', `${validUser()} : TTY=pts/${int(0, 5)} ; PWD=/home/${validUser()} ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx`],
  () => ['su', `(to root) ${validUser()} on pts/${int(0, 5)}`],
];

// ---- weighted template selection ----
const totalW = TEMPLATES.reduce((s, t) => s + t.w, 0);
const cum = []; { let acc = 0; for (const t of TEMPLATES) { acc += t.w; cum.push(acc / totalW); } }
function pickTemplate() {
  const r = rnd();
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (r < cum[mid]) hi = mid; else lo = mid + 1; }
  return TEMPLATES[lo];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n) => (n < 10 ? '0' + n : '' + n);
let ts = Date.UTC(2024, 2, 28, 23, 50, 0); // crosses a month boundary (single-digit, space-padded days)
function stamp() {
  ts += int(0, 2400); // ms
  const d = new Date(ts);
  const day = d.getUTCDate();
  return `${MONTHS[d.getUTCMonth()]} ${day < 10 ? ' ' + day : day} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}
const SSHD_HOSTS = ['bastion-01', 'bastion-02', 'web-01', 'web-02', 'web-03', 'db-01', 'git', 'build-7', 'vpn-edge', 'mx1'];
const TECTIA_HOSTS = ['tectia-gw1', 'tectia-gw2', 'aix-legacy01'];

const fd = OUT === '-' ? 1 : fs.openSync(OUT, 'w');
const truthFd = OUT !== '-' && process.env.TRUTH === '1' ? fs.openSync(OUT + '.truth.tsv', 'w') : null;
let buf = [], tbuf = [], bufLen = 0;
const counts = Object.create(null);
for (let i = 0; i < N; i++) {
  let prog, msg, id;
  if (chance(UNMATCHED_RATE)) {
    [prog, msg] = pick(UNMATCHED)();
    id = '-';
  } else {
    const t = pickTemplate();
    prog = t.prog; id = t.id;
    msg = '';
    for (const tok of t.toks) msg += tok.lit !== undefined ? tok.lit : valueFor(t, tok.name);
  }
  counts[id] = (counts[id] || 0) + 1;
  const host = prog === 'sshd2' ? pick(TECTIA_HOSTS) : pick(SSHD_HOSTS);
  const pid = prog === 'systemd' ? '1' : String(int(300, 65000));
  const line = `${stamp()} ${host} ${prog}[${pid}]: ${msg}\n`;
  buf.push(line); bufLen += line.length;
  if (truthFd !== null) tbuf.push(`${i + 1}\t${id}\n`);
  if (bufLen > 1 << 20) {
    fs.writeSync(fd, buf.join('')); buf = []; bufLen = 0;
    if (truthFd !== null) { fs.writeSync(truthFd, tbuf.join('')); tbuf = []; }
  }
}
fs.writeSync(fd, buf.join(''));
if (truthFd !== null) { fs.writeSync(truthFd, tbuf.join('')); fs.closeSync(truthFd); }
if (fd !== 1) fs.closeSync(fd);
if (process.env.STATS === '1') {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  for (const [k, v] of rows) process.stderr.write(`${k}\t${v}\n`);
}
