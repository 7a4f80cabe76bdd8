// Checked with exactOptionalPropertyTypes on (tsconfig.exact.json, part of `typecheck`), as many
// consumers compile: the package's own sources and the calls a consumer writes must pass there too.
// A hand-written paging loop that passes `cursor: string | undefined` fails under this flag;
// paginate is the way that needs no such care.
import { expectTypeOf } from 'vitest';
import { createProductsClient, type Product, type ProductsClient } from './index.ts';

declare const client: ProductsClient;

export async function exact(limit: number, stopAfter?: number): Promise<Product[]> {
  const all: Product[] = [];
  for await (const product of client.paginate('/products', { params: { query: { limit } }, ...(stopAfter === undefined ? {} : { maxPages: stopAfter }) })) {
    expectTypeOf(product).toEqualTypeOf<Product>();
    all.push(product);
  }
  // What the README warned about: an explicit undefined for an optional parameter is refused under this flag.
  const cursor: string | undefined = all.at(-1)?.id;
  // @ts-expect-error: `cursor?: string` does not accept `string | undefined` with exactOptionalPropertyTypes
  await client.GET('/products', { params: { query: { limit, cursor } } });
  await client.modify('a', (p) => ({ name: p.name, ...(p.price === undefined ? {} : { price: p.price }) }), { maxAttempts: 2, timeoutMs: 1_000 });
  createProductsClient({ baseUrl: 'https://x/dev', credentials: { tokenUrl: 'https://t/oauth2/token', clientId: 'a', clientSecret: 'b' }, retry: { maxAttempts: 2 }, timeoutMs: 500 });
  return all;
}
