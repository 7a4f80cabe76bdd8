// Types of scripts/build-msw.mjs, for the tests and the size bench that import it.
import type { BuildOptions, Metafile } from 'esbuild';

/** This package's directory. */
export declare const packageDir: string;
/** The esbuild options of the ./msw bundle written to `outfile`. */
export declare function mswBuildOptions(outfile: string): BuildOptions & { metafile: true };
/** Every declaration file reachable from `entry`, and the packages they import. */
export declare function declarationGraph(entry: string): { files: Set<string>; packages: Set<string> };
/** Bundles dist/msw/index.js, prunes tsc's msw output to the public declarations and checks them. */
export declare function buildMsw(options?: { dist?: string }): Promise<{ metafile: Metafile; declarations: string[] }>;
