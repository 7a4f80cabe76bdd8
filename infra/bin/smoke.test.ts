import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

describe('bin/smoke.ts', () => {
  it('loads neither aws-cdk-lib nor cdk-nag (they take seconds to load and the smoke run needs neither)', () => {
    // The module graph as Node resolves it under `tsx --conditions=@org/source`, without writing a bundle.
    const { metafile } = buildSync({
      entryPoints: [fileURLToPath(new URL('./smoke.ts', import.meta.url))],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      conditions: ['@org/source'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((p) => p.endsWith('lib/smoke-args.ts'))).toBe(true);
    expect(inputs.filter((p) => /node_modules\/(aws-cdk-lib|cdk-nag|constructs)\//.test(p))).toEqual([]);
  });
});
