// Counts per entry and per status, printed by --stats when the input ends.
export class MatchStats {
  readonly byEntry = new Map<string, number>();
  readonly byStatus = new Map<string, number>();
  lines = 0;

  add(status: string, entry: string | null): void {
    this.addCount(status, entry, 1);
  }

  /** `n` lines of one status (and entry, if matched). */
  addCount(status: string, entry: string | null, n: number): void {
    this.lines += n;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + n);
    if (entry) this.addEntry(entry, n);
  }

  /** Entry counts kept apart from line counts, for callers that count lines by status already. */
  addEntry(entry: string, n: number): void {
    this.byEntry.set(entry, (this.byEntry.get(entry) ?? 0) + n);
  }

  format(): string {
    const rows: [string, number][] = [
      ...[...this.byEntry].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
      ...[...this.byStatus].filter(([s]) => s !== 'matched').map(([s, n]): [string, number] => [`(${s})`, n]),
      ['total lines', this.lines],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    return rows.map(([k, n]) => `${k.padEnd(width)}  ${String(n).padStart(9)}`).join('\n');
  }
}
