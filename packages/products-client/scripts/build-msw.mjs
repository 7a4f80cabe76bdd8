#!/usr/bin/env node
// Builds the `./msw` entry after `tsc -p tsconfig.build.json` has written dist/. The mock runs the
// gateway core (@org/products-core) and the service (@org/products-service/web): private workspace
// packages a consumer cannot install, so esbuild bundles them into dist/msw/index.js (msw stays
// external: a peer dependency). tsc's per-file output for src/msw is replaced by that bundle, and only
// the declaration files the public types need are kept; the build fails if any of them names a
// private package or a Node module. `node scripts/build-msw.mjs [--dist <dir>]`.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The esbuild options of the `./msw` bundle (the size bench measures the same bundle). */
export function mswBuildOptions(outfile) {
  return {
    entryPoints: [join(packageDir, 'src/msw/index.ts')],
    bundle: true,
    format: 'esm',
    // Neutral: no Node built-in may resolve, so the bundle runs in browsers (msw/browser), Deno and Bun.
    platform: 'neutral',
    target: 'es2022',
    external: ['msw', 'msw/*'],
    outfile,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
    banner: { js: '// @org/products-client/msw: bundled with the gateway core and the products service (see scripts/build-msw.mjs).' },
  };
}

/** Relative module specifiers in a declaration file (`from './x.ts'`, `import('./x.ts')`). */
function specifiers(text) {
  // Comments first: JSDoc examples quote imports that are not part of the types.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...code.matchAll(/(?:from\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

/** The .d.ts file a specifier in a declaration file points at, or undefined for a package. */
function declarationOf(from, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.(ts|js)$/, '');
  return `${base}.d.ts`;
}

/**
 * Every declaration file reachable from `entry`, and the packages they import.
 * @example declarationGraph('dist/msw/index.d.ts').packages // Set { 'msw' }
 */
export function declarationGraph(entry) {
  const files = new Set();
  const packages = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    if (!existsSync(file)) throw new Error(`build-msw: ${file} is imported by the ./msw declarations and does not exist.`);
    files.add(file);
    for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
      const next = declarationOf(file, specifier);
      if (next) visit(next);
      else packages.add(specifier);
    }
  };
  visit(entry);
  return { files, packages };
}

/**
 * Bundles dist/msw/index.js, prunes tsc's per-file msw output to what the public types need, and
 * checks those types. Returns esbuild's metafile.
 * @example const { metafile } = await buildMsw({ dist: 'dist' });
 */
export async function buildMsw({ dist = join(packageDir, 'dist') } = {}) {
  const mswDir = join(dist, 'msw');
  const entryTypes = join(mswDir, 'index.d.ts');
  if (!existsSync(entryTypes)) throw new Error(`build-msw: ${entryTypes} is missing; run \`tsc -p tsconfig.build.json\` first.`);
  const { files, packages } = declarationGraph(entryTypes);
  const forbidden = [...packages].filter((p) => p.startsWith('@org/') || p.startsWith('node:'));
  if (forbidden.length > 0) {
    throw new Error(`build-msw: the ./msw declarations import ${forbidden.join(', ')}; declare public types in src/msw/types.ts from this package's own types.`);
  }
  // tsc's JavaScript for src/msw imports the private packages: the bundle replaces all of it.
  for (const name of readdirSync(mswDir)) {
    const path = join(mswDir, name);
    const kept = files.has(path) || (name.endsWith('.d.ts.map') && files.has(path.slice(0, -'.map'.length)));
    if (!kept) rmSync(path);
  }
  const result = await build(mswBuildOptions(join(mswDir, 'index.js')));
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  const unexpected = imports.filter((p) => p !== 'msw' && !p.startsWith('msw/'));
  if (unexpected.length > 0) throw new Error(`build-msw: dist/msw/index.js imports ${[...new Set(unexpected)].join(', ')}; only msw may stay external.`);
  return { metafile: result.metafile, declarations: [...files].map((f) => relative(dist, f)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--dist');
  const dist = at > 0 ? resolve(process.argv[at + 1] ?? 'dist') : undefined;
  const { metafile, declarations } = await buildMsw(dist ? { dist } : {});
  const bytes = Object.entries(metafile.outputs).find(([name]) => name.endsWith('.js'))?.[1].bytes ?? 0;
  console.log(`build-msw: dist/msw/index.js ${(bytes / 1024).toFixed(1)} KiB (unminified; msw external), declarations: ${declarations.join(', ')}`);
}
