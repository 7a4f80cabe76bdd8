// The published shape: build, then publint and @arethetypeswrong/cli (`pnpm run check:package`),
// then the packed file list. A few seconds, mostly packing.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: packageDir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

it('builds, passes publint and attw, and packs only what consumers need', () => {
  const build = run('pnpm', ['run', 'build']);
  expect(build.status, build.output).toBe(0);

  const check = run('pnpm', ['run', 'check:package']);
  expect(check.status, check.output).toBe(0);
  expect(check.output).toContain('All good!');
  expect(check.output).toMatch(/"@org\/products-client"\s+node16 \(from ESM\): 🟢 \(ESM\)\s+bundler: 🟢/);

  const pack = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
  expect(pack.status, pack.output).toBe(0);
  const files: string[] = JSON.parse(pack.output.slice(pack.output.indexOf('[')))[0].files.map((f: { path: string }) => f.path);
  expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'src/index.ts', 'README.md', 'package.json']));
  expect(files.filter((f) => /\.test(-d)?\.ts$|^test\/|^bench\//.test(f))).toEqual([]);
}, 60_000);
