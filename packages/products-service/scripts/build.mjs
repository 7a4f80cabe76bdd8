#!/usr/bin/env node
// Bundles the Lambda into one ESM file: `pnpm --filter @org/products-service build` → dist/handler.mjs.
// The AWS SDK is bundled too: the SDK inside Lambda's Node.js runtime is whatever version AWS ships that
// month, so the function carries the one it was tested with. `externalSdk` builds the variant that relies
// on the runtime's copy (measured by bench/service.bench.ts).
import { build as esbuild } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

// CommonJS dependencies (ajv, parts of the SDK) call require() for Node built-ins, which an ESM bundle lacks.
const requireShim = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Bundles src/handler.ts.
 * @param {{ outfile?: string, externalSdk?: boolean, minify?: boolean }} [options]
 * @returns {Promise<{ outfile: string, bytes: number }>}
 * @example await build({ outfile: 'dist/handler.mjs' });
 */
export async function build(options = {}) {
  const outfile = options.outfile ?? join(packageDir, 'dist', options.externalSdk ? 'handler.external-sdk.mjs' : 'handler.mjs');
  const result = await esbuild({
    entryPoints: [join(packageDir, 'src', 'handler.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    minify: options.minify ?? true,
    // Error classes take `name` from `this.constructor.name`: without this the log says "Yf", not "DynamoDbError".
    keepNames: true,
    legalComments: 'none',
    banner: { js: requireShim },
    external: options.externalSdk ? ['@aws-sdk/*'] : [],
    metafile: true,
    logLevel: 'warning',
  });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, out) => sum + out.bytes, 0);
  return { outfile, bytes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { outfile, bytes } = await build({ externalSdk: process.argv.includes('--external-sdk') });
  console.log(`${outfile}: ${(bytes / 1024).toFixed(1)} KiB`);
}
