import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fakeApi, fakeClock, fakeTokenEndpoint } from '../test/fakes.ts';
import { createProductsClient, type ProductsClientOptions } from './client.ts';
import { ApiError, ConfigurationError, ScopeError, TokenRequestError } from './errors.ts';
import { allScopes, operations, type Scope } from './generated/operations.ts';
import { ClientCredentialsTokenProvider } from './token-provider.ts';

const BASE = 'https://api.example.test/dev';
const SECRET = 'client-secret-value';

function setup(options: Partial<ProductsClientOptions> = {}, answer?: Parameters<typeof fakeApi>[1]) {
  const clock = fakeClock();
  const endpoint = fakeTokenEndpoint();
  const api = fakeApi(endpoint, answer);
  const client = createProductsClient({
    baseUrl: BASE,
    credentials: { tokenUrl: endpoint.tokenUrl, clientId: 'app', clientSecret: SECRET },
    fetch: api.fetch,
    token: { now: clock.now, sleep: clock.sleep },
    ...options,
  } as ProductsClientOptions);
  return { client, endpoint, api, clock };
}

// One call per operation of the generated map, so a new operation in the spec fails this list.
function callEach(client: ReturnType<typeof setup>['client']) {
  return {
    listProducts: () => client.GET('/products', { params: { query: { limit: 5 } } }),
    createProduct: () => client.POST('/products', { body: { id: 'p1', name: 'Phone', price: 1 } }),
    getProduct: () => client.GET('/products/{id}', { params: { path: { id: 'p1' } } }),
    updateProduct: () => client.PUT('/products/{id}', { params: { path: { id: 'p1' }, header: { 'If-Match': '"1"' } }, body: { name: 'Phone 2' } }),
    deleteProduct: () => client.DELETE('/products/{id}', { params: { path: { id: 'p1' } } }),
  } satisfies Record<keyof typeof operations, () => Promise<unknown>>;
}

describe('createProductsClient: scopes', () => {
  it("per-operation: each request carries a token for exactly its operation's scope", async () => {
    const { client, endpoint, api } = setup();
    for (const [operationId, call] of Object.entries(callEach(client))) {
      await call();
      const sent = api.calls.at(-1);
      const token = sent?.authorization?.replace('Bearer ', '') ?? '';
      expect(endpoint.issued.get(token), operationId).toBe(operations[operationId as keyof typeof operations].scopes[0]);
    }
    // Read is shared by list and get: four scope sets, four token requests.
    expect(endpoint.calls).toHaveLength(new Set(Object.values(operations).map((op) => op.scopes[0])).size);
  });

  it('combined: one token with every scope serves every operation', async () => {
    const { client, endpoint, api } = setup({ scopeStrategy: 'combined' });
    for (const call of Object.values(callEach(client))) await call();
    expect(endpoint.calls).toHaveLength(1);
    expect(endpoint.calls[0]?.scope?.split(' ').sort()).toEqual([...allScopes].sort());
    expect(new Set(api.calls.map((c) => c.authorization)).size).toBe(1);
  });

  it('combined with restricted scopes: requests only those, and refuses other operations before any request', async () => {
    const read = operations.getProduct.scopes[0];
    const { client, endpoint, api } = setup({ scopeStrategy: 'combined', scopes: [read] });
    await client.GET('/products/{id}', { params: { path: { id: 'x' } } });
    expect(endpoint.calls[0]?.scope).toBe(read);
    const error = await client.POST('/products', { body: { name: 'n' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScopeError);
    expect(error).toMatchObject({ code: 'scope_not_requested', message: expect.stringContaining(operations.createProduct.scopes[0]) });
    expect(api.calls).toHaveLength(1);
  });

  it('refuses a path that is not an operation of the API', async () => {
    const { client, api } = setup();
    const error = await client.GET('/nope' as '/products').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ScopeError', code: 'unknown_operation' });
    expect(api.calls).toHaveLength(0);
  });

  it('surfaces a token endpoint refusal (a reader asking for a write scope) as a thrown TokenRequestError', async () => {
    const { client, endpoint, api } = setup();
    endpoint.script.push(Response.json({ error: 'invalid_scope' }, { status: 400 }));
    const error = await client.POST('/products', { body: { name: 'n' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({ code: 'invalid_scope' });
    expect(api.calls).toHaveLength(0);
  });
});

describe('createProductsClient: 401 replay', () => {
  it('drops a refused token, gets a new one and replays the request once with the same body', async () => {
    const { client, endpoint, api } = setup({}, (call) => Response.json({ ...JSON.parse(call.body), version: 1 }, { status: 201 }));
    await client.POST('/products', { body: { id: 'a', name: 'A' } });
    const first = api.calls[0]?.authorization?.replace('Bearer ', '') ?? '';
    api.revoked.add(first);
    const { data, response } = await client.POST('/products', { body: { id: 'b', name: 'B', price: 2 } });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ id: 'b', name: 'B', price: 2 });
    expect(api.calls.slice(1).map((c) => [c.body, c.authorization])).toEqual([
      ['{"id":"b","name":"B","price":2}', `Bearer ${first}`],
      ['{"id":"b","name":"B","price":2}', 'Bearer tok-2'],
    ]);
    expect(endpoint.calls).toHaveLength(2);
    expect(client.tokenProvider.stats().invalidations).toBe(1);
  });

  it('replays even when a middleware added later replaces the request', async () => {
    const { client, api, endpoint } = setup();
    client.use({
      onRequest: ({ request }) => {
        const headers = new Headers(request.headers);
        headers.set('x-trace', 't-1');
        return new Request(request, { headers });
      },
    });
    await client.GET('/products');
    api.revoked.add('tok-1');
    const { response } = await client.GET('/products');
    expect(response.status).toBe(200);
    // The replay keeps the headers of the request as finally sent, the later middleware's included.
    expect(api.calls.slice(1).map((c) => [c.authorization, c.headers.get('x-trace')])).toEqual([
      ['Bearer tok-1', 't-1'],
      ['Bearer tok-2', 't-1'],
    ]);
    expect(endpoint.calls).toHaveLength(2);
  });

  it('never loops: a second 401 is returned as a typed { error } result', async () => {
    const { client, api, endpoint } = setup();
    api.revoked.add('tok-1').add('tok-2').add('tok-3');
    const { data, error, response } = await client.GET('/products');
    expect(data).toBeUndefined();
    expect(response.status).toBe(401);
    expect(error).toEqual({ message: 'Unauthorized' });
    expect(api.calls).toHaveLength(2);
    expect(endpoint.calls).toHaveLength(2);
  });

  it('many concurrent 401s for one token cause one new token request', async () => {
    const { client, api, endpoint } = setup();
    await client.GET('/products');
    api.revoked.add('tok-1');
    const results = await Promise.all(Array.from({ length: 50 }, () => client.GET('/products')));
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(endpoint.calls).toHaveLength(2);
  });

  it('throwOnError: a non-2xx answer throws an ApiError with the service code', async () => {
    const { client } = setup({ throwOnError: true }, () =>
      Response.json({ message: 'Product "x" was not found.', code: 'not_found', requestId: 'r-1' }, { status: 404 }),
    );
    const error = await client.GET('/products/{id}', { params: { path: { id: 'x' } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not_found', status: 404, body: { requestId: 'r-1' } });
    expect((error as ApiError).message).toContain(`GET ${BASE}${operations.getProduct.path.replace('{id}', 'x')} answered 404`);
  });

  it('throwOnError: a gateway 401 after the replay throws http_401', async () => {
    const { client, api } = setup({ throwOnError: true });
    api.revoked.add('tok-1').add('tok-2');
    await expect(client.GET('/products')).rejects.toMatchObject({ name: 'ApiError', code: 'http_401', status: 401 });
  });
});

describe('createProductsClient: options', () => {
  it('shares a token provider between clients', async () => {
    const endpoint = fakeTokenEndpoint();
    const api = fakeApi(endpoint);
    const tokenProvider = new ClientCredentialsTokenProvider({ tokenUrl: endpoint.tokenUrl, clientId: 'app', clientSecret: SECRET, fetch: endpoint.fetch });
    const a = createProductsClient({ baseUrl: BASE, tokenProvider, fetch: api.fetch });
    const b = createProductsClient({ baseUrl: `${BASE}/`, tokenProvider, fetch: api.fetch });
    await a.GET('/products');
    await b.GET('/products');
    expect(endpoint.calls).toHaveLength(1);
    expect(a.tokenProvider).toBe(b.tokenProvider);
    // Tuning for a provider the client does not build would be silently lost: refused.
    expect(() => createProductsClient({ baseUrl: BASE, tokenProvider, token: { timeoutMs: 1000 } })).toThrow(
      expect.objectContaining({ name: 'ConfigurationError', code: 'invalid_option', message: expect.stringContaining('token options apply only with credentials') }),
    );
    expect(api.calls.map((c) => c.url)).toEqual([`${BASE}${operations.listProducts.path}`, `${BASE}${operations.listProducts.path}`]);
  });

  it.each([
    [{ baseUrl: 'not a url' }, 'baseUrl'],
    [{ baseUrl: 'ftp://x/dev' }, 'baseUrl'],
    [{ scopeStrategy: 'all' as never }, 'scopeStrategy'],
    [{ scopes: ['product-api/nope' as Scope] }, 'scopes'],
    [{ scopes: [] }, 'scopes'],
    [{ scopes: 'product-api/read_product' as never }, 'scopes'],
    [{ credentials: undefined as never }, 'credentials'],
    [{ credentials: { tokenUrl: 'http://auth.example.com/t', clientId: 'a', clientSecret: SECRET } }, 'https'],
  ])('refuses %j with a ConfigurationError', (bad, says) => {
    expect(() => setup(bad as Partial<ProductsClientOptions>)).toThrow(ConfigurationError);
    expect(() => setup(bad as Partial<ProductsClientOptions>)).toThrow(expect.objectContaining({ message: expect.stringContaining(says) }));
  });

  it('never shows the secret in JSON.stringify or util.inspect of the client', async () => {
    const { client } = setup();
    await client.GET('/products');
    for (const text of [JSON.stringify(client), inspect(client, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('tok-1');
    }
  });
});
