// The local stack's gateway overhead and the authorizer's cost, measured in one run (figures and
// ratios only, no assertions).
//   pnpm bench local           (BENCH_REQUESTS, BENCH_CONCURRENCY, BENCH_AUTHORIZE, BENCH_ROUNDS to change the sizes)
// Throughput: an authorized GET /products/{id} (1) through the emulator over a real socket,
// (2) through the emulator in-process (`stack.fetch`, no HTTP), (3) calling the products handler
// directly with a ready proxy event; all three against the same dynalite and item.
// Authorizer: authorize() of one valid token, with and without the verified-token cache, and
// the in-process request rate with the cache off, for the end-to-end effect.
// Every figure is the median of BENCH_ROUNDS rounds that interleave the variants (in a rotating
// order), so a burst of load on a shared machine hits them alike instead of skewing one ratio.
import * as local from '@org/products-local';
import * as service from '@org/products-service';
import { SignJWT } from 'jose';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const AUTHORIZE = Number(process.env.BENCH_AUTHORIZE ?? 20_000);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));
// The SDK only talks to the local dynalite here; its Node-version notice is noise in the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { KeyStore, CognitoAuthorizer, buildProxyEvent, startLocalStack } = local;

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
  const stack = await startLocalStack({ port: 0, inMemory: true, log: silent, authorizerCache: cache });
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
const event = buildProxyEvent({
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
});
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 29_000 } as never;

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

const perRound = Math.max(1, Math.round(REQUESTS / ROUNDS));
const throughput = await interleaved({
  direct: () =>
    rate(perRound, CONCURRENCY, async () => {
      const result = await handler(event, context);
      if (result.statusCode !== 200) throw new Error(`handler answered ${result.statusCode}`);
    }),
  inProcess: () => rate(perRound, CONCURRENCY, async () => expect200(await stack.fetch(new Request(url, { headers })))),
  inProcessNoCache: () => rate(perRound, CONCURRENCY, async () => expect200(await uncached.stack.fetch(new Request(uncachedUrl, { headers: uncachedHeaders })))),
  socket: () => rate(perRound, CONCURRENCY, async () => expect200(await fetch(url, { headers }))),
});
const { direct, inProcess, inProcessNoCache, socket } = throughput;
await stack.stop();
await uncached.stack.stop();

console.log(`Authorized GET /products/{id}, ${fmt(perRound * ROUNDS)} requests per path in ${ROUNDS} interleaved rounds (median), ${CONCURRENCY} in flight, one process (dynalite in memory):`);
console.log('| path | requests/s | vs handler directly |');
console.log('| --- | ---: | ---: |');
for (const [name, value] of [
  ['handler called directly (ready event)', direct],
  ['emulator in-process (stack.fetch), authorizer cache on', inProcess],
  ['emulator in-process, authorizer cache off', inProcessNoCache],
  ['emulator over a real socket (fetch, keep-alive), cache on', socket],
] as const) {
  console.log(`| ${name} | ${fmt(value)} | ${fmt(value / direct, 2)}× |`);
}

// ---- authorizer ----------------------------------------------------------------------------
const keys = await KeyStore.open();
const issuer = 'http://127.0.0.1:1/us-east-1_localbench';
const arn = 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_localbench';
const now = Math.floor(Date.now() / 1000);
const token = await new SignJWT({ sub: 'c', token_use: 'access', scope: 'api/read', iss: issuer, iat: now, exp: now + 3600, client_id: 'c' })
  .setProtectedHeader({ kid: keys.currentKid, alg: 'RS256' })
  .sign(keys.signingKey);
const pools = [{ arn, issuer, verifyKey: (kid: string) => keys.verifyKey(kid) }];

/** µs per authorize() call over `n` sequential calls. */
async function perCall(authorizer: InstanceType<typeof CognitoAuthorizer>, n: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const result = await authorizer.authorize(`Bearer ${token}`, [arn], ['api/read']);
    if (!result.ok) throw new Error(result.reason);
  }
  return ((performance.now() - started) * 1000) / n;
}
const cached = new CognitoAuthorizer({ pools, now: Date.now, cache: true });
const uncachedAuthorizer = new CognitoAuthorizer({ pools, now: Date.now, cache: false });
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
