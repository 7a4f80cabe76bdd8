// The mock's own features (token log, faults, security modes, seeds, reset, contract checks).
// Its parity with the real API is proven by test/contract, against the local stack.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createProductsClient } from '../index.ts';
import { operations } from '../generated/operations.ts';
import { contract } from '@org/products-core/contract';
import { createProductsMock, ProductsMockError, type ProductsMock } from './index.ts';

const form = 'application/x-www-form-urlencoded';

async function token(mock: ProductsMock, client = mock.clients[0]!, scope?: string): Promise<Response> {
  return mock.fetch(mock.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': form, authorization: `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}` },
    body: `grant_type=client_credentials${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`,
  });
}

async function accessToken(mock: ProductsMock, client = mock.clients[0]!, scope?: string): Promise<string> {
  const body = (await (await token(mock, client, scope)).json()) as { access_token: string };
  return body.access_token;
}

// Requests take their paths from the generated operation map, as the typed client's are checked against it.
const collection = operations.listProducts.path;
const item = (id: string) => operations.getProduct.path.replace('{id}', id);
const readScope = operations.getProduct.scopes[0];
const createScope = operations.createProduct.scopes[0];

describe('token endpoint', () => {
  it('issues JWT-shaped access tokens with Cognito claims and logs each request per client and scopes', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const mock = createProductsMock({ now: () => clock });
    const response = await token(mock, mock.clients[1], readScope);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(body).toMatchObject({ expires_in: 3600, token_type: 'Bearer' });
    const claims = JSON.parse(atob(body.access_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    expect(claims).toMatchObject({ token_use: 'access', scope: readScope, client_id: mock.clients[1]!.clientId, exp: clock / 1000 + 3600 });
    clock += 1000;
    await token(mock, mock.clients[1], readScope);
    await token(mock, mock.clients[0]);
    expect(mock.tokenRequests.count({ client: 'products-reader', scopes: [readScope] })).toBe(2);
    expect(mock.tokenRequests.count({ client: 'products-admin', scopes: [] })).toBe(1);
    expect(mock.tokenRequests.byClientAndScopes()).toEqual({ [`products-reader ${readScope}`]: 2, 'products-admin *': 1 });
  });

  it('refuses a scope the client may not ask for (invalid_scope) and a wrong secret (invalid_client)', async () => {
    const mock = createProductsMock();
    const refused = await token(mock, mock.clients[1], createScope);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_scope' });
    const wrong = await token(mock, { ...mock.clients[0]!, clientSecret: 'nope' });
    expect(await wrong.json()).toEqual({ error: 'invalid_client' });
    expect(mock.tokenRequests.count({ status: 400 })).toBe(2);
    // Refused requests are in the log but issued no token: the per-client/scope count is of tokens.
    expect(mock.tokenRequests.all.map((r) => [r.client, r.error])).toEqual([['products-reader', 'invalid_scope'], [undefined, 'invalid_client']]);
    expect(mock.tokenRequests.byClientAndScopes()).toEqual({});
  });

  it('logs every token request, injected faults included, with their status (0 for a dropped connection)', async () => {
    const mock = createProductsMock();
    mock.fail('token', { status: 503, times: 2 });
    mock.fail('token', { networkError: true, times: 1 });
    expect((await token(mock, mock.clients[0], readScope)).status).toBe(503);
    expect((await token(mock, mock.clients[0], readScope)).status).toBe(503);
    await expect(token(mock, mock.clients[0], readScope)).rejects.toThrow(TypeError);
    expect((await token(mock, mock.clients[0], readScope)).status).toBe(200);
    expect(mock.tokenRequests.count({ client: 'products-admin', scopes: [readScope] })).toBe(4);
    expect(mock.tokenRequests.all.map((r) => [r.status, r.fault])).toEqual([[503, true], [503, true], [0, true], [200, undefined]]);
    // Only issued tokens count per client and scopes.
    expect(mock.tokenRequests.byClientAndScopes()).toEqual({ [`products-admin ${readScope}`]: 1 });
    // A faulted request from someone who could not authenticate is logged without a client.
    mock.fail('token', { status: 500, times: 1 });
    await token(mock, { ...mock.clients[0]!, clientSecret: 'wrong' });
    expect(mock.tokenRequests.all.at(-1)).toEqual({ client: undefined, clientId: undefined, scopes: undefined, status: 500, fault: true });
  });

  it('has the default clients of the contract (one rule for infra, the local stack and the mock), with fixed test credentials', () => {
    const mock = createProductsMock();
    expect(mock.clients.map((c) => ({ name: c.name, scopes: c.scopes }))).toEqual(contract.model.defaultClients);
    expect(mock.clients.map((c) => [c.clientId, c.clientSecret])).toEqual(contract.model.defaultClients.map((c) => [`${c.name}-test-id`, `${c.name}-test-secret`]));
  });

  it('accepts client_secret_post', async () => {
    const mock = createProductsMock();
    const c = mock.clients[0]!;
    const response = await mock.fetch(mock.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': form },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret }),
    });
    expect(response.status).toBe(200);
  });
});

describe('authorizer', () => {
  it('answers 401 "The incoming token has expired" once the injected clock passes exp', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const mock = createProductsMock({ now: () => clock, seed: [{ id: 'a', name: 'A' }] });
    const t = await accessToken(mock);
    const get = () => mock.fetch(`${mock.baseUrl}${item('a')}`, { headers: { authorization: `Bearer ${t}` } });
    clock += 3599_000;
    expect((await get()).status).toBe(200);
    clock += 1000;
    const expired = await get();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ message: 'The incoming token has expired' });
  });

  it('refuses forged tokens, ID tokens and tokens without the scope; accepts a bare token', async () => {
    const mock = createProductsMock({ seed: [{ id: 'a', name: 'A' }] });
    const t = mock.issueToken({ scopes: [readScope] });
    const [h, p, s] = t.split('.');
    const forged = `${h}.${p}x.${s}`;
    const url = `${mock.baseUrl}${item('a')}`;
    const status = async (authorization: string) => (await mock.fetch(url, { headers: { authorization } })).status;
    expect(await status(t)).toBe(200);
    expect(await status(forged)).toBe(401);
    expect(await status(`Bearer ${mock.issueToken({ tokenUse: 'id' })}`)).toBe(401);
    expect(await status(`Bearer ${mock.issueToken({ scopes: [createScope] })}`)).toBe(401);
  });

  it('security "presence" accepts any non-empty header, "off" accepts none', async () => {
    const presence = createProductsMock({ security: 'presence', seed: [{ id: 'a', name: 'A' }] });
    expect((await presence.fetch(`${presence.baseUrl}${item('a')}`, { headers: { authorization: 'Bearer whatever' } })).status).toBe(200);
    expect((await presence.fetch(`${presence.baseUrl}${item('a')}`)).status).toBe(401);
    expect((await presence.fetch(`${presence.baseUrl}${item('a')}`, { headers: { authorization: 'Bearer ' } })).status).toBe(401);
    // createdBy comes from a foreign token's client_id when it is a non-empty string, else the first client.
    const jwt = (claims: unknown) => `e30.${btoa(JSON.stringify(claims)).replace(/=+$/, '')}.sig`;
    for (const [claims, createdBy] of [
      [{ client_id: 'their-app' }, 'their-app'],
      [{ client_id: 42 }, presence.clients[0]!.clientId],
      [{ client_id: '' }, presence.clients[0]!.clientId],
    ] as const) {
      const created = await presence.fetch(`${presence.baseUrl}${collection}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jwt(claims)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'x' }),
      });
      expect(created.status, JSON.stringify(claims)).toBe(201);
      expect(((await created.json()) as { createdBy: string }).createdBy).toBe(createdBy);
    }
    const off = createProductsMock({ security: 'off', seed: [{ id: 'a', name: 'A' }] });
    expect((await off.fetch(`${off.baseUrl}${item('a')}`)).status).toBe(200);
    expect(() => createProductsMock({ security: 'loose' as never })).toThrow(ProductsMockError);
  });
});

describe('faults', () => {
  it('answers a documented status with the spec example by default, for `times` requests', async () => {
    const mock = createProductsMock({ security: 'off', seed: [{ id: 'a', name: 'A' }] });
    mock.fail('getProduct', { status: 500, times: 1 });
    const failed = await mock.fetch(`${mock.baseUrl}${item('a')}`);
    expect(failed.status).toBe(500);
    const body = (await failed.json()) as { code: string; requestId: string };
    expect(body.code).toBe('internal_error');
    expect(body.requestId).toBe(failed.headers.get('x-amzn-requestid'));
    expect((await mock.fetch(`${mock.baseUrl}${item('a')}`)).status).toBe(200);
  });

  it('answers before the gateway: a fault needs no token, and a request that routes nowhere gets none', async () => {
    const mock = createProductsMock({ seed: [{ id: 'a', name: 'A' }] });
    mock.fail('getProduct', { status: 502, body: { message: 'Internal server error', code: 'internal_error' } });
    expect((await mock.fetch(`${mock.baseUrl}${item('a')}`)).status).toBe(502);
    // The gateway routes a trailing slash to the resource without it, and so do faults.
    expect((await mock.fetch(`${mock.baseUrl}${item('a')}/`)).status).toBe(502);
    expect((await mock.fetch(`${mock.baseUrl}${item('a')}/more`)).status).toBe(403);
  });

  it('fails with a network error until removed', async () => {
    const mock = createProductsMock({ security: 'off' });
    const remove = mock.fail('listProducts', { networkError: true });
    await expect(mock.fetch(`${mock.baseUrl}${collection}`)).rejects.toThrow(TypeError);
    await expect(mock.fetch(`${mock.baseUrl}${collection}`)).rejects.toThrow(TypeError);
    remove();
    expect((await mock.fetch(`${mock.baseUrl}${collection}`)).status).toBe(200);
  });

  it('delays forever until the request is aborted', async () => {
    const mock = createProductsMock({ security: 'off' });
    mock.fail('listProducts', { delayMs: 'infinite' });
    const controller = new AbortController();
    const pending = mock.fetch(`${mock.baseUrl}${collection}`, { signal: controller.signal });
    controller.abort(new Error('gave up'));
    await expect(pending).rejects.toThrow('gave up');
  });

  it('waits delayMs before answering, normally or with the fault (clock faked, nothing sleeps)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const mock = createProductsMock({ security: 'off', seed: [{ id: 'a', name: 'A' }] });
      const url = `${mock.baseUrl}${item('a')}`;
      const settle = (promise: Promise<Response>) => {
        const state: { status?: number; error?: unknown } = {};
        void promise.then((r) => (state.status = r.status), (e: unknown) => (state.error = e));
        return state;
      };
      mock.fail('getProduct', { delayMs: 1000, times: 1 });
      const slow = settle(mock.fetch(url));
      await vi.advanceTimersByTimeAsync(999);
      expect(slow).toEqual({});
      await vi.advanceTimersByTimeAsync(1);
      expect(slow).toEqual({ status: 200 });

      mock.fail('getProduct', { status: 504, delayMs: 29_000, times: 1 });
      const timedOut = settle(mock.fetch(url));
      await vi.advanceTimersByTimeAsync(28_999);
      expect(timedOut).toEqual({});
      await vi.advanceTimersByTimeAsync(1);
      expect(timedOut).toEqual({ status: 504 });

      mock.fail('getProduct', { networkError: true, delayMs: 50, times: 1 });
      const dropped = settle(mock.fetch(url));
      await vi.advanceTimersByTimeAsync(49);
      expect(dropped).toEqual({});
      await vi.advanceTimersByTimeAsync(1);
      expect(dropped.error).toBeInstanceOf(TypeError);
    } finally {
      vi.useRealTimers();
    }
  });

  it('injects token endpoint failures', async () => {
    const mock = createProductsMock();
    mock.fail('token', { status: 503, times: 1 });
    expect((await token(mock)).status).toBe(503);
    expect((await token(mock)).status).toBe(200);
  });

  it('refuses statuses and bodies the contract does not document, with a clear error', () => {
    const mock = createProductsMock();
    expect(() => mock.fail('getProduct', { status: 418 as never })).toThrow(/documents no 418 for getProduct/);
    expect(() => mock.fail('getProduct', { status: 404, body: { code: 'gone' } as never })).toThrow(ProductsMockError);
    expect(() => mock.fail('nope' as never, { networkError: true })).toThrow(/No operation "nope"/);
  });

  it('refuses faults that would do nothing or could not be answered, naming what to change', async () => {
    const mock = createProductsMock({ security: 'off', seed: [{ id: 'a', name: 'A' }] });
    const refused = (operationId: string, fault: unknown): ProductsMockError => {
      try {
        mock.fail(operationId as never, fault as never);
      } catch (error) {
        expect(error).toBeInstanceOf(ProductsMockError);
        return error as ProductsMockError;
      }
      throw new Error(`fail(${operationId}, ${JSON.stringify(fault)}) was accepted`);
    };
    expect(refused('getProduct', {}).message).toMatch(/needs a status, networkError: true or a delayMs/);
    expect(refused('getProduct', undefined).code).toBe('invalid_option');
    expect(refused('getProduct', { networkError: false }).message).toMatch(/networkError must be true/);
    expect(refused('getProduct', { networkError: true, status: 500 }).message).toMatch(/both a status and networkError/);
    expect(refused('getProduct', { delayMs: -1 }).message).toMatch(/delayMs must be a number of milliseconds/);
    expect(refused('getProduct', { delayMs: 'forever' }).message).toMatch(/not "forever"/);
    expect(refused('getProduct', { status: 500, times: 0 }).message).toMatch(/times must be a positive integer/);
    expect(refused('getProduct', { status: 500, times: 1.5 }).message).toMatch(/not 1.5/);
    expect(refused('token', { status: 600 }).message).toMatch(/status must be an HTTP status from 200 to 599/);
    // A documented success must carry the headers openapi.yaml requires, or every answer would break the contract.
    expect(refused('getProduct', { status: 200 }).message).toContain('documents the header "ETag" on its 200; pass it in headers');
    expect(refused('createProduct', { status: 201 }).message).toMatch(/documents the headers "Location", "ETag" on its 201/);
    mock.fail('getProduct', { status: 200, headers: { ETag: '"7"' }, times: 1 });
    const faked = await mock.fetch(`${mock.baseUrl}${item('a')}`);
    expect(faked.headers.get('etag')).toBe('"7"');
    expect(mock.store.get('a')?.version).toBe(1);
  });
});

describe('store, seed and reset', () => {
  it('refuses options that would make a confusing mock, without quoting a secret', () => {
    const [admin, reader] = createProductsMock().clients;
    const refused = (options: unknown): string => {
      try {
        createProductsMock(options as never);
      } catch (error) {
        expect(error).toMatchObject({ name: 'ProductsMockError', code: 'invalid_option' });
        expect((error as Error).message).not.toContain(admin!.clientSecret);
        return (error as Error).message;
      }
      throw new Error(`createProductsMock(${JSON.stringify(options)}) was accepted`);
    };
    expect(refused({ seed: [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }] })).toMatch(/more than one product with id "a"/);
    expect(refused({ seed: { id: 'a', name: 'A' } })).toMatch(/seed must be an array/);
    expect(refused({ now: 1_700_000_000_000 })).toMatch(/now must be a function/);
    expect(refused({ baseUrl: '/dev' })).toBe('baseUrl "/dev" is not an absolute URL; pass one like "http://127.0.0.1:4010/dev".');
    expect(refused({ tokenUrl: 'auth.example.com/oauth2/token' })).toBe('tokenUrl "auth.example.com/oauth2/token" is not an absolute URL; pass one like "http://127.0.0.1:4010/oauth2/token".');
    expect(refused({ clients: [admin, { ...reader, clientId: admin!.clientId }] })).toMatch(/clients\[1\] \("products-reader"\) has the name or clientId of clients\[0\]/);
    expect(refused({ clients: [{ ...admin, clientSecret: '' }] })).toMatch(/clients\[0\] needs a non-empty string clientSecret/);
    expect(refused({ clients: [{ ...admin, scopes: [...admin!.scopes, 'product-api/reed_product'] }] })).toMatch(/"product-api\/reed_product" is not a scope of openapi.yaml; use some of/);
    expect(createProductsMock({ clients: [{ ...reader!, scopes: [readScope] }] }).clients).toHaveLength(1);
  });

  it('validates seeds against the Product schema', () => {
    expect(() => createProductsMock({ seed: [{ id: 'bad id', name: 'x' }] })).toThrow(/not a valid Product at "\/id"/);
  });

  it('reset() restores the seed, clears the log and faults, and keeps tokens valid', async () => {
    const mock = createProductsMock({ seed: [{ id: 'a', name: 'A' }] });
    const t = await accessToken(mock);
    mock.store.put({ id: 'b', name: 'B' });
    mock.fail('getProduct', { networkError: true });
    mock.reset();
    expect(mock.store.list().map((p) => p.id)).toEqual(['a']);
    expect(mock.tokenRequests.count()).toBe(0);
    expect((await mock.fetch(`${mock.baseUrl}${item('a')}`, { headers: { authorization: `Bearer ${t}` } })).status).toBe(200);
  });

  it('serves a base URL without a stage path (a custom domain), with Location under it', async () => {
    const mock = createProductsMock({ security: 'off', baseUrl: 'https://api.example.test' });
    const created = await mock.fetch(`${mock.baseUrl}${collection}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"x","name":"X"}' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(item('x'));
    expect((await mock.fetch(`${mock.baseUrl}${item('x')}`)).status).toBe(200);
    expect((await mock.fetch(`${mock.baseUrl}/nothing`)).status).toBe(403);
    // With a stage, Location keeps it, as API Gateway's requestContext.path does.
    const staged = createProductsMock({ security: 'off', baseUrl: 'https://api.example.test/v1/dev' });
    const again = await staged.fetch(`${staged.baseUrl}${collection}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"x","name":"X"}' });
    expect(again.headers.get('location')).toBe(`/v1/dev${item('x')}`);
  });

  it('pages in scan order with cursors, every item once', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `p${i}`);
    const mock = createProductsMock({ security: 'off', seed: ids.map((id) => ({ id, name: id })) });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await (await mock.fetch(`${mock.baseUrl}${collection}?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: { id: string }[]; nextCursor?: string };
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(mock.store.list().map((p) => p.id));
    expect([...seen].sort()).toEqual(ids);
  });
});

describe('contract checks at run time', () => {
  it('never sends an answer that breaks openapi.yaml: fetch rejects, and under MSW the request fails with a 500 naming the error', async () => {
    const mock = createProductsMock({ security: 'off', baseUrl: 'https://checked.example.test/dev', seed: [{ id: 'a', name: 'A' }] });
    // A fault's body is checked when fail() is called and again when it is sent: changing it in
    // between stands in for a bug in the mock (the real handler cannot be made to break the contract).
    const body = { message: 'gone', code: 'not_found' as const };
    mock.fail('getProduct', { status: 404, body });
    (body as { code: string }).code = 'gone';
    const url = `${mock.baseUrl}${item('a')}`;
    await expect(mock.fetch(url)).rejects.toMatchObject({
      name: 'ProductsMockError',
      code: 'contract_violation',
      message: expect.stringContaining('404 response to getProduct breaks openapi.yaml at "/code"'),
    });

    const server = setupServer(...mock.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await fetch(url);
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ name: 'ProductsMockError', message: expect.stringContaining('breaks openapi.yaml') });
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      server.close();
    }
  });
});

describe('with MSW and the typed client', () => {
  const mock = createProductsMock({ baseUrl: 'https://products.example.test/dev', tokenUrl: 'https://auth.example.test/oauth2/token' });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('serves the client through setupServer; the client caches one token per scope', async () => {
    const admin = mock.clients[0]!;
    const client = createProductsClient({ baseUrl: mock.baseUrl, credentials: { tokenUrl: mock.tokenUrl, clientId: admin.clientId, clientSecret: admin.clientSecret } });
    const created = await client.POST('/products', { body: { id: 'x', name: 'X' } });
    expect(created.response.status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await client.GET('/products/{id}', { params: { path: { id: 'x' } } })).data?.name).toBe('X');
    expect(mock.tokenRequests.byClientAndScopes()).toEqual({ [`products-admin ${createScope}`]: 1, [`products-admin ${readScope}`]: 1 });
  });

  it('counts the token requests of a client retrying through token faults, as they were sent', async () => {
    mock.reset();
    mock.fail('token', { status: 503, times: 2 });
    const admin = mock.clients[0]!;
    const client = createProductsClient({
      baseUrl: mock.baseUrl,
      credentials: { tokenUrl: mock.tokenUrl, clientId: admin.clientId, clientSecret: admin.clientSecret },
      token: { sleep: async () => undefined },
    });
    expect((await client.GET('/products')).response.status).toBe(200);
    expect(mock.tokenRequests.count({ client: 'products-admin' })).toBe(3);
    expect(mock.tokenRequests.count({ client: 'products-admin', status: 503 })).toBe(2);
  });

  it('a fault that never answers leaves the caller to its own abort, through setupServer too', async () => {
    const remove = mock.fail('listProducts', { delayMs: 'infinite' });
    const logged = vi.spyOn(console, 'error');
    try {
      const controller = new AbortController();
      const pending = fetch(`${mock.baseUrl}${collection}`, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('gave up waiting')), 10);
      await expect(pending).rejects.toThrow('gave up waiting');
      // The abort is the caller's own doing: MSW must not report it as the mock's unhandled exception.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      remove();
    }
  });

  it('lets the client recover from a 401 through setupServer: drop the token, fetch another, replay once', async () => {
    const admin = mock.clients[0]!;
    const client = createProductsClient({ baseUrl: mock.baseUrl, credentials: { tokenUrl: mock.tokenUrl, clientId: admin.clientId, clientSecret: admin.clientSecret } });
    await client.POST('/products', { body: { id: 'replayed', name: 'R' } });
    mock.revokeTokens();
    // The expired-token variant of this (examples/consumer) is the regression test for the replay
    // that once awaited body.cancel() on MSW's tee and hung.
    const read = await client.GET('/products/{id}', { params: { path: { id: 'replayed' } }, signal: AbortSignal.timeout(5000) });
    expect(read.response.status).toBe(200);
    expect(read.data?.name).toBe('R');
  });
});

describe('types', () => {
  it('types faults and seeds by the contract', () => {
    const mock = createProductsMock({ security: 'off' });
    const typed = () => {
      mock.fail('getProduct', { status: 404, body: { message: 'gone', code: 'not_found' } });
      // @ts-expect-error 409 is not a documented status of getProduct
      mock.fail('getProduct', { status: 409 });
      // @ts-expect-error not an Error.code of the contract
      mock.fail('getProduct', { status: 404, body: { message: 'gone', code: 'gone' } });
      // @ts-expect-error no such operation
      mock.fail('listThings', { networkError: true });
      // @ts-expect-error a seed needs a name
      createProductsMock({ seed: [{ id: 'x' }] });
    };
    expect(typeof typed).toBe('function');
    expect(mock.store.put({ name: 'typed', price: 1 }).version).toBe(1);
  });
});
