import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { determineLatestNodeRuntime } from 'aws-cdk-lib/aws-lambda';
import { App, Stack } from 'aws-cdk-lib';
import type { TestProject } from 'vitest/node';
import { bundleHandler, esbuildTarget } from '../lib/bundle.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder with the bundled products Lambda (`index.mjs`), built once per test run. */
    handlerBundleDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'products-infra-bundle-'));
  const runtime = determineLatestNodeRuntime(new Stack(new App(), 'RuntimeProbe'));
  bundleHandler({ outdir: dir, target: esbuildTarget(runtime.name) });
  project.provide('handlerBundleDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
