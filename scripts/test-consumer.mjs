#!/usr/bin/env node
// The stranger's view: pack @org/products-client into a tarball (`pnpm pack`, whose prepack
// builds it: the path a release takes from a fresh clone), check the packed manifest, install the
// tarball into examples/consumer with plain npm (no workspace link, no pnpm), then run the
// consumer's typecheck (also with the oldest TypeScript the README claims), a CommonJS require()
// of the package, and its vitest + MSW contract tests. `pnpm test:consumer`.
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
// An `npm:` alias (typescript-oldest: the oldest TypeScript the README claims) has no workspace twin.
const drift = Object.entries(consumerPackage.devDependencies ?? {}).filter(([, pinned]) => !String(pinned).startsWith('npm:')).flatMap(([name, pinned]) => {
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

// pnpm pack, with no build before it: the package's prepack builds it, so a release from a fresh
// clone cannot ship without dist/. pnpm (not npm) because the devDependencies say `catalog:`; the
// dependencies a consumer installs carry real ranges either way (checked below and in the
// package's test). Everything after this line is plain npm.
rmSync(packedDir, { recursive: true, force: true });
mkdirSync(packedDir, { recursive: true });
run('pnpm', ['pack', '--pack-destination', packedDir], clientDir);
const tarball = readdirSync(packedDir).find((f) => f.endsWith('.tgz'));
if (!tarball) {
  console.error(`test:consumer: no tarball in ${packedDir}.`);
  process.exit(1);
}
// The manifest as packed: no workspace-only range anywhere, and dist/ inside.
const listing = spawnSync('tar', ['-tzf', join(packedDir, tarball)], { encoding: 'utf8' });
const packedManifest = spawnSync('tar', ['-xzf', join(packedDir, tarball), '-O', 'package/package.json'], { encoding: 'utf8' });
const workspaceOnly = /"(catalog|workspace):/.exec(packedManifest.stdout ?? '');
if (listing.status !== 0 || packedManifest.status !== 0 || workspaceOnly || !/^package\/dist\/index\.js$/m.test(listing.stdout) || !/^package\/LICENSE$/m.test(listing.stdout)) {
  console.error(`test:consumer: the tarball is not publishable: ${workspaceOnly ? `its package.json has a "${workspaceOnly[1]}:" range` : 'dist/index.js or LICENSE is missing (or tar failed)'}.`);
  process.exit(1);
}
// The consumer's package.json depends on this fixed path, so it never changes with the version.
copyFileSync(join(packedDir, tarball), join(packedDir, 'org-products-client.tgz'));
rmSync(join(packedDir, tarball));

// A previous install of the same file name would be kept as is without a lock file: drop it.
rmSync(join(consumerDir, 'node_modules', '@org'), { recursive: true, force: true });
run('npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'], consumerDir);
run('npm', ['run', 'typecheck'], consumerDir);
run('npm', ['run', 'typecheck:oldest'], consumerDir);
// ESM only, and Node >= 20.19 can require() it: a CommonJS consumer gets the same classes.
run('node', ['--input-type=commonjs', '-e', "const c = require('@org/products-client'); if (typeof c.createProductsClient !== 'function' || typeof c.ApiError !== 'function') { console.error('require() gave', Object.keys(c)); process.exit(1); }"], consumerDir);
run('npm', ['test'], consumerDir);
console.log(`\ntest:consumer: the packed client installs with npm, typechecks (TypeScript ${consumerPackage.devDependencies.typescript} and ${consumerPackage.devDependencies['typescript-oldest']}), loads with require() and passes the consumer's tests (${((Date.now() - started) / 1000).toFixed(1)} s).`);
