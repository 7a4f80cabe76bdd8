// The core's own decisions, in process: every adapter (local stack, MSW kit) inherits them.
import { describe, expect, it } from 'vitest';
import { contract } from '../src/contract.ts';
import { validationErrorString } from '../src/index.ts';
import { auth, echoGateway, token } from './harness.ts';

const json = async (r: Response) => (await r.json()) as Record<string, unknown>;

describe('gateway responses carry the contract Error shape', () => {
  it('every customized gateway answer has message, code and the request id of its header', async () => {
    const { call } = echoGateway();
    const answers = [
      await call('/products'),
      await call('/nowhere'),
      await call('/products', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '{"name":""}' }),
    ];
    for (const r of answers) {
      const body = await json(r);
      expect(body).toMatchObject({ message: expect.any(String), code: expect.any(String), requestId: r.headers.get('x-amzn-requestid') });
      expect(contract.validators['schema.Error']!(body)).toBe(true);
    }
  });

  it("a body that breaks the model: validation_error with the validator's detail, in the Java validator's words", async () => {
    const { call } = echoGateway();
    const r = await call('/products', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '{"name":"a","colour":"red"}' });
    expect(r.status).toBe(400);
    expect(await json(r)).toMatchObject({
      code: 'validation_error',
      message: 'Invalid request body: [object instance has properties which are not allowed by the schema: ["colour"]]',
    });
  });

  it('malformed JSON and invalid UTF-8 are refused by the body validator, never passed on altered', async () => {
    const { call, events } = echoGateway();
    const bad = await call('/products', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: '{"name":' });
    expect(bad.status).toBe(400);
    expect(((await json(bad)).message as string)).toMatch(/^Invalid request body: \[Invalid JSON/);
    const latin1 = new Uint8Array([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]); // {"name":"é"} in Latin-1
    const r = await call('/products', { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: latin1 });
    expect(r.status).toBe(400);
    expect((await json(r)).message).toBe('Invalid request body: [The request body is not valid UTF-8]');
    expect(events).toHaveLength(0);
  });

  it('describes the keywords the contract uses', () => {
    const validate = contract.validators['createProduct.body.application/json']!;
    const body = { id: 'a b', name: '', price: -1 };
    expect(validate(body)).toBe(false);
    expect(validationErrorString(validate.errors, body)).toBe(
      '[ECMA 262 regex "^[A-Za-z0-9_-]{1,64}$" does not match input string "a b", string "" is too short (length: 0, required minimum: 1), numeric instance is lower than the required minimum (minimum: 0, found: -1)]',
    );
  });
});

describe('routing as API Gateway does', () => {
  it('a trailing slash reaches the resource without it; event.path keeps the slash', async () => {
    const { call, events } = echoGateway();
    const r = await call('/products/', { headers: auth() });
    expect(r.status).toBe(200);
    expect([events[0]!.resource, events[0]!.path]).toEqual(['/products', '/products/']);
  });

  it('an unknown route: 403 route_not_found, or the SigV4 parser answer (hashed header) when an Authorization header is sent', async () => {
    const { call } = echoGateway();
    const plain = await call('/nowhere');
    expect([plain.status, plain.headers.get('x-amzn-errortype'), (await json(plain)).message]).toEqual([403, 'MissingAuthenticationTokenException', 'Missing Authentication Token']);
    const jwt = token();
    const withToken = await call('/nowhere', { headers: { authorization: `Bearer ${jwt}` } });
    const body = await json(withToken);
    expect([withToken.status, withToken.headers.get('x-amzn-errortype'), body.code]).toEqual([403, 'IncompleteSignatureException', 'route_not_found']);
    expect(body.message).toMatch(/^Invalid key=value pair \(missing equal-sign\) in Authorization header \(hashed with SHA-256 and encoded with Base64\): '[A-Za-z0-9+/]{43}='\.$/);
    expect(JSON.stringify(body)).not.toContain(jwt.split('.')[1]);
  });

  it('a method the API does not define is a 403, on every path', async () => {
    const { gateway } = echoGateway();
    for (const method of ['PATCH', 'OPTIONS', 'TRACEX', 'constructor']) {
      const r = await gateway(new Request('http://127.0.0.1:4010/dev/products', { method }));
      expect(r.status).toBe(403);
    }
  });
});

describe('hostile names and tokens', () => {
  it('query and header names that are Object.prototype members are ordinary keys of the event', async () => {
    const { call, events } = echoGateway();
    const r = await call('/products?constructor=1&__proto__=2&toString=3', { headers: { ...auth(), constructor: 'x', __proto__: 'y', hasOwnProperty: 'z' } as Record<string, string> });
    expect(r.status).toBe(200);
    const event = events[0]!;
    expect(event.queryStringParameters!.constructor).toBe('1');
    expect(event.queryStringParameters!['__proto__']).toBe('2');
    expect(event.multiValueQueryStringParameters!.toString).toEqual(['3']);
    expect(event.headers.constructor).toBe('x');
  });

  it('a token with anything appended after its signature is refused', async () => {
    const { call } = echoGateway();
    expect((await call('/products', { headers: { authorization: `Bearer ${token()}` } })).status).toBe(200);
    for (const suffix of ['.', '.x', ' x', '=', '%00']) {
      expect((await call('/products', { headers: { authorization: `Bearer ${token()}${suffix}` } })).status).toBe(401);
    }
  });

  it('the access log never carries a JWT, and caps what a caller controls', async () => {
    const { call, logs } = echoGateway();
    const jwt = token();
    await call(`/products/${jwt}`);
    await call(`/${'a'.repeat(5000)}`);
    const text = JSON.stringify(logs);
    expect(text).not.toContain(jwt.split('.')[1]);
    expect(text.length).toBeLessThan(2000);
  });
});

describe('throttling', () => {
  it('a token bucket of burstLimit, refilled at rateLimit per second, answers 429 throttled over it', async () => {
    let now = Date.UTC(2026, 10, 30);
    const { call } = echoGateway({ throttling: { rateLimit: 2, burstLimit: 3 }, now: () => now });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('/products', { headers: auth() })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const throttled = await call('/products', { headers: auth() });
    expect([throttled.headers.get('x-amzn-errortype'), (await json(throttled)).code]).toEqual(['TooManyRequestsException', 'throttled']);
    now += 1000; // two tokens back
    expect((await call('/products', { headers: auth() })).status).toBe(200);
    expect((await call('/products', { headers: auth() })).status).toBe(200);
    expect((await call('/products', { headers: auth() })).status).toBe(429);
  });
});
