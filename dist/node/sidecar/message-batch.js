export class MessageBatch {
    matcher;
    constructor(matcher) {
        this.matcher = matcher;
    }
    /** One result per message, in order. */
    match(messages) {
        const results = new Array(messages.length);
        const framed = [];
        let joined = '';
        for (let i = 0; i < messages.length; i++) {
            const m = messages[i];
            if (m.includes('\n')) {
                results[i] = this.matcher.matchDetailed(m);
                continue;
            }
            framed.push(i);
            joined += m + '\n';
        }
        if (framed.length) {
            const bytes = Buffer.from(joined, 'utf8');
            let k = 0;
            this.matcher.scanLines(bytes, (rec) => { results[framed[k++]] = this.matcher.decode(bytes, rec); });
            // scanLines reports every newline-terminated line, so this holds unless the binding breaks its word.
            if (k !== framed.length)
                throw new Error(`matcher returned ${k} results for ${framed.length} messages`);
        }
        return results;
    }
}
