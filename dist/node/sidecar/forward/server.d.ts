import type { Matcher } from '../../binding/index.js';
import type { SidecarCounters } from '../counters.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Address } from '../options.js';
import type { Destination } from './destination.js';
export interface ForwardContext {
    matcher: Matcher;
    counters: SidecarCounters;
    diag: Diagnostics;
    stop: AbortSignal;
    destination: Destination;
    messageKey: string;
    maxFrameBytes: number;
}
/** Serves until `ctx.stop` is aborted; then finishes every frame already received and returns. */
export declare function runForward(listenOn: Address, ctx: ForwardContext): Promise<void>;
