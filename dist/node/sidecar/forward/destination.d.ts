import type { SidecarCounters } from '../counters.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Address } from '../options.js';
import type { BoundedOutput } from '../output.js';
import type { ForwardEvent } from './message.js';
export interface Destination {
    /** Resolves once the events are admitted; `passed` once they are safely passed on. */
    pass(tag: string, events: readonly ForwardEvent[]): Promise<{
        passed: Promise<void>;
    }>;
    /**
     * Waits until `idle` (no connection will pass more events) and everything admitted is passed on, or gives
     * up after the destination's own timeout: what is left then is refused, so `idle` can come.
     */
    close(idle: Promise<void>): Promise<void>;
}
/** One JSON line per event: {"tag":..., "time": ISO 8601 with nanoseconds, "record": {...}}. */
export declare class JsonLinesDestination implements Destination {
    private readonly out;
    constructor(out: BoundedOutput);
    pass(tag: string, events: readonly ForwardEvent[]): Promise<{
        passed: Promise<void>;
    }>;
    close(idle: Promise<void>): Promise<void>;
}
/**
 * Another forward server. Frames go out as PackedForward with a chunk id; at most `window` frames wait for
 * their ack at once. When the connection fails or an ack is overdue, it reconnects (with backoff) and
 * resends every unacked frame in order: events may then arrive twice downstream, never not at all.
 */
export declare class ForwardDestination implements Destination {
    private readonly addr;
    private readonly diag;
    private readonly counters;
    private readonly ackTimeoutMs;
    private readonly window;
    private client;
    private connecting;
    private closing;
    private refused;
    private readonly inflight;
    private readonly spaceWaiters;
    private readonly timer;
    constructor(addr: Address, diag: Diagnostics, counters: SidecarCounters, ackTimeoutMs: number, window?: number);
    private get where();
    pass(tag: string, events: readonly ForwardEvent[]): Promise<{
        passed: Promise<void>;
    }>;
    private transmit;
    private settle;
    private reconnect;
    private lost;
    private checkOverdue;
    close(idle: Promise<void>): Promise<void>;
}
