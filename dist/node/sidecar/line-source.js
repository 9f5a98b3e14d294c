/**
 * The chunks of a byte stream as they arrive, until it ends or `stop` is aborted. Pulling (not flowing):
 * while the consumer is busy nothing more is read, so the writer feels our pace.
 */
export async function* chunksUntil(input, stop) {
    let ended = false;
    let failed = null;
    let wake = null;
    const poke = () => { const w = wake; wake = null; w?.(); };
    const onEnd = () => { ended = true; poke(); };
    const onError = (e) => { failed = e; poke(); };
    input.on('readable', poke);
    input.once('end', onEnd);
    input.once('error', onError);
    stop.addEventListener('abort', poke);
    try {
        for (;;) {
            const piece = input.read();
            if (piece !== null) {
                yield piece;
                continue;
            }
            if (failed)
                throw failed;
            if (ended || stop.aborted)
                return;
            await new Promise((resolve) => { wake = resolve; });
        }
    }
    finally {
        input.off('readable', poke);
        input.off('end', onEnd);
        input.off('error', onError);
        stop.removeEventListener('abort', poke);
    }
}
export async function* wholeLines(input, stop) {
    let carry = Buffer.alloc(0);
    for await (const piece of chunksUntil(input, stop)) {
        const buf = carry.length ? Buffer.concat([carry, piece]) : piece;
        const lastNl = buf.lastIndexOf(10);
        if (lastNl < 0) {
            carry = buf;
            continue;
        }
        yield buf.subarray(0, lastNl + 1);
        carry = buf.subarray(lastNl + 1);
    }
    if (carry.length)
        yield carry;
}
/** The lines of a whole-line chunk as text; the newline (and a CR before it) is not part of a line. */
export function splitLines(chunk) {
    const lines = chunk.toString('utf8').split('\n');
    if (lines[lines.length - 1] === '')
        lines.pop();
    for (let i = 0; i < lines.length; i++)
        if (lines[i].endsWith('\r'))
            lines[i] = lines[i].slice(0, -1);
    return lines;
}
