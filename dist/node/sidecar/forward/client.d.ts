import { type Socket } from 'node:net';
import type { Address } from '../options.js';
import { type CarrierMode } from './encode.js';
import type { ForwardEvent } from './message.js';
export declare const newChunkId: () => string;
export declare class ForwardClient {
    readonly socket: Socket;
    private readonly waiting;
    private readonly splitter;
    private closedWith;
    /** Called once when the connection ends or fails; pending acks are rejected first. */
    onClose: ((err: Error) => void) | null;
    private constructor();
    static open(addr: Address): Promise<ForwardClient>;
    get closed(): boolean;
    get unacked(): number;
    /** Writes bytes as they are (the tests' malformed frames); resolves when the socket takes more. */
    sendRaw(bytes: Uint8Array): Promise<void>;
    /**
     * Sends a pre-encoded frame carrying `chunk`; resolves when the socket takes more, with the promise of the
     * ack (made before the write, so an ack can never arrive unexpected). Wrapped: a promise would be adopted.
     */
    sendFrame(frame: Uint8Array, chunk: string | null): Promise<{
        acked: Promise<void>;
    }>;
    /** Encodes and sends events; with `ack`, the returned promise settles when the server acks them. */
    send(tag: string, events: readonly ForwardEvent[], mode: CarrierMode, ack?: boolean): Promise<{
        acked: Promise<void>;
    }>;
    /** Ends our side and waits until the server has closed too. */
    end(): Promise<void>;
    destroy(): void;
}
