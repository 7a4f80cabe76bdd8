import { defineConfig } from 'vitest/config';

// The AWS SDK prints, once per process, that its releases from 2027 need Node 22. Tests only talk to
// local dynalite; the README says what that notice means for the project, so it is not repeated here.
// Set before the workers (and the CLIs they spawn) start, so they all inherit it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `pnpm test` runs every package's vitest project in one run; each folder keeps its own config.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'infra/vitest.config.ts', 'docs/vitest.config.ts'],
  },
});
