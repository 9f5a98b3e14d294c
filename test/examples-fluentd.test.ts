// examples/forward/fluentd.conf routes as Fluentd would (issue 15, point 9): raw lines go to the sidecar,
// the enriched events it sends back go to the output and never to the sidecar again. No Fluentd here, so
// the config's routing is followed by Fluentd's rules: an event of a source with @label is matched only by
// the <match> directives inside that <label>; any other by the top-level ones, first match wins.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Directive { kind: string; arg: string; params: Record<string, string>; children: Directive[] }

function parse(text: string): Directive[] {
  const root: Directive = { kind: 'root', arg: '', params: {}, children: [] };
  const stack = [root];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) continue;
    const open = /^<(\w+)\s*([^>]*)>$/.exec(line);
    const close = /^<\/(\w+)>$/.exec(line);
    if (close) { expect(stack.pop()!.kind).toBe(close[1]); continue; }
    if (open) { const d = { kind: open[1], arg: open[2].trim(), params: {}, children: [] }; stack[stack.length - 1].children.push(d); stack.push(d); continue; }
    const [k, ...v] = line.split(/\s+/);
    stack[stack.length - 1].params[k] = v.join(' ');
  }
  expect(stack).toHaveLength(1);
  return root.children;
}

const tagMatches = (pattern: string, tag: string) => pattern.split(/\s+/).some((p) => new RegExp(`^${p.replace(/\./g, '\\.').replace(/\*\*/g, '.*').replace(/(?<!\.)\*/g, '[^.]*')}$`).test(tag));

describe('examples/forward/fluentd.conf', () => {
  const conf = parse(readFileSync('examples/forward/fluentd.conf', 'utf8'));
  const sidecarPort = /--listen 127\.0\.0\.1:(\d+)/.exec(readFileSync('examples/forward/fluentd.conf', 'utf8'))![1];
  const backPort = /--forward-to 127\.0\.0\.1:(\d+)/.exec(readFileSync('examples/forward/fluentd.conf', 'utf8'))![1];

  /** Where an event of `tag` entering through `source` goes: the first <match> that takes it. */
  const route = (source: Directive, tag: string): Directive | undefined => {
    const label = source.params['@label'];
    const scope = label ? conf.find((d) => d.kind === 'label' && d.arg === label)?.children ?? [] : conf.filter((d) => d.kind === 'match');
    return scope.find((d) => d.kind === 'match' && tagMatches(d.arg, tag));
  };
  const toSidecar = (m: Directive | undefined) => m?.params['@type'] === 'forward' && m.children.some((s) => s.kind === 'server' && s.params.port === sidecarPort);

  it('sends the tailed lines to the sidecar', () => {
    const tail = conf.find((d) => d.kind === 'source' && d.params['@type'] === 'tail')!;
    expect(toSidecar(route(tail, tail.params.tag))).toBe(true);
  });

  it('sends the events coming back from the sidecar (same tag) to the output, not to the sidecar again', () => {
    const back = conf.find((d) => d.kind === 'source' && d.params['@type'] === 'forward' && d.params.port === backPort)!;
    expect(back).toBeDefined();
    const tail = conf.find((d) => d.kind === 'source' && d.params['@type'] === 'tail')!;
    const m = route(back, tail.params.tag); // the sidecar keeps the tag
    expect(m).toBeDefined();
    expect(toSidecar(m)).toBe(false);
    expect(m!.params['@type']).toBe('stdout');
  });
});
