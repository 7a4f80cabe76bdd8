// The inventory job: page through every product and delete those nobody updated for a while.
import { ApiError, type Product, type ProductsClient } from '@org/products-client';

/** Options of {@link pruneStaleProducts}. */
export type PruneOptions = {
  /** A Products API client whose app client may read and delete products. */
  client: ProductsClient;
  /** A product whose `updatedAt` is before this instant is stale. */
  staleBefore: Date;
  /** Products per page while scanning (1 to 100; default 100). */
  pageSize?: number;
  /** Report what would be deleted without deleting anything. */
  dryRun?: boolean;
};

/** What one run did. */
export type PruneReport = {
  /** How many products were scanned. */
  scanned: number;
  /** Ids of the stale products found, in scan order. */
  stale: string[];
  /** Ids deleted by this run. */
  deleted: string[];
  /** Ids that were stale but already deleted by someone else when this run got to them (404). */
  alreadyGone: string[];
};

/** A failed API call of the job, with what to quote when reporting it. */
export class InventoryError extends Error {
  /** The API's error code (`internal_error`, ...) or `http_<status>`. */
  readonly code: string;
  /** The HTTP status the API answered. */
  readonly status: number;
  /** The API's request id, when the service answered. */
  readonly requestId: string | undefined;
  constructor(what: string, status: number, body: { message?: string; code?: string; requestId?: string } | undefined) {
    super(`${what} failed with ${status}: ${body?.message ?? 'no message'}${body?.requestId ? ` (requestId ${body.requestId})` : ''}`);
    // A literal: a minifier renames classes, so the constructor's name is not stable.
    this.name = 'InventoryError';
    this.code = body?.code ?? `http_${status}`;
    this.status = status;
    this.requestId = body?.requestId;
  }
}

/**
 * Pages through every product (`client.paginate` follows `nextCursor`) and returns those not updated since `staleBefore`.
 * @example const { scanned, stale } = await findStaleProducts(client, new Date('2025-01-01'));
 */
export async function findStaleProducts(client: ProductsClient, staleBefore: Date, pageSize = 100): Promise<{ scanned: number; stale: Product[] }> {
  const stale: Product[] = [];
  let scanned = 0;
  try {
    // The scan order is not sorted: never assume where a page starts or ends.
    for await (const product of client.paginate('/products', { params: { query: { limit: pageSize } } })) {
      scanned++;
      if (Date.parse(product.updatedAt) < staleBefore.getTime()) stale.push(product);
    }
  } catch (error) {
    // A failed page is an ApiError (after the client's retries); report it with what to quote.
    if (error instanceof ApiError) throw new InventoryError('Listing products', error.status, { ...error.body, ...(error.requestId ? { requestId: error.requestId } : {}) });
    throw error;
  }
  return { scanned, stale };
}

/**
 * Deletes every stale product. Scans first, then deletes, so a failure while scanning deletes nothing.
 * @example const report = await pruneStaleProducts({ client, staleBefore: new Date(Date.now() - 365 * 86_400_000) });
 */
export async function pruneStaleProducts(options: PruneOptions): Promise<PruneReport> {
  const { client, staleBefore, pageSize = 100, dryRun = false } = options;
  const { scanned, stale } = await findStaleProducts(client, staleBefore, pageSize);
  const report: PruneReport = { scanned, stale: stale.map((p) => p.id), deleted: [], alreadyGone: [] };
  if (dryRun) return report;
  for (const product of stale) {
    const { error, response } = await client.DELETE('/products/{id}', { params: { path: { id: product.id } } });
    if (response.status === 204) report.deleted.push(product.id);
    else if (response.status === 404) report.alreadyGone.push(product.id);
    else throw new InventoryError(`Deleting product ${JSON.stringify(product.id)}`, response.status, error);
  }
  return report;
}
