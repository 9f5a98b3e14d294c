// What Fluent Bit itself pays for an enriched record: a filter_wasm module that does no work but hand back
// the record it was given with a constant tail of ECS members as large as ssh_enrich adds to the anchor's
// commonest line (a failed password: 614 bytes, eleven nested objects). Fluent Bit still turns the record
// into JSON for the call and parses the bigger result back into msgpack; the time above passthrough is
// that, not the matcher's. measure.sh builds it (asc, stub runtime) and runs it as the `floor` variant.
const TAIL = memory.data<u8>([
  // ,"@timestamp":...,"ssh_log_matcher":{...}}\0 as ssh_enrich writes it for
  // "Mar 28 23:50:04 git sshd[57265]: Failed password for invalid user ubnt from 207.43.183.254 port 49782 ssh2"
  44, 34, 64, 116, 105, 109, 101, 115, 116, 97, 109, 112, 34, 58, 34, 50, 48, 50, 53, 45, 48, 51, 45, 50,
  56, 84, 50, 51, 58, 53, 48, 58, 48, 52, 46, 48, 48, 48, 90, 34, 44, 34, 101, 99, 115, 34, 58, 123,
  34, 118, 101, 114, 115, 105, 111, 110, 34, 58, 34, 57, 46, 52, 46, 48, 34, 125, 44, 34, 101, 118, 101, 110,
  116, 34, 58, 123, 34, 107, 105, 110, 100, 34, 58, 34, 101, 118, 101, 110, 116, 34, 44, 34, 99, 111, 100, 101,
  34, 58, 34, 111, 112, 101, 110, 115, 115, 104, 46, 97, 117, 116, 104, 46, 102, 97, 105, 108, 101, 100, 34, 44,
  34, 99, 97, 116, 101, 103, 111, 114, 121, 34, 58, 91, 34, 97, 117, 116, 104, 101, 110, 116, 105, 99, 97, 116,
  105, 111, 110, 34, 93, 44, 34, 116, 121, 112, 101, 34, 58, 91, 34, 105, 110, 102, 111, 34, 93, 44, 34, 97,
  99, 116, 105, 111, 110, 34, 58, 34, 115, 115, 104, 95, 108, 111, 103, 105, 110, 34, 44, 34, 111, 117, 116, 99,
  111, 109, 101, 34, 58, 34, 102, 97, 105, 108, 117, 114, 101, 34, 44, 34, 115, 101, 118, 101, 114, 105, 116, 121,
  34, 58, 54, 125, 44, 34, 104, 111, 115, 116, 34, 58, 123, 34, 104, 111, 115, 116, 110, 97, 109, 101, 34, 58,
  34, 103, 105, 116, 34, 125, 44, 34, 112, 114, 111, 99, 101, 115, 115, 34, 58, 123, 34, 110, 97, 109, 101, 34,
  58, 34, 115, 115, 104, 100, 34, 44, 34, 112, 105, 100, 34, 58, 53, 55, 50, 54, 53, 125, 44, 34, 115, 111,
  117, 114, 99, 101, 34, 58, 123, 34, 97, 100, 100, 114, 101, 115, 115, 34, 58, 34, 50, 48, 55, 46, 52, 51,
  46, 49, 56, 51, 46, 50, 53, 52, 34, 44, 34, 105, 112, 34, 58, 34, 50, 48, 55, 46, 52, 51, 46, 49,
  56, 51, 46, 50, 53, 52, 34, 44, 34, 112, 111, 114, 116, 34, 58, 52, 57, 55, 56, 50, 125, 44, 34, 117,
  115, 101, 114, 34, 58, 123, 34, 110, 97, 109, 101, 34, 58, 34, 117, 98, 110, 116, 34, 125, 44, 34, 115, 121,
  115, 116, 101, 109, 34, 58, 123, 34, 97, 117, 116, 104, 34, 58, 123, 34, 115, 115, 104, 34, 58, 123, 34, 109,
  101, 116, 104, 111, 100, 34, 58, 34, 112, 97, 115, 115, 119, 111, 114, 100, 34, 44, 34, 112, 114, 111, 116, 111,
  99, 111, 108, 34, 58, 34, 115, 115, 104, 50, 34, 44, 34, 101, 118, 101, 110, 116, 34, 58, 34, 70, 97, 105,
  108, 101, 100, 34, 125, 125, 125, 44, 34, 114, 101, 108, 97, 116, 101, 100, 34, 58, 123, 34, 105, 112, 34, 58,
  91, 34, 50, 48, 55, 46, 52, 51, 46, 49, 56, 51, 46, 50, 53, 52, 34, 93, 44, 34, 117, 115, 101, 114,
  34, 58, 91, 34, 117, 98, 110, 116, 34, 93, 125, 44, 34, 115, 115, 104, 95, 108, 111, 103, 95, 109, 97, 116,
  99, 104, 101, 114, 34, 58, 123, 34, 115, 116, 97, 116, 117, 115, 34, 58, 34, 109, 97, 116, 99, 104, 101, 100,
  34, 44, 34, 101, 110, 116, 114, 121, 34, 58, 34, 111, 112, 101, 110, 115, 115, 104, 46, 97, 117, 116, 104, 46,
  102, 97, 105, 108, 101, 100, 34, 44, 34, 116, 105, 116, 108, 101, 34, 58, 34, 70, 97, 105, 108, 101, 100, 32,
  97, 117, 116, 104, 101, 110, 116, 105, 99, 97, 116, 105, 111, 110, 34, 125, 125, 0
]);
const TAIL_LENGTH: usize = 617;
const ARENA = memory.data(2 << 20, 8);
const OUT = memory.data(4 << 20, 8);
let top: usize = 0;

// Fluent Bit copies the tag and the record in with these, and frees both after the call.
export function malloc(n: usize): usize { if (top + n > (2 << 20)) return 0; const p = ARENA + top; top += (n + 7) & ~7; return p; }
export function free(p: usize): void {}

/** The record as it came, with the tail in place of its closing brace (a record of "{}" gets a stray comma: never sent). */
export function ssh_floor(tag: usize, tagLength: i32, sec: u32, nsec: u32, record: usize, length: i32): usize {
  top = 0;
  let end = record + <usize>length;
  while (end > record && load<u8>(end - 1) != 0x7d) end--;
  if (end == record || end - record + TAIL_LENGTH + 1 > (4 << 20)) return record;
  memory.copy(OUT, record, end - 1 - record);
  memory.copy(OUT + (end - 1 - record), TAIL, TAIL_LENGTH + 1);
  return OUT;
}
