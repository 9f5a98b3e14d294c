// Writes the ECS document of a line as JSON text without building it as an object each time: for every
// shape of document (status, entry, PRI, which header parts and fields are present) the document is built
// once by toEcsDocument with marker values, stringified, and cut at the markers; a line of that shape is
// then the fixed pieces with its own values stringified in between. Same bytes as
// JSON.stringify(toEcsDocument(r)) by construction (a test checks it), several times faster.
import { toEcsDocument, type LineResult, type MatchEvent } from './event.js';

const MARK = '\u0001';
const MARKER_IN_JSON = /"\\u0001(\d+)\\u0001"/g;
const marker = (i: number) => `${MARK}${i}${MARK}`;

interface Shape { pieces: string[]; slots: number[] }

export class EcsJsonWriter {
  private readonly shapes = new Map<string, Shape>();

  write(r: LineResult): string {
    const h = r.header;
    const e = r.event;
    const fieldNames = e ? Object.keys(e.fields) : [];
    const key = `${r.status}|${e?.id ?? ''}|${h.priority}|${h.framing}|${+(r.message === null)}${+(h.timestamp === null)}${+(h.hostname === null)}${+(h.program === null)}${+(h.pid === null)}|${fieldNames.join(',')}`;
    let shape = this.shapes.get(key);
    if (!shape) { shape = this.shapeOf(r, fieldNames); this.shapes.set(key, shape); }
    const values: unknown[] = [r.line, r.message, h.timestamp, h.hostname, h.program, h.pid];
    if (e) for (const n of fieldNames) values.push(e.fields[n]);
    let out = shape.pieces[0];
    for (let i = 0; i < shape.slots.length; i++) out += JSON.stringify(values[shape.slots[i]]) + shape.pieces[i + 1];
    return out;
  }

  private shapeOf(r: LineResult, fieldNames: string[]): Shape {
    const h = r.header;
    const m = (v: unknown, i: number) => (v === null ? null : marker(i));
    const fake: LineResult = {
      status: r.status,
      line: marker(0),
      message: m(r.message, 1),
      header: { framing: h.framing, priority: h.priority, timestamp: m(h.timestamp, 2), hostname: m(h.hostname, 3), program: m(h.program, 4), pid: m(h.pid, 5) as unknown as number },
      event: r.event && { ...r.event, fields: Object.fromEntries(fieldNames.map((n, i) => [n, marker(6 + i)])) } as MatchEvent,
    };
    const text = JSON.stringify(toEcsDocument(fake));
    const pieces: string[] = [];
    const slots: number[] = [];
    let last = 0;
    for (const mt of text.matchAll(MARKER_IN_JSON)) {
      pieces.push(text.slice(last, mt.index));
      slots.push(Number(mt[1]));
      last = mt.index! + mt[0].length;
    }
    pieces.push(text.slice(last));
    return { pieces, slots };
  }
}
