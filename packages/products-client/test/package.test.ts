// The published shape: build, then publint and @arethetypeswrong/cli (`pnpm run check:package`),
// then the packed file list and manifest. A few seconds, mostly packing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown> & {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

function run(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd: packageDir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

it('builds, passes publint and attw, and packs only what consumers need', () => {
  const build = run('pnpm', ['run', 'build']);
  expect(build.status, build.output).toBe(0);

  // The packs inside publint and attw would run prepack (a second build): the one above is fresh.
  const check = run('pnpm', ['run', 'check:package'], { npm_config_ignore_scripts: 'true' });
  expect(check.status, check.output).toBe(0);
  expect(check.output).toContain('All good!');
  expect(check.output).toContain("(ignoring rules: 'cjs-resolves-to-esm')");
  expect(check.output).toContain('No problems found');
  expect(String((manifest.scripts as Record<string, string>)['check:package'])).toMatch(/attw --pack \. --ignore-rules cjs-resolves-to-esm$/);
  // attw's default profile, nothing ignored: the only problems are that one rule's, for node16
  // from CommonJS (ESM only; Node >= 20.19 can require() it: the README explains it).
  const strict = run('pnpm', ['exec', 'attw', '--pack', '.', '--format', 'json'], { npm_config_ignore_scripts: 'true' });
  const report = JSON.parse(strict.output.slice(strict.output.indexOf('{'), strict.output.lastIndexOf('}') + 1)) as { analysis: { problems: { kind: string; entrypoint: string; resolutionKind: string }[] } };
  expect(report.analysis.problems.map((p) => [p.kind, p.entrypoint, p.resolutionKind])).toEqual([
    ['CJSResolvesToESM', '.', 'node16-cjs'],
    ['CJSResolvesToESM', './msw', 'node16-cjs'],
    ['CJSResolvesToESM', './token-cache', 'node16-cjs'],
    ['CJSResolvesToESM', './token-cache/dynamodb', 'node16-cjs'],
  ]);

  // --ignore-scripts: the build above is fresh; prepack would build again.
  const pack = run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
  expect(pack.status, pack.output).toBe(0);
  const files: string[] = JSON.parse(pack.output.slice(pack.output.indexOf('[')))[0].files.map((f: { path: string }) => f.path);
  expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'src/index.ts', 'README.md', 'LICENSE', 'package.json']));
  // The shared token caches ship as their own entries (issue 15).
  expect(files).toEqual(expect.arrayContaining(['dist/token-cache/index.js', 'dist/token-cache/index.d.ts', 'dist/token-cache/dynamodb.js', 'dist/token-cache/dynamodb.d.ts', 'dist/token-cache/file.js']));
  expect(files.filter((f) => /\.test(-d)?\.ts$|^test\/|^bench\//.test(f))).toEqual([]);
}, 120_000);

it('the manifest installs with plain npm: real version ranges, prepack builds, where to find the source', () => {
  // npm pack copies package.json as it is: a `catalog:` or `workspace:` range there would ship.
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies'] as const) {
    for (const [name, range] of Object.entries((manifest[field] ?? {}) as Record<string, string>)) {
      expect(range, `${field}.${name}`).not.toMatch(/^(catalog|workspace):/);
    }
  }
  expect(manifest.scripts).toMatchObject({ prepack: 'pnpm run build' });
  expect(manifest).toMatchObject({
    license: 'MIT',
    repository: { type: 'git', url: expect.stringMatching(/^git\+https:\/\/github\.com\//), directory: 'packages/products-client' },
    homepage: expect.stringMatching(/^https:\/\//),
    bugs: { url: expect.stringMatching(/\/issues$/) },
  });
  expect(readFileSync(join(packageDir, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
});

it("openapi-fetch's range is the workspace catalog's (written out so that npm pack ships a real range)", () => {
  const workspace = readFileSync(join(packageDir, '..', '..', 'pnpm-workspace.yaml'), 'utf8');
  // The catalog's line, e.g. `  openapi-fetch: ^0.17.0` (a flat map: no YAML parser needed).
  const catalogRange = /^catalog:\n(?:[ \t]+.*\n)*?[ \t]+["']?openapi-fetch["']?:[ \t]*["']?([^"'\s]+)/m.exec(workspace)?.[1];
  expect(catalogRange).toMatch(/^[\^~]?\d/);
  expect(manifest.dependencies['openapi-fetch']).toBe(catalogRange);
  expect(Object.keys(manifest.dependencies)).toEqual(['openapi-fetch']);
});
