// The ProductRepository port, on both implementations: the same calls give the same results and the same
// domain errors, and pages come in the same (DynamoDB hash) order with the same resume keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlreadyExistsError, NotFoundError, PreconditionFailedError, ValidationError } from '../src/errors.ts';
import { InMemoryProductRepository } from '../src/memory-repository.ts';
import type { Product, ProductRepository } from '../src/repository.ts';
import { backends } from './backends.ts';

const at = '2026-11-26T10:00:00.000Z';
const product = (id: string, extra: Partial<Product> = {}): Product => ({ id, name: `name ${id}`, createdAt: at, updatedAt: at, createdBy: 'client', version: 1, ...extra });

/** Every page of a full scan: the ids of each page and the key it ended on. */
async function pages(repository: ProductRepository, limit: number): Promise<{ ids: string[]; lastKey: string | undefined }[]> {
  const out: { ids: string[]; lastKey: string | undefined }[] = [];
  let startKey: { id: string } | undefined;
  do {
    const page = await repository.list(limit, startKey);
    out.push({ ids: page.items.map((p) => p.id), lastKey: page.lastKey?.id });
    startKey = page.lastKey;
  } while (startKey && out.length < 100);
  return out;
}

const all = backends();
beforeAll(() => Promise.all(all.map((b) => b.start())));
afterAll(() => Promise.all(all.map((b) => b.stop())));

describe.each(all)('the $name repository', (backend) => {
  it('creates once (the second create of an id is AlreadyExistsError) and reads back what it stored', async () => {
    const repository = await backend.repository();
    const first = product('a', { description: '', price: 0 });
    expect(await repository.create(first)).toEqual(first);
    await expect(repository.create(product('a', { name: 'second' }))).rejects.toThrow(AlreadyExistsError);
    await expect(repository.create(product('a'))).rejects.toThrow('Product "a" exists already');
    expect(await repository.get('a')).toEqual(first);
  });

  it('answers NotFoundError for get, replace and delete of a missing id', async () => {
    const repository = await backend.repository();
    await expect(repository.get('none')).rejects.toThrow(new NotFoundError('Product "none" was not found.'));
    await expect(repository.replace('none', { name: 'x' }, { now: at })).rejects.toThrow(NotFoundError);
    await expect(repository.replace('none', { name: 'x' }, { now: at, ifMatch: { any: false, versions: [1], header: '"1"' } })).rejects.toThrow(NotFoundError);
    await expect(repository.replace('none', { name: 'x' }, { now: at, ifMatch: { any: true } })).rejects.toThrow(NotFoundError);
    await expect(repository.delete('none')).rejects.toThrow(NotFoundError);
    expect((await repository.list(10)).items).toEqual([]);
  });

  it('replaces the mutable fields, removes those left out, bumps the version and honours If-Match', async () => {
    const repository = await backend.repository();
    await repository.create(product('p', { description: 'old', price: 5 }));
    const later = '2026-11-26T11:00:00.000Z';
    const updated = await repository.replace('p', { name: 'new', price: 7.5 }, { now: later });
    expect(updated).toEqual({ id: 'p', name: 'new', price: 7.5, createdAt: at, updatedAt: later, createdBy: 'client', version: 2 });
    const stale = repository.replace('p', { name: 'lost' }, { now: later, ifMatch: { any: false, versions: [1], header: '"1"' } });
    await expect(stale).rejects.toThrow(new PreconditionFailedError('Product "p" is at version "2", not "1": read it again and retry.'));
    expect((await repository.replace('p', { name: 'v3' }, { now: later, ifMatch: { any: false, versions: [9, 2], header: '"9", "2"' } })).version).toBe(3);
    expect((await repository.replace('p', { name: 'v4' }, { now: later, ifMatch: { any: true } })).version).toBe(4);
    expect(await repository.get('p')).toEqual({ id: 'p', name: 'v4', createdAt: at, updatedAt: later, createdBy: 'client', version: 4 });
  });

  it('deletes an existing product once', async () => {
    const repository = await backend.repository();
    await repository.create(product('d'));
    await repository.delete('d');
    await expect(repository.get('d')).rejects.toThrow(NotFoundError);
    await expect(repository.delete('d')).rejects.toThrow(NotFoundError);
  });

  it('ends a full page with a resume key even when nothing follows, and resumes after a key that is not stored', async () => {
    const repository = await backend.repository();
    for (const id of ['x1', 'x2', 'x3']) await repository.create(product(id));
    const full = await repository.list(3);
    expect(full.items).toHaveLength(3);
    expect(full.lastKey).toEqual({ id: full.items[2]!.id });
    expect(await repository.list(3, full.lastKey)).toEqual({ items: [], lastKey: undefined });
    const resumed = await repository.list(10, { id: 'never-stored' });
    expect(resumed.lastKey).toBeUndefined();
    expect(resumed.items.length).toBeLessThanOrEqual(3);
  });

  it.each([
    ['an underflow', 1e-200],
    ['the smallest double', 5e-324],
    ['an overflow', 1e126],
    ['the largest double', Number.MAX_VALUE],
  ])('refuses a number DynamoDB cannot store (%s) with a ValidationError naming the field, and stores nothing', async (_, price) => {
    const repository = await backend.repository();
    const create = repository.create(product('n', { price }));
    await expect(create).rejects.toThrow(ValidationError);
    await expect(repository.create(product('n', { price }))).rejects.toThrow(`body.price: must be 0 or have a magnitude between 1E-130 and 9.99E+125, the range DynamoDB stores (got ${String(price)})`);
    await expect(repository.get('n')).rejects.toThrow(NotFoundError);
    await repository.create(product('n', { price: 1 }));
    await expect(repository.replace('n', { name: 'x', price }, { now: at })).rejects.toThrow(ValidationError);
    expect(await repository.get('n')).toMatchObject({ name: 'name n', price: 1, version: 1 });
  });

  it.each([[1e-130], [9.99e125], [-1e125], [2 ** 53 + 2], [0.30000000000000004]])('stores and reads back %s exactly', async (price) => {
    const repository = await backend.repository();
    await repository.create(product('edge', { price }));
    expect((await repository.get('edge')).price).toBe(price);
    expect((await repository.replace('edge', { name: 'e', price }, { now: at })).price).toBe(price);
    expect((await repository.list(1)).items[0]?.price).toBe(price);
  });
});

describe('both repositories alike', () => {
  it('list the same items in the same order, in the same pages with the same resume keys', async () => {
    const repositories = await Promise.all(all.map((b) => b.repository()));
    const ids = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `item-${i}` : i % 3 === 1 ? `P_${i * 7919}` : `z${i}`));
    for (const repository of repositories) for (const id of ids) await repository.create(product(id));
    const [dynamo, memory] = await Promise.all(repositories.map((r) => pages(r, 7)));
    expect(memory).toEqual(dynamo);
    expect(dynamo!.flatMap((p) => p.ids).sort()).toEqual([...ids].sort());
    // DynamoDB's order is a hash order, not sorted: a mock that sorted would hide code relying on sorting.
    expect(dynamo!.flatMap((p) => p.ids)).not.toEqual([...ids].sort());
  });
});

describe('the in-memory repository for tests (put, find, all, size, remove, clear)', () => {
  it('seeds valid products, hands out copies, and lists them in scan order', async () => {
    const repository = new InMemoryProductRepository();
    repository.put(product('b'));
    repository.put(product('a', { price: 3 }));
    expect(repository.size).toBe(2);
    expect(repository.all().map((p) => p.id)).toEqual((await repository.list(10)).items.map((p) => p.id));
    const copy = repository.find('a')!;
    copy.name = 'changed';
    expect(repository.find('a')?.name).toBe('name a');
    expect(repository.put(product('a', { version: 5 })).version).toBe(5);
    expect(repository.size).toBe(2);
    expect(repository.remove('a')).toBe(true);
    expect(repository.remove('a')).toBe(false);
    expect(repository.find('a')).toBeUndefined();
    repository.clear();
    expect(repository.size).toBe(0);
    expect(await repository.list(10)).toEqual({ items: [], lastKey: undefined });
  });

  it('refuses to seed something that is no valid Product of the contract, naming the field', () => {
    const repository = new InMemoryProductRepository();
    expect(() => repository.put({ ...product('bad'), version: 0 })).toThrow(/product\.version: must be >= 1/);
    expect(() => repository.put({ ...product('a b') })).toThrow(/product\.id: must match pattern/);
    expect(() => repository.put({ ...product('x'), extra: 1 } as Product)).toThrow(/unknown field "extra"/);
    // Refused by the contract's Price schema or by DynamoDB's number range, whichever comes first.
    expect(() => repository.put(product('tiny', { price: 1e-200 }))).toThrow(/product\.price: .*1e-200/);
    expect(repository.size).toBe(0);
  });
});
