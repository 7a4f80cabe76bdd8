// End to end against the local stack on real sockets: the real token endpoint, JWKS, gateway
// authorizer, handler and dynalite.
import { startLocalStack, type LocalStack } from '@org/products-local';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ScopeError,
  TokenRequestError,
  createProductsClient,
  operations,
  type OperationId,
  type ProductsClientOptions,
} from '../src/index.ts';

let stack: LocalStack;
// The stack's clock: moved ahead to make the gateway see a token as expired before the client does.
let serverClockAhead = 0;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, inMemory: true, now: () => Date.now() + serverClockAhead });
}, 30_000);
afterAll(() => stack?.stop());

function app(name: 'products-admin' | 'products-reader') {
  const found = stack.clients.find((c) => c.name === name);
  if (!found) throw new Error(`the local stack has no ${name} client`);
  return found;
}

/** A client whose API requests are recorded (method, path, bearer token) on their way to the socket. */
function recordingClient(name: 'products-admin' | 'products-reader', options: Partial<ProductsClientOptions> = {}) {
  const { clientId, clientSecret } = app(name);
  const sent: { method: string; path: string; token: string; status?: number; message?: string }[] = [];
  const client = createProductsClient({
    baseUrl: stack.apiUrl,
    credentials: { tokenUrl: stack.tokenUrl, clientId, clientSecret },
    fetch: async (request) => {
      if (!request.url.startsWith(stack.apiUrl)) return fetch(request);
      const record: (typeof sent)[number] = { method: request.method, path: new URL(request.url).pathname, token: request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '' };
      sent.push(record);
      const response = await fetch(request);
      record.status = response.status;
      if (response.status === 401) record.message = ((await response.clone().json()) as { message: string }).message;
      return response;
    },
    ...options,
  } as ProductsClientOptions);
  return { client, sent, clientId };
}

describe('products client against the local stack', () => {
  it('runs every operation with a least-privilege token carrying only its scope', async () => {
    const { client, sent, clientId } = recordingClient('products-admin');
    const id = `e2e-${Date.now()}`;
    const calls: Record<OperationId, () => Promise<{ response: Response }>> = {
      createProduct: async () => {
        const r = await client.POST('/products', { body: { id, name: 'Phone', price: 100 } });
        expect(r.response.status).toBe(201);
        expect(r.data).toMatchObject({ id, name: 'Phone', price: 100, version: 1, createdBy: clientId });
        expect(r.response.headers.get('location')).toBe(`/${stack.stage}${operations.getProduct.path.replace('{id}', id)}`);
        return r;
      },
      getProduct: async () => {
        const r = await client.GET('/products/{id}', { params: { path: { id } } });
        expect(r.data).toMatchObject({ id, version: 1 });
        expect(r.response.headers.get('etag')).toBe('"1"');
        return r;
      },
      listProducts: async () => {
        const r = await client.GET('/products', { params: { query: { limit: 100 } } });
        expect(r.data?.items.map((p) => p.id)).toContain(id);
        return r;
      },
      updateProduct: async () => {
        const r = await client.PUT('/products/{id}', { params: { path: { id }, header: { 'If-Match': '"1"' } }, body: { name: 'Phone 2', price: 90 } });
        expect(r.data).toMatchObject({ id, name: 'Phone 2', version: 2 });
        return r;
      },
      deleteProduct: async () => {
        const r = await client.DELETE('/products/{id}', { params: { path: { id } } });
        expect(r.response.status).toBe(204);
        return r;
      },
    };
    for (const operationId of ['createProduct', 'getProduct', 'listProducts', 'updateProduct', 'deleteProduct'] as const) {
      await calls[operationId]();
      const { token, method } = sent.at(-1) ?? { token: '', method: '' };
      expect(method).toBe(operations[operationId].method);
      const claims = decodeJwt(token);
      expect(claims.scope, operationId).toBe(operations[operationId].scopes[0]);
      expect(claims).toMatchObject({ token_use: 'access', client_id: clientId, iss: stack.issuer });
      // The token is genuine: signed by a key of the pool's JWKS.
      await jwtVerify(token, createRemoteJWKSet(new URL(stack.jwksUrl)), { issuer: stack.issuer });
    }
    expect(Object.keys(calls).sort()).toEqual(Object.keys(operations).sort());

    const gone = await client.GET('/products/{id}', { params: { path: { id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.error).toMatchObject({ code: 'not_found', requestId: expect.any(String) });
    // One token per scope set: list and get share the read token.
    const scopeSets = new Set(Object.values(operations).map((op) => op.scopes[0]));
    expect(client.tokenProvider.stats()).toMatchObject({ requests: scopeSets.size, tokens: scopeSets.size });
  });

  it("combined: one token with all of the client's scopes serves every operation", async () => {
    const { client, sent } = recordingClient('products-admin', { scopeStrategy: 'combined' });
    const id = `e2e-combined-${Date.now()}`;
    expect((await client.POST('/products', { body: { id, name: 'A' } })).response.status).toBe(201);
    expect((await client.GET('/products')).response.status).toBe(200);
    expect((await client.DELETE('/products/{id}', { params: { path: { id } } })).response.status).toBe(204);
    expect(new Set(sent.map((s) => s.token)).size).toBe(1);
    expect(String(decodeJwt(sent[0]?.token ?? '').scope).split(' ').sort()).toEqual(app('products-admin').scopes.slice().sort());
    expect(client.tokenProvider.stats().requests).toBe(1);
  });

  it('a reader client gets a typed error on create, and reads fine', async () => {
    const { client, sent } = recordingClient('products-reader');
    expect((await client.GET('/products')).response.status).toBe(200);
    const error = await client.POST('/products', { body: { name: 'nope' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({ code: 'invalid_scope', status: 400, attempts: 1 });
    expect(sent.map((s) => s.method)).toEqual(['GET']);

    // Told its scopes, the reader fails before any request.
    const { client: told } = recordingClient('products-reader', { scopes: app('products-reader').scopes as never });
    await expect(told.DELETE('/products/{id}', { params: { path: { id: 'x' } } })).rejects.toBeInstanceOf(ScopeError);
    expect(told.tokenProvider.stats().requests).toBe(0);
  });

  it('survives a key rotation through the 401 replay', async () => {
    const { client, sent } = recordingClient('products-admin');
    expect((await client.GET('/products')).response.status).toBe(200);
    const before = sent.at(-1)?.token ?? '';

    await stack.rotateKeys();
    // The old key stays in the JWKS: the cached token still works, no new token.
    expect((await client.GET('/products')).response.status).toBe(200);
    expect(sent.at(-1)?.token).toBe(before);

    await stack.dropOldKeys();
    const after = await client.GET('/products');
    expect(after.response.status).toBe(200);
    const [refused, replayed] = sent.slice(-2);
    expect(refused?.token).toBe(before);
    expect(replayed?.token).not.toBe(before);
    expect(decodeProtectedHeader(replayed?.token ?? '').kid).not.toBe(decodeProtectedHeader(before).kid);
    expect(client.tokenProvider.stats()).toMatchObject({ requests: 2, invalidations: 1 });
  });

  it('replaces a token the gateway calls expired (server clock ahead of the client) through the replay', async () => {
    const { client, sent } = recordingClient('products-admin');
    expect((await client.GET('/products')).response.status).toBe(200);
    serverClockAhead = 2 * 3600_000;
    try {
      const { response } = await client.GET('/products');
      expect(response.status).toBe(200);
    } finally {
      serverClockAhead = 0;
    }
    expect(sent.slice(-2).map((s) => [s.status, s.message])).toEqual([
      [401, 'The incoming token has expired'],
      [200, undefined],
    ]);
    expect(client.tokenProvider.stats()).toMatchObject({ requests: 2, invalidations: 1 });
  });
});
