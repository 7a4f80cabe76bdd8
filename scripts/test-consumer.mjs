#!/usr/bin/env node
// The stranger's view: build @org/products-client, pack it into a tarball, install that tarball
// into examples/consumer with plain npm (no workspace link, no pnpm), then run the consumer's
// typecheck and its vitest + MSW contract tests. `pnpm test:consumer`.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = join(root, 'packages', 'products-client');
const consumerDir = join(root, 'examples', 'consumer');
const packedDir = join(consumerDir, '.packed');
const started = Date.now();

function run(command, args, cwd) {
  const t = Date.now();
  console.log(`\n$ ${command} ${args.join(' ')}   (in ${cwd.slice(root.length + 1) || '.'})`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) {
    console.error(`\ntest:consumer: "${command} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
  console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

// The consumer has no lock file and pins its dev dependencies exactly, to the versions the
// workspace runs (its README says so): check that before spending time, so msw or vitest in the
// stranger's install cannot silently drift from the ones the client's own tests use.
const consumerPackage = JSON.parse(readFileSync(join(consumerDir, 'package.json'), 'utf8'));
const drift = Object.entries(consumerPackage.devDependencies ?? {}).flatMap(([name, pinned]) => {
  let installed;
  try {
    installed = JSON.parse(readFileSync(join(clientDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return [`${name}: pinned ${pinned}, but packages/products-client has no dev dependency ${name} to compare with`];
  }
  return installed === pinned ? [] : [`${name}: pinned ${pinned}, the workspace has ${installed}`];
});
if (drift.length > 0) {
  console.error(`test:consumer: examples/consumer/package.json pins dev dependencies unlike the workspace:\n  ${drift.join('\n  ')}\nSet each pin to the workspace's version.`);
  process.exit(1);
}

run('pnpm', ['run', 'build'], clientDir);

// pnpm pack, not npm pack: the package.json in the repository says `catalog:` for its
// dependencies, which only pnpm rewrites into real version ranges when packing. The tarball is a
// normal npm package; everything after this line is plain npm.
rmSync(packedDir, { recursive: true, force: true });
mkdirSync(packedDir, { recursive: true });
run('pnpm', ['pack', '--pack-destination', packedDir], clientDir);
const tarball = readdirSync(packedDir).find((f) => f.endsWith('.tgz'));
if (!tarball) {
  console.error(`test:consumer: no tarball in ${packedDir}.`);
  process.exit(1);
}
// The consumer's package.json depends on this fixed path, so it never changes with the version.
copyFileSync(join(packedDir, tarball), join(packedDir, 'org-products-client.tgz'));
rmSync(join(packedDir, tarball));

// A previous install of the same file name would be kept as is without a lock file: drop it.
rmSync(join(consumerDir, 'node_modules', '@org'), { recursive: true, force: true });
run('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'], consumerDir);
run('npm', ['run', 'typecheck'], consumerDir);
run('npm', ['test'], consumerDir);
console.log(`\ntest:consumer: the packed client installs with npm, typechecks and passes the consumer's tests (${((Date.now() - started) / 1000).toFixed(1)} s).`);
