// The mock's table as a test sees it: a window on the service's in-memory repository, the very one
// the real handler reads and writes behind the mock's gateway. Only the inspection API is the mock's
// own; conditional writes, versions and scan order are the repository's.
import { ProductsMockError } from './errors.ts';
import type { Product, ProductSeed } from './types.ts';

/**
 * @internal What the store needs of the repository (the service's `InMemoryProductRepository`),
 * declared here so that the published types name no private package.
 */
export interface StoreBackend {
  put(product: Product): Product;
  find(id: string): Product | undefined;
  all(): Product[];
  readonly size: number;
  remove(id: string): boolean;
  clear(): void;
}

/** @internal Checks a product against the contract's Product schema: the first problem, or undefined. */
export type ProductCheck = (product: Product) => { instancePath: string; message: string } | undefined;

/** The in-memory products table behind the mock; read and change it freely from tests. */
export class ProductStore {
  readonly #backend: StoreBackend;
  readonly #check: ProductCheck;
  readonly #defaults: () => { now: string; createdBy: string };

  /** @internal Built by `createProductsMock`. */
  constructor(backend: StoreBackend, check: ProductCheck, defaults: () => { now: string; createdBy: string }) {
    this.#backend = backend;
    this.#check = check;
    this.#defaults = defaults;
  }

  /**
   * A copy of the product with this id, or `undefined`.
   * @example expect(mock.store.get('android')?.version).toBe(2);
   */
  get(id: string): Product | undefined {
    return this.#backend.find(id);
  }

  /**
   * Whether a product has this id.
   * @example expect(mock.store.has('android')).toBe(false);
   */
  has(id: string): boolean {
    return this.#backend.find(id) !== undefined;
  }

  /** How many products are stored. */
  get size(): number {
    return this.#backend.size;
  }

  /**
   * Copies of every product, in the API's scan order (DynamoDB's hash order, not sorted).
   * @example expect(mock.store.list().map((p) => p.id).sort()).toEqual(['a', 'b']);
   */
  list(): Product[] {
    return this.#backend.all();
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
    const name = JSON.stringify(seed.id ?? seed.name);
    const issue = this.#check(product);
    if (issue) {
      throw new ProductsMockError('invalid_option', `The seed product ${name} is not a valid Product at "${issue.instancePath || '/'}": ${issue.message}; fix the seed.`);
    }
    try {
      return this.#backend.put(product);
    } catch (cause) {
      // The repository refuses what DynamoDB could not store (a price of 1e-200), in its own words.
      throw new ProductsMockError('invalid_option', `The seed product ${name} cannot be stored: ${(cause as Error).message}`, { cause });
    }
  }

  /**
   * Removes a product; true when it existed.
   * @example mock.store.delete('android');
   */
  delete(id: string): boolean {
    return this.#backend.remove(id);
  }

  /**
   * Removes every product (`reset()` then stores the seed again).
   * @example mock.store.clear(); // the next list answers { items: [] }
   */
  clear(): void {
    this.#backend.clear();
  }
}
