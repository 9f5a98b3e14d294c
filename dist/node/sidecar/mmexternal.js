import { toEcsDocument } from '../binding/index.js';
import { splitLines, wholeLines } from './line-source.js';
import { isObject } from './merge.js';
import { MessageBatch } from './message-batch.js';
const reply = (vars) => JSON.stringify({ '$!': vars }) + '\n';
const status = (s, error) => reply({ ssh_log_matcher: error ? { status: s, error } : { status: s } });
const dropSpaces = (msg) => msg.replace(/^ +/, '');
/** The message to match in one line of rsyslog's input, or why there is none. */
function messageOf(line, input, key) {
    if (input === 'msg')
        return { message: dropSpaces(line) };
    if (input === 'rawmsg')
        return { message: line };
    let obj;
    try {
        obj = JSON.parse(line);
    }
    catch (e) {
        return { fault: 'malformed', error: `malformed JSON: ${e.message}` };
    }
    if (!isObject(obj))
        return { fault: 'malformed', error: 'not a JSON object' };
    const own = obj[key];
    if (typeof own === 'string')
        return { message: key === 'msg' ? dropSpaces(own) : own };
    if (typeof obj.msg === 'string')
        return { message: dropSpaces(obj.msg) }; // a message with no rawmsg
    return { fault: 'no-message' };
}
export function mmexternalChunk(chunk, input, key, batch, ctx) {
    const lines = splitLines(chunk);
    const replies = new Array(lines.length);
    const messages = [];
    const owners = [];
    for (let i = 0; i < lines.length; i++) {
        const m = messageOf(lines[i], input, key);
        if ('fault' in m) {
            replies[i] = status(m.fault, m.error);
            ctx.counters.lines.add(m.fault, null);
        }
        else {
            messages.push(m.message);
            owners.push(i);
        }
    }
    const results = batch.match(messages);
    for (let k = 0; k < results.length; k++) {
        const r = results[k];
        ctx.counters.lines.add(r.status, r.event?.id ?? null);
        replies[owners[k]] = r.event ? reply(toEcsDocument(r)) : status(r.status);
    }
    return replies.join('');
}
export async function runMmexternal(input, key, stdin, ctx) {
    const batch = new MessageBatch(ctx.matcher);
    // Each chunk is answered as soon as it is read: rsyslog sends the next message only after our reply.
    for await (const chunk of wholeLines(stdin, ctx.stop)) {
        await ctx.out.write(mmexternalChunk(chunk, input, key, batch, ctx));
    }
}
