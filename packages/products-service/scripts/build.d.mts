/** Options of `build`. */
export interface BuildOptions {
  /** Where to write the bundle; default dist/handler.mjs (dist/handler.external-sdk.mjs with `externalSdk`). */
  outfile?: string;
  /** Leave `@aws-sdk/*` out of the bundle (the Lambda runtime's copy is used). */
  externalSdk?: boolean;
  /** Minify; default true. */
  minify?: boolean;
}
/**
 * Bundles src/handler.ts with esbuild into one ESM file for Lambda.
 * @example await build({ outfile: 'dist/handler.mjs' });
 */
export function build(options?: BuildOptions): Promise<{ outfile: string; bytes: number }>;
