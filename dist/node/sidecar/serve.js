import { createMatcher } from '../binding/index.js';
import { SidecarCounters } from './counters.js';
import { Diagnostics } from './diagnostics.js';
import { ForwardDestination, JsonLinesDestination } from './forward/destination.js';
import { runForward } from './forward/server.js';
import { runJsonLines } from './json-lines.js';
import { runMmexternal } from './mmexternal.js';
import { BoundedOutput } from './output.js';
/** Runs until end of input or SIGTERM/SIGINT; returns the exit code. */
export async function runServe(s, io) {
    const diag = s.logFile ? Diagnostics.toFile(s.logFile) : s.mode === 'mmexternal' ? Diagnostics.silent() : Diagnostics.toStream(io.stderr);
    const counters = new SidecarCounters();
    const stopper = new AbortController();
    const onSignal = () => stopper.abort();
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    const matcher = await createMatcher(s.documents);
    const out = new BoundedOutput(io.stdout);
    const ctx = { matcher, counters, out, stop: stopper.signal };
    let code = 0;
    try {
        if (s.mode === 'json-lines')
            await runJsonLines(s.files, s.input, s.messageKey, io.stdin, ctx);
        else if (s.mode === 'mmexternal')
            await runMmexternal(s.input, s.messageKey, io.stdin, ctx);
        else {
            const destination = s.forwardTo
                ? new ForwardDestination(s.forwardTo, diag, counters, s.ackTimeoutMs)
                : new JsonLinesDestination(out);
            await runForward(s.listen, { matcher, counters, diag, stop: stopper.signal, destination, messageKey: s.messageKey, maxFrameBytes: s.maxFrameBytes });
        }
        await out.flushed();
    }
    finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        if (s.stats)
            diag.block(counters.format());
    }
    if (counters.faults.get('destination frames not passed on'))
        code = 1;
    if (stopper.signal.aborted && io.stdin === process.stdin)
        process.stdin.destroy(); // do not wait for an EOF that may never come
    return code;
}
