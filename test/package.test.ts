// The package as a user gets it (issue 15, points 5 and 7, and its "Done when"): a clean copy of the tracked
// files (no dist/node: it is not committed) is packed with `npm pack`, whose prepare script compiles the
// Node code; the tarball is installed globally into a scratch prefix and as a dependency of a scratch
// project, and the README's commands run against it. Network: only the npm registry, for the three runtime
// dependencies (usually from npm's cache).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = resolve('.');
const scratch = mkdtempSync(join(tmpdir(), 'slm-package-'));
const npm = (args: string[], cwd: string) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let tarball = '';
let prefix = '';
let bin = '';
let project = '';

beforeAll(() => {
  // A clone: the tracked files as they are in the work tree, and the installed tools (node_modules).
  const clone = join(scratch, 'clone');
  // Tracked files and new ones not ignored (work not yet committed); never dist/node (ignored).
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: repo, encoding: 'utf8' }).split('\0').filter((f) => f && existsSync(join(repo, f)));
  for (const f of files) { mkdirSync(dirname(join(clone, f)), { recursive: true }); cpSync(join(repo, f), join(clone, f)); }
  expect(existsSync(join(clone, 'dist/node'))).toBe(false); // not committed
  symlinkSync(join(repo, 'node_modules'), join(clone, 'node_modules'));
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', scratch], clone)) as { filename: string; files: { path: string }[] }[];
  tarball = join(scratch, packed[0].filename);
  writeFileSync(join(scratch, 'start.txt'), execFileSync('npm', ['start', '--silent'], { cwd: clone, encoding: 'utf8' }));
  writeFileSync(join(scratch, 'files.json'), JSON.stringify(packed[0].files.map((f) => f.path)));
  prefix = join(scratch, 'prefix');
  npm(['install', '-g', '--prefix', prefix, tarball], scratch);
  bin = join(prefix, 'bin', 'ssh-log-matcher');
  project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', type: 'module', private: true }));
  npm(['install', tarball], project);
}, 300_000);

afterAll(() => { rmSync(scratch, { recursive: true, force: true }); });

const run = (args: string[], input?: string, cwd = scratch) => spawnSync(bin, args, { input, cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` } });
const failed = 'Nov 25 10:00:10 gw sshd2[412]: Authentication failed for user admin, coming from 203.0.113.77.';

describe('a clone', () => {
  it('npm start works once prepare has compiled dist/node (npm ci runs it; npm pack did here)', () => {
    const out = readFileSync(join(scratch, 'start.txt'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(out.length).toBe(readFileSync('examples/sample/auth.log', 'utf8').trim().split('\n').length);
    expect(out.some((d) => d.event?.code === 'openssh.auth.accepted')).toBe(true);
  });
});

describe('npm pack', () => {
  it('holds the built code, the WebAssembly modules, the catalog, docs, examples and LICENSE; no sources or tests', () => {
    const files = JSON.parse(readFileSync(join(scratch, 'files.json'), 'utf8')) as string[];
    for (const f of ['dist/node/cli/main.js', 'dist/node/binding/index.js', 'dist/node/binding/index.d.ts', 'dist/node/binding/component.d.ts',
      'dist/ssh-log-matcher.wasm', 'dist/fluent-bit/ssh-log-matcher.wasm', 'dist/component/ssh-log-matcher.component.wasm',
      'dist/catalog.json', 'catalog/openssh/auth.yaml', 'wit/matcher.wit', 'docs/sidecar.md', 'examples/sample/auth.log', 'LICENSE', 'README.md', 'package.json']) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('host/') || f.startsWith('test/') || f.startsWith('assembly/'))).toEqual([]);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(pkg.license).toBe('MIT');
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License/);
    for (const range of Object.values(pkg.dependencies as Record<string, string>)) expect(range).toMatch(/^\^\d/);
    expect(pkg.repository).toBeTruthy();
    expect(pkg.keywords.length).toBeGreaterThan(0);
  });
});

describe('installed from the tarball: the README\'s commands', () => {
  it('stdin to one JSON line, matched', () => {
    const r = run([], `${failed}\n`);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ event: { code: 'tectia.auth.failed' }, user: { name: 'admin' }, source: { ip: '203.0.113.77' } });
  });

  it('--stats on files, --only-matched, --threads, --explain, help', () => {
    const sample = join(prefix, 'lib/node_modules/ssh-log-matcher/examples/sample/auth.log');
    const lines = readFileSync(sample, 'utf8').trim().split('\n').length;
    const stats = run(['--stats', sample, sample]);
    expect(stats.status).toBe(0);
    expect(stats.stdout.trim().split('\n')).toHaveLength(2 * lines);
    expect(stats.stderr).toMatch(new RegExp(`total lines\\s+${2 * lines}\\n`));
    const only = run(['--only-matched', sample]);
    expect(only.stdout.trim().split('\n').length).toBe(lines - 2);
    expect(run(['--threads', '2', sample]).stdout).toBe(run(['--threads', '1', sample]).stdout);
    const explained = run(['--explain'], 'User bob (uid 12), coming from x, authenticate.\n');
    expect(explained.stdout).toContain('closest entries:');
    expect(run(['help']).stdout).toMatch(/^Usage: ssh-log-matcher/);
  });

  it('serve (json-lines) and export', () => {
    const served = run(['serve', '--input', 'json'], `${JSON.stringify({ message: failed })}\n`);
    expect(served.status).toBe(0);
    expect(JSON.parse(served.stdout).event.code).toBe('tectia.auth.failed');
    const vrl = run(['export', '--format', 'vrl']);
    expect(vrl.status).toBe(0);
    expect(vrl.stdout.length).toBeGreaterThan(1000);
  });

  it('the rsyslog example\'s program path exists in a global install (under `npm root -g`)', () => {
    const conf = readFileSync('examples/rsyslog/ssh-log-matcher.conf', 'utf8');
    const [, root, rel] = /binary="\S+ (\/usr\/lib\/node_modules)\/(ssh-log-matcher\/\S+) serve/.exec(conf)!;
    expect(root).toBe('/usr/lib/node_modules'); // npm root -g of a Node in /usr/bin
    expect(existsSync(join(prefix, 'lib/node_modules', rel))).toBe(true);
  });
});

describe('installed as a dependency: the exports map', () => {
  const node = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: project, encoding: 'utf8' });

  it('the binding and the component binding import by name', () => {
    const r = node(`
      import { createMatcher } from 'ssh-log-matcher';
      import { createComponentMatcher } from 'ssh-log-matcher/component';
      const m = await createMatcher();
      const c = await createComponentMatcher();
      console.log(JSON.stringify([m.match('Logout for user alice.').id, c.match('Logout for user alice.').id, m.entries.length === c.entries.length]));`);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(['tectia.session.logout', 'tectia.session.logout', true]);
  });

  it('nothing else is importable by deep path', () => {
    const r = node(`import 'ssh-log-matcher/dist/node/cli/explain.js';`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('the types resolve for TypeScript users', () => {
    writeFileSync(join(project, 'use.ts'), `import { createMatcher, type MatchEvent } from 'ssh-log-matcher';
import { createComponentMatcher, type LineMatcher } from 'ssh-log-matcher/component';
const m: LineMatcher = await createMatcher();
const c: LineMatcher = await createComponentMatcher();
const e: MatchEvent | null = m.match('x') ?? c.match('x');
export { e };
`);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, files: ['use.ts'] }));
    const r = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
