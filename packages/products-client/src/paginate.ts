import type { HeadersOptions } from 'openapi-fetch';
import type { paths } from './generated/openapi.ts';
import type { ApiRetryOptions } from './client.ts';
import { ConfigurationError } from './errors.ts';

type JsonOk<Op> = Op extends { responses: { 200: { content: { 'application/json': infer Body } } } } ? Body : never;

/** The paths whose GET answers pages (`items` and an optional `nextCursor`) and takes a `cursor` query parameter: `/products`. */
export type PaginatedPath = {
  [P in keyof paths]: paths[P] extends { get: infer Op }
    ? Op extends { parameters: { query?: { cursor?: string } } }
      ? JsonOk<Op> extends { items: readonly unknown[]; nextCursor?: string }
        ? P
        : never
      : never
    : never;
}[keyof paths];

type GetOf<P extends PaginatedPath> = paths[P] extends { get: infer Op } ? Op : never;
/** One page of a paged path, as the API answers it. */
export type PageOf<P extends PaginatedPath> = JsonOk<GetOf<P>>;
/** One item of a paged path. */
export type ItemOf<P extends PaginatedPath> = PageOf<P> extends { items: readonly (infer Item)[] } ? Item : never;
type QueryOf<P extends PaginatedPath> = NonNullable<GetOf<P> extends { parameters: { query?: infer Q } } ? Q : never>;

/** Options of `client.paginate`: the list's query parameters except `cursor`, and per-call options. */
export interface PaginateInit<P extends PaginatedPath> {
  /** The query parameters sent with every page (e.g. `limit`); `cursor` is the paginator's. */
  params?: { query?: Omit<QueryOf<P>, 'cursor'> };
  /** Start after this cursor (a `nextCursor` kept from an earlier run) instead of at the first page. */
  startCursor?: string;
  /** Stop after this many pages (default: until the last page). */
  maxPages?: number;
  /** Headers sent with every page request. */
  headers?: HeadersOptions;
  /** Aborts the paging (the current request and every later one). */
  signal?: AbortSignal;
  /** Per-request timeout, as for any call. */
  timeoutMs?: number;
  /** Retry bounds for each page request, as for any call. */
  retry?: ApiRetryOptions | false;
}

/** The items of a paged list (`for await`), with its pages on `.pages()`. Each iteration starts from the first page again. */
export interface Paginated<P extends PaginatedPath> extends AsyncIterable<ItemOf<P>> {
  /** The pages, each as the API answered it (`items`, `nextCursor`). */
  pages(): AsyncIterableIterator<PageOf<P>>;
}

type FetchPage = (query: Record<string, unknown>, init: Record<string, unknown>) => Promise<{ items: readonly unknown[]; nextCursor?: string }>;

/**
 * Builds the paginator behind `client.paginate`: follows `nextCursor` until a page has none.
 *
 * @example
 * ```ts
 * const all = paginate('/products', { params: { query: { limit: 100 } } }, fetchPage);
 * for await (const page of all.pages()) console.log(page.items.length);
 * ```
 */
export function paginate<P extends PaginatedPath>(path: P, init: PaginateInit<P> | undefined, fetchPage: FetchPage): Paginated<P> {
  const { params, startCursor, maxPages = Infinity, ...callInit } = init ?? {};
  if (maxPages !== Infinity && (!Number.isInteger(maxPages) || maxPages < 1)) {
    throw new ConfigurationError('invalid_option', `paginate(${JSON.stringify(path)}): maxPages must be a positive integer, got ${String(maxPages)}.`);
  }
  const query = { ...(params?.query as Record<string, unknown> | undefined) };
  async function* pages(): AsyncGenerator<PageOf<P>> {
    let cursor = startCursor;
    for (let n = 0; n < maxPages; n++) {
      const page = await fetchPage(cursor === undefined ? query : { ...query, cursor }, callInit);
      yield page as PageOf<P>;
      cursor = page.nextCursor;
      if (cursor === undefined || cursor === '') return;
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* (page as { items: ItemOf<P>[] }).items;
    },
  };
}
