// Matches the messages of many records in one pass through the raw binding: messages are joined with
// newlines into one buffer and handed to scanLines, one call into WebAssembly per input buffer's worth of
// lines instead of one per record. A message that itself holds a newline cannot be framed that way; it is
// matched alone with matchLine, where the newline is an ordinary byte.
import type { LineResult, Matcher } from '../binding/index.js';

export class MessageBatch {
  constructor(private readonly matcher: Matcher) {}

  /** One result per message, in order. */
  match(messages: readonly string[]): LineResult[] {
    const results = new Array<LineResult>(messages.length);
    const framed: number[] = [];
    let joined = '';
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i];
      if (m.includes('\n')) { results[i] = this.matcher.matchDetailed(m); continue; }
      framed.push(i);
      joined += m + '\n';
    }
    if (framed.length) {
      const bytes = Buffer.from(joined, 'utf8');
      let k = 0;
      this.matcher.scanLines(bytes, (rec) => { results[framed[k++]] = this.matcher.decode(bytes, rec); });
      // scanLines reports every newline-terminated line, so this holds unless the binding breaks its word.
      if (k !== framed.length) throw new Error(`matcher returned ${k} results for ${framed.length} messages`);
    }
    return results;
  }
}
