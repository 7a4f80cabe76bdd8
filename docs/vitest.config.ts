import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'docs',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds docs/dist once for every test file: the public spec and the page are what they check.
    globalSetup: ['test/global-setup.ts'],
    // The browser test launches Chromium; the build and the launch take a few seconds on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
