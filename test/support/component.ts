// A fresh instance of the component's jco binding itself (dist/component/), with its core instance's
// exports, for the WIT calls the Node adapter (host/binding/component.ts) does not make as they are.
import { readFileSync } from 'node:fs';
import type * as Wit from '../../dist/component/interfaces/ssh-log-matcher-matcher-matcher.js';

export const CORE = 'dist/component/ssh-log-matcher.core.wasm';

export async function witInstance(): Promise<{ matcher: typeof Wit; core: { memory: WebAssembly.Memory; arenaInUse(): number } }> {
  const { instantiate } = await import('../../dist/component/ssh-log-matcher.js');
  const module = await WebAssembly.compile(readFileSync(CORE));
  let core: { memory: WebAssembly.Memory; arenaInUse(): number } | null = null;
  const { matcher } = await instantiate(async () => module, {}, async (m: WebAssembly.Module, imports: Record<string, unknown>) => {
    const instance = await WebAssembly.instantiate(m, imports as WebAssembly.Imports);
    core ??= instance.exports as unknown as NonNullable<typeof core>;
    return instance;
  });
  return { matcher, core: core! };
}
