import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'fuzz',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each file starts a local stack (RSA keys, dynalite) and runs a few hundred requests over a socket;
    // on the 2-core CI machine under a full `pnpm test` that takes tens of seconds.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
