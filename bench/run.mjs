#!/usr/bin/env node
// Runs every bench/*.bench.ts in turn (each prints its own figures and ratios, measured in one run).
// `pnpm bench` runs all; `pnpm bench service` runs the ones whose name contains "service" (service, local, client, size).
// `--conditions=@org/source` makes the workspace's published client resolve to its TypeScript source.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
// `pnpm bench soak` and `pnpm bench kill9`: the load and durability scripts (bounded, loopback only),
// run only when named.
const scripts = { soak: 'soak.mjs', kill9: 'kill9.mjs' };
if (Object.hasOwn(scripts, filter)) {
  const run = spawnSync(process.execPath, [join(here, scripts[filter])], { stdio: 'inherit', cwd: here });
  process.exit(run.status ?? 1);
}
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
if (files.length === 0) {
  console.error(`no benchmark matches "${filter}" in bench/`);
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  console.log(`\n## ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=@org/source', join(here, file)], {
    stdio: 'inherit',
    cwd: here,
    // The SDK only talks to local dynalite here; its Node-version notice is noise in the figures.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
  });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
