// What `serve --stats` prints at exit: lines per entry and status (the CLI's MatchStats), plus the faults
// that are not lines (a malformed forward frame, a destination that failed), which a line count would hide;
// with --detect and --sessions, what the module's detector and session table counted.
import type { DetectCounters, SessionCounters } from '../binding/index.js';
import { MatchStats } from '../io/stats.js';

export class SidecarCounters {
  readonly lines = new MatchStats();
  readonly faults = new Map<string, number>();

  fault(kind: string): void { this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1); }

  /** With --detect and --sessions, the module's counters too (docs/detect.md#fixed-memory). */
  format(detect: DetectCounters | null = null, sessions: SessionCounters | null = null): string {
    const rows = [...this.faults].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `error: ${k}  ${n}`);
    if (detect) rows.push(`detect: alerts ${detect.alerts}, addresses ${detect.addresses}, address evictions ${detect.addressEvictions}, connection evictions ${detect.connectionEvictions}`);
    if (sessions) rows.push(`sessions: events ${sessions.sessions}, evictions ${sessions.evictions}`);
    return [this.lines.format(), ...rows].join('\n');
  }
}
