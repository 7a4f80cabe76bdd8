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

/**
 * The credential providers the SDK's default chain imports lazily (`await import(...)`), only when the
 * environment holds no credentials. Lambda always puts the function role's credentials in the environment
 * (`fromEnv`, first in the chain), so in Lambda these are never imported; left out, the bundle is 30%
 * smaller and imports 20% faster (`pnpm bench service`). A bundle run where the environment has no
 * credentials (e.g. with `AWS_PROFILE` on a laptop) answers 500 `dynamodb_error` naming the missing
 * module; the local stack and tests run the source, or pass `DYNAMODB_ENDPOINT` (dummy credentials).
 */
export const LAZY_CREDENTIAL_PROVIDERS = [
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@smithy/credential-provider-imds',
] as const;

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
    external: options.externalSdk ? ['@aws-sdk/*', ...LAZY_CREDENTIAL_PROVIDERS] : [...LAZY_CREDENTIAL_PROVIDERS],
    logLevel: 'warning',
  };
}
