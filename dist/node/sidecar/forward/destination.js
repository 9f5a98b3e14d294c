// Where enriched events go: JSON lines on stdout, or another forward server (--forward-to). Both admit
// events only as fast as they can pass them on (`pass` resolves late when they are behind: that is the
// backpressure a connection feels), and tell when the events are safe: written to stdout, or acked by the
// next server. Only then does the sidecar ack its own client.
import { ExtData } from '@msgpack/msgpack';
import { ForwardClient, newChunkId } from './client.js';
import { encodeFrame } from './encode.js';
import { eventTimeText } from './event-time.js';
const utf8 = new TextDecoder('utf-8');
/** msgpack values JSON has no form for: bin as UTF-8 text, ext as {type, data in base64}. */
function jsonValue(v) {
    if (v instanceof Uint8Array)
        return utf8.decode(v);
    if (v instanceof ExtData)
        return { type: v.type, data: Buffer.from(v.data).toString('base64') };
    if (Array.isArray(v))
        return v.some((x) => typeof x === 'object' && x !== null) ? v.map(jsonValue) : v;
    if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
        const o = v;
        for (const k of Object.keys(o)) {
            const x = o[k];
            if (typeof x === 'object' && x !== null)
                o[k] = jsonValue(x);
        }
    }
    return v;
}
/** One JSON line per event: {"tag":..., "time": ISO 8601 with nanoseconds, "record": {...}}. */
export class JsonLinesDestination {
    out;
    constructor(out) {
        this.out = out;
    }
    async pass(tag, events) {
        let text = '';
        for (const e of events)
            text += JSON.stringify({ tag, time: eventTimeText(e.time), record: jsonValue(e.record) }) + '\n';
        await this.out.write(text);
        return { passed: this.out.flushed() };
    }
    async close(idle) { await idle; await this.out.flushed(); }
}
/**
 * Another forward server. Frames go out as PackedForward with a chunk id; at most `window` frames wait for
 * their ack at once. When the connection fails or an ack is overdue, it reconnects (with backoff) and
 * resends every unacked frame in order: events may then arrive twice downstream, never not at all.
 */
export class ForwardDestination {
    addr;
    diag;
    counters;
    ackTimeoutMs;
    window;
    client = null;
    connecting = false;
    closing = false;
    refused = null;
    inflight = new Map();
    spaceWaiters = [];
    timer;
    constructor(addr, diag, counters, ackTimeoutMs, window = 32) {
        this.addr = addr;
        this.diag = diag;
        this.counters = counters;
        this.ackTimeoutMs = ackTimeoutMs;
        this.window = window;
        this.timer = setInterval(() => this.checkOverdue(), Math.max(50, Math.min(1000, ackTimeoutMs / 4)));
        this.timer.unref();
    }
    get where() { return `${this.addr.host}:${this.addr.port}`; }
    async pass(tag, events) {
        while (this.inflight.size >= this.window && !this.refused)
            await new Promise((r) => this.spaceWaiters.push(r));
        if (this.refused)
            throw this.refused;
        const chunk = newChunkId();
        const frame = encodeFrame(tag, events, 'packed', chunk);
        const done = new Promise((resolve, reject) => this.inflight.set(chunk, { frame, sentAt: Date.now(), resolve, reject }));
        if (this.client)
            this.transmit(this.client, chunk, frame);
        else
            this.reconnect();
        return { passed: done };
    }
    transmit(client, chunk, frame) {
        const f = this.inflight.get(chunk);
        if (f)
            f.sentAt = Date.now();
        client.sendFrame(frame, chunk).then((sent) => sent.acked).then(() => this.settle(chunk), () => { });
    }
    settle(chunk) {
        const f = this.inflight.get(chunk);
        if (!f)
            return;
        this.inflight.delete(chunk);
        f.resolve();
        this.spaceWaiters.shift()?.();
    }
    reconnect() {
        if (this.connecting || this.client)
            return;
        this.connecting = true;
        void (async () => {
            let delay = 100;
            let told = false;
            while (!this.closing || this.inflight.size) {
                try {
                    const c = await ForwardClient.open(this.addr);
                    c.onClose = (err) => this.lost(c, err);
                    this.client = c;
                    if (told)
                        this.diag.log(`forward destination ${this.where}: connected again`);
                    for (const [chunk, f] of this.inflight)
                        this.transmit(c, chunk, f.frame);
                    break;
                }
                catch (e) {
                    if (!told)
                        this.diag.log(`forward destination ${this.where}: ${e.message}; retrying`);
                    told = true;
                    this.counters.fault('destination unreachable');
                    await new Promise((r) => setTimeout(r, delay).unref());
                    delay = Math.min(delay * 2, 5000);
                }
            }
            this.connecting = false;
        })();
    }
    lost(c, err) {
        if (this.client !== c)
            return;
        this.client = null;
        if (this.inflight.size) {
            this.diag.log(`forward destination ${this.where}: ${err.message}; resending ${this.inflight.size} unacked frame(s)`);
            this.counters.fault('destination connection lost');
            this.reconnect();
        }
    }
    checkOverdue() {
        const oldest = this.inflight.values().next().value;
        if (this.client && oldest && Date.now() - oldest.sentAt > this.ackTimeoutMs) {
            this.diag.log(`forward destination ${this.where}: no ack within ${this.ackTimeoutMs / 1000}s`);
            this.counters.fault('destination ack timeout');
            this.client.destroy();
        }
    }
    async close(idle) {
        this.closing = true;
        let isIdle = false;
        void idle.then(() => { isIdle = true; });
        const deadline = Date.now() + this.ackTimeoutMs;
        while (!(isIdle && this.inflight.size === 0) && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 20));
        clearInterval(this.timer);
        if (!isIdle || this.inflight.size) {
            const err = new Error(`${this.inflight.size} frame(s) were not acked by ${this.where}`);
            this.refused = err;
            this.diag.log(`forward destination: ${err.message}; their senders were not acked either`);
            this.counters.fault('destination frames not passed on');
            for (const f of this.inflight.values())
                f.reject(err);
            this.inflight.clear();
            for (const wake of this.spaceWaiters.splice(0))
                wake();
        }
        await idle;
        if (this.client)
            await this.client.end();
    }
}
