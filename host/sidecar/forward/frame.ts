// Cuts a TCP byte stream into whole msgpack objects (forward protocol frames) without decoding them: a walk
// over the type headers that can resume where the bytes ran out, so a large frame arriving in many small
// pieces is walked once, not once per piece. A frame larger than the limit is an error, which bounds what
// one connection can make us buffer.

export class FrameError extends Error {}

const u16 = (b: Uint8Array, p: number) => (b[p] << 8) | b[p + 1];
const u32 = (b: Uint8Array, p: number) => ((b[p] << 24) >>> 0) + ((b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]);

/** Header size and payload size (bytes after the header) or nested item count of the object at `p`. */
function head(b: Uint8Array, p: number): { size: number; skip: number; items: number } | null {
  const t = b[p];
  const have = b.length - p;
  const need = (n: number) => have >= n;
  if (t <= 0x7f || t >= 0xe0) return { size: 1, skip: 0, items: 0 };
  if (t <= 0x8f) return { size: 1, skip: 0, items: 2 * (t & 0x0f) };
  if (t <= 0x9f) return { size: 1, skip: 0, items: t & 0x0f };
  if (t <= 0xbf) return { size: 1, skip: t & 0x1f, items: 0 };
  switch (t) {
    case 0xc0: case 0xc2: case 0xc3: return { size: 1, skip: 0, items: 0 };
    case 0xc1: throw new FrameError('byte 0xc1 is not msgpack');
    case 0xc4: case 0xd9: return need(2) ? { size: 2, skip: b[p + 1], items: 0 } : null;
    case 0xc5: case 0xda: return need(3) ? { size: 3, skip: u16(b, p + 1), items: 0 } : null;
    case 0xc6: case 0xdb: return need(5) ? { size: 5, skip: u32(b, p + 1), items: 0 } : null;
    case 0xc7: return need(2) ? { size: 3, skip: b[p + 1], items: 0 } : null;
    case 0xc8: return need(3) ? { size: 4, skip: u16(b, p + 1), items: 0 } : null;
    case 0xc9: return need(5) ? { size: 6, skip: u32(b, p + 1), items: 0 } : null;
    case 0xca: case 0xce: case 0xd2: return { size: 5, skip: 0, items: 0 };
    case 0xcb: case 0xcf: case 0xd3: return { size: 9, skip: 0, items: 0 };
    case 0xcc: case 0xd0: return { size: 2, skip: 0, items: 0 };
    case 0xcd: case 0xd1: return { size: 3, skip: 0, items: 0 };
    case 0xd4: return { size: 3, skip: 0, items: 0 };
    case 0xd5: return { size: 4, skip: 0, items: 0 };
    case 0xd6: return { size: 6, skip: 0, items: 0 };
    case 0xd7: return { size: 10, skip: 0, items: 0 };
    case 0xd8: return { size: 18, skip: 0, items: 0 };
    case 0xdc: return need(3) ? { size: 3, skip: 0, items: u16(b, p + 1) } : null;
    case 0xdd: return need(5) ? { size: 5, skip: 0, items: u32(b, p + 1) } : null;
    case 0xde: return need(3) ? { size: 3, skip: 0, items: 2 * u16(b, p + 1) } : null;
    default: /* 0xdf */ return need(5) ? { size: 5, skip: 0, items: 2 * u32(b, p + 1) } : null;
  }
}

/**
 * End offset of the object starting at `at` in a complete buffer, for walking inside a frame.
 * Throws FrameError when the buffer ends first.
 */
export function objectEnd(b: Uint8Array, at: number): number {
  let p = at, pending = 1;
  while (pending > 0) {
    if (p >= b.length) throw new FrameError('frame ends inside an object');
    const h = head(b, p);
    if (!h) throw new FrameError('frame ends inside an object header');
    pending += h.items - 1;
    p += h.size + h.skip;
  }
  if (p > b.length) throw new FrameError('frame ends inside an object');
  return p;
}

export class FrameSplitter {
  private buf = new Uint8Array(64 * 1024);
  private len = 0;
  private pos = 0;       // resumable walk of the frame at the start of buf: next header at pos,
  private pending = 1;   // objects still to walk (1 = the frame itself)
  private broken: FrameError | null = null;

  constructor(private readonly maxFrameBytes: number) {}

  /** Whether bytes of an unfinished frame are held. */
  get holding(): boolean { return this.len > 0; }

  /** Bytes of the unfinished frame held. */
  get pendingBytes(): number { return this.len; }

  /**
   * The error found after the frames the last push returned: those frames are good and are to be handled
   * (and acked) before the connection is closed for this error.
   */
  get failure(): FrameError | null { return this.broken; }

  /** Appends bytes; returns every frame they complete (copies, independent of this splitter). */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.broken) throw this.broken;
    if (this.len + chunk.length > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, this.len + chunk.length));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
    const frames: Uint8Array[] = [];
    let start = 0;
    const view = this.buf.subarray(0, this.len);
    for (;;) {
      try {
        while (this.pending > 0 && this.pos < this.len) {
          const h = head(view, this.pos);
          if (!h) break;
          this.pending += h.items - 1;
          this.pos += h.size + h.skip;
          if (this.pos - start > this.maxFrameBytes) throw new FrameError(`frame larger than ${this.maxFrameBytes} bytes`);
        }
      } catch (e) {
        if (!frames.length) throw e;
        this.broken = e as FrameError;
        return frames;
      }
      if (this.pending > 0 || this.pos > this.len) break;
      frames.push(view.slice(start, this.pos));
      start = this.pos;
      this.pending = 1;
      if (start === this.len) break;
    }
    if (start > 0) { // keep only the unfinished frame, at the start of buf
      this.buf.copyWithin(0, start, this.len);
      this.len -= start;
      this.pos -= start;
    }
    if (this.buf.length > 4 * 1024 * 1024 && this.len < this.buf.length / 8) this.buf = this.buf.slice(0, Math.max(64 * 1024, this.len * 2));
    return frames;
  }
}
