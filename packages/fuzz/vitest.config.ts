import { defineProject } from 'vitest/config';

// `@org/source` makes the published client's `./msw` resolve to its TypeScript source (as infra's tests
// and `tsx --conditions=@org/source` do); the rest are Vite's defaults for Node minus `module`.
const conditions = ['@org/source', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@org/source'] } },
  test: {
    name: 'fuzz',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each file starts a local stack (RSA keys, dynalite) and sends a few thousand requests over a
    // socket; on the 2-core CI machine under a full `pnpm test` that takes tens of seconds.
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
