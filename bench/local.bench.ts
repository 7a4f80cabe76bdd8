// The local stack's gateway overhead and the authorizer's cost, measured in one run (figures and
// ratios only, no assertions).
//   pnpm bench local           (BENCH_REQUESTS, BENCH_CONCURRENCY, BENCH_AUTHORIZE, BENCH_ROUNDS to change the sizes)
// Throughput: an authorized GET /products/{id} (1) through the emulator over a real socket,
// (2) through the emulator in-process (`stack.fetch`, no HTTP), (3) calling the products handler
// directly with a ready proxy event; all three against the same dynalite and item.
// (4) the core gateway in-process with a constant function (no handler, no DynamoDB): the pipeline's
// own cost. Over a socket, an external load generator (autocannon, in a second process) drives the
// local stack and, for comparison, the handler behind a bare node:http adapter (same process
// layout, no gateway), so the socket figure says what the emulator adds and what HTTP itself costs.
// Authorizer: the core's authorize() with the jose verifier, with and without the verified-token
// cache, and the in-process request rate with the cache off, for the end-to-end effect.
// Every figure is the median of BENCH_ROUNDS rounds that interleave the variants (in a rotating
// order), so a burst of load on a shared machine hits them alike instead of skewing one ratio.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import * as local from '@org/products-local';
import * as service from '@org/products-service';
import { authorize, buildProxyEvent, createGateway } from '@org/products-core';
import { contract } from '@org/products-core/contract';
import { SignJWT } from 'jose';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const AUTHORIZE = Number(process.env.BENCH_AUTHORIZE ?? 20_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
// The SDK only talks to the local dynalite here; its Node-version notice is noise in the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { KeyStore, JoseVerifier, startLocalStack } = local;
const AUTOCANNON_SECONDS = Number(process.env.BENCH_SOCKET_SECONDS ?? 4);

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Runs every variant once per round, rotating which goes first; returns each one's median. */
async function interleaved<K extends string>(variants: Record<K, () => Promise<number>>): Promise<Record<K, number>> {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      samples[name].push(await variants[name]());
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])])) as Record<K, number>;
}

const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const silent = (): void => undefined;

/** Runs `n` calls of `fn` with `concurrency` in flight; returns calls per second. */
async function rate(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await fn(next++);
    }),
  );
  return n / ((performance.now() - started) / 1000);
}

async function stackWith(cache: boolean) {
  const stack = await startLocalStack({ port: 0, inMemory: true, log: silent, authorizerCache: cache, throttling: false });
  const admin = stack.clients.find((c) => c.name === 'products-admin')!;
  const response = await fetch(`${stack.tokenUrl}?grant_type=client_credentials`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${admin.clientId}:${admin.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
  const jwt = ((await response.json()) as { access_token: string }).access_token;
  const created = await fetch(`${stack.apiUrl}/products`, { method: 'POST', headers: { authorization: jwt, 'content-type': 'application/json' }, body: '{"id":"bench","name":"Bench","price":1}' });
  if (created.status !== 201) throw new Error(`setup: create answered ${created.status}`);
  return { stack, jwt };
}

const expect200 = (r: Response): Promise<void> => {
  if (r.status !== 200) throw new Error(`answered ${r.status}`);
  return r.arrayBuffer().then(() => undefined);
};

// ---- throughput ----------------------------------------------------------------------------
const { stack, jwt } = await stackWith(true);
const url = `${stack.apiUrl}/products/bench`;
const headers = { authorization: `Bearer ${jwt}` };

const handler = service.createHandler({ tableName: 'products', endpoint: stack.dynamodbEndpoint, region: 'us-east-1', log: silent });
const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const eventInput = {
  request: new Request(url, { headers }),
  body: null,
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  stage: 'dev',
  resource: '/products/{id}',
  resourceId: 'abc123',
  path: '/products/bench',
  pathParameters: { id: 'bench' },
  requestId: 'bench',
  requestTimeEpoch: Date.now(),
  apiId: 'bench',
  accountId: '000000000000',
  claims,
};
const event = buildProxyEvent(eventInput);
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 29_000 } as never;
// A Lambda never receives the same event object twice: the fairer baseline builds one per call (the
// same builder the gateway uses), and the handler then sees fresh objects, as it does in production.
const freshEvent = () => buildProxyEvent({ ...eventInput, request: new Request(url, { headers }), requestId: crypto.randomUUID(), requestTimeEpoch: Date.now() });

// Warm every path once so JIT and connection pools are not measured.
for (let i = 0; i < 200; i++) {
  await expect200(await fetch(url, { headers }));
  await expect200(await stack.fetch(new Request(url, { headers })));
  await handler(event, context);
}

const uncached = await stackWith(false);
const uncachedUrl = `${uncached.stack.apiUrl}/products/bench`;
const uncachedHeaders = { authorization: `Bearer ${uncached.jwt}` };
for (let i = 0; i < 200; i++) await expect200(await uncached.stack.fetch(new Request(uncachedUrl, { headers: uncachedHeaders })));

// The pipeline alone: the same contract, a verifier that accepts the token, a constant function.
const constantResult = { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"bench"}' };
const pipelineOnly = createGateway({
  contract,
  stage: 'dev',
  placeholders: { 'AWS::Region': 'us-east-1', 'AWS::Partition': 'aws', UserPoolArn: 'arn:pool', ProductsFunctionArn: 'arn:fn' },
  resolveFunction: () => async () => constantResult,
  verifier: { verify: async () => ({ ok: true, claims, poolArn: 'arn:pool' }) },
  now: Date.now,
  log: silent,
});
for (let i = 0; i < 200; i++) await expect200(await pipelineOnly(new Request(url, { headers })));

const perRound = Math.max(1, Math.round(REQUESTS / ROUNDS));
const throughput = await interleaved({
  pipeline: () => rate(perRound, CONCURRENCY, async () => expect200(await pipelineOnly(new Request(url, { headers })))),
  direct: () =>
    rate(perRound, CONCURRENCY, async () => {
      const result = await handler(event, context);
      if (result.statusCode !== 200) throw new Error(`handler answered ${result.statusCode}`);
    }),
  directFresh: () =>
    rate(perRound, CONCURRENCY, async () => {
      const result = await handler(freshEvent(), context);
      if (result.statusCode !== 200) throw new Error(`handler answered ${result.statusCode}`);
    }),
  inProcess: () => rate(perRound, CONCURRENCY, async () => expect200(await stack.fetch(new Request(url, { headers })))),
  inProcessNoCache: () => rate(perRound, CONCURRENCY, async () => expect200(await uncached.stack.fetch(new Request(uncachedUrl, { headers: uncachedHeaders })))),
  socket: () => rate(perRound, CONCURRENCY, async () => expect200(await fetch(url, { headers }))),
});
const { direct, directFresh, inProcess, inProcessNoCache, socket, pipeline } = throughput;

// ---- over a socket, driven from a second process --------------------------------------------
// The handler behind the barest node:http adapter: one prebuilt event per request, no gateway.
const bare = createServer((req, res) => {
  req.resume();
  void handler(event, context).then((result) => {
    res.writeHead(result.statusCode, { 'content-type': 'application/json' });
    res.end(result.body);
  });
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/products/bench`;
const autocannonBin = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
type Cannon = { rps: number; p50: number; p99: number; non2xx: number; errors: number };
async function cannon(target: string): Promise<Cannon> {
  const child = spawn(process.execPath, [autocannonBin, '-c', String(CONCURRENCY), '-d', String(AUTOCANNON_SECONDS), '-H', `authorization=Bearer ${jwt}`, '--json', target], { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  const r = JSON.parse(out) as { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number };
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}
const external: Record<'stack' | 'bare', Cannon[]> = { stack: [], bare: [] };
const socketRounds = Math.max(1, Math.min(ROUNDS, 3));
for (let round = 0; round < socketRounds; round++) {
  for (const name of round % 2 ? (['bare', 'stack'] as const) : (['stack', 'bare'] as const)) {
    external[name].push(await cannon(name === 'stack' ? url : bareUrl));
  }
}
bare.close();
await stack.stop();
await uncached.stack.stop();

console.log(`Authorized GET /products/{id}, ${fmt(perRound * ROUNDS)} requests per path in ${ROUNDS} interleaved rounds (median), ${CONCURRENCY} in flight, one process (dynalite in memory):`);
console.log('| path | requests/s | vs handler directly |');
console.log('| --- | ---: | ---: |');
for (const [name, value] of [
  ['handler called directly (ready event)', direct],
  ['handler called directly, a fresh event per call (built as the gateway builds it)', directFresh],
  ['emulator in-process (stack.fetch), authorizer cache on', inProcess],
  ['emulator in-process, authorizer cache off', inProcessNoCache],
  ['emulator over a real socket (fetch, keep-alive), cache on', socket],
] as const) {
  console.log(`| ${name} | ${fmt(value)} | ${fmt(value / direct, 2)}× |`);
}
console.log(`| the gateway pipeline alone (constant function, no handler, no DynamoDB) | ${fmt(pipeline)} | ${fmt(pipeline / direct, 2)}× |`);
console.log(`Where the time goes per request: handler + DynamoDB ${fmt(1e6 / direct)} µs with a ready event, ${fmt(1e6 / directFresh)} µs with a fresh one; gateway pipeline alone ${fmt(1e6 / pipeline)} µs; the emulator in-process costs ${fmt(1e6 / inProcess - 1e6 / direct)} µs more than the handler on a ready event, ${fmt(1e6 / inProcess - 1e6 / directFresh)} µs more than on fresh events (${fmt(inProcess / directFresh, 2)}×).`);
const med = (xs: number[]) => median(xs);
const line = (name: string, xs: Cannon[]) =>
  `| ${name} | ${fmt(med(xs.map((x) => x.rps)))} | ${fmt(med(xs.map((x) => x.p50)), 1)} | ${fmt(med(xs.map((x) => x.p99)), 1)} | ${xs.reduce((n, x) => n + x.non2xx + x.errors, 0)} |`;
console.log('');
console.log(`Over a socket, autocannon in a second process (${CONCURRENCY} connections, ${AUTOCANNON_SECONDS} s per run, ${socketRounds} interleaved rounds, median):`);
console.log('| server | requests/s | p50 ms | p99 ms | non-2xx + errors |');
console.log('| --- | ---: | ---: | ---: | ---: |');
console.log(line('local stack (node:http adapter + core gateway + handler + dynalite)', external.stack));
console.log(line('handler behind a bare node:http adapter (no gateway)', external.bare));
console.log(`local stack vs bare adapter: ${fmt(med(external.stack.map((x) => x.rps)) / med(external.bare.map((x) => x.rps)), 2)}×`);

// ---- authorizer ----------------------------------------------------------------------------
const keys = await KeyStore.open();
const issuer = 'http://127.0.0.1:1/us-east-1_localbench';
const arn = 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_localbench';
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ sub: 'c', token_use: 'access', scope: 'api/read', iss: issuer, iat: now, exp: now + 3600, client_id: 'c' })
  .setProtectedHeader({ kid: keys.currentKid, alg: 'RS256' })
  .sign(keys.signingKey);
const pools = [{ arn, issuer, verifyKey: (kid: string) => keys.verifyKey(kid) }];

/** µs per authorize() call (the core's Cognito authorizer with a jose verifier) over `n` sequential calls. */
async function perCall(verifier: InstanceType<typeof JoseVerifier>, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const result = await authorize(`Bearer ${token}`, { providerArns: [arn], scopes: ['api/read'] }, { verifier, now: Date.now });
    if (!result.ok) throw new Error(result.reason);
  }
  return ((performance.now() - started) * 1000) / n;
}
const cached = new JoseVerifier({ pools, now: Date.now, cache: true });
const uncachedAuthorizer = new JoseVerifier({ pools, now: Date.now, cache: false });
for (const a of [cached, uncachedAuthorizer]) await perCall(a, 500);
const perRoundCalls = Math.max(1, Math.round(AUTHORIZE / ROUNDS));
const { withCache, withoutCache } = await interleaved({
  withCache: () => perCall(cached, perRoundCalls),
  withoutCache: () => perCall(uncachedAuthorizer, perRoundCalls),
});
console.log('');
console.log(`Authorizer, ${fmt(perRoundCalls * ROUNDS)} authorize() calls of one valid RS256 token per variant (sequential, ${ROUNDS} interleaved rounds, median):`);
console.log('| authorizer | µs per request | requests/s |');
console.log('| --- | ---: | ---: |');
console.log(`| verified-token cache on | ${fmt(withCache, 2)} | ${fmt(1e6 / withCache)} |`);
console.log(`| cache off (RS256 verify every time) | ${fmt(withoutCache, 2)} | ${fmt(1e6 / withoutCache)} |`);
console.log(`cache saves ${fmt(withoutCache - withCache, 2)} µs per request (${fmt(withoutCache / withCache, 1)}× cheaper); every hit still checks kid-in-JWKS, pool, expiry, token_use and scopes.`);
