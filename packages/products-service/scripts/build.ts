// Bundles the Lambda into one ESM file: `pnpm --filter @org/products-service build` → dist/handler.mjs
// (`--external-sdk` → dist/handler.external-sdk.mjs, the variant that relies on the runtime's SDK).
import { build as esbuild } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { handlerBuildOptions } from '../src/bundle.ts';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles src/handler.ts with the shared recipe and returns the file and its size.
 * @example await build({ outfile: 'dist/handler.mjs' });
 */
export async function build(options: { outfile?: string; externalSdk?: boolean; minify?: boolean } = {}): Promise<{ outfile: string; bytes: number }> {
  const outfile = options.outfile ?? join(packageDir, 'dist', options.externalSdk ? 'handler.external-sdk.mjs' : 'handler.mjs');
  const result = await esbuild({ ...handlerBuildOptions({ ...options, outfile }), metafile: true });
  const bytes = Object.values(result.metafile.outputs).reduce((sum, out) => sum + out.bytes, 0);
  return { outfile, bytes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { outfile, bytes } = await build({ externalSdk: process.argv.includes('--external-sdk') });
  console.log(`${outfile}: ${(bytes / 1024).toFixed(1)} KiB`);
}
