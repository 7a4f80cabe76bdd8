// Conditional writes under contention, on both repositories: the first writer wins, nothing is overwritten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './backends.ts';
import { expectDocumented } from './contract.ts';
import { context, event } from './events.ts';

describe.each(backends())('on the $name repository', (backend) => {
  beforeAll(() => backend.start());
  afterAll(() => backend.stop());

  it('100 concurrent creates of 10 ids: exactly 10 succeed, 90 get 409, 10 items stored, each by its first writer', async () => {
    const handler = await backend.handler({ log: () => undefined });
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const result = expectDocumented('createProduct', await handler(event('createProduct', { json: { id: `id-${i % 10}`, name: `writer-${i}` } }), context()));
        return { i, result };
      }),
    );
    const created = results.filter((r) => r.result.statusCode === 201);
    const conflicts = results.filter((r) => r.result.statusCode === 409);
    expect(created).toHaveLength(10);
    expect(conflicts).toHaveLength(90);
    expect(new Set(created.map((r) => JSON.parse(r.result.body).id)).size).toBe(10);
    for (const { result } of conflicts) expect(JSON.parse(result.body).code).toBe('already_exists');

    const page = expectDocumented('listProducts', await handler(event('listProducts', { query: { limit: '100' } }), context()));
    const items: { id: string; name: string; version: number }[] = JSON.parse(page.body).items;
    expect(items).toHaveLength(10);
    const winners = new Map(created.map((r) => [JSON.parse(r.result.body).id as string, JSON.parse(r.result.body).name as string]));
    for (const item of items) {
      expect(item.version).toBe(1);
      expect(item.name).toBe(winners.get(item.id));
    }
  });

  it('20 concurrent updates with the same If-Match: exactly one wins, 19 get 412, version 2', async () => {
    const handler = await backend.handler({ log: () => undefined });
    expectDocumented('createProduct', await handler(event('createProduct', { json: { id: 'hot', name: 'v1' } }), context()));
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) =>
        expectDocumented(
          'updateProduct',
          await handler(event('updateProduct', { pathParameters: { id: 'hot' }, headers: { 'If-Match': '"1"' }, json: { name: `u${i}` } }), context()),
        ),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 412)).toHaveLength(19);
    const read = expectDocumented('getProduct', await handler(event('getProduct', { pathParameters: { id: 'hot' } }), context()));
    expect(JSON.parse(read.body).version).toBe(2);
    expect(read.headers?.ETag).toBe('"2"');
  });
});
