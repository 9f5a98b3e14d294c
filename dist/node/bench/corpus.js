// The benchmark corpus: seeded, deterministic syslog lines built from the catalog's own templates, with the
// entry each line must be classified as. Messages of every entry, skewed like a real server (connections
// and authentication dominate, errors are rare), mixed framings (RFC 3164 with and without host name,
// with <PRI> or an RFC 3339 timestamp, RFC 5424, "prog[pid]: " and bare messages), IPv4, IPv6 and host
// names, odd user names (spaces, quotes, unicode, text imitating what the server writes after the name),
// and about 5% of lines that match nothing (other programs, near misses of real messages).
// Lines come in chunks so 10M lines never sit in memory as strings at once. Never uses Math.random.
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../binding/paths.js';
import { findCatalogFiles, loadCatalog } from '../compile/load.js';
import { perEntryBaseline } from './regex-baselines.js';
import { entryCheck, NO_SLOT } from '../compile/program.js';
export const DEFAULT_LINES = 1_000_000;
/** Share of lines that must match no entry. */
export const NOISE_SHARE = 0.05;
export function projectCatalog() {
    return loadCatalog(findCatalogFiles(join(PACKAGE_ROOT, 'catalog')), PACKAGE_ROOT);
}
/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed) {
    let s = seed >>> 0;
    return () => {
        s = (s + 0x6d2b79f5) >>> 0;
        let t = s;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/** How often an entry's message appears, from its ECS classification and level. */
export function entryWeight(e) {
    const cat = e.event.category, type = e.event.type, outcome = e.event.outcome;
    const has = (t) => type.includes(t);
    let w = 1; // process, iam, file, configuration: daemon life and rare events
    if (cat.includes('network'))
        w = has('connection') && has('start') ? 40 : has('connection') && has('end') ? 10 : 3;
    if (cat.includes('session'))
        w = has('end') ? 15 : has('connection') ? 20 : 5;
    if (cat.includes('authentication'))
        w = has('start') && !has('denied') && !has('admin') ? 25 : outcome === 'success' ? 10 : 4;
    if (has('error'))
        w *= 0.1;
    w *= { emergency: 0.01, alert: 0.01, critical: 0.01, error: 0.05 }[e.level] ?? 1;
    return w;
}
const USERS = ['root', 'admin', 'test', 'user', 'oracle', 'ubuntu', 'git', 'postgres', 'alice', 'bob', 'deploy', 'pi', 'guest', 'ftpuser', 'backup', 'www-data', 'jenkins', 'support', 'nagios', 'carol.smith'];
const ODD_USERS = ['john smith', "o'brien", '"quoted"', 'josé', '用户', 'Ünïcødé', `a'b"c`, 'x y z', "'", 'DROP TABLE users;--', '名前 テスト', '\u00a0nbsp', 'tab\there', 'emoji😀'];
const REASONS = ['Connection from 10.9.8.7 denied.', "it's broken", 'packet too long: 262144', 'Algorithm negotiation failed.', 'Connection reset by peer', 'No further authentication methods available.', "Don't know what to do: 'x'", 'Idle timeout', 'MAC error', 'Too many authentication failures for "root"', 'Bad packet length 3939456.', ''];
const METHODS = ['publickey', 'password', 'keyboard-interactive', 'hostbased', 'gssapi-with-mic', 'certificate'];
const WORDS = ['session', 'direct-tcpip', 'x11', 'auth-agent@openssh.com', 'pty-req', 'env', 'exec', 'subsystem', "it's", '"q"'];
const PATHS = ['/home/bob/.ssh/authorized_keys', '/etc/ssh/sshd_config', '/var/empty', '/home/o\'brien/.rhosts', '/tmp/a b', '/data/sftp/upload.tar.gz', '/home/alice'];
const HOSTNAMES = ['gw', 'srv-01.example.com', 'mail.example.org', 'host_7.lan', 'a1b2c3.dyn.isp.net', '10-0-0-1.example', 'db.internal'];
const PROGRAMS_OTHER = ['CRON', 'systemd', 'kernel', 'postfix/smtpd', 'sudo', 'dhclient', 'rsyslogd'];
const OTHER_MESSAGES = ['(root) CMD (run-parts /etc/cron.hourly)', 'Started Session 42 of user alice.', '[12345.678] eth0: link up', 'connect from unknown[10.0.0.1]', 'alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls', 'DHCPACK from 10.0.0.1', 'rsyslogd was HUPed'];
class LineMaker {
    catalog;
    rand;
    oracle;
    weights;
    total;
    otherPrograms;
    second = 0;
    covered = 0; // the first lines cover every entry once, so even a small corpus mixes them all
    constructor(catalog, rand, oracle) {
        this.catalog = catalog;
        this.rand = rand;
        this.oracle = oracle;
        this.weights = catalog.entries.map(entryWeight);
        this.total = this.weights.reduce((a, b) => a + b, 0);
        const ssh = new Set(catalog.families.flatMap((f) => f.programs));
        this.otherPrograms = PROGRAMS_OTHER.filter((p) => !ssh.has(p));
    }
    int(n) { return Math.floor(this.rand() * n); }
    pick(xs) { return xs[this.int(xs.length)]; }
    chance(p) { return this.rand() < p; }
    entry() {
        if (this.covered < this.catalog.entries.length)
            return this.catalog.entries[this.covered++];
        let r = this.rand() * this.total;
        for (let i = 0; i < this.weights.length; i++)
            if ((r -= this.weights[i]) < 0)
                return this.catalog.entries[i];
        return this.catalog.entries[this.catalog.entries.length - 1];
    }
    ipv4() { return `${1 + this.int(223)}.${this.int(256)}.${this.int(256)}.${1 + this.int(254)}`; }
    ipv6() {
        const g = () => this.int(0x10000).toString(16);
        switch (this.int(5)) {
            case 0: return `2001:db8:${g()}:${g()}::${g()}`;
            case 1: return `fe80::${g()}:${g()}:${g()}:${g()}%eth0`;
            case 2: return `::ffff:${this.ipv4()}`;
            case 3: return '::1';
            default: return Array.from({ length: 8 }, g).join(':');
        }
    }
    host(type) {
        const r = this.rand();
        if (type === 'ipv4' || (type !== 'ipv6' && r < 0.55))
            return this.ipv4();
        if (type === 'ipv6' || type === 'ip' || r < 0.8)
            return this.ipv6();
        return this.pick(HOSTNAMES);
    }
    user(entry, field) {
        const r = this.rand();
        if (r < 0.9)
            return this.pick(USERS);
        // Where client text also follows the server-written part, an imitating name can make the line read two
        // ways, which the matcher reports as ambiguous (entryCheck) and the other engines cannot: not here.
        if (r < 0.96 || entryCheck(entry)[0] !== NO_SLOT)
            return this.pick(ODD_USERS);
        // Text that imitates what the server writes after the name: the rest of this very template.
        const tail = this.render(entry, this.after(entry.nodes, field.key) ?? [], 1);
        return this.pick(USERS) + tail.slice(0, 1 + this.int(tail.length));
    }
    /** The template nodes after a field, flattened through optional parts (null when not found). */
    after(nodes, key) {
        for (let i = 0; i < nodes.length; i++) {
            const n = nodes[i];
            if ((n.kind === 'field' && n.name === key) || (n.kind === 'alt' && n.key === key))
                return nodes.slice(i + 1);
            if (n.kind === 'opt') {
                const inner = this.after(n.body, key);
                if (inner)
                    return [...inner, ...nodes.slice(i + 1)];
            }
        }
        return null;
    }
    uint(name) {
        if (name.endsWith('pid'))
            return String(1 + this.int(99999));
        if (name === 'user.id')
            return String(this.chance(0.2) ? 0 : 1000 + this.int(5000));
        if (name.includes('size'))
            return this.pick(['1024', '2048', '3072', '4096', '521']);
        if (name.includes('bytes'))
            return String(this.int(2 ** 31));
        return String(this.int(64));
    }
    value(entry, f, depth) {
        switch (f.type) {
            case 'host':
            case 'ip':
            case 'ipv4':
            case 'ipv6': return this.host(f.type);
            case 'port': return String(this.chance(0.7) ? 22 : 1 + this.int(65535));
            case 'uint': return this.uint(f.name);
            case 'keyword': return this.pick(METHODS);
            case 'word': return f.name === 'file.path' ? this.pick(PATHS).replace(/ /g, '_') : this.pick(WORDS);
            case 'user': return depth > 0 ? this.pick(USERS) : this.user(entry, f);
            case 'quoted':
            case 'text':
            case 'rest':
                if (f.name === 'file.path')
                    return this.pick(PATHS);
                if (f.name.startsWith('user.') || f.name.endsWith('.principal'))
                    return depth > 0 ? this.pick(USERS) : this.user(entry, f);
                if (f.name.endsWith('client_version'))
                    return this.pick(['SSH-2.0-OpenSSH_9.6', 'SSH-2.0-PuTTY_Release_0.80', "SSH-2.0-libssh_0.10.6 'x'"]);
                // Only a quoted value may be empty: an empty text between two spaces cannot match, because a run
                // of spaces is read whole (the matcher's possessive space).
                return f.type === 'quoted' ? this.pick(REASONS) : this.pick(REASONS.filter((r) => r !== ''));
        }
    }
    /** A message of `entry` built from its template nodes; `depth` > 0 while imitating (no recursion). */
    render(entry, nodes, depth = 0) {
        let out = '';
        for (const n of nodes) {
            switch (n.kind) {
                case 'lit':
                    out += n.text;
                    break;
                case 'space':
                    out += this.chance(0.001) ? '  ' : ' ';
                    break;
                case 'alt':
                    out += this.pick(n.options);
                    break;
                case 'opt':
                    if (this.chance(0.5))
                        out += this.render(entry, n.body, depth);
                    break;
                case 'field':
                    out += this.value(entry, entry.fields.find((f) => f.key === n.name), depth);
                    break;
            }
        }
        return out;
    }
    timestamp(iso) {
        const s = this.second++;
        const day = 1 + (Math.floor(s / 86400) % 28), h = Math.floor(s / 3600) % 24, m = Math.floor(s / 60) % 60, sec = s % 60;
        const p2 = (n) => String(n).padStart(2, '0');
        if (iso)
            return `2026-11-${p2(day)}T${p2(h)}:${p2(m)}:${p2(sec)}.${String(this.int(1e6)).padStart(6, '0')}+00:00`;
        return `Nov ${String(day).padStart(2, ' ')} ${p2(h)}:${p2(m)}:${p2(sec)}`;
    }
    /** Wraps a message in one of the framings the matcher reads. */
    frame(program, message) {
        const prog = program ?? 'sshd';
        const pid = 100 + this.int(60000);
        const host = this.pick(HOSTNAMES);
        const r = this.rand();
        if (r < 0.45)
            return `${this.timestamp(false)} ${host} ${prog}[${pid}]: ${message}`;
        if (r < 0.55)
            return `<${32 + this.int(8) + (this.chance(0.5) ? 48 : 0)}>${this.timestamp(false)} ${host} ${prog}[${pid}]: ${message}`;
        if (r < 0.6)
            return `${this.timestamp(false)} ${prog}: ${message}`;
        if (r < 0.72)
            return `${this.timestamp(true)} ${host} ${prog}[${pid}]: ${message}`;
        if (r < 0.9) {
            const sd = this.pick(['-', '-', '[origin ip="10.0.0.2"]', '[meta@32473 sequenceId="7" note="a \\"b\\" ]c"]']);
            return `<${80 + this.int(8)}>1 ${this.timestamp(true)} ${host} ${prog} ${pid} - ${sd} ${this.chance(0.1) ? '\ufeff' : ''}${message}`;
        }
        if (r < 0.95 && program !== null)
            return `${prog}[${pid}]: ${message}`;
        return message;
    }
    /** One line and the entry it must be classified as. */
    line() {
        if (this.chance(NOISE_SHARE))
            return [this.noise(), null];
        const entry = this.entry();
        const programs = this.catalog.families.find((f) => f.name === entry.family).programs;
        return [this.frame(this.pick(programs), this.render(entry, entry.nodes)), entry.id];
    }
    /** A line that matches nothing: another program's message, or a near miss of a real message. */
    noise() {
        for (;;) {
            let line;
            if (this.chance(0.5) && this.otherPrograms.length) {
                line = `${this.timestamp(false)} ${this.pick(HOSTNAMES)} ${this.pick(this.otherPrograms)}[${this.int(9999)}]: ${this.pick(OTHER_MESSAGES)}`;
            }
            else {
                const entry = this.entry();
                let msg = this.render(entry, entry.nodes);
                switch (this.int(3)) {
                    case 0:
                        msg = msg.charAt(0) === msg.charAt(0).toUpperCase() ? msg.charAt(0).toLowerCase() + msg.slice(1) : msg.charAt(0).toUpperCase() + msg.slice(1);
                        break;
                    case 1:
                        msg = msg.slice(0, -1);
                        break;
                    default: msg = `debug1: ${msg}`;
                }
                const programs = this.catalog.families.find((f) => f.name === entry.family).programs;
                line = this.frame(this.pick(programs), msg);
            }
            // A near miss may still be a valid message of this or another entry: keep only true misses.
            if (this.oracle.classify(line) < 0)
                return line;
        }
    }
}
/** Generates the corpus chunk by chunk (each chunk ends with a newline). */
export function* corpusChunks(opts = {}) {
    const lines = opts.lines ?? DEFAULT_LINES;
    const chunkLines = opts.chunkLines ?? 65536;
    const catalog = opts.catalog ?? projectCatalog();
    const maker = new LineMaker(catalog, prng(opts.seed ?? 1), perEntryBaseline(catalog));
    for (let done = 0; done < lines;) {
        const n = Math.min(chunkLines, lines - done);
        const text = new Array(n);
        const expected = new Array(n);
        for (let i = 0; i < n; i++)
            [text[i], expected[i]] = maker.line();
        yield { text: Buffer.from(text.join('\n') + '\n', 'utf8'), expected };
        done += n;
    }
}
/** The whole corpus in memory (for tests and small runs; use `corpusChunks` for millions of lines). */
export function generateCorpus(opts = {}) {
    const texts = [];
    const expected = [];
    for (const c of corpusChunks(opts)) {
        texts.push(c.text);
        for (const e of c.expected)
            expected.push(e);
    }
    return { text: Buffer.concat(texts), expected };
}
