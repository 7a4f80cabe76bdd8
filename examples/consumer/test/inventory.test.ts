// Contract tests of the inventory job against @org/products-client/msw: a mock that answers like
// the real API (token endpoint, authorizer, validation, the service's semantics), not like a stub.
import { NetworkError, createProductsClient, operations, type ProductsClient } from '@org/products-client';
import { createProductsMock, type ProductSeed } from '@org/products-client/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InventoryError, pruneStaleProducts } from '../src/inventory.js';

const DAY = 86_400_000;
let clock = Date.UTC(2026, 10, 26, 12);
const staleBefore = new Date(clock - 365 * DAY);

// 25 products, every third one untouched for two years.
const seed: ProductSeed[] = Array.from({ length: 25 }, (_, i) => {
  const updatedAt = new Date(clock - (i % 3 === 0 ? 730 : 10) * DAY).toISOString();
  return { id: `sku-${i}`, name: `Product ${i}`, price: i, createdAt: updatedAt, updatedAt };
});
const staleIds = seed.filter((_, i) => i % 3 === 0).map((p) => p.id!);

const mock = createProductsMock({ seed, now: () => clock });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
  clock = Date.UTC(2026, 10, 26, 12);
});
afterAll(() => server.close());

const read = operations.listProducts.scopes[0];
const remove = operations.deleteProduct.scopes[0];

function clientFor(name: 'products-admin' | 'products-reader', fetch?: (request: Request) => Promise<Response>): ProductsClient {
  const app = mock.clients.find((c) => c.name === name)!;
  return createProductsClient({
    baseUrl: mock.baseUrl,
    credentials: { tokenUrl: mock.tokenUrl, clientId: app.clientId, clientSecret: app.clientSecret },
    scopes: [read, remove],
    ...(fetch ? { fetch } : {}),
  });
}

describe('pruneStaleProducts', () => {
  it('pages through every product and deletes exactly the stale ones', async () => {
    const report = await pruneStaleProducts({ client: clientFor('products-admin'), staleBefore, pageSize: 7 });
    expect(report.scanned).toBe(25);
    expect([...report.deleted].sort()).toEqual([...staleIds].sort());
    expect(mock.store.size).toBe(25 - staleIds.length);
    expect(mock.store.list().every((p) => Date.parse(p.updatedAt) >= staleBefore.getTime())).toBe(true);
  });

  it('asks the token endpoint once per scope, however many calls it makes', async () => {
    await pruneStaleProducts({ client: clientFor('products-admin'), staleBefore, pageSize: 5 });
    expect(mock.tokenRequests.byClientAndScopes()).toEqual({ [`products-admin ${read}`]: 1, [`products-admin ${remove}`]: 1 });
  });

  it('deletes nothing in a dry run', async () => {
    const report = await pruneStaleProducts({ client: clientFor('products-admin'), staleBefore, dryRun: true });
    expect(report.stale).toHaveLength(staleIds.length);
    expect(report.deleted).toEqual([]);
    expect(mock.store.size).toBe(25);
  });

  it('counts a product someone else deleted meanwhile as already gone', async () => {
    mock.fail('deleteProduct', { status: 404, times: 1 });
    const report = await pruneStaleProducts({ client: clientFor('products-admin'), staleBefore });
    expect(report.alreadyGone).toHaveLength(1);
    expect(report.deleted).toHaveLength(staleIds.length - 1);
  });

  it('fails with the requestId to quote when the API answers 500, having deleted nothing', async () => {
    mock.fail('listProducts', { status: 500, times: 1 });
    const failure = pruneStaleProducts({ client: clientFor('products-admin'), staleBefore });
    await expect(failure).rejects.toBeInstanceOf(InventoryError);
    await expect(failure).rejects.toMatchObject({ code: 'internal_error', status: 500, requestId: expect.any(String) });
    expect(mock.store.size).toBe(25);
  });

  it('cannot delete with the read-only app client: the token endpoint refuses the delete scope', async () => {
    const failure = pruneStaleProducts({ client: clientFor('products-reader'), staleBefore });
    await expect(failure).rejects.toMatchObject({ code: 'invalid_scope' });
    expect(mock.store.size).toBe(25);
  });

  it('recovers when the API says a cached token has expired (the client fetches a new one and replays)', async () => {
    const client = clientFor('products-admin');
    await pruneStaleProducts({ client, staleBefore, dryRun: true });
    // The mock's clock passes the token's exp; the client's own clock still trusts its cached token.
    clock += 2 * 3600_000;
    const report = await pruneStaleProducts({ client, staleBefore, dryRun: true });
    expect(report.scanned).toBe(25);
    expect(mock.tokenRequests.count({ client: 'products-admin', scopes: [read], status: 200 })).toBe(2);
  });

  it('surfaces a dropped connection instead of reporting success: a NetworkError after the client retried the DELETE', async () => {
    mock.fail('deleteProduct', { networkError: true });
    const failure = pruneStaleProducts({ client: clientFor('products-admin'), staleBefore });
    await expect(failure).rejects.toBeInstanceOf(NetworkError);
    await expect(failure).rejects.toMatchObject({ name: 'NetworkError', code: 'network_error', method: 'DELETE', attempts: 3 });
  });

  it('rides out a throttled list (429) and a gateway timeout on delete (504): the client retries them', async () => {
    mock.fail('listProducts', { status: 429, times: 1 });
    mock.fail('deleteProduct', { status: 504, times: 2 });
    const report = await pruneStaleProducts({ client: clientFor('products-admin'), staleBefore });
    expect([...report.deleted].sort()).toEqual([...staleIds].sort());
  });
});
