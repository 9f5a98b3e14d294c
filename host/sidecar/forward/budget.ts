// The bytes all forward connections together may hold (--max-buffered-bytes): unfinished frames, and
// complete frames (as received and inflated) until their events are admitted by the destination. Each
// connection's frames are bounded on their own (--max-frame-bytes, --max-inflated-bytes, --max-frame-events);
// this bounds their sum, which a crowd of clients each holding a large unfinished frame would otherwise
// make as large as they like (16 connections of 63 MiB took the process to 1.1 GB). A connection that would
// pass the limit is closed without an ack for the frame it was sending: its client resends it later.
export class MemoryBudget {
  private used = 0;

  constructor(readonly max: number) {}

  get inUse(): number { return this.used; }

  /** Moves one holder's charge from `from` to `to` bytes; false, and no change, when that would pass the limit. */
  change(from: number, to: number): boolean {
    if (to > from && this.used - from + to > this.max) return false;
    this.used += to - from;
    return true;
  }
}
