// `ssh-log-matcher serve`: the matcher as an external process for agents that cannot run WebAssembly.
// Picks the mode, owns the process-wide parts (diagnostics, counters, SIGTERM) and the order of shutdown:
// stop reading, finish what was read, flush, print --stats, exit.
import type { Readable, Writable } from 'node:stream';
import { createMatcher } from '../binding/index.js';
import { SidecarCounters } from './counters.js';
import { Diagnostics } from './diagnostics.js';
import { MemoryBudget } from './forward/budget.js';
import { ForwardDestination, JsonLinesDestination } from './forward/destination.js';
import { DEFAULT_MESSAGE_KEYS } from './forward/enrich-events.js';
import { runForward } from './forward/server.js';
import { runJsonLines } from './json-lines.js';
import { runMmexternal } from './mmexternal.js';
import type { ServeSettings } from './serve-options.js';
import { BoundedOutput } from './output.js';

export interface ServeIO { stdin: Readable; stdout: Writable; stderr: Writable }

/** Runs until end of input or SIGTERM/SIGINT; returns the exit code. */
export async function runServe(s: ServeSettings, io: ServeIO): Promise<number> {
  const diag = s.logFile ? Diagnostics.toFile(s.logFile) : s.mode === 'mmexternal' ? Diagnostics.silent() : Diagnostics.toStream(io.stderr);
  const counters = new SidecarCounters();
  const stopper = new AbortController();
  const onSignal = () => stopper.abort();
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const matcher = await createMatcher(s.documents);
  // One detector and one session table for the process, whatever connection or file a line comes from:
  // an attacker's lines spread over forward connections still meet in one address's ticket.
  if (s.detect) matcher.setDetection(s.detect);
  if (s.sessions) matcher.setSessions({ timeout: s.sessionTimeout });
  const out = new BoundedOutput(io.stdout);
  const ctx = { matcher, counters, out, stop: stopper.signal };
  let code = 0;
  try {
    if (s.mode === 'json-lines') await runJsonLines(s.files, s.input, s.messageKey, io.stdin, ctx);
    else if (s.mode === 'mmexternal') await runMmexternal(s.input, s.messageKey, io.stdin, ctx);
    else {
      const destination = s.forwardTo
        ? new ForwardDestination(s.forwardTo, diag, counters, s.ackTimeoutMs, 32, s.maxBufferedBytes)
        : new JsonLinesDestination(out, diag, counters);
      await runForward(s.listen, {
        matcher, counters, diag, stop: stopper.signal, destination,
        messageKeys: s.messageKeyGiven ? [s.messageKey] : DEFAULT_MESSAGE_KEYS,
        maxFrameBytes: s.maxFrameBytes,
        limits: { maxInflatedBytes: s.maxInflatedBytes, maxEvents: s.maxFrameEvents },
        budget: new MemoryBudget(s.maxBufferedBytes),
      });
    }
    await out.flushed();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    if (s.stats) diag.block(counters.format(s.detect ? matcher.detectCounters : null, s.sessions ? matcher.sessionCounters : null));
  }
  if (counters.faults.get('destination frames not passed on')) code = 1;
  if (stopper.signal.aborted && io.stdin === process.stdin) process.stdin.destroy(); // do not wait for an EOF that may never come
  return code;
}
