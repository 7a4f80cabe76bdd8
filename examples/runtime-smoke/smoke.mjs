// @ts-check
// One plain ESM script, run unchanged by Node.js, Bun and Deno (scripts/runtime-matrix.mjs): the
// packed @org/products-client against the real local stack over a socket on 127.0.0.1 (tokens,
// scopes, every operation, a refused scope), then its ./msw entry (the mock as a fetch function,
// and behind msw/node's interception). It prints one JSON line and exits 1 on the first failure.
import process from 'node:process';
import { ProductsClientError, createProductsClient, operations } from '@org/products-client';
import { createProductsMock } from '@org/products-client/msw';
import { setupServer } from 'msw/node';

/** @type {any} */
const g = globalThis;
const runtime = g.Deno ? `deno ${g.Deno.version.deno}` : g.Bun ? `bun ${g.Bun.version}` : `node ${process.versions.node}`;

/** @typedef {{ clientId: string, clientSecret: string }} App */
/** @type {{ apiUrl: string, tokenUrl: string, admin: App, reader: App }} */
const stack = JSON.parse(process.env.SMOKE_STACK ?? 'null');
if (!stack?.apiUrl) {
  console.error('smoke.mjs: set SMOKE_STACK to {"apiUrl","tokenUrl","admin","reader"} of a running local stack (scripts/runtime-matrix.mjs does).');
  process.exit(2);
}

/** @type {{ name: string, ms: number }[]} */
const checks = [];
/**
 * Runs one named check; the first failure ends the script with the check's name.
 * @param {string} name
 * @param {() => Promise<void>} body
 */
async function check(name, body) {
  const started = performance.now();
  try {
    await body();
  } catch (error) {
    console.log(JSON.stringify({ runtime, ok: false, failed: name, error: String(error instanceof Error ? `${error.name}: ${error.message}` : error), checks }));
    process.exit(1);
  }
  checks.push({ name, ms: Math.round(performance.now() - started) });
}
/**
 * @param {unknown} condition
 * @param {string} message
 * @returns {asserts condition}
 */
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const id = `smoke-${runtime.split(' ')[0]}-${Math.random().toString(36).slice(2, 10)}`;
const admin = createProductsClient({
  baseUrl: stack.apiUrl,
  credentials: { tokenUrl: stack.tokenUrl, clientId: stack.admin.clientId, clientSecret: stack.admin.clientSecret },
});

await check('create, read, update, list, delete with per-operation tokens (local stack)', async () => {
  const created = await admin.POST('/products', { body: { id, name: 'Smoke test', price: 1.5 } });
  assert(created.response.status === 201 && created.data?.id === id, `POST /products answered ${created.response.status}: ${JSON.stringify(created.error)}`);

  const read = await admin.GET('/products/{id}', { params: { path: { id } } });
  const etag = read.response.headers.get('etag');
  assert(read.data?.name === 'Smoke test' && etag, `GET /products/${id} answered ${read.response.status} without the product or its ETag`);

  const updated = await admin.PUT('/products/{id}', {
    params: { path: { id }, header: { 'If-Match': etag } },
    body: { name: 'Smoke test', price: 2.5 },
  });
  assert(updated.data?.price === 2.5 && updated.data.version === read.data.version + 1, `PUT with If-Match answered ${updated.response.status}: ${JSON.stringify(updated.error)}`);

  const stale = await admin.PUT('/products/{id}', { params: { path: { id }, header: { 'If-Match': etag } }, body: { name: 'Smoke test', price: 3 } });
  assert(stale.response.status === 412 && stale.error?.code === 'precondition_failed', `a stale If-Match answered ${stale.response.status}, not 412`);

  // Concurrent reads share the cached read token: no token request beyond the first.
  const reads = await Promise.all(Array.from({ length: 10 }, () => admin.GET('/products/{id}', { params: { path: { id } } })));
  assert(reads.every((r) => r.data?.price === 2.5), 'a concurrent GET did not return the updated product');

  const page = await admin.GET('/products', { params: { query: { limit: 100 } } });
  assert(page.data?.items.some((p) => p.id === id), `GET /products (${page.response.status}) does not list ${id}`);

  const deleted = await admin.DELETE('/products/{id}', { params: { path: { id } } });
  assert(deleted.response.status === 204, `DELETE answered ${deleted.response.status}`);
  const gone = await admin.GET('/products/{id}', { params: { path: { id } } });
  assert(gone.response.status === 404 && gone.error?.code === 'not_found', `GET after DELETE answered ${gone.response.status}, not 404 not_found`);

  // One token request per scope set (read, create, update, delete), however many calls.
  const scopeSets = new Set(['createProduct', 'getProduct', 'updateProduct', 'listProducts', 'deleteProduct'].map((op) => operations[/** @type {keyof typeof operations} */ (op)].scopes.join(' ')));
  const { requests } = admin.tokenProvider.stats();
  assert(requests === scopeSets.size, `${requests} token requests for ${scopeSets.size} scope sets`);
});

await check('a reader app client is refused the create scope, as a typed error without the secret', async () => {
  const reader = createProductsClient({
    baseUrl: stack.apiUrl,
    credentials: { tokenUrl: stack.tokenUrl, clientId: stack.reader.clientId, clientSecret: stack.reader.clientSecret },
  });
  const read = await reader.GET('/products', { params: { query: { limit: 1 } } });
  assert(read.response.status === 200, `the reader's GET /products answered ${read.response.status}`);
  /** @type {unknown} */
  let thrown;
  try {
    await reader.POST('/products', { body: { id: `${id}-r`, name: 'Refused', price: 1 } });
  } catch (error) {
    thrown = error;
  }
  assert(thrown instanceof ProductsClientError, `POST by the reader did not throw a ProductsClientError: ${String(thrown)}`);
  assert(thrown.code === 'invalid_scope', `the reader's POST failed with code ${thrown.code}, not invalid_scope`);
  const shown = `${thrown.message} ${JSON.stringify(thrown)} ${String(thrown.stack)}`;
  assert(!shown.includes(stack.reader.clientSecret), 'the client secret appears in the error');
});

// The mock's own origin: if an interception ever failed, a request would fail on DNS instead of
// reaching a real server (such as a developer's `pnpm start` on port 4010).
const mock = createProductsMock({
  baseUrl: 'https://api.smoke.invalid/dev',
  tokenUrl: 'https://auth.smoke.invalid/oauth2/token',
  seed: [{ id: 'android', name: 'Android phone', price: 199.99 }],
});
const mockAdmin = mock.clients.find((c) => c.name === 'products-admin');
assert(mockAdmin, 'the mock has no products-admin client');

await check('./msw: the mock as a fetch function', async () => {
  const client = createProductsClient({
    baseUrl: mock.baseUrl,
    credentials: { tokenUrl: mock.tokenUrl, clientId: mockAdmin.clientId, clientSecret: mockAdmin.clientSecret },
    fetch: mock.fetch,
  });
  for (let i = 0; i < 3; i++) {
    const { data, response } = await client.GET('/products/{id}', { params: { path: { id: 'android' } } });
    assert(data?.name === 'Android phone', `GET through mock.fetch answered ${response.status}`);
  }
  const missing = await client.GET('/products/{id}', { params: { path: { id: 'nope' } } });
  assert(missing.response.status === 404, `a missing product answered ${missing.response.status}`);
  const count = mock.tokenRequests.count({ client: 'products-admin', status: 200 });
  assert(count === 1, `${count} token requests through mock.fetch, not 1`);
  mock.reset();
});

await check('./msw: handlers behind msw/node setupServer (global fetch intercepted)', async () => {
  const server = setupServer(...mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const client = createProductsClient({
      baseUrl: mock.baseUrl,
      credentials: { tokenUrl: mock.tokenUrl, clientId: mockAdmin.clientId, clientSecret: mockAdmin.clientSecret },
    });
    const created = await client.POST('/products', { body: { id: 'pixel', name: 'Pixel', price: 499 } });
    assert(created.response.status === 201, `POST through msw answered ${created.response.status}`);
    const page = await client.GET('/products', { params: { query: { limit: 10 } } });
    assert(page.data?.items.length === 2, `GET /products through msw listed ${page.data?.items.length} products, not 2`);
    const count = mock.tokenRequests.count({ client: 'products-admin', status: 200 });
    assert(count === 2, `${count} token requests through msw, not 2 (create, read)`);
  } finally {
    server.close();
    mock.reset();
  }
});

console.log(JSON.stringify({ runtime, ok: true, checks }));
// msw 2 opens a BroadcastChannel when its module loads and unrefs it where it can (Node, Bun);
// Deno's BroadcastChannel has no unref, so any Deno script importing msw (or this package's ./msw)
// never exits on its own (`deno test` does). Elsewhere the script must end by itself: a timer or
// socket the client left behind would then show up as the matrix's timeout.
if (g.Deno) process.exit(0);
