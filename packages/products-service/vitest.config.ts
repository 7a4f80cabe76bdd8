import { defineConfig } from 'vitest/config';

export default defineConfig({
  // isolate: false: the test files share one module graph per worker, so the AWS SDK and ajv are imported
  // once instead of once per file (about half the suite's wall time). No test leaves global state behind:
  // env stubs and console spies are restored, and every test uses its own table.
  test: { name: 'products-service', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], passWithNoTests: true, isolate: false },
});
