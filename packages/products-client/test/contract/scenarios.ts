// The contract scenario suite: written once with the typed client (and raw requests where the
// client would refuse to send something malformed), run against every target. Each step asserts
// what the contract says and records a normalised observation (status, the headers that matter,
// the body); contract.test.ts then requires the transcripts of all targets to be identical.
import { expect, it } from 'vitest';
import { createProductsClient, operations, type ProductsClient } from '../../src/index.ts';

/** A settable clock shared by a target's servers and the test's token provider. */
export class TestClock {
  #t: number;
  constructor(start: number) {
    this.#t = start;
  }
  readonly now = (): number => this.#t;
  advance(ms: number): void {
    this.#t += ms;
  }
}

export type Credentials = { clientId: string; clientSecret: string };

/** Something that answers like the products API: the local stack, the MSW mock, a deployment. */
export type Target = {
  baseUrl: string;
  tokenUrl: string;
  admin: Credentials;
  reader: Credentials;
  fetch: (request: Request) => Promise<Response>;
  clock: TestClock;
  /** Makes every token issued so far invalid (the pool's signing key rotated and the old one dropped). */
  dropKeys: () => Promise<void>;
};

/** One normalised answer. */
export type Observation = { step: string; status: number; headers: Record<string, string>; body: unknown };

/** Headers whose values both targets must agree on (ids and request ids are normalised). */
const COMPARED_HEADERS = ['content-type', 'etag', 'location', 'x-amzn-errortype', 'cache-control', 'pragma'];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The SigV4 parser's 403 quotes a hash of the Authorization header: each target's tokens differ. */
const HEADER_HASH = /(hashed with SHA-256 and encoded with Base64\): ')[A-Za-z0-9+/=]+'/;

function normalise(value: unknown): unknown {
  if (typeof value === 'string') return JWT.test(value) ? '<jwt>' : value.replace(UUID, '<uuid>').replace(HEADER_HASH, "$1<hash>'");
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
}

function claimsOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

// Raw requests take their paths from the generated map (as the typed client's are checked against
// it), so no step can keep testing a route the contract no longer has.
const collection = operations.listProducts.path;
const item = (id: string) => operations.getProduct.path.replace('{id}', id);

const read = operations.getProduct.scopes[0];
const create = operations.createProduct.scopes[0];
const remove = operations.deleteProduct.scopes[0];

/**
 * Registers the scenarios for one target (resolved lazily: it starts in a `beforeAll`).
 * @example contractScenarios(() => target, transcript);
 */
export function contractScenarios(target: () => Target, transcript: Observation[]): void {
  let admin: ProductsClient;
  let reader: ProductsClient;

  const record = async (step: string, response: Response, parsed?: unknown): Promise<Observation> => {
    let body = parsed;
    if (parsed === undefined) {
      const text = await response.text();
      body = text === '' ? undefined : (JSON.parse(text) as unknown);
    }
    const headers: Record<string, string> = {};
    for (const name of COMPARED_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value.replace(UUID, '<uuid>');
    }
    const observation: Observation = { step, status: response.status, headers, body: normalise(body) };
    transcript.push(observation);
    return observation;
  };

  const tokenRequest = (init: { body?: string; headers?: Record<string, string>; method?: string; query?: string }) =>
    target().fetch(
      new Request(`${target().tokenUrl}${init.query ?? ''}`, {
        method: init.method ?? 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
        ...(init.body === undefined ? {} : { body: init.body }),
      }),
    );
  const basic = (c: Credentials) => `Basic ${btoa(`${c.clientId}:${c.clientSecret}`)}`;
  const tokenFor = async (c: Credentials, scope?: string): Promise<string> => {
    const response = await tokenRequest({ headers: { authorization: basic(c) }, body: `grant_type=client_credentials${scope ? `&scope=${scope}` : ''}` });
    expect(response.status).toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const api = (method: string, path: string, init: { token?: string; authorization?: string; body?: string; contentType?: string; ifMatch?: string } = {}) => {
    const headers = new Headers();
    if (init.authorization !== undefined) headers.set('authorization', init.authorization);
    else if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
    if (init.contentType !== undefined) headers.set('content-type', init.contentType);
    if (init.ifMatch !== undefined) headers.set('if-match', init.ifMatch);
    return target().fetch(new Request(`${target().baseUrl}${path}`, { method, headers, ...(init.body === undefined ? {} : { body: init.body }) }));
  };

  it('starts: clients for admin and reader', () => {
    const t = target();
    const options = (c: Credentials) => ({
      baseUrl: t.baseUrl,
      credentials: { tokenUrl: t.tokenUrl, ...c },
      fetch: t.fetch,
      token: { now: t.clock.now },
    });
    admin = createProductsClient(options(t.admin));
    reader = createProductsClient({ ...options(t.reader), scopes: [read] });
    expect(admin.tokenProvider.clientId).toBe(t.admin.clientId);
  });

  // ---- the token endpoint --------------------------------------------------------------------

  it('token: Basic auth without scope gets every scope of the client', async () => {
    const response = await tokenRequest({ headers: { authorization: basic(target().admin) }, body: 'grant_type=client_credentials' });
    const body = (await response.clone().json()) as { access_token: string };
    expect(response.status).toBe(200);
    const claims = claimsOf(body.access_token);
    expect(String(claims.scope).split(' ').sort()).toEqual([...new Set(Object.values(operations).flatMap((o) => o.scopes))].sort());
    expect(claims).toMatchObject({ token_use: 'access', client_id: target().admin.clientId, sub: target().admin.clientId, version: 2 });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    await record('token basic', response);
  });

  it('token: client_secret_post with a scope gets exactly that scope', async () => {
    const { clientId, clientSecret } = target().reader;
    const response = await tokenRequest({ body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: read }).toString() });
    const body = (await response.clone().json()) as { access_token: string };
    expect(claimsOf(body.access_token).scope).toBe(read);
    await record('token post', response);
  });

  it('token: grant_type and scope in the query string (as the walkthrough sends them)', async () => {
    const response = await tokenRequest({ headers: { authorization: basic(target().admin) }, query: `?grant_type=client_credentials&scope=${remove}` });
    expect(response.status).toBe(200);
    await record('token query', response);
  });

  it('token: every error of the token endpoint', async () => {
    const { reader: r, admin: a } = target();
    const cases: [string, Parameters<typeof tokenRequest>[0], string][] = [
      ['scope not allowed', { headers: { authorization: basic(r) }, body: `grant_type=client_credentials&scope=${create}` }, 'invalid_scope'],
      ['unknown scope', { headers: { authorization: basic(a) }, body: 'grant_type=client_credentials&scope=product-api/nope' }, 'invalid_scope'],
      ['wrong secret', { headers: { authorization: basic({ ...a, clientSecret: 'wrong' }) }, body: 'grant_type=client_credentials' }, 'invalid_client'],
      ['unknown client', { headers: { authorization: basic({ clientId: 'nobody', clientSecret: 'x' }) }, body: 'grant_type=client_credentials' }, 'invalid_client'],
      ['no client authentication', { body: 'grant_type=client_credentials' }, 'invalid_client'],
      ['not Basic', { headers: { authorization: 'Bearer abc' }, body: 'grant_type=client_credentials' }, 'invalid_client'],
      ['Basic without a colon', { headers: { authorization: `Basic ${btoa(a.clientId)}` }, body: 'grant_type=client_credentials' }, 'invalid_client'],
      ['client_id unlike the Basic one', { headers: { authorization: basic(a) }, body: `grant_type=client_credentials&client_id=${r.clientId}` }, 'invalid_request'],
      ['client_secret_post with a wrong secret', { body: `grant_type=client_credentials&client_id=${a.clientId}&client_secret=wrong` }, 'invalid_client'],
      // Cognito's token endpoint knows no password grant at all (only the authorize flows' grants).
      ['password grant', { headers: { authorization: basic(a) }, body: 'grant_type=password' }, 'unsupported_grant_type'],
      ['authorization_code grant', { headers: { authorization: basic(a) }, body: 'grant_type=authorization_code' }, 'unauthorized_client'],
      ['unknown grant', { headers: { authorization: basic(a) }, body: 'grant_type=magic' }, 'unsupported_grant_type'],
      ['no grant', { headers: { authorization: basic(a) }, body: 'scope=x' }, 'invalid_request'],
      ['JSON body', { headers: { authorization: basic(a), 'content-type': 'application/json' }, body: '{"grant_type":"client_credentials"}' }, 'invalid_request'],
      ['GET', { headers: { authorization: basic(a) }, method: 'GET', query: '?grant_type=client_credentials' }, 'invalid_request'],
    ];
    for (const [name, init, error] of cases) {
      const response = await tokenRequest(init);
      const observed = await record(`token error: ${name}`, response);
      expect(observed.body, name).toEqual({ error });
      expect(observed.status, name).toBe(name === 'GET' ? 405 : 400);
    }
  });

  it('token: the typed client of an app client without the scope fails with invalid_scope, before calling the API', async () => {
    const t = target();
    const client = createProductsClient({ baseUrl: t.baseUrl, credentials: { tokenUrl: t.tokenUrl, ...t.reader }, fetch: t.fetch, token: { now: t.clock.now } });
    const failure = await client.DELETE('/products/{id}', { params: { path: { id: 'anything' } } }).then(
      () => undefined,
      (error: unknown) => error as { name: string; code: string; status: number },
    );
    expect(failure).toMatchObject({ name: 'TokenRequestError', code: 'invalid_scope', status: 400 });
    transcript.push({ step: 'client: reader deletes', status: failure?.status ?? 0, headers: {}, body: { name: failure?.name, code: failure?.code } });
  });

  // ---- the gateway: routing and the authorizer -------------------------------------------------

  it('gateway: unknown routes and methods are 403 Missing Authentication Token, before any authorization', async () => {
    const token = await tokenFor(target().admin);
    for (const [method, path, withToken] of [
      ['GET', '/nothing', false],
      ['GET', '/nothing', true],
      ['PATCH', collection, true],
      ['OPTIONS', collection, false],
      ['POST', item('abc'), true],
      ['GET', `${item('abc')}/more`, true],
      ['GET', '', true],
    ] as const) {
      const observed = await record(`route ${method} ${path} ${withToken}`, await api(method, path, withToken ? { token } : {}));
      expect(observed.status).toBe(403);
      expect(observed.body).toMatchObject({ code: 'route_not_found', requestId: '<uuid>' });
      // With an Authorization header AWS's SigV4 parser answers first, quoting a hash of the header.
      if (withToken) expect((observed.body as { message: string }).message).toMatch(/^Invalid key=value pair \(missing equal-sign\) in Authorization header/);
      else expect((observed.body as { message: string }).message).toBe('Missing Authentication Token');
    }
    // A trailing slash is routed to the resource without it.
    expect((await record('route GET trailing slash', await api('GET', `${collection}/?limit=1`, { token }))).status).toBe(200);
  });

  it('authorizer: missing, empty, malformed and forged tokens are 401 Unauthorized', async () => {
    const token = await tokenFor(target().admin);
    const [h, p, s] = token.split('.');
    const claims = claimsOf(token);
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, client_id: 'someone-else' })).toString('base64url');
    for (const [name, authorization] of [
      ['no header', undefined],
      ['empty', ''],
      ['Bearer only', 'Bearer'],
      ['not a JWT', 'Bearer not-a-token'],
      ['forged payload', `Bearer ${h}.${forgedPayload}.${s}`],
      ['edited signature', `Bearer ${h}.${p}.${s?.slice(0, -4)}AAAA`],
    ] as const) {
      const response = await api('GET', collection, authorization === undefined ? {} : { authorization });
      const observed = await record(`authorizer: ${name}`, response);
      expect(observed.status, name).toBe(401);
      expect(observed.body, name).toEqual({ message: 'Unauthorized', code: 'unauthorized', requestId: '<uuid>' });
      expect(observed.headers['x-amzn-errortype'], name).toBe('UnauthorizedException');
    }
  });

  it('authorizer: a bare token (no "Bearer ") and a lower-case "bearer" are accepted', async () => {
    const token = await tokenFor(target().admin, read);
    const observed = await record('authorizer: bare token', await api('GET', `${collection}?limit=1`, { authorization: token }));
    expect(observed.status).toBe(200);
    expect((await record('authorizer: bearer', await api('GET', `${collection}?limit=1`, { authorization: `bearer ${token}` }))).status).toBe(200);
  });

  it('authorizer: a token without any of the operation scopes is 401 (any-of scopes)', async () => {
    const readToken = await tokenFor(target().reader, read);
    const deleteToken = await tokenFor(target().admin, remove);
    for (const [name, response] of [
      ['reader creates', await api('POST', collection, { token: readToken, contentType: 'application/json', body: '{"name":"x"}' })],
      ['reader deletes', await api('DELETE', item('abc'), { token: readToken })],
      ['delete-only reads', await api('GET', item('abc'), { token: deleteToken })],
    ] as const) {
      const observed = await record(`scopes: ${name}`, response);
      expect(observed.status, name).toBe(401);
      expect(observed.body, name).toEqual({ message: 'Unauthorized', code: 'unauthorized', requestId: '<uuid>' });
    }
    const mixed = await tokenFor(target().admin, `${remove} ${read}`);
    expect((await record('scopes: one of two scopes matches', await api('GET', `${collection}?limit=1`, { token: mixed }))).status).toBe(200);
  });

  it('authorizer: a token is valid until exp, then "The incoming token has expired"', async () => {
    const token = await tokenFor(target().admin, read);
    const exp = Number(claimsOf(token).exp) * 1000;
    target().clock.advance(exp - target().clock.now() - 1000);
    expect((await record('expiry: one second before exp', await api('GET', `${collection}?limit=1`, { token }))).status).toBe(200);
    target().clock.advance(1000);
    const observed = await record('expiry: at exp', await api('GET', `${collection}?limit=1`, { token }));
    expect(observed.status).toBe(401);
    expect(observed.body).toEqual({ message: 'The incoming token has expired', code: 'unauthorized', requestId: '<uuid>' });
  });

  it('authorizer: tokens signed by a dropped key are 401; new tokens work', async () => {
    const old = await tokenFor(target().admin, read);
    expect((await api('GET', `${collection}?limit=1`, { token: old })).status).toBe(200);
    await target().dropKeys();
    const refused = await record('keys: token of a dropped key', await api('GET', `${collection}?limit=1`, { token: old }));
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ message: 'Unauthorized', code: 'unauthorized', requestId: '<uuid>' });
    const fresh = await tokenFor(target().admin, read);
    expect((await record('keys: new token', await api('GET', `${collection}?limit=1`, { token: fresh }))).status).toBe(200);
  });

  // ---- the gateway's request validator -----------------------------------------------------------

  it('validator: bodies that break the model are 400 Invalid request body, before the function runs', async () => {
    const token = await tokenFor(target().admin);
    const cases: [string, string, string, string | undefined][] = [
      ['empty name', 'POST', '{"name":""}', 'application/json'],
      ['unknown field', 'POST', '{"name":"x","colour":"red"}', 'application/json'],
      ['bad id', 'POST', '{"id":"has space","name":"x"}', 'application/json'],
      ['negative price', 'POST', '{"name":"x","price":-1}', 'application/json'],
      ['not JSON', 'POST', '{"name":', 'application/json'],
      ['empty body', 'POST', '', 'application/json'],
      ['array', 'POST', '[]', 'application/json; charset=utf-8'],
      ['update without name', 'PUT', '{"price":1}', 'application/json'],
      ['update with id', 'PUT', '{"id":"x","name":"x"}', 'application/json'],
    ];
    for (const [name, method, body, contentType] of cases) {
      const path = method === 'POST' ? collection : item('whatever');
      const observed = await record(`validator: ${name}`, await api(method, path, { token, body, ...(contentType ? { contentType } : {}) }));
      expect(observed.status, name).toBe(400);
      expect(observed.body, name).toMatchObject({ code: 'validation_error', message: expect.stringMatching(/^Invalid request body: \[.+\]$/) });
    }
  });

  // ---- the service ---------------------------------------------------------------------------------

  it('service: create answers 201 with Location and ETag; the first writer wins (409)', async () => {
    const created = await admin.POST('/products', { body: { id: 'android', name: 'Android phone', description: 'A phone.', price: 199.99 } });
    const observed = await record('create android', created.response, created.data);
    expect(observed.status).toBe(201);
    expect(observed.headers.location).toBe(`${new URL(target().baseUrl).pathname}${item('android')}`);
    expect(observed.headers.etag).toBe('"1"');
    expect(created.data).toMatchObject({ id: 'android', version: 1, createdBy: target().admin.clientId, createdAt: new Date(target().clock.now()).toISOString() });

    const again = await admin.POST('/products', { body: { id: 'android', name: 'Other' } });
    const conflict = await record('create android again', again.response, again.error);
    expect(conflict.status).toBe(409);
    expect(again.error).toMatchObject({ code: 'already_exists' });

    const generated = await admin.POST('/products', { body: { name: 'No id' } });
    const withUuid = await record('create without id', generated.response, generated.data);
    expect(withUuid.status).toBe(201);
    expect(generated.data?.id).toMatch(UUID);
    expect(generated.response.headers.get('location')).toBe(`${new URL(target().baseUrl).pathname}${item(String(generated.data?.id))}`);
    await admin.DELETE('/products/{id}', { params: { path: { id: String(generated.data?.id) } } });
  });

  it('service: get answers the product and its ETag; 404 not_found; 400 for an id the contract forbids', async () => {
    const got = await reader.GET('/products/{id}', { params: { path: { id: 'android' } } });
    expect((await record('get android', got.response, got.data)).headers.etag).toBe('"1"');
    const missing = await reader.GET('/products/{id}', { params: { path: { id: 'nope' } } });
    expect((await record('get missing', missing.response, missing.error)).body).toMatchObject({ code: 'not_found', message: 'Product "nope" was not found.' });
    const token = await tokenFor(target().admin, read);
    const bad = await record('get bad id', await api('GET', item('has%20space'), { token }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_error' });
    const long = await record('get long id', await api('GET', item('x'.repeat(65)), { token }));
    expect(long.body).toMatchObject({ code: 'validation_error' });
    // Path parameters reach the function as sent (not decoded), as the gateway passes them.
    const slash = await record('get encoded slash', await api('GET', item('a%2Fb'), { token }));
    expect(slash.body).toMatchObject({ code: 'validation_error' });
    const dash = await record('get missing with _ and -', await api('GET', item('A_b-9'), { token }));
    expect(dash.body).toMatchObject({ code: 'not_found', message: 'Product "A_b-9" was not found.' });
  });

  it('service: update replaces fields, bumps the version; If-Match guards it (412)', async () => {
    target().clock.advance(60_000);
    const plain = await admin.PUT('/products/{id}', { params: { path: { id: 'android' } }, body: { name: 'Android phone (2026)', price: 179.99 } });
    const first = await record('update android', plain.response, plain.data);
    expect(first.headers.etag).toBe('"2"');
    expect(plain.data).not.toHaveProperty('description');
    expect(plain.data?.updatedAt).toBe(new Date(target().clock.now()).toISOString());

    const token = await tokenFor(target().admin);
    const update = (ifMatch: string, name: string) =>
      api('PUT', item('android'), { token, ifMatch, contentType: 'application/json', body: JSON.stringify({ name }) });
    const cases: [string, number, string | undefined][] = [
      ['"2"', 200, undefined],
      ['"2"', 412, 'precondition_failed'],
      ['"1", "3"', 200, undefined],
      ['W/"4"', 412, 'precondition_failed'],
      ['"abc"', 412, 'precondition_failed'],
      ['*', 200, undefined],
      ['5', 400, 'validation_error'],
    ];
    for (const [ifMatch, status, code] of cases) {
      const observed = await record(`update If-Match ${ifMatch}`, await update(ifMatch, `v ${ifMatch}`));
      expect(observed.status, ifMatch).toBe(status);
      if (code) expect(observed.body, ifMatch).toMatchObject({ code });
    }
    const missing = await admin.PUT('/products/{id}', { params: { path: { id: 'nope' } }, body: { name: 'x' } });
    expect((await record('update missing', missing.response, missing.error)).status).toBe(404);
    expect((await record('update missing If-Match *', await api('PUT', item('nope'), { token, ifMatch: '*', contentType: 'application/json', body: '{"name":"x"}' }))).status).toBe(404);
    expect((await record('update missing If-Match "1"', await api('PUT', item('nope'), { token, ifMatch: '"1"', contentType: 'application/json', body: '{"name":"x"}' }))).status).toBe(404);
  });

  it('service: a body that is not JSON is 415, one over 64 KiB is 413', async () => {
    const token = await tokenFor(target().admin);
    const text = await record('create text/plain', await api('POST', collection, { token, contentType: 'text/plain', body: '{"name":"x"}' }));
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ code: 'unsupported_media_type' });
    const latin = await record('create latin-1', await api('POST', collection, { token, contentType: 'application/json; charset=iso-8859-1', body: '{"name":"x"}' }));
    expect(latin.status).toBe(415);
    const big = await record('create 70 KB', await api('POST', collection, { token, contentType: 'text/plain', body: 'x'.repeat(70_000) }));
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ code: 'payload_too_large' });
    // A body the service would refuse anyway, but the gateway refuses first: over Lambda's 6 MB
    // event limit it is REQUEST_TOO_LARGE, over 10 MB the front door's plain-text 413.
    const huge = await api('POST', collection, { token, contentType: 'text/plain', body: 'x'.repeat(7 * 1024 * 1024) });
    expect((await record('create 7 MB', huge)).body).toMatchObject({ message: 'Request Too Long' });
    const tooLong = await api('POST', collection, { token, contentType: 'text/plain', body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(tooLong.status).toBe(413);
    const plain = await tooLong.text();
    expect(plain).toBe('HTTP content length exceeded 10485760 bytes.');
    transcript.push({ step: 'create over 10 MB', status: tooLong.status, headers: { 'content-type': tooLong.headers.get('content-type') ?? '' }, body: plain });
    const empty = await record('create text/plain empty', await api('POST', collection, { token, contentType: 'text/plain', body: '' }));
    expect(empty.body).toMatchObject({ code: 'validation_error' });
  });

  it('service: delete answers 204, then 404', async () => {
    const deleted = await admin.DELETE('/products/{id}', { params: { path: { id: 'android' } } });
    expect((await record('delete android', deleted.response, null)).status).toBe(204);
    const again = await admin.DELETE('/products/{id}', { params: { path: { id: 'android' } } });
    expect((await record('delete android again', again.response, again.error)).body).toMatchObject({ code: 'not_found' });
  });

  it('service: list pages through every product in scan order with cursors', async () => {
    const ids = Array.from({ length: 23 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
    for (const id of ids) expect((await admin.POST('/products', { body: { id, name: id, price: ids.indexOf(id) } })).response.status).toBe(201);
    const first = await reader.GET('/products', {});
    const firstPage = await record('list default limit', first.response, first.data);
    expect(first.data?.items).toHaveLength(20);
    expect(firstPage.body).toHaveProperty('nextCursor');

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await reader.GET('/products', { params: { query: { limit: 5, ...(cursor ? { cursor } : {}) } } });
      await record(`list page ${pages}`, page.response, page.data);
      seen.push(...(page.data?.items ?? []).map((p) => p.id));
      cursor = page.data?.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect([...seen].sort()).toEqual(ids);
    expect(pages).toBe(5);

    // DynamoDB returns a LastEvaluatedKey whenever a page is full, even when nothing follows: the
    // last page can be empty, so a consumer must follow nextCursor rather than stop at a full page.
    const full = await reader.GET('/products', { params: { query: { limit: ids.length } } });
    expect((await record('list one full page of everything', full.response, full.data)).body).toHaveProperty('nextCursor');
    expect(full.data?.items).toHaveLength(ids.length);
    const after = await reader.GET('/products', { params: { query: { limit: ids.length, cursor: String(full.data?.nextCursor) } } });
    expect((await record('list after the full page', after.response, after.data)).body).toEqual({ items: [] });
  });

  it('service: bad limit and cursor values are 400 validation_error / invalid_cursor', async () => {
    const token = await tokenFor(target().reader, read);
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cases: [string, string][] = [
      ['limit=0', 'validation_error'],
      ['limit=101', 'validation_error'],
      ['limit=abc', 'validation_error'],
      ['limit=2.5', 'validation_error'],
      ['limit=1&limit=0', 'validation_error'],
      ['limit=', 'validation_error'],
      ['limit=-1', 'validation_error'],
      ['cursor=', 'validation_error'],
      [`cursor=${'a'.repeat(2049)}`, 'validation_error'],
      ['cursor=not+base64!', 'invalid_cursor'],
      ['cursor=zz', 'invalid_cursor'],
      [`cursor=${cursorOf(['a'])}`, 'invalid_cursor'],
      [`cursor=${cursorOf({ id: 'has space' })}`, 'invalid_cursor'],
      [`cursor=${cursorOf({ id: 'a', other: 1 })}`, 'invalid_cursor'],
    ];
    for (const [query, code] of cases) {
      const observed = await record(`list ${query.length > 60 ? `${query.slice(0, 57)}...` : query}`, await api('GET', `${collection}?${query}`, { token }));
      expect(observed.status, query).toBe(400);
      expect(observed.body, query).toMatchObject({ code });
    }
    const resumed = await record('list from a deleted key', await api('GET', `${collection}?limit=3&cursor=${cursorOf({ id: 'gone' })}`, { token }));
    expect(resumed.status).toBe(200);
  });
}
