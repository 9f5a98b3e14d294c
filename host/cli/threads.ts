// How many worker threads the default command uses when --threads is not given (or is "auto"). With fewer
// than 4 cores, workers cost more than they bring: on the 2-core development machine the default of two
// workers was slower than one thread and took 3.3x its memory (the main thread reads, orders and writes,
// and competes with them for the same cores). From 4 cores on, one worker per core, at most 4.
import { availableParallelism } from 'node:os';

export const MAX_DEFAULT_THREADS = 4;

export function defaultThreads(cores: number = availableParallelism()): number {
  return cores >= 4 ? Math.min(MAX_DEFAULT_THREADS, cores) : 1;
}

export const THREADS_HELP = 'worker threads that match and write JSON, 1 to 64, or "auto" (the default: 1 on machines with fewer than 4 cores, else one per core up to 4'
  + `; here ${defaultThreads()})`;
