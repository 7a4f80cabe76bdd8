// Type tests, checked by `tsc` (the package's `typecheck` script includes src/). Each
// `@ts-expect-error` sits on the one line that must fail, so an unrelated error cannot satisfy it.
import { expectTypeOf } from 'vitest';
import {
  type AnyProductsClientError,
  type ApiError,
  createProductsClient,
  type ErrorBody,
  type NewProduct,
  type Operations,
  type Product,
  type ProductPage,
  type ProductsClient,
  type ProductUpdate,
  type Scope,
  type components,
  type paths,
  allScopes,
  operations,
} from './index.ts';

declare const client: ProductsClient;

// Generated types and aliases agree.
expectTypeOf<Product>().toEqualTypeOf<components['schemas']['Product']>();
expectTypeOf<NewProduct>().toEqualTypeOf<paths['/products']['post']['requestBody']['content']['application/json']>();
expectTypeOf<ProductUpdate>().toEqualTypeOf<Operations['updateProduct']['requestBody']['content']['application/json']>();
expectTypeOf<ErrorBody['code']>().toEqualTypeOf<components['schemas']['Error']['code']>();
expectTypeOf(allScopes).items.toEqualTypeOf<Scope>();
expectTypeOf(operations.createProduct.scopes).items.toExtend<Scope>();

export async function typed(): Promise<void> {
  // Responses are typed by path and method.
  const got = await client.GET('/products/{id}', { params: { path: { id: 'android' } } });
  expectTypeOf(got.data).toEqualTypeOf<Product | undefined>();
  expectTypeOf(got.error).toEqualTypeOf<ErrorBody | undefined>();
  // Checking `error` narrows `data`.
  if (got.error === undefined) expectTypeOf(got.data).toEqualTypeOf<Product>();

  const page = await client.GET('/products', { params: { query: { limit: 10, cursor: 'abc' } } });
  expectTypeOf(page.data).toEqualTypeOf<ProductPage | undefined>();

  // No Authorization header is demanded of the caller: options can be left out where nothing is required.
  const list = await client.GET('/products');
  expectTypeOf(list.response).toEqualTypeOf<Response>();

  const created = await client.POST('/products', { body: { name: 'Phone', price: 1 } });
  expectTypeOf(created.data).toEqualTypeOf<Product | undefined>();

  await client.PUT('/products/{id}', { params: { path: { id: 'a' }, header: { 'If-Match': '"1"' } }, body: { name: 'n' } });
  const deleted = await client.DELETE('/products/{id}', { params: { path: { id: 'a' } } });
  expectTypeOf(deleted.data).toEqualTypeOf<never | undefined>();

  // Wrong paths.
  // @ts-expect-error: no such path
  await client.GET('/product');
  // @ts-expect-error: PATCH is not an operation of /products/{id}
  await client.PATCH('/products/{id}', { params: { path: { id: 'a' } } });
  // @ts-expect-error: no POST on /products/{id}
  await client.POST('/products/{id}', { params: { path: { id: 'a' } }, body: { name: 'n' } });

  // Wrong params.
  // @ts-expect-error: the path parameter is required
  await client.GET('/products/{id}', {});
  // @ts-expect-error: the path parameter is `id`, not `productId`
  await client.GET('/products/{id}', { params: { path: { productId: 'a' } } });
  // @ts-expect-error: limit is a number
  await client.GET('/products', { params: { query: { limit: '10' } } });
  // @ts-expect-error: unknown query parameter
  await client.GET('/products', { params: { query: { sort: 'name' } } });

  // Wrong bodies.
  // @ts-expect-error: the body is required
  await client.POST('/products', {});
  // @ts-expect-error: name is required
  await client.POST('/products', { body: { price: 1 } });
  // @ts-expect-error: price is a number
  await client.POST('/products', { body: { name: 'n', price: '1' } });
  // @ts-expect-error: name is a string
  await client.PUT('/products/{id}', { params: { path: { id: 'a' } }, body: { name: 1 } });
  // @ts-expect-error: If-Match is a string
  await client.PUT('/products/{id}', { params: { path: { id: 'a' }, header: { 'If-Match': 1 } }, body: { name: 'n' } });
}

// Options.
createProductsClient({ baseUrl: 'https://x/dev', credentials: { tokenUrl: 'https://t/oauth2/token', clientId: 'a', clientSecret: 'b' } });
createProductsClient({
  baseUrl: 'https://x/dev',
  credentials: { tokenUrl: 'https://t/oauth2/token', clientId: 'a', clientSecret: 'b', authMethod: 'client_secret_post' },
  scopeStrategy: 'combined',
  scopes: [operations.getProduct.scopes[0]],
});
// @ts-expect-error: unknown scope strategy
createProductsClient({ baseUrl: 'https://x/dev', credentials: { tokenUrl: 'https://t', clientId: 'a', clientSecret: 'b' }, scopeStrategy: 'all' });
// @ts-expect-error: not a scope of the API
createProductsClient({ baseUrl: 'https://x/dev', credentials: { tokenUrl: 'https://t', clientId: 'a', clientSecret: 'b' }, scopes: ['product-api/admin'] });
// @ts-expect-error: credentials or a tokenProvider is required
createProductsClient({ baseUrl: 'https://x/dev' });

// throwOnError: true narrows every result to its 2xx branch: `data` is always there.
export async function throwing(): Promise<void> {
  const strict = createProductsClient({ baseUrl: 'https://x/dev', credentials: { tokenUrl: 'https://t/oauth2/token', clientId: 'a', clientSecret: 'b' }, throwOnError: true });
  expectTypeOf(strict).toEqualTypeOf<ProductsClient<true>>();
  const got = await strict.GET('/products/{id}', { params: { path: { id: 'a' } } });
  expectTypeOf(got.data).toEqualTypeOf<Product>();
  expectTypeOf(got.error).toEqualTypeOf<undefined>();
  const created = await strict.POST('/products', { body: { name: 'n' } });
  expectTypeOf(created.data).toEqualTypeOf<Product>();
  // Without it (or with a non-literal boolean), `data` stays optional.
  const lenient = createProductsClient({ baseUrl: 'https://x/dev', credentials: { tokenUrl: 'https://t/oauth2/token', clientId: 'a', clientSecret: 'b' } });
  expectTypeOf((await lenient.GET('/products/{id}', { params: { path: { id: 'a' } } })).data).toEqualTypeOf<Product | undefined>();
  // A ProductsClient<true> is usable where any ProductsClient is expected.
  const any: ProductsClient = strict;
  void any;
}

// Per-call options are typed.
export async function perCall(): Promise<void> {
  await client.GET('/products', { timeoutMs: 500, retry: { maxAttempts: 2 }, signal: AbortSignal.timeout(1000) });
  await client.GET('/products', { retry: false });
  // @ts-expect-error: timeoutMs is a number
  await client.GET('/products', { timeoutMs: '500' });
  // @ts-expect-error: maxAttempts is a number
  await client.GET('/products', { retry: { maxAttempts: 'many' } });
}

// Paging and read-modify-write are typed from the spec.
export async function paging(): Promise<void> {
  for await (const product of client.paginate('/products', { params: { query: { limit: 50 } } })) expectTypeOf(product).toEqualTypeOf<Product>();
  for await (const page of client.paginate('/products').pages()) expectTypeOf(page).toEqualTypeOf<ProductPage>();
  // @ts-expect-error: the paginator owns the cursor
  client.paginate('/products', { params: { query: { cursor: 'x' } } });
  // @ts-expect-error: /products/{id} is not a paged list
  client.paginate('/products/{id}');
  const updated = await client.modify('android', (p) => ({ name: p.name, price: 1 }));
  expectTypeOf(updated).toEqualTypeOf<Product>();
  // @ts-expect-error: the change must return a ProductUpdate (name is required)
  await client.modify('android', () => ({ price: 1 }));
}

// The error union narrows on `name`.
export function narrowing(error: AnyProductsClientError): string {
  switch (error.name) {
    case 'ApiError':
      expectTypeOf(error).toEqualTypeOf<ApiError>();
      return `${error.status} ${error.requestId ?? ''} ${error.attempts}`;
    case 'NetworkError':
      return error.systemCode ?? '';
    case 'RequestTimeoutError':
      return String(error.timeoutMs);
    case 'ConfigurationError':
      expectTypeOf(error.code).toEqualTypeOf<'invalid_option' | 'insecure_token_url'>();
      return error.code;
    default:
      return error.code;
  }
}
