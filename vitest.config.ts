import { defineConfig } from 'vitest/config';

// `pnpm test` runs every package's vitest project in one run; each folder keeps its own config.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'infra/vitest.config.ts', 'docs/vitest.config.ts'],
  },
});
