import { defineConfig } from 'vitest/config';

// `@org/source` makes workspace imports of the published client resolve to its TypeScript source, as
// `tsx --conditions=@org/source` does for the smoke command; the rest are Vite's defaults for Node minus `module` (which would load
// the AWS SDK's dist-es files, not runnable by Node itself).
const conditions = ['@org/source', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@org/source'] } },
  test: {
    name: 'infra',
    include: ['lib/**/*.test.ts', 'bin/**/*.test.ts', 'test/**/*.test.ts'],
    // Bundles the Lambda once for every test file (each synthesizes its own app from the one bundle).
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
