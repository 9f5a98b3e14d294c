// Matches the messages of many records in one pass through the raw binding: messages are joined with
// newlines into one buffer and handed to scanLines, one call into WebAssembly per input buffer's worth of
// lines instead of one per record. A message that itself holds a newline cannot be framed that way; it is
// matched alone with matchLine, where the newline is an ordinary byte.
//
// With detection or sessions on (serve --detect, --sessions) each message is matched alone instead
// (Matcher.observeLines), so that the alerts and session events the module writes are known to be that
// message's: they go out beside its record. The module's tables are the matcher's, one for the process.
// A message holding a newline is still matched with matchLine, and is not seen by the detector.
import type { LineResult, Matcher } from '../binding/index.js';

/** The results of a batch, and per message the alerts and session events it made (JSON lines, '' for none). */
export interface BatchResults { results: LineResult[]; events: string[] }

export class MessageBatch {
  constructor(private readonly matcher: Matcher) {}

  /** One result per message, in order. */
  match(messages: readonly string[]): BatchResults {
    const results = new Array<LineResult>(messages.length);
    const events = new Array<string>(messages.length).fill('');
    const framed: number[] = [];
    for (let i = 0; i < messages.length; i++) {
      if (messages[i].includes('\n')) results[i] = this.matcher.matchDetailed(messages[i]);
      else framed.push(i);
    }
    if (!framed.length) return { results, events };
    if (this.matcher.observing) {
      let k = 0;
      this.matcher.observeLines(framed.map((i) => Buffer.from(messages[i], 'utf8')), (r, e) => {
        results[framed[k]] = r;
        events[framed[k++]] = e;
      });
      return { results, events };
    }
    const bytes = Buffer.from(framed.map((i) => messages[i] + '\n').join(''), 'utf8');
    let k = 0;
    this.matcher.scanLines(bytes, (rec) => { results[framed[k++]] = this.matcher.decode(bytes, rec); });
    // scanLines reports every newline-terminated line, so this holds unless the binding breaks its word.
    if (k !== framed.length) throw new Error(`matcher returned ${k} results for ${framed.length} messages`);
    return { results, events };
  }
}
