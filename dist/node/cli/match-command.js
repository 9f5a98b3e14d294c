// The default command: SSH log lines in (files or stdin), one ECS JSON document per line out.
import { createReadStream, accessSync, constants } from 'node:fs';
import { createMatcher, EcsJsonWriter } from '../binding/index.js';
import { wholeLineChunks } from './line-stream.js';
import { MatchStats } from './stats.js';
import { UsageError } from './errors.js';
import { explain } from './explain.js';
async function write(out, text) {
    if (!out.write(text))
        await new Promise((resolve, reject) => {
            const done = (err) => { out.off('drain', done); out.off('error', done); err ? reject(err) : resolve(); };
            out.once('drain', done);
            out.once('error', done);
        });
}
export async function runMatch(files, opts, stdin, stdout, stderr) {
    for (const f of files.filter((x) => x !== '-')) {
        try {
            accessSync(f, constants.R_OK);
        }
        catch (e) {
            throw new UsageError(`cannot read ${f}: ${e.code ?? e}`);
        }
    }
    const matcher = await createMatcher();
    const stats = new MatchStats();
    const json = new EcsJsonWriter();
    const sources = files.length ? files : ['-'];
    for (const src of sources) {
        const input = src === '-' ? stdin : createReadStream(src);
        for await (const chunk of wholeLineChunks(input)) {
            let text = '';
            matcher.scanLines(chunk, (rec) => {
                const r = matcher.decode(chunk, rec);
                stats.add(r.status, r.event?.id ?? null);
                if (opts.onlyMatched && !r.event)
                    return;
                text += opts.explain ? explain(r) + '\n\n' : json.write(r) + '\n';
            });
            await write(stdout, text);
        }
    }
    if (opts.stats)
        stderr.write(stats.format() + '\n');
}
