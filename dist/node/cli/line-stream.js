export async function* wholeLineChunks(input) {
    let carry = Buffer.alloc(0);
    for await (const piece of input) {
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
