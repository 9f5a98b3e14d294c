// Counts per entry and per status, printed by --stats when the input ends.
export class MatchStats {
  readonly byEntry = new Map<string, number>();
  readonly byStatus = new Map<string, number>();
  lines = 0;

  add(status: string, entry: string | null): void {
    this.lines++;
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (entry) this.byEntry.set(entry, (this.byEntry.get(entry) ?? 0) + 1);
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
