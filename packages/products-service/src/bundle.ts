// The one recipe for bundling the Lambda: `pnpm --filter @org/products-service build`, the service
// benchmark and the CDK app all build with these options, so what is measured is what is deployed.
import type { BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The Lambda entry point (`src/handler.ts`, export `handler`). */
export const HANDLER_ENTRY = fileURLToPath(new URL('./handler.ts', import.meta.url));

// CommonJS dependencies (parts of the AWS SDK) call require() for Node built-ins, which an ESM
// bundle lacks; the shim gives them one.
const REQUIRE_SHIM =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export type HandlerBuildOptions = {
  /** The bundle file to write. */
  outfile: string;
  /** The esbuild target; match it to the Lambda runtime (`nodejs22.x` → `node22`). Default `node22`. */
  target?: string;
  /** Minify the output; default true. */
  minify?: boolean;
  /** Leave `@aws-sdk/*` to the Lambda runtime's copy instead of bundling it; default false. */
  externalSdk?: boolean;
};

/**
 * esbuild options that bundle the handler into one ESM file. The AWS SDK is bundled by default: the SDK
 * inside Lambda's Node.js runtime is whatever version AWS ships that month, so the function carries the
 * one it was tested with.
 * @example await esbuild.build(handlerBuildOptions({ outfile: 'dist/handler.mjs' }));
 */
export function handlerBuildOptions(options: HandlerBuildOptions): BuildOptions {
  return {
    entryPoints: [HANDLER_ENTRY],
    outfile: options.outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: options.target ?? 'node22',
    minify: options.minify ?? true,
    // The AWS SDK's ES-module builds (`module`) before its CommonJS ones (`main`): esbuild can tree-shake
    // them, which halves the SDK in the bundle and its import time (`pnpm bench service`).
    mainFields: ['module', 'main'],
    // No `keepNames`: every error class sets its `name` explicitly (so does the SDK), so the log names the
    // class without esbuild's renaming guards.
    keepNames: false,
    legalComments: 'none',
    banner: { js: REQUIRE_SHIM },
    external: options.externalSdk ? ['@aws-sdk/*'] : [],
    logLevel: 'warning',
  };
}
