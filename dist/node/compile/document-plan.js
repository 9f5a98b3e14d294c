import { ECS_VERSION, RELATED_USER_FIELDS, derivedAddressFields } from './ecs.js';
import { MODE_CLASSIFY, MODE_DOCUMENT, MODE_ENRICH } from './abi.js';
/** Entry fields as they appear in documents: derived x.ip / x.domain right after x.address. */
export function documentFieldPaths(entry) {
    const out = [];
    for (const f of entry.fields) {
        out.push({ path: f.name, source: { kind: 'field', slot: f.slot, numeric: (f.type === 'port' || f.type === 'uint') && f.ecsType === 'long' } });
        const derived = derivedAddressFields(f.name);
        if (derived && ['host', 'ip', 'ipv4', 'ipv6'].includes(f.type)) {
            out.push({ path: derived.ip, source: { kind: 'derived', slot: f.slot, shape: 'ip' } });
            if (f.type === 'host' && derived.domain)
                out.push({ path: derived.domain, source: { kind: 'derived', slot: f.slot, shape: 'domain' } });
        }
    }
    return contiguous(out);
}
/** Reorders items so that paths sharing a prefix are adjacent, keeping first-appearance order otherwise. */
export function contiguous(items) {
    const root = { children: new Map(), items: [] };
    for (const it of items) {
        let n = root;
        for (const seg of it.path.split('.')) {
            let c = n.children.get(seg);
            if (!c) {
                c = { children: new Map(), items: [] };
                n.children.set(seg, c);
            }
            n = c;
        }
        n.items.push(it);
    }
    const out = [];
    const walk = (n) => { out.push(...n.items); for (const c of n.children.values())
        walk(c); };
    walk(root);
    return out;
}
const c = (value) => ({ kind: 'const', json: JSON.stringify(value) });
const ALL = MODE_DOCUMENT | MODE_ENRICH;
/** What ssh_classify writes: the entry id and its severity. */
const CLASSIFY_PATHS = new Set(['event.code', 'event.severity']);
/**
 * The document of an entry's lines (null: lines no entry matched). `message` comes first and
 * `event.original` is written only on request; both belong to the whole document only (MODE_DOCUMENT):
 * a host record merged with the ECS fields (MODE_ENRICH) holds the line itself.
 */
export function documentPlan(entry) {
    const fields = entry ? documentFieldPaths(entry) : [];
    const root = (f) => f.path.split('.')[0];
    const under = (r) => fields.filter((f) => root(f) === r);
    const others = fields.filter((f) => !['event', 'process', 'source', 'user'].includes(root(f)));
    const slotsOf = (pick) => entry ? fields.filter((l) => l.source.kind === 'field' || l.source.kind === 'derived')
        .flatMap((l) => { const s = l.source; const f = entry.fields[s.slot]; return pick(f, l.path) ? [s.slot] : []; }) : [];
    const ipSlots = slotsOf((f, path) => path.endsWith('.ip') || (path === f.name && f.ecsType === 'ip'));
    const userSlots = slotsOf((f, path) => path === f.name && RELATED_USER_FIELDS.has(f.name));
    const leaves = [
        { path: 'message', source: { kind: 'messageOrLine' }, modes: MODE_DOCUMENT },
        { path: '@timestamp', source: { kind: 'timestamp' } },
        { path: 'ecs.version', source: c(ECS_VERSION) },
    ];
    if (entry)
        leaves.push({ path: 'event.kind', source: c('event') }, { path: 'event.code', source: c(entry.id) }, { path: 'event.category', source: c(entry.event.category) }, { path: 'event.type', source: c(entry.event.type) }, { path: 'event.action', source: c(entry.event.action) }, { path: 'event.outcome', source: c(entry.event.outcome) }, { path: 'event.severity', source: c(entry.severity) }, ...under('event'));
    leaves.push({ path: 'event.original', source: { kind: 'original' }, modes: MODE_DOCUMENT }, { path: 'log.level', source: { kind: 'level', json: entry ? JSON.stringify(entry.level) : '' } }, { path: 'log.syslog.priority', source: { kind: 'pri' } }, { path: 'log.syslog.facility.code', source: { kind: 'priFacility' } }, { path: 'log.syslog.facility.name', source: { kind: 'priFacilityName' } }, { path: 'log.syslog.severity.code', source: { kind: 'priSeverity' } }, { path: 'log.syslog.severity.name', source: { kind: 'priSeverityName' } }, { path: 'host.hostname', source: { kind: 'hostname' } }, { path: 'process.name', source: { kind: 'program' } }, { path: 'process.pid', source: { kind: 'pid' } }, ...under('process'), ...under('source'), ...under('user'), ...others);
    if (entry?.sshEvent)
        leaves.push({ path: 'system.auth.ssh.event', source: c(entry.sshEvent) });
    if (ipSlots.length)
        leaves.push({ path: 'related.ip', source: { kind: 'relatedIp', slots: ipSlots } });
    if (userSlots.length)
        leaves.push({ path: 'related.user', source: { kind: 'relatedUser', slots: userSlots } });
    leaves.push({ path: 'ssh_log_matcher.status', source: { kind: 'status' } });
    if (entry)
        leaves.push({ path: 'ssh_log_matcher.entry', source: c(entry.id) }, { path: 'ssh_log_matcher.title', source: c(entry.title) });
    for (const l of leaves)
        l.modes ??= CLASSIFY_PATHS.has(l.path) ? ALL | MODE_CLASSIFY : ALL;
    const order = contiguous(leaves);
    const paths = new Set();
    for (const l of order) {
        if (paths.has(l.path))
            throw new Error(`document plan of ${entry?.id ?? 'unmatched lines'} has ${l.path} twice`);
        paths.add(l.path);
    }
    return order;
}
