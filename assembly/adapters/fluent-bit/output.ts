// The static output buffer the filter returns to Fluent Bit (which copies it at once, so one buffer reused
// on every call is correct). The ECS writer writes into it through assembly/ecs/output.ts; a record that
// would not fit sets the overflow flag and the filter passes the record through instead.
import { outBegin, outOverflowed, outPosition } from '../../ecs/output';

export const OUT_CAPACITY: usize = 4 << 20;
export const OUT: usize = memory.data(<i32>OUT_CAPACITY + 16, 16);

/** One byte is kept for the terminating NUL. */
export function outReset(): void { outBegin(OUT, OUT + OUT_CAPACITY); }

/** Terminates the output with NUL; its pointer, or 0 when something did not fit. */
export function outFinish(): usize {
  if (outOverflowed()) return 0;
  store<u8>(outPosition(), 0);
  return OUT;
}
