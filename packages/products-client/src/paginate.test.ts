// client.paginate and client.modify over a small in-process products API (fake token endpoint,
// an in-memory list with cursors, versions and If-Match).
import { describe, expect, it } from 'vitest';
import { fakeApi, fakeTokenEndpoint, type ApiCall } from '../test/fakes.ts';
import { createProductsClient } from './client.ts';
import { ApiError } from './errors.ts';
import type { components } from './generated/openapi.ts';

type Product = components['schemas']['Product'];
const BASE = 'https://api.example.test/dev';

function productsApi(count: number) {
  const store = new Map<string, Product>();
  for (let i = 0; i < count; i++) {
    const id = `p${String(i).padStart(2, '0')}`;
    store.set(id, { id, name: `Product ${i}`, price: i, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', createdBy: 'app', version: 1 });
  }
  const queries: URLSearchParams[] = [];
  /** Called before a PUT is applied: lets a test change the product "meanwhile". */
  let beforeWrite: ((id: string) => void) | undefined;
  const answer = (call: ApiCall): Response => {
    const url = new URL(call.url);
    const id = decodeURIComponent(url.pathname.split('/products/')[1] ?? '');
    if (call.method === 'GET' && !id) {
      queries.push(url.searchParams);
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const ids = [...store.keys()];
      const start = url.searchParams.has('cursor') ? ids.indexOf(atob(url.searchParams.get('cursor') ?? '')) + 1 : 0;
      const items = ids.slice(start, start + limit).map((k) => store.get(k)!);
      const last = items.at(-1);
      return Response.json(start + limit < ids.length && last ? { items, nextCursor: btoa(last.id) } : { items });
    }
    const product = store.get(id);
    if (!product) return Response.json({ message: `Product "${id}" was not found.`, code: 'not_found', requestId: 'r-404' }, { status: 404 });
    if (call.method === 'GET') return Response.json(product, { headers: { ETag: `"${product.version}"` } });
    if (call.method === 'PUT') {
      beforeWrite?.(id);
      const current = store.get(id)!;
      if (call.headers.get('if-match') !== `"${current.version}"`) {
        return Response.json({ message: 'changed', code: 'precondition_failed', requestId: 'r-412' }, { status: 412, headers: { 'x-amzn-RequestId': 'gw-412' } });
      }
      const next = { ...current, ...(JSON.parse(call.body) as object), version: current.version + 1 };
      store.set(id, next);
      return Response.json(next, { headers: { ETag: `"${next.version}"` } });
    }
    return new Response(null, { status: 405 });
  };
  const endpoint = fakeTokenEndpoint();
  const api = fakeApi(endpoint, answer);
  const client = createProductsClient({ baseUrl: BASE, credentials: { tokenUrl: endpoint.tokenUrl, clientId: 'app', clientSecret: 's' }, fetch: api.fetch });
  return {
    client,
    store,
    queries,
    api,
    setBeforeWrite(fn: (id: string) => void) {
      beforeWrite = fn;
    },
  };
}

describe('client.paginate', () => {
  it('yields every item across pages, following nextCursor with the given query', async () => {
    const { client, queries } = productsApi(23);
    const ids: string[] = [];
    for await (const product of client.paginate('/products', { params: { query: { limit: 10 } } })) ids.push(product.id);
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    expect(queries.map((q) => [q.get('limit'), q.has('cursor')])).toEqual([
      ['10', false],
      ['10', true],
      ['10', true],
    ]);
  });

  it('exposes the pages, and each iteration starts again from the first page', async () => {
    const { client, api } = productsApi(5);
    const list = client.paginate('/products', { params: { query: { limit: 2 } } });
    const sizes: number[] = [];
    for await (const page of list.pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([2, 2, 1]);
    let again = 0;
    for await (const _ of list) again++;
    expect(again).toBe(5);
    expect(api.calls).toHaveLength(6);
  });

  it('stops early on break (no further request), after maxPages, and starts at startCursor', async () => {
    const { client, api } = productsApi(30);
    for await (const product of client.paginate('/products', { params: { query: { limit: 5 } } })) {
      if (product.id === 'p01') break;
    }
    expect(api.calls).toHaveLength(1);
    const pages: string[][] = [];
    for await (const page of client.paginate('/products', { params: { query: { limit: 5 } }, maxPages: 2, startCursor: btoa('p04') }).pages()) pages.push(page.items.map((p) => p.id));
    expect(pages).toEqual([
      ['p05', 'p06', 'p07', 'p08', 'p09'],
      ['p10', 'p11', 'p12', 'p13', 'p14'],
    ]);
  });

  it('throws an ApiError for a failed page, even on a client without throwOnError', async () => {
    const endpoint = fakeTokenEndpoint();
    const api = fakeApi(endpoint, () => Response.json({ message: 'Cursor is invalid.', code: 'invalid_cursor', requestId: 'r-1' }, { status: 400 }));
    const client = createProductsClient({ baseUrl: BASE, credentials: { tokenUrl: endpoint.tokenUrl, clientId: 'a', clientSecret: 's' }, fetch: api.fetch });
    const iterate = async () => {
      for await (const _ of client.paginate('/products', { startCursor: 'bad' })) void _;
    };
    await expect(iterate()).rejects.toMatchObject({ name: 'ApiError', code: 'invalid_cursor', status: 400, requestId: 'r-1', attempts: 1 });
  });

  it('refuses a maxPages that is not a positive integer', () => {
    const { client } = productsApi(1);
    expect(() => client.paginate('/products', { maxPages: 0 })).toThrow(expect.objectContaining({ name: 'ConfigurationError', message: expect.stringContaining('maxPages') }));
  });
});

describe('client.modify', () => {
  it('reads, changes and writes with If-Match set to the version read', async () => {
    const { client, api } = productsApi(1);
    const updated = await client.modify('p00', (p) => ({ name: `${p.name}!`, price: (p.price ?? 0) + 5 }));
    expect(updated).toMatchObject({ id: 'p00', name: 'Product 0!', price: 5, version: 2 });
    expect(api.calls.map((c) => [c.method, c.headers.get('if-match')])).toEqual([
      ['GET', null],
      ['PUT', '"1"'],
    ]);
  });

  it('reads again and re-applies the change after a 412, up to maxAttempts rounds', async () => {
    const { client, store, setBeforeWrite } = productsApi(1);
    let meddle = 1;
    setBeforeWrite((id) => {
      // Someone else writes between our read and our write, once.
      if (meddle-- > 0) store.set(id, { ...store.get(id)!, price: 100, version: store.get(id)!.version + 1 });
    });
    const seen: number[] = [];
    const updated = await client.modify('p00', (p) => {
      seen.push(p.version);
      return { name: p.name, price: (p.price ?? 0) + 1 };
    });
    expect(seen).toEqual([1, 2]);
    expect(updated).toMatchObject({ price: 101, version: 3 });
  });

  it('gives up with the 412 as an ApiError when the product keeps changing', async () => {
    const { client, store, setBeforeWrite } = productsApi(1);
    setBeforeWrite((id) => store.set(id, { ...store.get(id)!, version: store.get(id)!.version + 1 }));
    const rounds: number[] = [];
    const error = await client.modify('p00', (p) => (rounds.push(p.version), { name: p.name }), { maxAttempts: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'precondition_failed', status: 412, requestId: 'gw-412' });
    expect(rounds).toHaveLength(2);
  });

  it('a missing product is an ApiError not_found, and the change is never called', async () => {
    const { client } = productsApi(0);
    let called = false;
    await expect(client.modify('nope', (p) => ((called = true), { name: p.name }))).rejects.toMatchObject({ name: 'ApiError', code: 'not_found', status: 404 });
    expect(called).toBe(false);
  });
});
