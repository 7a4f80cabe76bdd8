// The walkthrough's Step 4 end to end over HTTP, against the real products handler and dynalite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations, loadSpec } from '@org/products-contract';
import { startLocalStack, type LocalStack } from '../src/index.ts';
import { client, token, errorBody } from './helpers.ts';

const ops = listOperations(loadSpec());
const scopeOf = (operationId: string): string => ops.find((o) => o.operationId === operationId)!.scopes[0]!;
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, inMemory: true });
});
afterAll(() => stack?.stop());

// As the walkthrough sends it: `-H 'Authorization:<access_token>'`, no Bearer prefix.
const api = (path: string, jwt: string | undefined, init: RequestInit = {}): Promise<Response> =>
  fetch(`${stack.apiUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(jwt ? { authorization: jwt } : {}), ...(init.headers as Record<string, string>) } });

describe("the walkthrough's Step 4", () => {
  it('token with every scope; create two products; list; delete; a create-only token; no token', async () => {
    const admin = client(stack, 'products-admin');
    const all = await token(stack, admin);
    const granted = JSON.parse(Buffer.from(all.split('.')[1]!, 'base64url').toString()).scope as string;
    expect(granted.split(' ').sort()).toEqual([...admin.scopes].sort());

    for (const [id, name] of [['1', 'android'], ['2', 'apple']]) {
      const created = await api('/products', all, { method: 'POST', body: JSON.stringify({ id, name }) });
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toBe(`/dev/products/${id}`);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(await created.json()).toMatchObject({ id, name, createdBy: admin.clientId, version: 1 });
    }

    const listed = await api('/products', all);
    expect(listed.status).toBe(200);
    const page = (await listed.json()) as { items: { id: string }[] };
    expect(page.items.map((p) => p.id).sort()).toEqual(['1', '2']);

    const deleted = await api('/products/1', all, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    const after = (await (await api('/products', all)).json()) as { items: { id: string }[] };
    expect(after.items.map((p) => p.id)).toEqual(['2']);
    expect((await api('/products/1', all)).status).toBe(404);

    const createOnly = await token(stack, admin, scopeOf('createProduct'));
    const get = await api('/products', createOnly);
    expect([get.status, await errorBody(get)]).toEqual([401, { message: 'Unauthorized', code: 'unauthorized' }]);
    const del = await api('/products/2', createOnly, { method: 'DELETE' });
    expect([del.status, await errorBody(del)]).toEqual([401, { message: 'Unauthorized', code: 'unauthorized' }]);
    const post = await api('/products', createOnly, { method: 'POST', body: JSON.stringify({ id: '3', name: 'pear' }) });
    expect(post.status).toBe(201);

    const anonymous = await api('/products', undefined);
    expect([anonymous.status, await errorBody(anonymous)]).toEqual([401, { message: 'Unauthorized', code: 'unauthorized' }]);
    // The failed calls changed nothing.
    const final = (await (await api('/products', all)).json()) as { items: { id: string }[] };
    expect(final.items.map((p) => p.id).sort()).toEqual(['2', '3']);
  });

  it('the reader client can read and nothing else', async () => {
    const reader = await token(stack, client(stack, 'products-reader'));
    expect((await api('/products', reader)).status).toBe(200);
    expect((await api('/products', reader, { method: 'POST', body: '{"name":"x"}' })).status).toBe(401);
    expect((await api('/products/2', reader, { method: 'PUT', body: '{"name":"x"}' })).status).toBe(401);
  });
});
