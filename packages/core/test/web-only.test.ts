// The core runs in browsers (msw/browser), Deno and Bun: its module graph imports nothing from Node.
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

describe('@org/products-core is Web APIs only', () => {
  it('bundles for a neutral platform with no node: import, Buffer or process, and no eval', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url)), fileURLToPath(new URL('../src/contract.ts', import.meta.url))],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      outdir: 'out',
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('node:') || i.includes('node_modules'))).toEqual([]);
    for (const file of result.outputFiles) {
      expect(file.text).not.toMatch(/\bfrom ["']node:|\brequire\(|\bBuffer\.|\bprocess\.|new Function\(|\beval\(/);
    }
  });
});
