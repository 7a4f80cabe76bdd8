// The port the service talks to: a products table with conditional writes. Two implementations behave
// alike, and one test suite runs against both: DynamoDB (`dynamodb-repository.ts`, the Lambda and the local
// stack) and in memory (`memory-repository.ts`, the MSW kit and fast tests).
import type { components } from './generated/openapi.ts';
import type { ProductKey } from './cursor.ts';
import type { IfMatch } from './etag.ts';
import { ValidationError } from './errors.ts';

/** A stored product, as the contract defines it. */
export type Product = components['schemas']['Product'];
/** The body of `createProduct`. */
export type NewProduct = components['schemas']['NewProduct'];
/** The body of `updateProduct`. */
export type ProductUpdate = components['schemas']['ProductUpdate'];

/** Options of `ProductRepository.replace`. */
export interface ReplaceOptions {
  /** The new `updatedAt` (ISO 8601). */
  now: string;
  /** The parsed `If-Match` header; absent for an unconditional update. */
  ifMatch?: IfMatch | undefined;
}

/** One page of a scan: the items in table order, and the key to resume after (absent on the last page). */
export interface ProductPage {
  items: Product[];
  lastKey: ProductKey | undefined;
}

/**
 * The products table as the service needs it. Every write is conditional; the domain errors are
 * `AlreadyExistsError` (create of an existing id), `NotFoundError`, `PreconditionFailedError` (If-Match) and
 * `ValidationError` (a number DynamoDB cannot store); anything else is an `InternalError`.
 */
export interface ProductRepository {
  /**
   * One page of a scan in the table's order (DynamoDB's hash order, not sorted), after `startKey`.
   * @example const { items, lastKey } = await repository.list(20);
   */
  list(limit: number, startKey?: ProductKey): Promise<ProductPage>;
  /**
   * Stores a new product unless its id exists: the first writer wins.
   * @example await repository.create(product);
   */
  create(product: Product): Promise<Product>;
  /**
   * One product by id (strongly consistent); NotFoundError when absent.
   * @example const product = await repository.get('android');
   */
  get(id: string): Promise<Product>;
  /**
   * Replaces the mutable fields of an existing product (a field left out is removed) and bumps its version,
   * only if it exists and, with `ifMatch`, only if its version is one of those named.
   * @example await repository.replace('android', { name: 'Phone' }, { now: new Date().toISOString() });
   */
  replace(id: string, update: ProductUpdate, options: ReplaceOptions): Promise<Product>;
  /**
   * Deletes an existing product; NotFoundError when absent.
   * @example await repository.delete('android');
   */
  delete(id: string): Promise<void>;
}

/** A stored item as the contract's Product: only its known fields, so stray attributes never leak. */
export function toProduct(item: Record<string, unknown>): Product {
  const product: Product = {
    id: String(item.id),
    name: String(item.name),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    createdBy: String(item.createdBy),
    version: Number(item.version),
  };
  if (typeof item.description === 'string') product.description = item.description;
  // lib-dynamodb reads a number beyond 2^53 as a bigint (or a NumberValue when asked to wrap numbers).
  if (item.price !== undefined && item.price !== null) product.price = Number(item.price);
  return product;
}

/** DynamoDB's number range: a magnitude from 1E-130 up to (not including) 1E+126, or zero. */
const MIN_MAGNITUDE = 1e-130;
const MAX_MAGNITUDE = 1e126;

/**
 * Whether DynamoDB can store a JavaScript number. A double never has more than 17 significant digits, so
 * only the range matters (the 38-digit rule cannot be broken by a parsed JSON number).
 * @example isStorableNumber(1e-200) === false; isStorableNumber(0) === true;
 */
export function isStorableNumber(value: number): boolean {
  const magnitude = Math.abs(value);
  return Number.isFinite(value) && (magnitude === 0 || (magnitude >= MIN_MAGNITUDE && magnitude < MAX_MAGNITUDE));
}

/**
 * The first number field of a product or update that DynamoDB cannot store, as a ValidationError (400)
 * naming the field and quoting the value; undefined when every number fits. Both repositories use it, so
 * they refuse the same numbers with the same words.
 * @example throw unstorableNumber({ name: 'a', price: 1e-200 }, 'body') ?? new Error('unreachable');
 */
export function unstorableNumber(fields: Record<string, unknown>, subject = 'body'): ValidationError | undefined {
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'number' && !isStorableNumber(value)) {
      return new ValidationError(
        `Invalid request body: ${subject}.${name}: must be 0 or have a magnitude between 1E-130 and 9.99E+125, the range DynamoDB stores (got ${String(value)}); send a number in that range.`,
      );
    }
  }
  return undefined;
}
