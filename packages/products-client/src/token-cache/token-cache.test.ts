// The shared token cache: the provider's use of it (sealing, sharing, leases, 401, failures) and the
// adapters' contract (memory, files, DynamoDB on dynalite). The multi-process proof is test/fleet.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDynamo, type LocalDynamo } from '../../test/fleet/dynamo.ts';
import { ClientCredentialsTokenProvider, type TokenEvent, type TokenProviderOptions } from '../token-provider.ts';
import { dynamoDbTokenCache } from './dynamodb.ts';
import { fileTokenCache, memoryTokenCache, sharedTokenCache, type SharedCacheOptions, type TokenCache } from './index.ts';

const READ = 'product-api/read_product';
const WRITE = 'product-api/create_product';
const SECRET = 'the-client-secret-0123456789';
const work = mkdtempSync(join(tmpdir(), 'products-client-token-cache-'));
let dirs = 0;
const freshDir = () => join(work, `cache-${++dirs}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A token endpoint in process: counts requests per scope, hands out `tok-<n>` tokens. */
function tokenEndpoint() {
  const requests: string[] = [];
  const fetch = async (request: Request) => {
    const scope = new URLSearchParams(await request.text()).get('scope') ?? '';
    requests.push(scope);
    return Response.json({ access_token: `tok-${requests.length}-${scope}`, expires_in: 3600, token_type: 'Bearer' });
  };
  return { requests, fetch };
}

// Any port, wrapped with fast polling and generous bounds, so that a loaded CI machine cannot turn
// a slow operation into a fallback fetch (a wrapped adapter wraps again: its port methods stay).
function provider(cache: TokenCache, fetch: (r: Request) => Promise<Response>, extra: Partial<TokenProviderOptions> = {}, bounds: SharedCacheOptions = {}) {
  const events: TokenEvent[] = [];
  const p = new ClientCredentialsTokenProvider({
    tokenUrl: 'http://127.0.0.1:9/oauth2/token',
    clientId: 'client-a',
    clientSecret: SECRET,
    fetch,
    cache: sharedTokenCache(cache, { operationTimeoutMs: 10_000, leaseMs: 10_000, waitMs: 20_000, pollMs: 10, ...bounds }),
    onEvent: (e) => events.push(e),
    ...extra,
  });
  return Object.assign(p, { events });
}

describe('a provider with a shared cache', () => {
  it('shares one token per scope set between providers, whatever the scope order', async () => {
    const endpoint = tokenEndpoint();
    const cache = memoryTokenCache();
    const a = provider(cache, endpoint.fetch);
    const b = provider(cache, endpoint.fetch);
    const first = await a.getToken([READ, WRITE]);
    expect(await b.getToken([WRITE, READ, READ])).toBe(first);
    expect(await b.getToken([READ])).not.toBe(first);
    expect(endpoint.requests).toEqual([`${READ} ${WRITE}`.split(' ').sort().join(' '), READ]);
    expect(b.stats()).toMatchObject({ requests: 1, sharedHits: 1, sharedWrites: 1, cacheErrors: 0 });
    expect(b.events.filter((e) => e.type === 'cache-hit')).toHaveLength(1);
  });

  it('single flight across providers: concurrent misses cause one request, the others wait for the lease holder', async () => {
    const endpoint = tokenEndpoint();
    const cache = memoryTokenCache();
    const providers = Array.from({ length: 5 }, () => provider(cache, endpoint.fetch));
    const tokens = await Promise.all(providers.map((p) => p.getToken([READ])));
    expect(new Set(tokens).size).toBe(1);
    expect(endpoint.requests).toHaveLength(1);
    expect(providers.reduce((n, p) => n + p.stats().leaseWaits, 0)).toBeGreaterThan(0);
  });

  it('stores tokens sealed: files mode 0600 in a 0700 directory, no token in them, a provider with another secret cannot use them and replaces them', async () => {
    const dir = freshDir();
    const endpoint = tokenEndpoint();
    const token = await provider(fileTokenCache({ dir }), endpoint.fetch).getToken([READ]);
    // The lease file goes once its release (not awaited by the call) is done.
    const files = readdirSync(dir).filter((f) => f.endsWith('.token'));
    expect(files).toHaveLength(1);
    const file = join(dir, files[0]!);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain('tok-');
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.token$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);

    const rotated = provider(fileTokenCache({ dir }), endpoint.fetch, { clientSecret: 'a-new-secret-after-rotation' });
    const replaced = await rotated.getToken([READ]);
    expect(replaced).not.toBe(token);
    expect(rotated.stats()).toMatchObject({ cacheUnreadable: 1, sharedHits: 0, sharedWrites: 1 });
    expect(readFileSync(file, 'utf8')).not.toBe(text);
    for (const e of rotated.events) expect(JSON.stringify(e)).not.toMatch(/tok-|the-client-secret|a-new-secret/);
    expect(rotated.events).toContainEqual(expect.objectContaining({ type: 'cache-error', code: 'cache_unreadable' }));
  });

  it('ignores and replaces a corrupt or tampered entry', async () => {
    const dir = freshDir();
    const endpoint = tokenEndpoint();
    await provider(fileTokenCache({ dir }), endpoint.fetch).getToken([READ]);
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.token'))!);
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { value: string };
    // One character of the ciphertext changed: AES-GCM refuses it.
    const last = entry.value.at(-2) === 'A' ? 'B' : 'A';
    writeFileSync(file, JSON.stringify({ ...entry, value: `${entry.value.slice(0, -2)}${last}${entry.value.at(-1)}` }));
    const tampered = provider(fileTokenCache({ dir }), endpoint.fetch);
    expect(await tampered.getToken([READ])).toBe(`tok-2-${READ}`);
    expect(tampered.stats()).toMatchObject({ cacheUnreadable: 1, sharedWrites: 1 });
    writeFileSync(file, '{not json');
    const corrupt = provider(fileTokenCache({ dir }), endpoint.fetch);
    expect(await corrupt.getToken([READ])).toBe(`tok-3-${READ}`);
    expect(endpoint.requests).toHaveLength(3);
  });

  it('a cache that throws or never answers fails no call: it is bounded, counted and reported', async () => {
    const endpoint = tokenEndpoint();
    const broken: TokenCache = {
      get: () => Promise.reject(new Error('disk on fire')),
      set: () => new Promise(() => {}),
      delete: () => Promise.reject(new Error('nope')),
      acquire: () => new Promise(() => {}),
    };
    const p = provider(broken, endpoint.fetch, {}, { operationTimeoutMs: 30 });
    expect(await p.getToken([READ])).toBe(`tok-1-${READ}`);
    expect(p.stats()).toMatchObject({ requests: 1, cacheErrors: 3, sharedWrites: 0 });
    const errors = p.events.filter((e) => e.type === 'cache-error');
    expect(errors.map((e) => [e.operation, e.code])).toEqual([
      ['get', 'cache_error'],
      ['acquire', 'cache_timeout'],
      ['set', 'cache_timeout'],
    ]);
    expect(errors[0]).toMatchObject({ message: expect.stringContaining('disk on fire') });
    // In-process caching goes on as before.
    expect(await p.getToken([READ])).toBe(`tok-1-${READ}`);
    expect(p.stats().cacheHits).toBe(1);
  });

  it('after a 401 deletes exactly that token from the shared cache, and the fleet replaces it once', async () => {
    const endpoint = tokenEndpoint();
    const cache = memoryTokenCache();
    const a = provider(cache, endpoint.fetch);
    const b = provider(cache, endpoint.fetch);
    const old = await a.getToken([READ]);
    expect(await b.getToken([READ])).toBe(old);
    expect(a.invalidate([READ], old)).toBe(true);
    const fresh = await a.getToken([READ]);
    expect(fresh).not.toBe(old);
    // b meets the 401 later with the old token: its delete must not remove a's new entry.
    expect(b.invalidate([READ], old)).toBe(true);
    expect(await b.getToken([READ])).toBe(fresh);
    expect(endpoint.requests).toHaveLength(2);
    expect(b.stats()).toMatchObject({ sharedHits: 2, invalidations: 1, requests: 0 });
  });

  it('a lease whose holder never stores a token holds the others up to waitMs at most', async () => {
    const endpoint = tokenEndpoint();
    const cache = memoryTokenCache();
    expect(await cache.acquire!('ignored', 'x', 1)).toBe(true);
    const stuck: TokenCache = { ...cache, acquire: async () => false };
    const p = provider(stuck, endpoint.fetch, {}, { leaseMs: 60_000, waitMs: 50, pollMs: 10 });
    expect(await p.getToken([READ])).toBe(`tok-1-${READ}`);
    expect(p.stats().leaseWaits).toBe(1);
    expect(p.events.filter((e) => e.type === 'lease-wait')).toEqual([expect.objectContaining({ result: 'gave-up' })]);
  });

  it('refresh ahead goes through the shared cache too: one process renews, the others adopt its younger token', async () => {
    const endpoint = tokenEndpoint();
    const cache = memoryTokenCache();
    let now = 1_000_000;
    const clock = { now: () => now };
    const a = provider(cache, endpoint.fetch, clock);
    const b = provider(cache, endpoint.fetch, clock);
    const first = await a.getToken([READ]);
    expect(await b.getToken([READ])).toBe(first);
    now += 2_800_000; // past 75% of the hour: both still serve the old token and refresh in the background
    expect(await a.getToken([READ])).toBe(first);
    await vi.waitFor(() => expect(a.stats().sharedWrites).toBe(2));
    expect(await b.getToken([READ])).toBe(first);
    await vi.waitFor(() => expect(b.stats().sharedHits).toBe(2));
    const second = await b.getToken([READ]);
    expect(second).not.toBe(first);
    expect(await a.getToken([READ])).toBe(second);
    expect(endpoint.requests).toHaveLength(2);
    expect(b.stats()).toMatchObject({ requests: 0, refreshes: 1 });
  });

  it('the main entry bundles none of the shared cache policy nor its adapters', async () => {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [join(import.meta.dirname, '..', 'index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(out.metafile.inputs);
    // seal.ts for the key derivation alone (tree-shaking drops the rest of it).
    expect(inputs.filter((f) => f.includes('token-cache/')).map((f) => f.slice(f.indexOf('token-cache/')))).toEqual(['token-cache/seal.ts']);
    expect(Object.values(out.metafile.outputs)[0]!.inputs[inputs.find((f) => f.endsWith('token-cache/seal.ts'))!]!.bytesInOutput).toBeLessThan(600);
    expect(inputs.filter((f) => /@aws-sdk|^node:/.test(f))).toEqual([]);
  });

  it('refuses a cache that is not one, quoting what it got', () => {
    expect(() => new ClientCredentialsTokenProvider({ tokenUrl: 'http://127.0.0.1:9/t', clientId: 'a', clientSecret: 'b', cache: { get: 1 } as never })).toThrow(
      /cache must be a shared token cache, got object: use fileTokenCache\(\), dynamoDbTokenCache\(\) or sharedTokenCache\(yourTokenCache\)/,
    );
    expect(() => sharedTokenCache({ get: () => Promise.resolve(undefined) } as unknown as TokenCache)).toThrow(/sharedTokenCache needs a TokenCache \(get, set and delete methods\), got object/);
    expect(() => memoryTokenCache({ leaseMs: 0.5 })).toThrow(/leaseMs must be an integer from 1 to 2147483647, got 0.5/);
    expect(() => fileTokenCache({ dir: '' })).toThrow(/fileTokenCache needs \{ dir \}.*got ""/);
  });
});

// The contract every adapter keeps (the provider relies on nothing more).
function adapterContract(name: string, make: () => Promise<TokenCache>) {
  describe(`${name}: the TokenCache contract`, () => {
    const key = 'ab'.repeat(32);
    it('get, set, conditional delete', async () => {
      const cache = await make();
      expect(await cache.get(key)).toBeUndefined();
      await cache.set(key, { value: 'v1.a.b', expiresAt: 123 });
      expect(await cache.get(key)).toEqual({ value: 'v1.a.b', expiresAt: 123 });
      await cache.delete(key, 'v1.other.value');
      expect(await cache.get(key)).toEqual({ value: 'v1.a.b', expiresAt: 123 });
      await cache.delete(key, 'v1.a.b');
      expect(await cache.get(key)).toBeUndefined();
      await cache.delete(key, 'v1.a.b'); // gone already: no error
    });

    it('a lease excludes other owners until released or stale', async () => {
      let now = 1_000_000;
      const cache = await make();
      const withClock = cache as TokenCache & { setNow?: (ms: number) => void };
      const k = 'cd'.repeat(32);
      expect(await cache.acquire!(k, 'one', 5_000)).toBe(true);
      expect(await cache.acquire!(k, 'two', 5_000)).toBe(false);
      await cache.release!(k, 'two'); // not its lease: no effect
      expect(await cache.acquire!(k, 'three', 5_000)).toBe(false);
      await cache.release!(k, 'one');
      expect(await cache.acquire!(k, 'two', 50)).toBe(true);
      // Stale after its TTL: taken over.
      now += 100;
      withClock.setNow?.(now);
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(await cache.acquire!(k, 'four', 5_000)).toBe(true);
      expect(await cache.acquire!(k, 'two', 5_000)).toBe(false);
    });
  });
}

adapterContract('memoryTokenCache', async () => memoryTokenCache());
adapterContract('fileTokenCache', async () => fileTokenCache({ dir: freshDir() }));

describe('dynamoDbTokenCache on dynalite', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startDynamo();
  });
  afterAll(() => dynamo?.stop());
  adapterContract('dynamoDbTokenCache', async () => dynamoDbTokenCache({ tableName: await dynamo.createTable(), client: dynamo.documentClient() }));

  it('keeps an item per scope set with a TTL attribute in epoch seconds and a sealed value; shares tokens like the others', async () => {
    const tableName = await dynamo.createTable();
    const client = dynamo.documentClient();
    const endpoint = tokenEndpoint();
    const a = provider(dynamoDbTokenCache({ tableName, client }), endpoint.fetch);
    const b = provider(dynamoDbTokenCache({ tableName, client }), endpoint.fetch);
    const [ta, tb] = await Promise.all([a.getToken([READ]), b.getToken([READ])]);
    expect(ta).toBe(tb);
    expect(endpoint.requests).toHaveLength(1);
    const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
    const { Items = [] } = await client.send(new ScanCommand({ TableName: tableName }));
    const item = Items.find((i) => String(i.pk).startsWith('token#'));
    expect(item).toMatchObject({ pk: expect.stringMatching(/^token#[0-9a-f]{64}$/), sealed: expect.stringMatching(/^v1\./), ttl: expect.any(Number) });
    expect(JSON.stringify(Items)).not.toContain(ta);
    expect(item!.ttl).toBe(Math.ceil(Number(item!.expiresAt) / 1000) + 60);
  });
});
