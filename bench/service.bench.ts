// The Lambda's bundle size and cold start, measured in one run (no assertions: figures and ratios only).
//   pnpm bench service
// Bundle: dist/handler.mjs (AWS SDK bundled, what we deploy) vs dist/handler.external-sdk.mjs (SDK left to
// the Lambda runtime). Cold start: a fresh `node` imports the bundle and serves one getProduct event against
// a dynalite started here; the same process then serves it again (warm), for the ratio.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as ddb from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { build as esbuild } from 'esbuild';
import { createTableInput } from '@org/products-service';
import { handlerBuildOptions } from '@org/products-service/bundle';
import { event as proxyEvent } from '@org/products-service/testing';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// The service's "serve one event from a bundle in a fresh process" script, found through its package.
const INVOKE = fileURLToPath(import.meta.resolve('@org/products-service/invoke'));
// Inside this package (git-ignored), so the external-SDK variant finds @aws-sdk/* in its node_modules.
const outdir = join(dirname(fileURLToPath(import.meta.url)), 'dist');
await mkdir(outdir, { recursive: true });
// The SDK only talks to the local dynalite here; its Node-version notice is noise in the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Bundles the handler with the recipe the service build and the CDK app use. */
async function build(options: { externalSdk?: boolean } = {}): Promise<{ outfile: string }> {
  const outfile = join(outdir, options.externalSdk ? 'handler.external-sdk.mjs' : 'handler.mjs');
  await esbuild(handlerBuildOptions({ outfile, ...options }));
  return { outfile };
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

// 1. Bundle sizes.
const t0 = performance.now();
const bundled = await build();
const buildMs = performance.now() - t0;
const external = await build({ externalSdk: true });
const sizes = [bundled, external].map(({ outfile }) => {
  const bytes = readFileSync(outfile);
  return { file: outfile, name: outfile.slice(outdir.length + 1), minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
console.log(`esbuild: ${buildMs.toFixed(0)} ms for the SDK-bundled handler`);
console.log('| bundle | minified | gzip |');
console.log('| --- | --- | --- |');
for (const s of sizes) console.log(`| ${s.name} | ${kib(s.minified)} | ${kib(s.gzip)} |`);
console.log(`ratio SDK bundled / external: ${(sizes[0]!.minified / sizes[1]!.minified).toFixed(2)}x minified, ${(sizes[0]!.gzip / sizes[1]!.gzip).toFixed(2)}x gzip`);

// 2. Cold start against dynalite.
const server = dynalite({ createTableMs: 0 });
server.listen(0, '127.0.0.1');
await once(server, 'listening');
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const client = new ddb.DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
const TableName = 'products-bench';
await client.send(new ddb.CreateTableCommand(createTableInput(TableName)));
const now = '2026-11-26T10:00:00.000Z';
await client.send(
  new ddb.PutItemCommand({
    TableName,
    Item: { id: { S: 'android' }, name: { S: 'Android phone' }, createdAt: { S: now }, updatedAt: { S: now }, createdBy: { S: 'bench' }, version: { N: '1' } },
  }),
);
const event = proxyEvent('getProduct', { pathParameters: { id: 'android' } });

async function coldStart(bundle: string): Promise<{ wallMs: number; importMs: number; invokeMs: number; warmMs: number; status: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [INVOKE, bundle, '2'], {
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', TABLE_NAME: TableName, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'us-east-1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c));
  child.stdin.end(JSON.stringify(event));
  await once(child, 'close');
  const wallMs = performance.now() - started;
  const line = JSON.parse(out.trim().split('\n').at(-1)!);
  return { wallMs, importMs: line.importMs, invokeMs: line.invokeMs, warmMs: line.warmMs, status: line.result.statusCode };
}

const baseline: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const s = performance.now();
  spawnSync(process.execPath, ['-e', ''], { env: { PATH: process.env.PATH ?? '' } });
  baseline.push(performance.now() - s);
}
const nodeBoot = median(baseline);
console.log(`\ncold start, median of ${RUNS} fresh processes (Node ${process.version}; \`node -e ""\` alone: ${nodeBoot.toFixed(0)} ms)`);
console.log('| bundle | process wall | import | first event (init + DynamoDB) | warm event | cold/warm |');
console.log('| --- | --- | --- | --- | --- | --- |');
for (const s of sizes) {
  const runs: Awaited<ReturnType<typeof coldStart>>[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await coldStart(s.file));
  const bad = runs.find((r) => r.status !== 200);
  if (bad) throw new Error(`${s.name} answered ${bad.status}, not 200`);
  const m = (k: 'wallMs' | 'importMs' | 'invokeMs' | 'warmMs') => median(runs.map((r) => r[k]));
  console.log(
    `| ${s.name} | ${m('wallMs').toFixed(0)} ms | ${m('importMs').toFixed(1)} ms | ${m('invokeMs').toFixed(1)} ms | ${m('warmMs').toFixed(2)} ms | ${(m('invokeMs') / m('warmMs')).toFixed(0)}x |`,
  );
}
console.log('(external-SDK times load the SDK from node_modules here; Lambda loads its own copy from /var/runtime.)');

client.destroy();
server.closeAllConnections();
await new Promise((r) => server.close(r));
