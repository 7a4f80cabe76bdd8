// The Lambda's bundle size and cold start, measured in one run (no assertions: figures and ratios only).
//   pnpm bench service                      (BENCH_RUNS=7 fresh processes per bundle; BENCH_BASE_REV=<git rev>)
// Bundles: the handler as deployed (AWS SDK bundled), the same with the SDK left to the Lambda runtime, and
// the handler as it was at BENCH_BASE_REV (default: the last commit before the service stopped compiling
// its schemas with ajv at start), built from `git archive` of that revision with that revision's own recipe.
// Cold start: a fresh `node` imports the bundle and serves one getProduct event against a dynalite started
// here; the same process then serves it again (warm), for the ratio. Runs are interleaved across bundles
// so that the shared machine's load swings hit every bundle alike.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as ddb from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { createTableInput } from '@org/products-service';
import { handlerBuildOptions } from '@org/products-service/bundle';
import { event as proxyEvent } from '@org/products-service/testing';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** The "before" of issue 11: the service as it was when it compiled the spec's schemas with ajv at import. */
const BASE_REV = process.env.BENCH_BASE_REV ?? '4a9280931539a0459863c5c14b374806e825ab82';
// The service's "serve one event from a bundle in a fresh process" script, found through its package.
const INVOKE = fileURLToPath(import.meta.resolve('@org/products-service/invoke'));
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..');
// Inside this package (git-ignored), so the external-SDK variant finds @aws-sdk/* in its node_modules.
const outdir = join(here, 'dist');
await mkdir(outdir, { recursive: true });
// The SDK only talks to the local dynalite here; its Node-version notice is noise in the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type Variant = { name: string; outfile: string; buildMs: number };

async function timed(name: string, outfile: string, options: BuildOptions): Promise<Variant> {
  const started = performance.now();
  await esbuild(options);
  return { name, outfile, buildMs: performance.now() - started };
}

/** The handler at BASE_REV, bundled with that revision's own recipe (its src/bundle.ts). */
async function buildBase(): Promise<Variant | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'products-service-base-'));
  try {
    const tar = execFileSync('git', ['-C', repoRoot, 'archive', BASE_REV, 'packages/products-service', 'tsconfig.base.json'], { maxBuffer: 64 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const recipe = (await import(pathToFileURL(join(dir, 'packages/products-service/src/bundle.ts')).href)) as typeof import('@org/products-service/bundle');
    const outfile = join(outdir, 'handler.base.mjs');
    // Its dependencies (ajv, ajv-formats, the SDK) from the workspace's store, as that revision installed them.
    return await timed(`handler.base.mjs (${BASE_REV.slice(0, 7)}, SDK bundled)`, outfile, { ...recipe.handlerBuildOptions({ outfile }), nodePaths: [join(repoRoot, 'node_modules/.pnpm/node_modules')] });
  } catch (error) {
    console.log(`(no "before" bundle: building ${BASE_REV.slice(0, 7)} failed: ${(error as Error).message.split('\n')[0]})`);
    return undefined;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

// 1. Bundles and their sizes.
const variants: Variant[] = [];
const base = await buildBase();
if (base) variants.push(base);
variants.push(await timed('handler.mjs (SDK bundled, deployed)', join(outdir, 'handler.mjs'), handlerBuildOptions({ outfile: join(outdir, 'handler.mjs') })));
variants.push(
  await timed('handler.external-sdk.mjs', join(outdir, 'handler.external-sdk.mjs'), handlerBuildOptions({ outfile: join(outdir, 'handler.external-sdk.mjs'), externalSdk: true })),
);
// The deployed handler plus Powertools Tracer around the DynamoDB client (X-Ray SDK), to decide whether
// tracing in the function fits the cold-start budget. Outside Lambda the Tracer is off at run time, so this
// measures what it costs to load (and wrap the client), not the segments it would send.
const tracedEntry = join(outdir, 'handler.traced.entry.ts');
await writeFile(
  tracedEntry,
  [
    "import { Tracer } from '@aws-lambda-powertools/tracer';",
    "import { createDocumentClient, createHandler } from '@org/products-service';",
    "const tracer = new Tracer({ serviceName: 'products-service' });",
    'const dynamodb = tracer.captureAWSv3Client(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT || undefined }));',
    'export const handler = createHandler({ dynamodb });',
    '',
  ].join('\n'),
);
const tracedOut = join(outdir, 'handler.traced.mjs');
variants.push(
  await timed('handler.traced.mjs (+ Powertools Tracer, SDK bundled)', tracedOut, {
    ...handlerBuildOptions({ outfile: tracedOut }),
    entryPoints: [tracedEntry],
    // The Tracer is a dev dependency of the service (measured here, not deployed).
    nodePaths: [join(repoRoot, 'packages/products-service/node_modules')],
  }),
);
const sizes = variants.map((v) => {
  const bytes = readFileSync(v.outfile);
  return { ...v, minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
console.log('| bundle | esbuild | minified | gzip |');
console.log('| --- | --- | --- | --- |');
for (const s of sizes) console.log(`| ${s.name} | ${s.buildMs.toFixed(0)} ms | ${kib(s.minified)} | ${kib(s.gzip)} |`);

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

type Run = { wallMs: number; importMs: number; invokeMs: number; warmMs: number; importCpuMs: number; invokeCpuMs: number; status: number };
type Figure = Exclude<keyof Run, 'status'>;
async function coldStart(bundle: string): Promise<Run> {
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
  return { wallMs, importMs: line.importMs, invokeMs: line.invokeMs, warmMs: line.warmMs, importCpuMs: line.importCpuMs, invokeCpuMs: line.invokeCpuMs, status: line.result.statusCode };
}

const baseline: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const s = performance.now();
  spawnSync(process.execPath, ['-e', ''], { env: { PATH: process.env.PATH ?? '' } });
  baseline.push(performance.now() - s);
}
const runs = new Map<string, Run[]>(sizes.map((s) => [s.name, []]));
for (let i = 0; i < RUNS; i++) {
  for (const s of sizes) {
    const run = await coldStart(s.outfile);
    if (run.status !== 200) throw new Error(`${s.name} answered ${run.status}, not 200`);
    runs.get(s.name)!.push(run);
  }
}
console.log(
  `\ncold start, median of ${RUNS} fresh processes each, interleaved (Node ${process.version}; \`node -e ""\` alone: median ${median(baseline).toFixed(0)} ms, fastest ${Math.min(...baseline).toFixed(0)} ms)`,
);
console.log('| bundle | process wall | import (wall) | import (CPU) | import (CPU, fastest) | first event (wall) | first event (CPU) | warm event | cold/warm |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const medians = new Map<string, Record<Figure, number>>();
for (const s of sizes) {
  const list = runs.get(s.name)!;
  const m = (k: Figure) => median(list.map((r) => r[k]));
  medians.set(s.name, { wallMs: m('wallMs'), importMs: m('importMs'), invokeMs: m('invokeMs'), warmMs: m('warmMs'), importCpuMs: m('importCpuMs'), invokeCpuMs: m('invokeCpuMs') });
  console.log(
    `| ${s.name} | ${m('wallMs').toFixed(0)} ms | ${m('importMs').toFixed(1)} ms | ${m('importCpuMs').toFixed(1)} ms | ${Math.min(...list.map((r) => r.importCpuMs)).toFixed(1)} ms | ${m('invokeMs').toFixed(1)} ms | ${m('invokeCpuMs').toFixed(1)} ms | ${m('warmMs').toFixed(2)} ms | ${(m('invokeMs') / m('warmMs')).toFixed(0)}x |`,
  );
}
console.log(
  "(CPU: the process's user + system time for the step; less swayed than wall time by other jobs on a shared machine. The fastest run is the closest to a quiet machine.)",
);
if (base) {
  const before = medians.get(base.name)!;
  const after = medians.get(sizes[1]!.name)!;
  const traced = medians.get(sizes.at(-1)!.name)!;
  console.log(
    `\ntracing: + ${(traced.importMs - after.importMs).toFixed(1)} ms import wall, + ${(traced.importCpuMs - after.importCpuMs).toFixed(1)} ms import CPU, + ${kib(sizes.at(-1)!.minified - sizes[1]!.minified)} minified over the deployed bundle.`,
  );
  console.log(
    `before → after (SDK bundled): import ${before.importMs.toFixed(1)} → ${after.importMs.toFixed(1)} ms wall (${(before.importMs / after.importMs).toFixed(2)}x), ${before.importCpuMs.toFixed(1)} → ${after.importCpuMs.toFixed(1)} ms CPU; first event ${before.invokeMs.toFixed(1)} → ${after.invokeMs.toFixed(1)} ms wall; bundle ${kib(sizes[0]!.minified)} → ${kib(sizes[1]!.minified)}; budget: import ≤ 60 ms.`,
  );
}
console.log('(external-SDK times load the SDK from node_modules here; Lambda loads its own copy from /var/runtime.)');

client.destroy();
server.closeAllConnections();
await new Promise((r) => server.close(r));
