#!/usr/bin/env node
// The runtime matrix of @org/products-client: pack the client as it would be published, install
// the tarball with plain npm into examples/runtime-smoke, type-check the smoke script against the
// installed types, start the real local stack (in memory, random port on 127.0.0.1) in this
// process, then run examples/runtime-smoke/smoke.mjs unchanged on Node.js 20, 22 and 24, Bun and
// Deno, one after the other. Prints a table; exits 1 naming every runtime that failed.
//
// It downloads runtimes (scripts/runtimes.mjs: npm registry only) and npm-installs the tarball,
// so it runs from .ci/run, not from `pnpm test` (which needs nothing beyond `pnpm install`).
//   node scripts/runtime-matrix.mjs            # every runtime
//   node scripts/runtime-matrix.mjs node24 deno  # some
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureRuntime } from './runtimes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const clientDir = join(root, 'packages', 'products-client');
const smokeDir = join(root, 'examples', 'runtime-smoke');
const packedDir = join(smokeDir, '.packed');
const SMOKE_TIMEOUT_MS = 60_000;
const started = Date.now();

/** @type {Record<string, { runtime: 'node20' | 'node22' | 'node24' | 'bun' | 'deno', args: string[], msw: string }>} */
const MATRIX = {
  'Node.js 20': { runtime: 'node20', args: ['smoke.mjs'], msw: 'mock.fetch, msw/node' },
  'Node.js 22': { runtime: 'node22', args: ['smoke.mjs'], msw: 'mock.fetch, msw/node' },
  'Node.js 24': { runtime: 'node24', args: ['smoke.mjs'], msw: 'mock.fetch, msw/node' },
  Bun: { runtime: 'bun', args: ['smoke.mjs'], msw: 'mock.fetch, msw/node' },
  // Least privilege: sockets only to the local stack; the mock's hosts (*.smoke.invalid) must be
  // intercepted by msw, never reached.
  Deno: { runtime: 'deno', args: ['run', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', 'smoke.mjs'], msw: 'mock.fetch, msw/node' },
};

const wanted = process.argv.slice(2);
const rows = Object.entries(MATRIX).filter(([, m]) => wanted.length === 0 || wanted.includes(m.runtime));
if (rows.length === 0) {
  console.error(`runtime-matrix: no runtime matches ${wanted.join(', ')}; use ${Object.values(MATRIX).map((m) => m.runtime).join(', ')}.`);
  process.exit(2);
}

/** Runs a setup step or ends the script saying which step failed. */
function step(label, command, args, cwd) {
  const t = Date.now();
  console.log(`\n$ ${command} ${args.join(' ')}   (in ${cwd.slice(root.length + 1) || '.'})`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) {
    console.error(`\nruntime-matrix: ${label} failed ("${command} ${args.join(' ')}", exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
  console.log(`  (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

// 1. The runtimes. Node 20 is the machine's when it is a 20 (CI's), else one from npm too.
const binaries = {};
for (const [, m] of rows) {
  if (binaries[m.runtime]) continue;
  if (m.runtime === 'node20' && process.versions.node.startsWith('20.')) {
    binaries.node20 = { binary: process.execPath, version: `v${process.versions.node}`, installedNow: false };
    continue;
  }
  const t = Date.now();
  try {
    binaries[m.runtime] = ensureRuntime(m.runtime);
  } catch (error) {
    console.error(`runtime-matrix: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`runtime-matrix: ${m.runtime} ${binaries[m.runtime].version} (${binaries[m.runtime].installedNow ? `installed from npm in ${((Date.now() - t) / 1000).toFixed(1)} s` : 'cached'})`);
}

// 2. The tarball a user would get. A `prepack` script builds it when the package has one;
// otherwise build first, as `pnpm test:consumer` does.
const clientPackage = JSON.parse(readFileSync(join(clientDir, 'package.json'), 'utf8'));
if (!clientPackage.scripts?.prepack) step('building the client', 'pnpm', ['run', 'build'], clientDir);
rmSync(packedDir, { recursive: true, force: true });
mkdirSync(packedDir, { recursive: true });
step('packing the client', 'pnpm', ['pack', '--pack-destination', packedDir], clientDir);
const tarball = readdirSync(packedDir).find((f) => f.endsWith('.tgz'));
if (!tarball) {
  console.error(`runtime-matrix: pnpm pack left no tarball in ${packedDir}.`);
  process.exit(1);
}
copyFileSync(join(packedDir, tarball), join(packedDir, 'org-products-client.tgz'));
rmSync(join(packedDir, tarball));

// 3. Plain npm, as a stranger installs it (no lock file: a stale one would pin an old tarball).
rmSync(join(smokeDir, 'node_modules', '@org'), { recursive: true, force: true });
step('installing the tarball', 'npm', ['install', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'], smokeDir);
step('type-checking smoke.mjs against the installed types', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], smokeDir);

// 4. The real local stack, in this process (the bin does the same: tsx runs its TypeScript).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const localDir = join(root, 'packages', 'local');
const localEntry = JSON.parse(readFileSync(join(localDir, 'package.json'), 'utf8')).exports['.'];
const local = await import(pathToFileURL(join(localDir, localEntry)).href);
const stack = await local.startLocalStack({ port: 0, inMemory: true });
const app = (name) => {
  const c = stack.clients.find((x) => x.name === name);
  if (!c) throw new Error(`The local stack has no ${name} client.`);
  return { clientId: c.clientId, clientSecret: c.clientSecret };
};
const smokeStack = JSON.stringify({ apiUrl: stack.apiUrl, tokenUrl: stack.tokenUrl, admin: app('products-admin'), reader: app('products-reader') });
console.log(`\nruntime-matrix: local stack on ${stack.apiUrl} (in memory)`);

/** Runs smoke.mjs on one runtime; async, so this process's stack keeps answering. */
function runSmoke(binary, args) {
  return new Promise((resolve) => {
    const t = Date.now();
    const child = spawn(binary, args, { cwd: smokeDir, env: { ...process.env, SMOKE_STACK: smokeStack, NO_COLOR: '1', FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), SMOKE_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${error.message}`, ms: Date.now() - t });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal === 'SIGKILL' ? `killed after ${SMOKE_TIMEOUT_MS / 1000} s` : signal), stdout, stderr, ms: Date.now() - t });
    });
  });
}

// 5. One runtime after the other: the machine has 2 cores, and the timings stay comparable.
const results = [];
try {
  for (const [label, m] of rows) {
    const { binary, version } = binaries[m.runtime];
    const run = await runSmoke(binary, m.args);
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    let report;
    try {
      report = JSON.parse(last);
    } catch {
      report = undefined;
    }
    const ok = run.code === 0 && report?.ok === true;
    results.push({ label, version: report?.runtime ?? version, ok, ms: run.ms, checks: report?.checks?.length ?? 0, msw: m.msw });
    console.log(`\n${ok ? 'ok  ' : 'FAIL'} ${label} (${report?.runtime ?? version}): ${run.ms} ms, ${report?.checks?.length ?? 0} checks passed`);
    if (!ok) {
      console.log(`  exit ${run.code}${report?.failed ? `; failed: ${report.failed}: ${report.error}` : ''}`);
      const output = `${run.stdout}\n${run.stderr}`.trim();
      if (output) console.log(output.split('\n').map((l) => `  | ${l}`).join('\n'));
    } else if (run.stderr.trim()) {
      // Warnings a runtime prints (deprecations, experimental features) are worth seeing.
      console.log(run.stderr.trim().split('\n').map((l) => `  stderr | ${l}`).join('\n'));
    }
  }
} finally {
  await stack.stop();
}

console.log('\n| runtime | version | ./msw | smoke | time |\n| --- | --- | --- | --- | --- |');
for (const r of results) console.log(`| ${r.label} | ${r.version} | ${r.msw} | ${r.ok ? `pass (${r.checks} checks)` : 'FAIL'} | ${(r.ms / 1000).toFixed(1)} s |`);
const failed = results.filter((r) => !r.ok).map((r) => r.label);
console.log(`\nruntime-matrix: ${failed.length === 0 ? 'every runtime passed' : `FAILED on ${failed.join(', ')}`} (${((Date.now() - started) / 1000).toFixed(1)} s in all).`);
process.exitCode = failed.length === 0 ? 0 : 1;
