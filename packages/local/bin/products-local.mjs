#!/usr/bin/env node
// Runs the TypeScript source directly: tsx's loader is registered before the CLI is imported,
// so a clean checkout needs no build step (`pnpm start` at the repository root).
import { register } from 'tsx/esm/api';

// The SDK only talks to the local dynalite here; its Node-version notice is noise in the banner.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
