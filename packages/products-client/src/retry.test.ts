// API retries, timeouts, aborts and the error model of createProductsClient, with the fake token
// endpoint and API of test/fakes.ts and an injected clock (no real waiting). Real sockets: test/network.test.ts.
import { describe, expect, it } from 'vitest';
import { fakeApi, fakeClock, fakeTokenEndpoint, type ApiCall } from '../test/fakes.ts';
import { createProductsClient, type ClientEvent, type ProductsClientOptions } from './client.ts';
import { ApiError, InvalidResponseError, NetworkError, RequestAbortedError, RequestTimeoutError, TokenRequestError } from './errors.ts';
import { operations } from './generated/operations.ts';

const BASE = 'https://api.example.test/dev';

type Step = Response | Error | 'hang' | 'stall-body';

/** A client over a fake API that answers the scripted steps in order, then 200. */
function scripted(steps: Step[], options: Partial<ProductsClientOptions> = {}) {
  const clock = fakeClock();
  const endpoint = fakeTokenEndpoint();
  const api = fakeApi(endpoint, (call: ApiCall) => Response.json(call.method === 'POST' ? { id: 'p1', name: 'n', version: 1 } : { items: [] }, { status: call.method === 'POST' ? 201 : 200 }));
  const events: ClientEvent[] = [];
  const sent: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    if (request.url === endpoint.tokenUrl) return endpoint.fetch(request);
    sent.push(request);
    const step = steps.shift();
    if (step instanceof Error) throw step;
    if (step === 'hang') return new Promise<Response>(() => {}); // ignores the abort, as a stuck fetch would
    if (step === 'stall-body') {
      // Headers now, a body that never ends.
      return new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"items":')) }), { status: 200 });
    }
    if (step instanceof Response) {
      await request.arrayBuffer();
      return step;
    }
    return api.fetch(request);
  };
  const client = createProductsClient({
    baseUrl: BASE,
    credentials: { tokenUrl: endpoint.tokenUrl, clientId: 'app', clientSecret: 'client-secret-value' },
    fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    ...options,
  } as ProductsClientOptions);
  return { client, clock, sent, events, endpoint };
}

const refused = () => new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) });
const reset = () => new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
const status = (code: number, headers: Record<string, string> = {}) =>
  Response.json({ message: code === 429 ? 'Too Many Requests' : 'Service Unavailable' }, { status: code, headers: { 'x-amzn-RequestId': `req-${code}`, ...headers } });

describe('API retries', () => {
  it.each([429, 502, 503, 504])('retries %i on GET with full-jitter backoff, then succeeds', async (code) => {
    const { client, clock, sent, events } = scripted([status(code), status(code)]);
    const { data, response } = await client.GET('/products');
    expect(response.status).toBe(200);
    expect(data).toEqual({ items: [] });
    expect(sent).toHaveLength(3);
    // random() = 0.5 of min(maxDelay, 100·2ⁿ⁻¹): 50 then 100.
    expect(clock.sleeps).toEqual([50, 100]);
    expect(events.filter((e) => e.type === 'api-retry')).toEqual([
      { type: 'api-retry', method: 'GET', path: '/products', attempt: 1, delayMs: 50, code: `http_${code}` },
      { type: 'api-retry', method: 'GET', path: '/products', attempt: 2, delayMs: 100, code: `http_${code}` },
    ]);
    expect(client.stats()).toMatchObject({ calls: 1, requests: 3, retries: 2, failures: 0, tokens: { requests: 1 } });
  });

  it("the client's onEvent also gets its token provider's events, next to token.onEvent", async () => {
    const tokenEvents: string[] = [];
    const { client, events } = scripted([], { token: { onEvent: (e) => tokenEvents.push(e.type) } });
    await client.GET('/products');
    expect(tokenEvents).toEqual(['request', 'token']);
    expect(events.map((e) => e.type)).toEqual(['request', 'token']);
  });

  it('honours Retry-After (seconds and HTTP date) instead of the jittered delay', async () => {
    const { client, clock } = scripted([status(429, { 'Retry-After': '3' }), status(503, { 'Retry-After': new Date(fakeClock().now() + 7_000).toUTCString() })]);
    const { response } = await client.GET('/products');
    expect(response.status).toBe(200);
    expect(clock.sleeps[0]).toBe(3_000);
    // The date is relative to the injected clock, which has moved on by the first wait.
    expect(clock.sleeps[1]).toBe(4_000);
  });

  it('gives up after maxAttempts and returns the last answer as a typed error result', async () => {
    const { client, sent, events } = scripted([status(503), status(503), status(503), status(503)]);
    const { error, response } = await client.GET('/products/{id}', { params: { path: { id: 'a' } } });
    expect(response.status).toBe(503);
    expect(error).toEqual({ message: 'Service Unavailable' });
    expect(sent).toHaveLength(3);
    expect(events.at(-1)).toEqual({ type: 'api-failure', method: 'GET', path: '/products/{id}', attempts: 3, code: 'http_503' });
    expect(client.stats()).toMatchObject({ requests: 3, retries: 2, failures: 1 });
  });

  it('throwOnError: the last answer throws an ApiError with the request id and the attempt count', async () => {
    const { client } = scripted([status(503), status(503), status(503)], { throwOnError: true });
    const error = await client.GET('/products').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: 'ApiError', code: 'http_503', status: 503, requestId: 'req-503', attempts: 3 });
    expect((error as ApiError).message).toContain('(requestId req-503) after 3 attempts');
  });

  it('does not wait past maxElapsedMs: a long Retry-After ends the retries', async () => {
    const { client, sent, clock } = scripted([status(503, { 'Retry-After': '60' })]);
    const { response } = await client.GET('/products');
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('counts the time already spent against maxElapsedMs', async () => {
    const { client, clock } = scripted([], { retry: { maxAttempts: 5, maxElapsedMs: 1_000, baseDelayMs: 100 } });
    let attempts = 0;
    const { response } = await client.GET('/products', {
      // A per-call fetch replaces the client's; each attempt takes 990 ms of the injected clock.
      fetch: async () => {
        attempts++;
        clock.advance(990);
        return status(503);
      },
    });
    expect(response.status).toBe(503);
    expect(attempts).toBe(1); // 990 ms spent + a 50 ms wait > 1,000 ms
    expect(clock.sleeps).toEqual([]);
  });

  it('retries a network error and a timeout on GET, PUT and DELETE', async () => {
    const { client, sent } = scripted([reset(), 'hang', reset()], { timeoutMs: 50, retry: { maxAttempts: 4 } });
    const { response } = await client.GET('/products');
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(4);
    const put = scripted([reset()]);
    expect((await put.client.PUT('/products/{id}', { params: { path: { id: 'a' } }, body: { name: 'n' } })).response.status).toBe(200);
    expect(put.sent).toHaveLength(2);
    const del = scripted([reset()]);
    expect((await del.client.DELETE('/products/{id}', { params: { path: { id: 'a' } } })).response.status).toBe(200);
    expect(del.sent).toHaveLength(2);
  });

  it('sends the same body on every attempt', async () => {
    const bodies: string[] = [];
    const { client } = scripted([status(502)]);
    client.use({ onRequest: ({ request }) => void bodies.push(request.headers.get('content-type') ?? '') });
    const { sent } = { sent: [] as string[] };
    const put = await client.PUT('/products/{id}', {
      params: { path: { id: 'a' } },
      body: { name: 'same', price: 1 },
      fetch: async (request: Request) => {
        sent.push(await request.text());
        return sent.length === 1 ? status(502) : Response.json({ id: 'a', name: 'same', version: 2 });
      },
    });
    expect(put.response.status).toBe(200);
    expect(sent).toEqual(['{"name":"same","price":1}', '{"name":"same","price":1}']);
    expect(bodies).toEqual(['application/json']); // middleware runs once per call, not per attempt
  });
});

describe('POST retries only when the request cannot have reached the API', () => {
  it('retries a refused connection (never connected) and the gateway throttle (429)', async () => {
    const { client, sent } = scripted([refused(), status(429)]);
    const { response } = await client.POST('/products', { body: { name: 'n' } });
    expect(response.status).toBe(201);
    expect(sent).toHaveLength(3);
  });

  it.each([
    ['502', () => status(502)],
    ['503', () => status(503)],
    ['504', () => status(504)],
  ])('does not retry %s (the create may have happened)', async (_, answer) => {
    const { client, sent } = scripted([answer()]);
    const { response } = await client.POST('/products', { body: { name: 'n' } });
    expect(response.status).toBeGreaterThanOrEqual(502);
    expect(sent).toHaveLength(1);
  });

  it('does not retry a connection dropped after sending, nor a timeout', async () => {
    const dropped = scripted([reset()]);
    await expect(dropped.client.POST('/products', { body: { name: 'n' } })).rejects.toMatchObject({ name: 'NetworkError', code: 'network_error', attempts: 1 });
    expect(dropped.sent).toHaveLength(1);
    const slow = scripted(['hang'], { timeoutMs: 20 });
    await expect(slow.client.POST('/products', { body: { name: 'n' } })).rejects.toMatchObject({ name: 'RequestTimeoutError', code: 'timeout', attempts: 1 });
    expect(slow.sent).toHaveLength(1);
  });
});

describe('timeouts, aborts and opting out', () => {
  it('a fetch that never settles (and ignores the abort) ends in a RequestTimeoutError after every attempt', async () => {
    const { client, sent, events } = scripted(['hang', 'hang'], { timeoutMs: 20, retry: { maxAttempts: 2 } });
    const error = await client.GET('/products').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toMatchObject({ code: 'timeout', timeoutMs: 20, attempts: 2, method: 'GET', url: `${BASE}${operations.listProducts.path}` });
    expect((error as Error).message).toContain('did not answer within 20 ms (2 attempts)');
    expect(sent).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'api-failure', code: 'timeout', attempts: 2 });
  });

  it('a body that never ends times out too', async () => {
    const { client } = scripted(['stall-body'], { timeoutMs: 20, retry: false });
    await expect(client.GET('/products')).rejects.toMatchObject({ name: 'RequestTimeoutError', code: 'timeout', attempts: 1 });
  });

  it('a per-call timeoutMs and retry override the client’s', async () => {
    const { client, sent } = scripted(['hang', 'hang', 'hang'], { timeoutMs: 60_000 });
    await expect(client.GET('/products', { timeoutMs: 15, retry: { maxAttempts: 2 } })).rejects.toMatchObject({ code: 'timeout', timeoutMs: 15, attempts: 2 });
    expect(sent).toHaveLength(2);
    await expect(client.GET('/products', { timeoutMs: 0 })).rejects.toMatchObject({ name: 'ConfigurationError', message: expect.stringContaining('timeoutMs') });
  });

  it('retry: false sends once', async () => {
    const { client, sent } = scripted([status(503)], { retry: false });
    expect((await client.GET('/products')).response.status).toBe(503);
    expect(sent).toHaveLength(1);
    const perCall = scripted([status(503)]);
    expect((await perCall.client.GET('/products', { retry: false })).response.status).toBe(503);
    expect(perCall.sent).toHaveLength(1);
  });

  it("the caller's signal aborts the request and the wait between retries with a RequestAbortedError", async () => {
    const { client } = scripted(['hang']);
    const controller = new AbortController();
    const pending = client.GET('/products', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user left')), 5);
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).toMatchObject({ code: 'aborted', attempts: 1, cause: new Error('user left') });

    const waiting = scripted([status(503)], { sleep: () => new Promise(() => {}) });
    const second = new AbortController();
    const retrying = waiting.client.GET('/products', { signal: second.signal });
    setTimeout(() => second.abort(), 5);
    await expect(retrying).rejects.toMatchObject({ name: 'RequestAbortedError', code: 'aborted', message: expect.stringContaining('waiting to retry') });
  });

  it("the caller's signal during the wait for a token is a RequestAbortedError too, and sends nothing", async () => {
    const { client, endpoint, sent } = scripted([]);
    endpoint.hold();
    const controller = new AbortController();
    const pending = client.GET('/products', { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('gave up')), 5);
    await expect(pending).rejects.toMatchObject({ name: 'RequestAbortedError', code: 'aborted', attempts: 0, message: expect.stringContaining('while waiting for an access token'), cause: new Error('gave up') });
    endpoint.release();
    expect(sent).toHaveLength(0);
  });

  it('refuses bad retry and timeout options with a ConfigurationError naming the option', () => {
    const endpoint = fakeTokenEndpoint();
    const base = { baseUrl: BASE, credentials: { tokenUrl: endpoint.tokenUrl, clientId: 'a', clientSecret: 'b' } };
    expect(() => createProductsClient({ ...base, timeoutMs: 1.5 })).toThrow(expect.objectContaining({ code: 'invalid_option', message: expect.stringContaining('timeoutMs') }));
    expect(() => createProductsClient({ ...base, retry: { maxAttempts: 0 } })).toThrow(expect.objectContaining({ message: expect.stringContaining('retry.maxAttempts') }));
    expect(() => createProductsClient({ ...base, retry: 'yes' as never })).toThrow(expect.objectContaining({ message: expect.stringContaining('retry must be') }));
  });
});

describe('one error model', () => {
  it('an unreachable API is a NetworkError with the system code in the message, after the retries', async () => {
    const { client } = scripted([refused(), refused(), refused()]);
    const error = await client.GET('/products').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ name: 'NetworkError', code: 'network_error', systemCode: 'ECONNREFUSED', attempts: 3, method: 'GET' });
    expect((error as Error).message).toMatch(/^GET https:\/\/api\.example\.test\/dev\/products could not be reached \(ECONNREFUSED, fetch failed; 3 attempts\)/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('a 2xx answer that is not JSON is an InvalidResponseError, not a bare SyntaxError', async () => {
    const { client } = scripted([new Response('<html>gateway</html>', { status: 200, headers: { 'content-type': 'text/html', 'x-amzn-RequestId': 'r-html' } })]);
    const error = await client.GET('/products').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ name: 'InvalidResponseError', code: 'invalid_response', status: 200, requestId: 'r-html', attempts: 1 });
    expect((error as Error).message).toContain('content-type "text/html"');
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });

  it('every class has its name as an own literal, which a minifier cannot rename', async () => {
    const { client } = scripted([refused()], { retry: false });
    const error = (await client.GET('/products').catch((e: unknown) => e)) as Error;
    expect(Object.getOwnPropertyDescriptor(error, 'name')?.value).toBe('NetworkError');
    expect(String(error)).toMatch(/^NetworkError: GET /);
  });

  it("'combined' without scopes: a read-only app client's invalid_scope names the scopes option", async () => {
    const { client, endpoint } = scripted([], { scopeStrategy: 'combined' });
    endpoint.script.push(Response.json({ error: 'invalid_scope' }, { status: 400, headers: { 'x-amzn-RequestId': 'cognito-1' } }));
    const error = await client.GET('/products').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRequestError);
    expect(error).toMatchObject({ code: 'invalid_scope', status: 400, requestId: 'cognito-1', attempts: 1, message: expect.stringContaining("pass the scopes option with only the scopes this app client is allowed, e.g. scopes: ['product-api/read_product']") });
  });

  it('the same refusal with scopes given or per-operation keeps the plain message', async () => {
    const { client, endpoint } = scripted([]);
    endpoint.script.push(Response.json({ error: 'invalid_scope' }, { status: 400 }));
    const error = (await client.GET('/products').catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('scopes option');
  });
});
