// Runs one in-process engine once over a corpus file, alone in its process, so GNU time can report that
// engine's peak RSS. Used by the benchmark; not a user command.
import { readFileSync } from 'node:fs';
import { projectCatalog } from './corpus.js';
import { inProcessEngines } from './engines.js';

const [name, path] = process.argv.slice(2);
const engine = (await inProcessEngines(projectCatalog())).find((e) => e.name === name);
if (!engine) { console.error(`probe: unknown engine ${name}`); process.exit(2); }
const corpus = readFileSync(path);
engine.run(corpus, corpus.toString('utf8'));
