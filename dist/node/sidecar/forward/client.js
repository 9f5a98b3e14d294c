// A forward-protocol client over one TCP connection: sends frames and matches the server's
// {"ack": chunk} answers to what was sent. The sidecar uses it to pass events on (destination.ts); the tests
// use it to speak to `serve --mode forward` the way Fluentd and Fluent Bit do.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Decoder } from '@msgpack/msgpack';
import { encodeFrame } from './encode.js';
import { FrameSplitter } from './frame.js';
const decoder = new Decoder();
export const newChunkId = () => randomBytes(16).toString('base64');
export class ForwardClient {
    socket;
    waiting = new Map();
    splitter = new FrameSplitter(1 << 20);
    closedWith = null;
    /** Called once when the connection ends or fails; pending acks are rejected first. */
    onClose = null;
    constructor(socket) {
        this.socket = socket;
        socket.on('data', (data) => {
            try {
                for (const f of this.splitter.push(data)) {
                    const answer = decoder.decode(f);
                    const id = typeof answer?.ack === 'string' ? answer.ack : null;
                    const w = id === null ? undefined : this.waiting.get(id);
                    if (w && id !== null) {
                        this.waiting.delete(id);
                        w.resolve();
                    }
                }
            }
            catch (e) {
                socket.destroy(e);
            }
        });
        const fail = (err) => {
            if (this.closedWith)
                return;
            this.closedWith = err;
            for (const w of this.waiting.values())
                w.reject(err);
            this.waiting.clear();
            this.onClose?.(err);
        };
        socket.on('error', fail);
        socket.on('close', () => fail(new Error('connection closed')));
    }
    static open(addr) {
        return new Promise((resolve, reject) => {
            const s = connect({ host: addr.host, port: addr.port });
            s.setNoDelay(true);
            s.once('connect', () => { s.off('error', reject); resolve(new ForwardClient(s)); });
            s.once('error', reject);
        });
    }
    get closed() { return this.closedWith !== null; }
    get unacked() { return this.waiting.size; }
    /** Writes bytes as they are (the tests' malformed frames); resolves when the socket takes more. */
    async sendRaw(bytes) {
        if (this.closedWith)
            throw this.closedWith;
        if (!this.socket.write(bytes))
            await new Promise((resolve) => {
                const go = () => { this.socket.off('drain', go); this.socket.off('close', go); resolve(); };
                this.socket.once('drain', go);
                this.socket.once('close', go);
            });
    }
    /**
     * Sends a pre-encoded frame carrying `chunk`; resolves when the socket takes more, with the promise of the
     * ack (made before the write, so an ack can never arrive unexpected). Wrapped: a promise would be adopted.
     */
    async sendFrame(frame, chunk) {
        const acked = chunk === null ? Promise.resolve() : new Promise((resolve, reject) => this.waiting.set(chunk, { resolve, reject }));
        acked.catch(() => { }); // the caller may await it later, or never (a test of a dropped connection)
        await this.sendRaw(frame);
        return { acked };
    }
    /** Encodes and sends events; with `ack`, the returned promise settles when the server acks them. */
    send(tag, events, mode, ack = true) {
        const chunk = ack ? newChunkId() : null;
        return this.sendFrame(encodeFrame(tag, events, mode, chunk), chunk);
    }
    /** Ends our side and waits until the server has closed too. */
    end() {
        return new Promise((resolve) => {
            if (this.socket.destroyed)
                return resolve();
            this.socket.once('close', () => resolve());
            this.socket.end();
        });
    }
    destroy() { this.socket.destroy(); }
}
