import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'local',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    passWithNoTests: true,
    // Stacks start real servers (RSA keys, dynalite, child CLIs through tsx): on the 2-core CI
    // machine under a full `pnpm test` a start takes seconds, and vitest's 5 s default flaked.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
