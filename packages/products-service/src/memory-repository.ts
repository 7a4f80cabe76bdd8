// The products table in memory, behaving as the DynamoDB repository does on DynamoDB: the same conditional
// writes and domain errors, versions, the same numbers refused, and pages in DynamoDB's scan order (as the
// local stack's dynalite returns them), so a cursor from one page resumes where DynamoDB would. Web APIs only:
// the MSW kit runs it in browsers. Beyond the port it offers what a test needs to look inside (put, find,
// all, size, remove, clear).
import type { ProductKey } from './cursor.ts';
import { AlreadyExistsError, NotFoundError, PreconditionFailedError, ValidationError } from './errors.ts';
import { toProduct, unstorableNumber, type Product, type ProductPage, type ProductRepository, type ProductUpdate, type ReplaceOptions } from './repository.ts';
import { scanKey } from './scan-order.ts';
import { describeErrors, validatorFor } from './validation.ts';

/** A stored product: the product and its position in the scan order, computed once. */
type Entry = { product: Product; position: string };

/**
 * An in-memory products table. Every read returns a copy, so a caller cannot change what is stored by
 * changing what it got.
 * @example const repository = new InMemoryProductRepository(); const handler = createService({ repository });
 */
export class InMemoryProductRepository implements ProductRepository {
  readonly #entries = new Map<string, Entry>();
  // Kept sorted by scan position on write, so a page is a binary search and a slice, not a sort.
  #order: Entry[] = [];

  #store(product: Product): void {
    const existing = this.#entries.get(product.id);
    // Stored as DynamoDB reads an item back (toProduct): the same fields in the same order, so answers match byte for byte.
    const entry: Entry = { product: toProduct(structuredClone(product)), position: existing?.position ?? scanKey(product.id) };
    this.#entries.set(product.id, entry);
    const index = this.#indexOf(entry.position);
    if (existing) this.#order[index] = entry;
    else this.#order.splice(index, 0, entry);
  }

  /** The index of the first entry at or after a scan position. */
  #indexOf(position: string): number {
    let low = 0;
    let high = this.#order.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#order[mid]!.position < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  async list(limit: number, startKey?: ProductKey): Promise<ProductPage> {
    let start = 0;
    if (startKey) {
      // A start key is a position in the hash order, whether or not an item has that key (as in DynamoDB).
      const position = scanKey(startKey.id);
      start = this.#indexOf(position);
      if (this.#order[start]?.position === position) start++;
    }
    const page = this.#order.slice(start, start + limit);
    const items = page.map((entry) => structuredClone(entry.product));
    // DynamoDB (and dynalite) return a LastEvaluatedKey whenever the page is full, even if nothing follows.
    // (DynamoDB also ends a page at 1 MB read; the contract's size limits keep 100 products far below that.)
    const last = page.length === limit ? page.at(-1) : undefined;
    return { items, lastKey: last ? { id: last.product.id } : undefined };
  }

  async create(product: Product): Promise<Product> {
    const rejected = unstorableNumber(product);
    if (rejected) throw rejected;
    if (this.#entries.has(product.id)) {
      throw new AlreadyExistsError(`Product ${JSON.stringify(product.id)} exists already; choose another id, or leave it out to get a generated one.`);
    }
    this.#store(product);
    return structuredClone(product);
  }

  async get(id: string): Promise<Product> {
    const product = this.find(id);
    if (!product) throw new NotFoundError(`Product ${JSON.stringify(id)} was not found.`);
    return product;
  }

  async replace(id: string, update: ProductUpdate, options: ReplaceOptions): Promise<Product> {
    const rejected = unstorableNumber({ ...update });
    if (rejected) throw rejected;
    const current = this.#entries.get(id)?.product;
    if (!current) throw new NotFoundError(`Product ${JSON.stringify(id)} was not found.`);
    const { ifMatch } = options;
    if (ifMatch && !ifMatch.any && !ifMatch.versions.includes(current.version)) {
      throw new PreconditionFailedError(`Product ${JSON.stringify(id)} is at version "${current.version}", not ${ifMatch.header}: read it again and retry.`);
    }
    const next: Product = {
      id: current.id,
      name: update.name,
      ...(update.description === undefined ? {} : { description: update.description }),
      ...(update.price === undefined ? {} : { price: update.price }),
      createdAt: current.createdAt,
      updatedAt: options.now,
      createdBy: current.createdBy,
      version: current.version + 1,
    };
    this.#store(next);
    return this.find(id)!;
  }

  async delete(id: string): Promise<void> {
    if (!this.remove(id)) throw new NotFoundError(`Product ${JSON.stringify(id)} was not found.`);
  }

  /**
   * Stores a product as is, replacing one with the same id (for seeding tests). Throws a ValidationError
   * when it is no valid Product of the contract, or has a number DynamoDB could not store.
   * @example repository.put({ id: 'android', name: 'Android phone', createdAt, updatedAt: createdAt, createdBy: 'seed', version: 1 });
   */
  put(product: Product): Product {
    const validate = validatorFor('schema.Product');
    if (!validate(product)) {
      throw new ValidationError(`Invalid product: ${describeErrors('product', product, validate.errors).join('; ')}.`);
    }
    const rejected = unstorableNumber(product, 'product');
    if (rejected) throw rejected;
    this.#store(product);
    return this.find(product.id)!;
  }

  /**
   * A copy of the product with this id, or undefined.
   * @example expect(repository.find('android')?.version).toBe(2);
   */
  find(id: string): Product | undefined {
    const entry = this.#entries.get(id);
    return entry ? structuredClone(entry.product) : undefined;
  }

  /**
   * Copies of every product, in scan order (DynamoDB's hash order, not sorted).
   * @example expect(repository.all().map((p) => p.id).sort()).toEqual(['a', 'b']);
   */
  all(): Product[] {
    return this.#order.map((entry) => structuredClone(entry.product));
  }

  /** How many products are stored. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Removes a product; true when it existed.
   * @example repository.remove('android');
   */
  remove(id: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    this.#entries.delete(id);
    this.#order.splice(this.#indexOf(entry.position), 1);
    return true;
  }

  /**
   * Removes every product.
   * @example repository.clear(); // the next list answers { items: [] }
   */
  clear(): void {
    this.#entries.clear();
    this.#order = [];
  }
}
