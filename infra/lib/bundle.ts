import { buildSync } from 'esbuild';
import { HANDLER_ENTRY as SERVICE_HANDLER_ENTRY, handlerBuildOptions } from '@org/products-service/bundle';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InfraError } from './errors.ts';

/** The Lambda's source entry: the products service's `handler` export. */
export const HANDLER_ENTRY = SERVICE_HANDLER_ENTRY;

/** The file name inside the bundle folder; the function's handler is `index.handler`. */
export const BUNDLE_FILE = 'index.mjs';

export type BundleOptions = {
  /** The folder to write `index.mjs` into (created if missing). */
  outdir: string;
  /** The esbuild target, e.g. `node24`; match it to the function's runtime. */
  target: string;
  /** The entry file; default the products service's handler. */
  entry?: string;
  /** Minify the output; default true. */
  minify?: boolean;
};

export type BundleResult = {
  /** The folder holding the bundle, ready for `Code.fromAsset`. */
  outdir: string;
  /** The bundle's size in bytes. */
  bytes: number;
};

/**
 * Bundles the products Lambda with the local esbuild (no Docker, no network) into one ESM file. The AWS SDK
 * is bundled too, so the function runs the SDK version it was tested with rather than the runtime's copy.
 * @example const { outdir } = bundleHandler({ outdir: '.build/handler', target: 'node24' });
 */
export function bundleHandler(options: BundleOptions): BundleResult {
  mkdirSync(options.outdir, { recursive: true });
  const outfile = join(options.outdir, BUNDLE_FILE);
  try {
    // The service's own recipe (SDK bundled, class names kept, require shim), at the runtime's target.
    buildSync({
      ...handlerBuildOptions({ outfile, target: options.target, minify: options.minify ?? true }),
      ...(options.entry ? { entryPoints: [options.entry] } : {}),
      logLevel: 'silent',
    });
  } catch (cause) {
    throw new InfraError(
      'bundle_failed',
      `esbuild could not bundle "${options.entry ?? HANDLER_ENTRY}" into "${outfile}": ${(cause as Error).message} ` +
        'Run `pnpm --filter @org/products-service typecheck` to find the problem in the handler.',
      { cause },
    );
  }
  return { outdir: options.outdir, bytes: statSync(outfile).size };
}

/**
 * The esbuild target for a Lambda Node.js runtime name.
 * @example esbuildTarget('nodejs24.x') // 'node24'
 */
export function esbuildTarget(runtimeName: string): string {
  const match = /^nodejs(\d+)\.x$/.exec(runtimeName);
  if (!match) {
    throw new InfraError('bundle_failed', `Runtime "${runtimeName}" is not a versioned Node.js runtime (nodejsNN.x).`);
  }
  return `node${match[1]}`;
}
