import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'products-client', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], passWithNoTests: true },
});
