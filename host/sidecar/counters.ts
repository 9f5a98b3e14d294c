// What `serve --stats` prints at exit: lines per entry and status (the CLI's MatchStats), plus the faults
// that are not lines (a malformed forward frame, a destination that failed), which a line count would hide.
import { MatchStats } from '../io/stats.js';

export class SidecarCounters {
  readonly lines = new MatchStats();
  readonly faults = new Map<string, number>();

  fault(kind: string): void { this.faults.set(kind, (this.faults.get(kind) ?? 0) + 1); }

  format(): string {
    const rows = [...this.faults].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, n]) => `error: ${k}  ${n}`);
    return [this.lines.format(), ...rows].join('\n');
  }
}
