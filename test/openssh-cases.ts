// Hand-picked OpenSSH format strings with hand-picked values and the fields they must yield: the version test
// runs each at every version that has it, and the coverage test uses these values where a format's own wording
// does not say enough (auth_log()'s "%s %s%s%s for ...", connection descriptions passed as one %s).
import { A } from './openssh-formats.js';

export interface Case {
  format: string;                          // exactly as in the reference
  args: (string | number)[];
  entry: string;
  fields?: Record<string, string | number>; // must be among the fields the line yields
  func?: string;                           // the function name sshd puts first for *_f calls
  preauth?: boolean;                       // also try the line with " [preauth]"
}

export const CASES: Case[] = [
  // auth.c auth_log(): 7.2 prints the protocol, 8.x and later always "ssh2"
  { format: '%s %s%s%s for %s%.100s from %.200s port %d %s%s%s', args: ['Failed', 'password', '', '', 'invalid user ', 'bob', A, 52100, 'ssh2', '', ''], entry: 'openssh.auth.failed', fields: { 'user.name': 'bob', 'source.ip': A, 'source.port': 52100, 'system.auth.ssh.method': 'password' } },
  { format: '%s %s%s%s for %s%.100s from %.200s port %d %s%s%s', args: ['Accepted', 'publickey', '', '', '', 'alice', '2001:db8::1', 2222, 'ssh2', ': ', 'RSA SHA256:Ab3'], entry: 'openssh.auth.accepted', fields: { 'user.name': 'alice', 'source.ip': '2001:db8::1', 'system.auth.ssh.signature': 'RSA SHA256:Ab3' } },
  { format: '%s %s%s%s for %s%.100s from %.200s port %d %s%s%s', args: ['Postponed', 'keyboard-interactive', '/', 'pam', '', 'root', A, 1, 'ssh2', '', ''], entry: 'openssh.auth.partial', preauth: true, fields: { 'system.auth.ssh.method': 'keyboard-interactive/pam' } },
  { format: '%s %s%s%s for %s%.100s from %.200s port %d ssh2%s%s', args: ['Failed', 'password', '', '', 'invalid user ', 'bob', A, 52100, '', ''], entry: 'openssh.auth.failed', fields: { 'user.name': 'bob', 'source.ip': A, 'source.port': 52100 } },
  { format: '%s %s%s%s for %s%.100s from %.200s port %d ssh2%s%s', args: ['Failed', 'publickey', '', '', '', 'git', A, 57904, ': ', 'ED25519 SHA256:x y'], entry: 'openssh.auth.failed', preauth: true, fields: { 'user.name': 'git', 'system.auth.ssh.signature': 'ED25519 SHA256:x y' } },
  { format: '%s %s%s%s for %s%.100s from %.200s port %d ssh2%s%s', args: ['Accepted', 'password', '', '', '', 'alice', A, 50000, '', ''], entry: 'openssh.auth.accepted', fields: { 'user.name': 'alice' } },
  { format: '%s %s%s%s for %s%.100s from %.200s port %d ssh2%s%s', args: ['Partial', 'publickey', '', '', '', 'alice', A, 50000, ': ', 'RSA SHA256:z'], entry: 'openssh.auth.partial', fields: { 'system.auth.ssh.event': 'Partial' } },
  { format: 'Failed gssapi-with-mic for %s%.100s from %.200s port %d ssh2', args: ['invalid user ', 'bob', A, 22], entry: 'openssh.auth.failed', fields: { 'system.auth.ssh.method': 'gssapi-with-mic' } },
  { format: 'maximum authentication attempts exceeded for %s%.100s from %.200s port %d %s', args: ['invalid user ', 'bob', A, 22, 'ssh2'], entry: 'openssh.auth.max-attempts', preauth: true, fields: { 'user.name': 'bob', 'source.ip': A } },
  { format: 'maximum authentication attempts exceeded for %s%.100s from %.200s port %d ssh2', args: ['', 'root', A, 22], entry: 'openssh.auth.max-attempts', preauth: true, fields: { 'user.name': 'root', 'source.port': 22 } },
  { format: 'Too many authentication failures', args: [], entry: 'openssh.auth.too-many-failures*', preauth: true },
  { format: 'Change of username or service not allowed: (%s,%s) -> (%s,%s)', args: ['admin', 'ssh-connection', 'user', 'ssh-connection'], entry: 'openssh.auth.change-of-user', preauth: true, fields: { 'system.auth.ssh.request': 'user,ssh-connection' } },
  { format: 'ROOT LOGIN REFUSED FROM %.200s', args: [A], entry: 'openssh.auth.root-refused', fields: { 'source.ip': A } },
  { format: 'ROOT LOGIN REFUSED FROM %.200s port %d', args: [A, 4242], entry: 'openssh.auth.root-refused', preauth: true, fields: { 'source.port': 4242 } },
  { format: 'Invalid user %.100s from %.100s', args: ['webmaster', A], entry: 'openssh.auth.invalid-user', fields: { 'user.name': 'webmaster', 'source.ip': A } },
  { format: 'Invalid user %.100s from %.100s port %d', args: ['web master', A, 4242], entry: 'openssh.auth.invalid-user', fields: { 'user.name': 'web master', 'source.port': 4242 } },
  { format: 'input_userauth_request: invalid user %s', args: ['webmaster'], entry: 'openssh.auth.userauth-request-invalid-user', preauth: true },
  { format: 'User %.100s from %.100s not allowed because not listed in AllowUsers', args: ['root', A], entry: 'openssh.auth.user-not-allowed-from', fields: { 'source.ip': A } },
  { format: 'User %.100s from %.100s not allowed because listed in DenyUsers', args: ['root', A], entry: 'openssh.auth.user-not-allowed-from' },
  { format: 'User %.100s from %.100s not allowed because not in any group', args: ['root', A], entry: 'openssh.auth.user-not-allowed-from' },
  { format: 'User %.100s from %.100s not allowed because a group is listed in DenyGroups', args: ['root', A], entry: 'openssh.auth.user-not-allowed-from' },
  { format: "User %.100s from %.100s not allowed because none of user's groups are listed in AllowGroups", args: ['root', A], entry: 'openssh.auth.user-not-allowed-from' },
  { format: 'User %.100s not allowed because account is locked', args: ['root'], entry: 'openssh.auth.user-not-allowed' },
  { format: 'User %.100s not allowed because shell %.100s does not exist', args: ['bob', '/bin/zsh'], entry: 'openssh.auth.user-not-allowed', fields: { 'system.auth.ssh.shell': '/bin/zsh' } },
  { format: 'User %.100s not allowed because shell %.100s is not executable', args: ['bob', '/bin/zsh'], entry: 'openssh.auth.user-not-allowed' },
  { format: 'User %.100s not allowed because %s exists', args: ['bob', '/etc/nologin'], entry: 'openssh.auth.nologin' },
  { format: 'PAM: %s for %s%.100s from %.100s', args: ['Authentication failure', 'illegal user ', 'bob', A], entry: 'openssh.pam.sshd-failure', fields: { 'user.name': 'bob', 'source.ip': A } },
  { format: 'reverse mapping checking getaddrinfo for %.700s [%s] failed - POSSIBLE BREAK-IN ATTEMPT!', args: ['host.example.com', A], entry: 'openssh.connection.reverse-mapping-failed', fields: { 'source.ip': A } },
  { format: 'reverse mapping checking getaddrinfo for %.700s [%s] failed.', args: ['host.example.com', A], entry: 'openssh.connection.reverse-mapping-failed', fields: { 'source.domain': 'host.example.com' } },
  { format: 'Address %.100s maps to %.600s, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!', args: [A, 'host.example.com'], entry: 'openssh.connection.address-maps-to' },
  { format: 'Address %.100s maps to %.600s, but this does not map back to the address.', args: [A, 'host.example.com'], entry: 'openssh.connection.address-maps-to', fields: { 'source.ip': A } },
  { format: 'Received disconnect from %s port %d:%u: %.400s', args: [A, 22, 11, 'Bye Bye'], entry: 'openssh.connection.received-disconnect', preauth: true, fields: { 'system.auth.ssh.disconnect.code': 11, 'event.reason': 'Bye Bye' } },
  { format: 'Received disconnect from %s port %d: %.400s', args: [A, 22, 'Bye'], entry: 'openssh.connection.received-disconnect', fields: { 'event.reason': 'Bye' } },
  { format: 'Connection closed by %.200s port %d', args: [A, 22], entry: 'openssh.connection.closed', preauth: true, fields: { 'source.ip': A, 'source.port': 22 } },
  { format: 'Connection reset by %.200s port %d', args: [A, 22], entry: 'openssh.connection.closed', preauth: true },
  { format: 'Disconnected from %.200s port %d', args: [A, 22], entry: 'openssh.connection.closed' },
  { format: 'Connection closed by %.100s', args: [A], entry: 'openssh.connection.closed' },
  { format: 'Connection closed by %.100s port %d', args: [A, 22], entry: 'openssh.connection.closed' },
  { format: 'Connection closed by %s', args: [`authenticating user root ${A} port 22`], entry: 'openssh.connection.closed', preauth: true, fields: { 'user.name': 'root', 'source.ip': A } },
  { format: 'Connection closed by %s', args: [`invalid user a b ${A} port 22`], entry: 'openssh.connection.closed', preauth: true, fields: { 'user.name': 'a b', 'source.ip': A } },
  { format: 'Connection reset by %s', args: [`${A} port 22`], entry: 'openssh.connection.closed', preauth: true, fields: { 'source.port': 22 } },
  { format: 'Disconnected from %s', args: [`user alice ${A} port 22`], entry: 'openssh.connection.disconnected-user', fields: { 'user.name': 'alice' } },
  { format: 'Unable to negotiate with %.200s port %d: %s. Their offer: %s', args: [A, 22, 'no matching cipher found', 'aes128-cbc,3des-cbc'], entry: 'openssh.connection.negotiation-failed', preauth: true, fields: { 'source.ip': A, 'system.auth.ssh.algorithm_kind': 'cipher' } },
  { format: 'Unable to negotiate with %s: %s. Their offer: %s', args: [`${A} port 22`, 'no matching host key type found', 'ssh-dss'], entry: 'openssh.connection.negotiation-failed', preauth: true, fields: { 'system.auth.ssh.client_offer': 'ssh-dss' } },
  { format: 'Did not receive identification string from %s', args: [A], entry: 'openssh.connection.no-identification' },
  { format: "Bad protocol version identification '%.100s' from %s port %d", args: ['GET / HTTP/1.1', A, 80], entry: 'openssh.connection.bad-protocol-version', fields: { 'system.auth.ssh.client_banner': 'GET / HTTP/1.1' } },
  { format: 'Connection timed out during banner exchange', args: [], entry: 'openssh.connection.banner-timeout' },
  { format: 'Connection closed by remote host', args: [], func: 'kex_exchange_identification', entry: 'openssh.connection.kex-identification' },
  { format: 'Connection from %s port %d on %s port %d', args: [A, 5555, '192.0.2.9', 22], entry: 'openssh.connection.from', fields: { 'destination.port': 22 } },
  { format: 'Connection from %s port %d on %s port %d%s%s%s', args: [A, 5555, '192.0.2.9', 22, ' rdomain "', 'vrf1', '"'], entry: 'openssh.connection.from', fields: { 'system.auth.ssh.rdomain': 'vrf1' } },
  { format: 'Timeout before authentication for %s, pid = %ld%s', args: [`connection from ${A} to 192.0.2.9`, 4242, ''], entry: 'openssh.connection.timeout-before-auth', fields: { 'system.auth.ssh.session_pid': 4242 } },
  { format: 'Server listening on %s port %s.', args: ['0.0.0.0', '22'], entry: 'openssh.server.listening' },
  { format: 'Server listening on %s port %s%s%s.', args: ['::', '22', ' rdomain ', 'vrf1'], entry: 'openssh.server.listening', fields: { 'system.auth.ssh.rdomain': 'vrf1' } },
  { format: 'Received signal %d; terminating.', args: [15], entry: 'openssh.server.signal' },
  { format: 'Disconnecting: %.100s', args: ['Packet corrupt'], entry: 'openssh.connection.disconnecting' },
  { format: 'Disconnecting %s: %.100s', args: [`${A} port 22`, 'Corrupted MAC on input.'], entry: 'openssh.connection.disconnecting', fields: { 'source.ip': A } },
];

