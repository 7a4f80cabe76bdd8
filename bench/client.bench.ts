// The typed client's token economy, per-call overhead and runtime size, measured in one run
// (figures and ratios only, no assertions).
//   pnpm bench client          (BENCH_CALLS, BENCH_CONCURRENCY, BENCH_OVERHEAD_CALLS to change the sizes)
// Token economy: CALLS calls across all five operations at CONCURRENCY against the local stack on
// a real socket, counting the requests that reach its token endpoint (its token log), for the
// client per operation, the client combined, and a naive client that fetches a token per call.
// Overhead: a typed-client call with a cached token vs a raw fetch of the same URL and token; the
// client as configured by default: retries on, a 10 s deadline per request, the body read within it.
// Size: esbuild bundle of src/index.ts (openapi-fetch included), minified and gzipped.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as lib from '@org/products-client';
import * as local from '@org/products-local';
import * as esbuild from 'esbuild';
import createClient from 'openapi-fetch';

const here = dirname(fileURLToPath(import.meta.url));
const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const OVERHEAD_CALLS = Number(process.env.BENCH_OVERHEAD_CALLS ?? 2_000);
const TOKEN_PRICE_PER_1000 = 2.25; // USD, Cognito M2M token requests, first tier

const { createProductsClient, operations } = lib;
type Client = ReturnType<typeof createProductsClient>;

let tokenRequests = 0;
const stack = await local.startLocalStack({
  port: 0,
  inMemory: true,
  // The stage's 50 requests/s would measure the throttle, not the client.
  throttling: false,
  log: (line) => {
    if (line.startsWith('{"type":"token"')) tokenRequests++;
  },
});
const admin = stack.clients.find((c) => c.name === 'products-admin');
if (!admin) throw new Error('the local stack has no products-admin client');
const credentials = { tokenUrl: stack.tokenUrl, clientId: admin.clientId, clientSecret: admin.clientSecret };
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

// ---- token economy -------------------------------------------------------------------------
// One round = create, get, update, list, delete of a fresh id: five calls, every operation.
type Api = {
  create(id: string): Promise<number>;
  get(id: string): Promise<number>;
  update(id: string): Promise<number>;
  list(): Promise<number>;
  remove(id: string): Promise<number>;
};

function typedApi(client: Client): Api {
  return {
    create: async (id) => (await client.POST('/products', { body: { id, name: 'Bench', price: 1 } })).response.status,
    get: async (id) => (await client.GET('/products/{id}', { params: { path: { id } } })).response.status,
    update: async (id) => (await client.PUT('/products/{id}', { params: { path: { id } }, body: { name: 'Bench 2', price: 2 } })).response.status,
    list: async () => (await client.GET('/products', { params: { query: { limit: 20 } } })).response.status,
    remove: async (id) => (await client.DELETE('/products/{id}', { params: { path: { id } } })).response.status,
  };
}

// What many teams write first: a token per call, for the operation's scope, no cache.
function naiveApi(): Api {
  const basic = `Basic ${btoa(`${credentials.clientId}:${credentials.clientSecret}`)}`;
  const call = async (operation: keyof typeof operations, path: string, init: RequestInit = {}) => {
    const tokenResponse = await fetch(credentials.tokenUrl, {
      method: 'POST',
      headers: { Authorization: basic, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: operations[operation].scopes[0] }),
    });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    const headers = { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json' };
    const response = await fetch(`${stack.apiUrl}${path}`, { ...init, method: operations[operation].method, headers });
    await response.arrayBuffer();
    return response.status;
  };
  return {
    create: (id) => call('createProduct', '/products', { body: JSON.stringify({ id, name: 'Bench', price: 1 }) }),
    get: (id) => call('getProduct', `/products/${id}`),
    update: (id) => call('updateProduct', `/products/${id}`, { body: JSON.stringify({ name: 'Bench 2', price: 2 }) }),
    list: () => call('listProducts', '/products?limit=20'),
    remove: (id) => call('deleteProduct', `/products/${id}`),
  };
}

async function economy(name: string, api: Api) {
  const rounds = Math.ceil(CALLS / 5);
  const before = tokenRequests;
  const statuses = new Map<number, number>();
  const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, rounds) }, async () => {
      while (next < rounds) {
        const id = `bench-${name}-${next++}`;
        count(await api.create(id));
        count(await api.get(id));
        count(await api.update(id));
        count(await api.list());
        count(await api.remove(id));
      }
    }),
  );
  const ms = performance.now() - started;
  const tokens = tokenRequests - before;
  return { name, calls: rounds * 5, tokens, ms, statuses };
}

const scopeSets = new Set(Object.values(operations).map((op) => op.scopes[0])).size;
// At concurrency 200 the local stack (dynalite) queues requests for many seconds (its tail latency
// passes the client's default 10 s deadline): a longer deadline here, as the economy is what this
// part measures. Retries stay on, as by default.
const perOperation = createProductsClient({ baseUrl: stack.apiUrl, credentials, timeoutMs: 300_000 });
const combined = createProductsClient({ baseUrl: stack.apiUrl, credentials, scopeStrategy: 'combined', timeoutMs: 300_000 });
const results = [
  { ...(await economy('per-operation', typedApi(perOperation))), minimum: scopeSets },
  { ...(await economy('combined', typedApi(combined))), minimum: 1 },
  { ...(await economy('naive', naiveApi())), minimum: scopeSets },
];
const naive = results[2]!;
console.log(`\nToken economy: ${fmt(CALLS)} calls over all ${Object.keys(operations).length} operations at concurrency ${CONCURRENCY}, local stack on 127.0.0.1 (token lifetime 1 h)`);
console.log('| client | calls | token requests (server count) | physical minimum | token cost per 10k calls | vs naive | wall time | calls/s | statuses |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of results) {
  const cost = ((r.tokens / r.calls) * 10_000 * TOKEN_PRICE_PER_1000) / 1000;
  console.log(
    `| ${r.name} | ${fmt(r.calls)} | ${fmt(r.tokens)} | ${r.minimum} | $${fmt(cost, 4)} | ${r === naive ? '1×' : `1/${fmt(naive.tokens / Math.max(r.tokens, 1))}`} | ${fmt(r.ms / 1000, 1)} s | ${fmt(r.calls / (r.ms / 1000))} | ${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(' ')} |`,
  );
}
console.log(`per-operation client stats (retries on, the default): ${JSON.stringify(perOperation.stats())}`);

// ---- overhead ------------------------------------------------------------------------------
const overheadId = 'bench-overhead';
await perOperation.POST('/products', { body: { id: overheadId, name: 'Overhead', price: 1 } });
const token = await perOperation.tokenProvider.getToken([operations.getProduct.scopes[0]]);
const url = `${stack.apiUrl}/products/${overheadId}`;
// The client with its defaults (10 s deadline, retries on), sharing the cached token.
const byDefault = createProductsClient({ baseUrl: stack.apiUrl, tokenProvider: perOperation.tokenProvider });
const viaClient = async () => {
  const { data } = await byDefault.GET('/products/{id}', { params: { path: { id: overheadId } } });
  if (!data) throw new Error('overhead: the client call failed');
};
const viaFetch = async () => {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`overhead: raw fetch answered ${response.status}`);
  await response.json();
};

// Calls alternate a, b, b, a, ... and each is timed on its own, so a burst of load from the CPU's
// other tenants (GC, dynalite's growth, other processes) hits both sides alike; blocks of such
// pairs give a median and a spread.
async function compare(a: () => Promise<void>, b: () => Promise<void>, n: number, blocks = 10) {
  for (let i = 0; i < 200; i++) {
    await a();
    await b();
  }
  const timed = async (fn: () => Promise<void>) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  const as: number[] = [];
  const bs: number[] = [];
  const pairs = Math.max(1, Math.round(n / blocks));
  for (let i = 0; i < blocks; i++) {
    let ta = 0;
    let tb = 0;
    for (let j = 0; j < pairs; j++) {
      if (j % 2 === 0) {
        ta += await timed(a);
        tb += await timed(b);
      } else {
        tb += await timed(b);
        ta += await timed(a);
      }
    }
    as.push(ta / pairs);
    bs.push(tb / pairs);
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  // Each block's own ratio too: their spread shows how much the machine's load moved the figure.
  const ratios = as.map((x, i) => x / bs[i]!);
  const cost = median(as.map((x, i) => x - bs[i]!));
  return { a: median(as), b: median(bs), ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios), cost };
}
const spread = (r: { ratio: number; low: number; high: number }, d: number) => `${fmt(r.ratio, d)}× (blocks ${fmt(r.low, d)}–${fmt(r.high, d)})`;

const socket = await compare(viaClient, viaFetch, OVERHEAD_CALLS);
// The same pair against a constant in-process answer isolates the client's own cost per call.
const constant = (_request?: Request) => Promise.resolve(Response.json({ id: overheadId, name: 'x', createdAt: '', updatedAt: '', createdBy: '', version: 1 }));
const bare = createProductsClient({ baseUrl: 'http://127.0.0.1:9/dev', tokenProvider: perOperation.tokenProvider, fetch: constant });
const bareClient = async () => {
  const { data } = await bare.GET('/products/{id}', { params: { path: { id: overheadId } } });
  if (!data) throw new Error('overhead: in-process client call failed');
};
const bareFetch = async () => {
  const response = await constant(new Request(url, { headers: { Authorization: `Bearer ${token}` } }));
  await response.json();
};
const inProcess = await compare(bareClient, bareFetch, 20_000);
// openapi-fetch alone with a fixed header: what the auth middleware adds on top of it.
const plain = createClient<lib.paths>({ baseUrl: 'http://127.0.0.1:9/dev', fetch: constant, headers: { Authorization: `Bearer ${token}` } });
const plainClient = async () => {
  const { data } = await plain.GET('/products/{id}', { params: { path: { id: overheadId } } });
  if (!data) throw new Error('overhead: openapi-fetch call failed');
};
const middleware = await compare(bareClient, plainClient, 20_000);
console.log(`\nOverhead: GET /products/{id} with a cached token, ${fmt(OVERHEAD_CALLS)} sequential calls each (20,000 in process), alternating call by call, median of 10 blocks`);
console.log('| target | typed client | raw fetch | median of block ratios (target ≤ 1.10×) | extra per call (median of blocks) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(`| local stack, real socket | ${fmt(socket.a * 1000)} µs | ${fmt(socket.b * 1000)} µs | ${spread(socket, 3)} | ${fmt(socket.cost * 1000)} µs |`);
console.log(`| constant in-process answer, vs openapi-fetch alone (the auth middleware's cost) | ${fmt(middleware.a * 1000, 1)} µs | ${fmt(middleware.b * 1000, 1)} µs | ${spread(middleware, 2)} | ${fmt(middleware.cost * 1000, 1)} µs |`);
console.log(`| constant in-process answer (client cost alone) | ${fmt(inProcess.a * 1000, 1)} µs | ${fmt(inProcess.b * 1000, 1)} µs | ${spread(inProcess, 2)} | ${fmt(inProcess.cost * 1000, 1)} µs |`);

await stack.stop();
await stack.stop();

// ---- fleet ---------------------------------------------------------------------------------
// P child processes, each with its own client and token provider, make C calls at once (GET and
// POST /products: two scope sets) against a counting token endpoint and a small API on 127.0.0.1
// (the harness of test/fleet), without and then with a shared fileTokenCache; then the monthly
// token bill of a stated Lambda fleet both ways.
{
  const { buildFleetChild, spawnFleetMember, startFleetServers } = await import('../packages/products-client/test/fleet/harness.ts');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const PROCESSES = Number(process.env.BENCH_FLEET_PROCESSES ?? 8);
  const FLEET_CALLS = Number(process.env.BENCH_FLEET_CALLS ?? 200);
  const work = mkdtempSync(join(tmpdir(), 'bench-fleet-'));
  const child = await buildFleetChild(work);
  const servers = await startFleetServers();
  const run = async (shared: boolean) => {
    const before = servers.tokenRequests.length;
    const members = Array.from({ length: PROCESSES }, () =>
      spawnFleetMember(child, {
        tokenUrl: servers.tokenUrl,
        baseUrl: servers.baseUrl,
        clientId: 'bench-fleet',
        clientSecret: 'bench-fleet-secret',
        calls: FLEET_CALLS,
        ...(shared ? { cache: { kind: 'file' as const, dir: join(work, 'cache') } } : {}),
      }),
    );
    await Promise.all(members.map((m) => m.ready));
    const started = performance.now();
    const rounds = await Promise.all(members.map((m) => m.go()));
    const ms = performance.now() - started;
    for (const m of members) m.end();
    await Promise.all(members.map((m) => m.exited));
    const good = rounds.reduce((n, r) => n + r.statuses.filter((s) => s === 200 || s === 201).length, 0);
    return { tokens: servers.tokenRequests.length - before, good, ms, leaseWaits: rounds.reduce((n, r) => n + (r.stats.leaseWaits ?? 0), 0) };
  };
  const without = await run(false);
  const withCache = await run(true);
  await servers.stop();
  rmSync(work, { recursive: true, force: true });
  console.log(`\nFleet: ${PROCESSES} processes × ${FLEET_CALLS} calls at once (two scope sets), each process its own provider, 127.0.0.1`);
  console.log('| shared cache | token requests (server count) | physical minimum | calls answered 2xx | wall time (spawned processes ready) | lease waits |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  console.log(`| none | ${fmt(without.tokens)} | 2 | ${fmt(without.good)} / ${fmt(PROCESSES * FLEET_CALLS)} | ${fmt(without.ms)} ms | ${without.leaseWaits} |`);
  console.log(`| fileTokenCache | ${fmt(withCache.tokens)} | 2 | ${fmt(withCache.good)} / ${fmt(PROCESSES * FLEET_CALLS)} | ${fmt(withCache.ms)} ms | ${withCache.leaseWaits} |`);

  // A stated fleet: 100 Lambda containers, each replaced every 15 minutes, four scope sets, tokens
  // valid 60 minutes (Cognito's default) and renewed at 75% of their lifetime.
  const containers = 100;
  const replacedEveryMin = 15;
  const scopeSetsUsed = 4;
  const lifetimeMin = 60;
  const hoursPerMonth = 730;
  const perHourWithout = containers * (60 / replacedEveryMin) * scopeSetsUsed; // a container lives less than a token
  const perHourWith = scopeSetsUsed * (60 / (lifetimeMin * 0.75));
  const monthly = (perHour: number) => (perHour * hoursPerMonth * TOKEN_PRICE_PER_1000) / 1000;
  console.log(`\nMonthly token bill of a stated fleet: ${containers} Lambda containers replaced every ${replacedEveryMin} min, ${scopeSetsUsed} scope sets, ${lifetimeMin} min tokens renewed at 75%, $${TOKEN_PRICE_PER_1000} per 1,000 token requests, ${hoursPerMonth} h a month`);
  console.log('| shared cache | token requests per hour | per month | cost per month |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(`| none (each container fetches its own) | ${fmt(perHourWithout)} | ${fmt(perHourWithout * hoursPerMonth)} | $${fmt(monthly(perHourWithout), 2)} |`);
  console.log(`| dynamoDbTokenCache (one per scope set per 45 min) | ${fmt(perHourWith, 2)} | ${fmt(perHourWith * hoursPerMonth)} | $${fmt(monthly(perHourWith), 2)} |`);
  console.log(`measured ratio in this run: ${fmt(without.tokens / Math.max(withCache.tokens, 1), 1)}× fewer token requests with the shared cache (${PROCESSES} processes)`);
}

// ---- size ----------------------------------------------------------------------------------
async function size(external: string[]) {
  const out = await esbuild.build({
    // The package's runtime as a consumer bundles it (the @org/source condition points at its source).
    stdin: { contents: "export * from '@org/products-client';", resolveDir: here, loader: 'ts' },
    conditions: ['@org/source'],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    external,
    logLevel: 'silent',
  });
  const bytes = out.outputFiles[0]!.contents;
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}
const whole = await size([]);
const own = await size(['openapi-fetch']);
console.log('\nSize: esbuild bundle of src/index.ts, minified, gzip -9');
console.log('| bundle | min | min+gz | vs 8 KB target |');
console.log('| --- | ---: | ---: | ---: |');
console.log(`| client + openapi-fetch (what an app ships) | ${fmt(whole.min)} B | ${fmt(whole.gz)} B (${fmt(whole.gz / 1024, 2)} KiB) | ${fmt(whole.gz / 8192, 2)}× |`);
console.log(`| client alone (openapi-fetch external) | ${fmt(own.min)} B | ${fmt(own.gz)} B | |`);
