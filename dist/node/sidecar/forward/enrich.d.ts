import type { SidecarCounters } from '../counters.js';
import type { MessageBatch } from '../message-batch.js';
import type { ForwardEvent } from './message.js';
export declare function enrichEvents(events: readonly ForwardEvent[], key: string, batch: MessageBatch, counters: SidecarCounters): void;
