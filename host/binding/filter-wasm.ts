// Calls the Fluent Bit filter module (dist/fluent-bit/ssh-log-matcher.wasm) the way Fluent Bit's
// filter_wasm does in JSON mode (src/wasm/flb_wasm.c): tag and record are copied in through the module's
// own malloc with a terminating NUL, the function gets (tag, tag_len, sec, nsec, record, record_len), the
// result is read as a NUL-terminated string and copied at once, then both inputs are freed, even when the
// call traps. What Fluent Bit would log as an error is thrown here, so tests see it.
import { readFileSync } from 'node:fs';
import { distPath } from '../binding/paths.js';

/** The filter functions a Fluent Bit config can name in `function_name`. */
export const BEHAVIOURS = ['ssh_enrich', 'ssh_enrich_drop_unmatched', 'ssh_classify'] as const;
/** The enrich functions with brute-force decisions, one per fail2ban mode (docs/fluent-bit.md). */
export const DETECT_BEHAVIOURS = ['ssh_enrich_detect', 'ssh_enrich_detect_ddos', 'ssh_enrich_detect_extra', 'ssh_enrich_detect_aggressive',
  'ssh_enrich_detect_ssh_bf', 'ssh_enrich_detect_ssh_slow_bf'] as const;
/** The enrich functions with session events: alone, and with fail2ban's normal mode decisions. */
export const SESSION_BEHAVIOURS = ['ssh_enrich_sessions', 'ssh_enrich_detect_sessions'] as const;
export type Behaviour = (typeof BEHAVIOURS)[number] | (typeof DETECT_BEHAVIOURS)[number] | (typeof SESSION_BEHAVIOURS)[number] | 'ssh_passthrough';

type FilterFn = (tag: number, tagLen: number, sec: number, nsec: number, record: number, recordLen: number) => number;

export interface FilterExports {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(ptr: number): void;
  arena_live(): number;
  arena_spill_pages(): number;
  ssh_enrich: FilterFn;
  ssh_enrich_drop_unmatched: FilterFn;
  ssh_classify: FilterFn;
  ssh_passthrough: FilterFn;
  ssh_enrich_detect: FilterFn;
  ssh_enrich_detect_ddos: FilterFn;
  ssh_enrich_detect_extra: FilterFn;
  ssh_enrich_detect_aggressive: FilterFn;
  ssh_enrich_detect_ssh_bf: FilterFn;
  ssh_enrich_detect_ssh_slow_bf: FilterFn;
  ssh_enrich_sessions: FilterFn;
  ssh_enrich_detect_sessions: FilterFn;
  detect_alerts(): number;
  detect_addresses(): number;
  detect_address_evictions(): number;
  sessions_written(): number;
  session_evictions(): number;
}

export class FilterCallError extends Error {}

let compiled: WebAssembly.Module | null = null;
export function filterModuleBytes(path = distPath('fluent-bit', 'ssh-log-matcher.wasm')): Uint8Array<ArrayBuffer> {
  return new Uint8Array(readFileSync(path));
}
export function filterModule(): WebAssembly.Module {
  if (!compiled) compiled = new WebAssembly.Module(filterModuleBytes());
  return compiled;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true }); // Fluent Bit re-parses the body: it must be UTF-8

export class FluentBitHarness {
  readonly exports: FilterExports;

  constructor(module: WebAssembly.Module = filterModule()) {
    // No imports: a module needing env.abort or WASI would fail here as it fails in Fluent Bit.
    this.exports = new WebAssembly.Instance(module, {}).exports as unknown as FilterExports;
  }

  get memoryBytes(): number { return this.exports.memory.buffer.byteLength; }

  /** Copies bytes in as wasm_runtime_module_dup_data(len + 1) does: malloc, copy, NUL. */
  private dup(bytes: Uint8Array): number {
    const ptr = this.exports.malloc(bytes.length + 1);
    if (ptr === 0) throw new FilterCallError('module malloc returned 0: the record would reach the filter as a null pointer');
    if (ptr + bytes.length + 1 > this.memoryBytes) throw new FilterCallError(`module malloc returned ${ptr}, outside memory`);
    const mem = new Uint8Array(this.exports.memory.buffer);
    mem.set(bytes, ptr);
    mem[ptr + bytes.length] = 0;
    return ptr;
  }

  /**
   * One record through `fn`: the new body's bytes, or null when the module dropped the record (empty
   * string). Throws when Fluent Bit would fail the record: a trap, a result outside memory.
   */
  callRaw(fn: Behaviour, record: Uint8Array, tag: Uint8Array = encoder.encode('ssh.auth'), sec = 1764064798, nsec = 0): Uint8Array | null {
    const tagPtr = this.dup(tag);
    let recordPtr = 0;
    try {
      recordPtr = this.dup(record);
      const out = this.exports[fn](tagPtr, tag.length, sec >>> 0, nsec >>> 0, recordPtr, record.length) >>> 0;
      if (out === 0) throw new FilterCallError(`${fn} returned 0: Fluent Bit would read offset 0 and silently drop the record`);
      const mem = new Uint8Array(this.exports.memory.buffer);
      const nul = mem.indexOf(0, out);
      if (out >= mem.length || nul < 0) throw new FilterCallError(`${fn} returned ${out}: not a NUL-terminated string in memory ("invalid returned value")`);
      return nul === out ? null : mem.slice(out, nul); // slice: a copy, as flb_strdup
    } finally {
      this.exports.free(tagPtr);
      if (recordPtr !== 0) this.exports.free(recordPtr);
    }
  }

  /** One record given as JSON text or an object; the new body as text, or null when dropped. */
  call(fn: Behaviour, record: string | object, tag = 'ssh.auth'): string | null {
    const text = typeof record === 'string' ? record : JSON.stringify(record);
    const out = this.callRaw(fn, encoder.encode(text), encoder.encode(tag));
    return out === null ? null : decoder.decode(out);
  }
}
