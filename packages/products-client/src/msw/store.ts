// The mock's table: products by id, scanned in DynamoDB's (dynalite's) order.
import type { components } from '../generated/openapi.ts';
import { ProductsMockError } from './errors.ts';
import { firstIssue } from './schema.ts';
import { scanKey } from './scan-order.ts';

/** A stored product, as openapi.yaml defines it. */
export type Product = components['schemas']['Product'];
/** The body of `createProduct`. */
export type NewProduct = components['schemas']['NewProduct'];
/** The body of `updateProduct`. */
export type ProductUpdate = components['schemas']['ProductUpdate'];
/**
 * A product to seed the mock with: a `NewProduct` whose stored fields (`createdAt`, `updatedAt`,
 * `createdBy`, `version`) may be given; missing ones are filled as a create at `now` would.
 */
export type ProductSeed = NewProduct & Partial<Pick<Product, 'createdAt' | 'updatedAt' | 'createdBy' | 'version'>>;

type Json = { readonly [key: string]: unknown };

/** The in-memory products table behind the mock; read and change it freely from tests. */
export class ProductStore {
  readonly #items = new Map<string, Product>();
  readonly #spec: Json;
  readonly #defaults: () => { now: string; createdBy: string };

  /** @internal Built by `createProductsMock`. */
  constructor(spec: Json, defaults: () => { now: string; createdBy: string }) {
    this.#spec = spec;
    this.#defaults = defaults;
  }

  /**
   * A copy of the product with this id, or `undefined`.
   * @example expect(mock.store.get('android')?.version).toBe(2);
   */
  get(id: string): Product | undefined {
    const product = this.#items.get(id);
    return product ? structuredClone(product) : undefined;
  }

  /**
   * Whether a product has this id.
   * @example expect(mock.store.has('android')).toBe(false);
   */
  has(id: string): boolean {
    return this.#items.has(id);
  }

  /** How many products are stored. */
  get size(): number {
    return this.#items.size;
  }

  /**
   * Copies of every product, in the API's scan order (not sorted).
   * @example expect(mock.store.list().map((p) => p.id).sort()).toEqual(['a', 'b']);
   */
  list(): Product[] {
    return [...this.#items.values()].sort((a, b) => (scanKey(a.id) < scanKey(b.id) ? -1 : 1)).map((p) => structuredClone(p));
  }

  /**
   * Stores a product (replacing one with the same id), filling the stored fields a create would;
   * throws `ProductsMockError` (`invalid_option`) when the result is no valid Product.
   * @example mock.store.put({ id: 'android', name: 'Android phone', price: 199.99 });
   */
  put(seed: ProductSeed): Product {
    const { now, createdBy } = this.#defaults();
    const product: Product = {
      id: seed.id ?? crypto.randomUUID(),
      name: seed.name,
      ...(seed.description === undefined ? {} : { description: seed.description }),
      ...(seed.price === undefined ? {} : { price: seed.price }),
      createdAt: seed.createdAt ?? now,
      updatedAt: seed.updatedAt ?? seed.createdAt ?? now,
      createdBy: seed.createdBy ?? createdBy,
      version: seed.version ?? 1,
    };
    const issue = firstIssue(this.#spec, { $ref: '#/components/schemas/Product' }, product);
    if (issue) {
      throw new ProductsMockError(
        'invalid_option',
        `The seed product ${JSON.stringify(seed.id ?? seed.name)} is not a valid Product at "${issue.instancePath || '/'}": ${issue.message}; fix the seed.`,
      );
    }
    this.#items.set(product.id, product);
    return structuredClone(product);
  }

  /**
   * Removes a product; true when it existed.
   * @example mock.store.delete('android');
   */
  delete(id: string): boolean {
    return this.#items.delete(id);
  }

  /**
   * Removes every product (`reset()` then stores the seed again).
   * @example mock.store.clear(); // the next list answers { items: [] }
   */
  clear(): void {
    this.#items.clear();
  }

  /** @internal Stores a product as is (the mock has validated it). */
  write(product: Product): void {
    this.#items.set(product.id, structuredClone(product));
  }

  /** @internal One page after `startId` (exclusive), as a DynamoDB Scan with `Limit` answers it. */
  scan(limit: number, startId: string | undefined): { items: Product[]; lastId: string | undefined } {
    const start = startId === undefined ? undefined : scanKey(startId);
    const after = this.list().filter((p) => start === undefined || scanKey(p.id) > start);
    const items = after.slice(0, limit);
    // DynamoDB (and dynalite) return a LastEvaluatedKey whenever the page is full, even if nothing follows.
    return { items, lastId: items.length === limit ? items.at(-1)?.id : undefined };
  }
}
