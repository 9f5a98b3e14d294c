// Locates the package's built artefacts whether this code runs from host/ (tests) or dist/node/ (installed).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('ssh-log-matcher: cannot find the package root');
    dir = up;
  }
  return dir;
}

export const PACKAGE_ROOT = packageRoot();
export const distPath = (...parts: string[]) => join(PACKAGE_ROOT, 'dist', ...parts);
