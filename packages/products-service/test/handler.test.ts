// End to end: proxy events in, every response checked against openapi.yaml, on both repositories: DynamoDB
// (dynalite, a real DynamoDB API on 127.0.0.1, through createHandler as Lambda builds it) and in memory
// (createService, as the MSW kit builds it). The same assertions hold on both.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { createHandler } from '../src/create-handler.ts';
import { operations, type OperationId } from '../src/generated/operations.ts';
import { encodeCursor } from '../src/cursor.ts';
import { ConfigError } from '../src/errors.ts';
import { backends, type BackendHandlerOptions } from './backends.ts';
import { expectDocumented } from './contract.ts';
import { startDynamo, type LocalDynamo } from './dynamo.ts';
import { CLIENT_ID, context, event, type EventInput } from './events.ts';

let clock = new Date('2026-11-26T10:00:00.000Z');
const logs: string[] = [];

/**
 * The request log lines among what a handler wrote (the DynamoDB entry also writes EMF metrics lines), with
 * `level` in lower case (Powertools writes `INFO`, the Web core's default observer `info`).
 */
function requestLines(lines: string[]): Record<string, any>[] {
  return lines
    .map((text) => JSON.parse(text) as Record<string, any>)
    .filter((line) => line.message === 'request')
    .map((line) => ({ ...line, level: String(line.level).toLowerCase() }));
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: any;
  raw: APIGatewayProxyResult;
}

describe.each(backends())('on the $name repository', (backend) => {
  beforeAll(() => backend.start());
  afterAll(() => backend.stop());
  beforeEach(() => {
    clock = new Date('2026-11-26T10:00:00.000Z');
  });

  async function fresh(options: BackendHandlerOptions = {}): Promise<(op: OperationId, input?: EventInput) => Promise<Answer>> {
    const handler = await backend.handler({ now: () => clock, log: (line) => logs.push(line), ...options });
    return async (op, input) => {
      const raw = expectDocumented(op, await handler(event(op, input), context()));
      return {
        status: raw.statusCode,
        headers: Object.fromEntries(Object.entries(raw.headers ?? {}).map(([k, v]) => [k, String(v)])),
        body: raw.body ? JSON.parse(raw.body) : undefined,
        raw,
      };
    };
  }

  describe('createProduct', () => {
    it('stores a product with its id, version 1, timestamps and the caller as createdBy (201, Location, ETag)', async () => {
      const call = await fresh();
      const created = await call('createProduct', { json: { id: 'android', name: 'Android phone', description: 'A phone.', price: 199.99 } });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: 'android',
        name: 'Android phone',
        description: 'A phone.',
        price: 199.99,
        createdAt: '2026-11-26T10:00:00.000Z',
        updatedAt: '2026-11-26T10:00:00.000Z',
        createdBy: CLIENT_ID,
        version: 1,
      });
      expect(created.headers.Location).toBe(`/dev${operations.createProduct.path}/android`);
      expect(created.headers.ETag).toBe('"1"');
      const read = await call('getProduct', { pathParameters: { id: 'android' } });
      expect(read.body).toEqual(created.body);
    });

    it('generates a UUID when the body has no id', async () => {
      const call = await fresh();
      const created = await call('createProduct', { json: { name: 'No id' } });
      expect(created.status).toBe(201);
      expect(created.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(created.headers.Location).toBe(`/dev${operations.createProduct.path}/${created.body.id}`);
      expect(created.body).not.toHaveProperty('description');
      expect(created.body).not.toHaveProperty('price');
    });

    it('answers 409 to a second create of the same id and keeps the first product unchanged', async () => {
      const call = await fresh();
      await call('createProduct', { json: { id: 'dup', name: 'First' } });
      const second = await call('createProduct', { json: { id: 'dup', name: 'Second' } });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'already_exists', requestId: expect.any(String) });
      expect(second.body.message).toContain('"dup"');
      const read = await call('getProduct', { pathParameters: { id: 'dup' } });
      expect(read.body.name).toBe('First');
    });

    it('takes the caller from sub when client_id is absent, and refuses a request without claims (401)', async () => {
      const call = await fresh();
      const bySub = await call('createProduct', { json: { name: 'x' }, claims: { sub: 'other-client', token_use: 'access' } });
      expect(bySub.body.createdBy).toBe('other-client');
      const none = await call('createProduct', { json: { name: 'x' }, claims: null });
      expect(none.status).toBe(401);
      expect(none.body).toMatchObject({ message: 'Unauthorized', code: 'unauthorized', requestId: expect.stringMatching(/^req-/) });
      const list = await call('listProducts', { claims: {} });
      expect(list.status).toBe(401);
    });

    it('keeps an empty description and a zero price (both valid in the contract)', async () => {
      const call = await fresh();
      const created = await call('createProduct', { json: { id: 'free', name: 'Free', description: '', price: 0 } });
      expect(created.body).toMatchObject({ description: '', price: 0 });
      const read = await call('getProduct', { pathParameters: { id: 'free' } });
      expect(read.body).toMatchObject({ description: '', price: 0 });
    });

    it('accepts a base64-encoded body and Content-Type with charset', async () => {
      const call = await fresh();
      const created = await call('createProduct', {
        body: Buffer.from(JSON.stringify({ id: 'b64', name: 'Base64' })).toString('base64'),
        isBase64Encoded: true,
        headers: { 'content-type': 'application/json; charset=UTF-8' },
      });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe('Base64');
    });
  });

  describe('request validation (400/413/415, never 500)', () => {
    const cases: [string, EventInput, number, string, RegExp][] = [
      ['missing body', { headers: { 'Content-Type': 'application/json' } }, 400, 'validation_error', /body is required/],
      ['text/plain', { body: '{"name":"a"}', headers: { 'Content-Type': 'text/plain' } }, 415, 'unsupported_media_type', /"text\/plain"/],
      ['no Content-Type', { body: '{"name":"a"}' }, 415, 'unsupported_media_type', /no Content-Type/],
      ['latin-1 charset', { body: '{"name":"a"}', headers: { 'Content-Type': 'application/json; charset=iso-8859-1' } }, 415, 'unsupported_media_type', /iso-8859-1/],
      ['invalid JSON', { body: '{"name": ', headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_json', /not valid JSON/],
      ['invalid UTF-8', { body: Buffer.from([0x7b, 0xff, 0x7d]).toString('base64'), isBase64Encoded: true, headers: { 'Content-Type': 'application/json' } }, 400, 'invalid_json', /UTF-8/],
      ['an array', { json: [{ name: 'a' }] }, 400, 'validation_error', /body: must be object/],
      ['null', { json: null, body: 'null', headers: { 'Content-Type': 'application/json' } }, 400, 'validation_error', /body: must be object/],
      ['unknown field', { json: { name: 'a', colour: 'red' } }, 400, 'validation_error', /unknown field "colour"/],
      ['__proto__ field', { body: '{"name":"a","__proto__":{"x":1}}', headers: { 'Content-Type': 'application/json' } }, 400, 'validation_error', /unknown field "__proto__"/],
      ['server-owned field', { json: { name: 'a', version: 7 } }, 400, 'validation_error', /unknown field "version"/],
      ['missing name', { json: { price: 1 } }, 400, 'validation_error', /must have required property 'name'/],
      ['empty name', { json: { name: '' } }, 400, 'validation_error', /body\.name: must NOT have fewer than 1 characters \(got ""\)/],
      ['numeric name', { json: { name: 42 } }, 400, 'validation_error', /body\.name: must be string \(got 42\)/],
      ['negative price', { json: { name: 'a', price: -1 } }, 400, 'validation_error', /body\.price: must be >= 0 \(got -1\)/],
      ['price as text', { json: { name: 'a', price: '1.00' } }, 400, 'validation_error', /body\.price: must be number/],
      ['bad id', { json: { id: 'a b', name: 'a' } }, 400, 'validation_error', /body\.id: must match pattern/],
      ['long id', { json: { id: 'x'.repeat(65), name: 'a' } }, 400, 'validation_error', /body\.id: must NOT have more than 64 characters/],
      ['too large', { json: { name: 'a', description: 'x'.repeat(70000) } }, 413, 'payload_too_large', /the limit is 65536 bytes/],
      // Nesting deep enough that JSON.stringify/String overflow the stack while quoting the bad value.
      ['deeply nested array', { body: `${'['.repeat(30000)}${']'.repeat(30000)}`, headers: { 'Content-Type': 'application/json' } }, 400, 'validation_error', /body: must be object \(got \[\[/],
      ['deeply nested field', { body: `{"name":"a","description":${'['.repeat(30000)}${']'.repeat(30000)}}`, headers: { 'Content-Type': 'application/json' } }, 400, 'validation_error', /body\.description: must be string/],
    ];
    it.each(cases)('createProduct with %s', async (_, input, status, code, message) => {
      const call = await fresh();
      const answer = await call('createProduct', input);
      expect(answer.status).toBe(status);
      expect(answer.body.code).toBe(code);
      expect(answer.body.message).toMatch(message);
      expect(answer.body.requestId).toMatch(/^req-/);
      const list = await call('listProducts');
      expect(list.body.items).toEqual([]);
    });

    it('answers 400 validation_error (never 500) to a price DynamoDB cannot store, on create and update', async () => {
      // Whether the contract's Price schema or the repository refuses it (the contract may bound the
      // price's precision), the answer is a 400 naming the field and quoting the value, and nothing changes.
      const call = await fresh();
      const created = await call('createProduct', { json: { id: 'tiny', name: 'Tiny', price: 1e-200 } });
      expect(created.status).toBe(400);
      expect(created.body.code).toBe('validation_error');
      expect(created.body.message).toMatch(/body\.price: .*\(got 1e-200\)/);
      expect((await call('getProduct', { pathParameters: { id: 'tiny' } })).status).toBe(404);
      expect((await call('createProduct', { json: { id: 'tiny', name: 'Tiny', price: 5 } })).status).toBe(201);
      const updated = await call('updateProduct', { pathParameters: { id: 'tiny' }, json: { name: 'Tiny', price: 5e-324 } });
      expect(updated.status).toBe(400);
      expect(updated.body.message).toMatch(/body\.price: .*\(got 5e-324\)/);
      expect((await call('getProduct', { pathParameters: { id: 'tiny' } })).body).toMatchObject({ price: 5, version: 1 });
    });

    it('treats Object.prototype names in the query, headers, path and claims as plain names (never a 500)', async () => {
      const call = await fresh();
      // JSON.parse makes `__proto__` an own key (an object literal would set the prototype instead).
      const hostile = JSON.parse('{"constructor":"x","__proto__":"y","toString":"z","hasOwnProperty":"w"}') as Record<string, string>;
      expect(Object.keys(hostile)).toContain('__proto__');
      const list = await call('listProducts', { query: { ...hostile }, headers: { ...hostile } });
      expect(list.status).toBe(200);
      const created = await call('createProduct', { json: { id: 'constructor', name: 'toString' }, headers: { ...hostile } });
      expect(created.status).toBe(201);
      expect((await call('getProduct', { pathParameters: { id: '__proto__' } })).status).toBe(404);
      expect((await call('getProduct', { pathParameters: { id: 'constructor' } })).body).toMatchObject({ id: 'constructor', name: 'toString' });
      const claims = await call('listProducts', { claims: { constructor: 'x', toString: 'y' } });
      expect(claims.status).toBe(401);
    });

    it('lists every problem of a body at once', async () => {
      const call = await fresh();
      const answer = await call('createProduct', { json: { name: '', price: -5, extra: true } });
      expect(answer.body.message).toMatch(/body\.name/);
      expect(answer.body.message).toMatch(/body\.price/);
      expect(answer.body.message).toMatch(/"extra"/);
    });

    it.each([
      ['a b'],
      ['x'.repeat(65)],
      ['a%2Fb'],
    ])('answers 400 to the path id %j on get, update and delete', async (id) => {
      const call = await fresh();
      for (const op of ['getProduct', 'deleteProduct', 'updateProduct'] as const) {
        const answer = await call(op, { pathParameters: { id }, ...(op === 'updateProduct' ? { json: { name: 'a' } } : {}) });
        expect(answer.status).toBe(400);
        expect(answer.body.code).toBe('validation_error');
        expect(answer.body.message).toContain('path parameter "id"');
      }
    });

    it('answers 413 with a smaller configured limit, even on operations without a body', async () => {
      const call = await fresh({ maxBodyBytes: 10 });
      const answer = await call('listProducts', { body: 'x'.repeat(11) });
      expect(answer.status).toBe(413);
      expect(answer.body.message).toBe('Request body is 11 bytes; the limit is 10 bytes.');
    });
  });

  describe('getProduct and deleteProduct', () => {
    it('gets with an ETag, deletes (204, no body), then answers 404 to both', async () => {
      const call = await fresh();
      await call('createProduct', { json: { id: 'gone', name: 'Gone' } });
      const read = await call('getProduct', { pathParameters: { id: 'gone' } });
      expect(read.status).toBe(200);
      expect(read.headers.ETag).toBe('"1"');
      const deleted = await call('deleteProduct', { pathParameters: { id: 'gone' } });
      expect(deleted.status).toBe(204);
      expect(deleted.raw.body).toBe('');
      const again = await call('deleteProduct', { pathParameters: { id: 'gone' } });
      expect(again.status).toBe(404);
      expect(again.body).toMatchObject({ code: 'not_found', message: 'Product "gone" was not found.' });
      const missing = await call('getProduct', { pathParameters: { id: 'gone' } });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('not_found');
    });
  });

  describe('updateProduct', () => {
    it('replaces the mutable fields, removes the ones left out, bumps the version and keeps createdAt/createdBy', async () => {
      const call = await fresh();
      clock = new Date('2026-11-26T10:00:00.000Z');
      await call('createProduct', { json: { id: 'p', name: 'Phone', description: 'Old', price: 10 } });
      clock = new Date('2026-11-26T11:00:00.000Z');
      const updated = await call('updateProduct', {
        pathParameters: { id: 'p' },
        json: { name: 'Phone 2', price: 12.5 },
        claims: { client_id: 'another-client' },
      });
      expect(updated.status).toBe(200);
      expect(updated.headers.ETag).toBe('"2"');
      expect(updated.body).toEqual({
        id: 'p',
        name: 'Phone 2',
        price: 12.5,
        createdAt: '2026-11-26T10:00:00.000Z',
        updatedAt: '2026-11-26T11:00:00.000Z',
        createdBy: CLIENT_ID,
        version: 2,
      });
      const read = await call('getProduct', { pathParameters: { id: 'p' } });
      expect(read.body).toEqual(updated.body);
    });

    it('honours If-Match: the current ETag or * update, a stale or weak one is 412, an unquoted one is 400', async () => {
      const call = await fresh();
      await call('createProduct', { json: { id: 'm', name: 'v1' } });
      const ok = await call('updateProduct', { pathParameters: { id: 'm' }, json: { name: 'v2' }, headers: { 'If-Match': '"1"' } });
      expect(ok.status).toBe(200);
      expect(ok.body.version).toBe(2);
      const stale = await call('updateProduct', { pathParameters: { id: 'm' }, json: { name: 'lost' }, headers: { 'if-match': '"1"' } });
      expect(stale.status).toBe(412);
      expect(stale.body).toMatchObject({
        code: 'precondition_failed',
        message: 'Product "m" is at version "2", not "1": read it again and retry.',
      });
      const weak = await call('updateProduct', { pathParameters: { id: 'm' }, json: { name: 'lost' }, headers: { 'If-Match': 'W/"2"' } });
      expect(weak.status).toBe(412);
      const list = await call('updateProduct', { pathParameters: { id: 'm' }, json: { name: 'v3' }, headers: { 'If-Match': '"7", "2"' } });
      expect(list.status).toBe(200);
      expect(list.body.version).toBe(3);
      const star = await call('updateProduct', { pathParameters: { id: 'm' }, json: { name: 'v4' }, headers: { 'If-Match': '*' } });
      expect(star.body.version).toBe(4);
      const unquoted = await call('updateProduct', { pathParameters: { id: 'm' }, json: { name: 'lost' }, headers: { 'If-Match': '4' } });
      expect(unquoted.status).toBe(400);
      expect(unquoted.body.code).toBe('validation_error');
      const tooLong = await call('updateProduct', { pathParameters: { id: 'm' }, json: { name: 'lost' }, headers: { 'If-Match': `"${'1'.repeat(70)}"` } });
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.message).toContain('header parameter "If-Match"');
      const read = await call('getProduct', { pathParameters: { id: 'm' } });
      expect(read.body).toMatchObject({ name: 'v4', version: 4 });
    });

    it('answers 404 for a missing product, with or without If-Match, and creates nothing', async () => {
      const call = await fresh();
      const plain = await call('updateProduct', { pathParameters: { id: 'nope' }, json: { name: 'x' } });
      expect(plain.status).toBe(404);
      const conditional = await call('updateProduct', { pathParameters: { id: 'nope' }, json: { name: 'x' }, headers: { 'If-Match': '"1"' } });
      expect(conditional.status).toBe(404);
      expect(conditional.body.code).toBe('not_found');
      const star = await call('updateProduct', { pathParameters: { id: 'nope' }, json: { name: 'x' }, headers: { 'If-Match': '*' } });
      expect(star.status).toBe(404);
      expect((await call('listProducts')).body.items).toEqual([]);
    });

    it('rejects an id in the body (the id is the path) and unknown fields', async () => {
      const call = await fresh();
      await call('createProduct', { json: { id: 'k', name: 'k' } });
      const answer = await call('updateProduct', { pathParameters: { id: 'k' }, json: { id: 'other', name: 'k2' } });
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain('unknown field "id"');
    });
  });

  describe('listProducts', () => {
    it('pages through every item exactly once with an opaque cursor', async () => {
      const call = await fresh();
      const ids = Array.from({ length: 23 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
      await Promise.all(ids.map((id) => call('createProduct', { json: { id, name: id } })));
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await call('listProducts', { query: { limit: '5', ...(cursor ? { cursor } : {}) } });
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.body.items.map((p: { id: string }) => p.id));
        cursor = page.body.nextCursor;
        if (cursor) expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        pages++;
      } while (cursor && pages < 20);
      expect(seen.slice().sort()).toEqual(ids);
      expect(new Set(seen).size).toBe(ids.length);
      expect(pages).toBeGreaterThanOrEqual(5);
    });

    it('defaults to 20 items a page, and answers an empty table with no cursor', async () => {
      const call = await fresh();
      expect((await call('listProducts')).body).toEqual({ items: [] });
      await Promise.all(Array.from({ length: 21 }, (_, i) => call('createProduct', { json: { id: `d${i}`, name: 'd' } })));
      const first = await call('listProducts');
      expect(first.body.items).toHaveLength(20);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await call('listProducts', { query: { cursor: first.body.nextCursor } });
      expect(second.body.items).toHaveLength(1);
    });

    it.each([['0'], ['101'], ['abc'], ['1.5'], ['-1'], ['']])('answers 400 to limit=%j', async (limit) => {
      const call = await fresh();
      const answer = await call('listProducts', { query: { limit } });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('validation_error');
      expect(answer.body.message).toContain('query parameter "limit"');
    });

    const b64 = (text: string) => Buffer.from(text).toString('base64url');
    it.each([
      ['not base64url', 'a+b/c='],
      ['not JSON', b64('{"id":')],
      ['JSON but an array', b64('["a"]')],
      ['another key name', b64('{"pk":"a"}')],
      ['an extra key', b64('{"id":"a","sk":"b"}')],
      ['a DynamoDB-typed key', b64('{"id":{"S":"a"}}')],
      ['an id the API cannot store', b64('{"id":"a b"}')],
      ['too long', 'a'.repeat(3000)],
    ])('answers 400 (never 500) to a cursor that is %s', async (_, cursor) => {
      const call = await fresh();
      const answer = await call('listProducts', { query: { cursor } });
      expect(answer.status).toBe(400);
      expect(['invalid_cursor', 'validation_error']).toContain(answer.body.code);
    });

    it('accepts a forged but well-formed cursor naming no item (a scan start point, not a lookup)', async () => {
      const call = await fresh();
      await call('createProduct', { json: { id: 'a', name: 'a' } });
      const answer = await call('listProducts', { query: { cursor: encodeCursor({ id: 'never-stored' }) } });
      expect(answer.status).toBe(200);
    });
  });

  describe('routing, failures and logging', () => {
    it('still answers when the logger throws, and falls back to event.path for Location without requestContext.path', async () => {
      const handler = await backend.handler({
        log: () => {
          throw new Error('log sink down');
        },
      });
      const ev = event('createProduct', { json: { id: 'x', name: 'x' } });
      (ev.requestContext as { path?: string }).path = undefined;
      const result = expectDocumented('createProduct', await handler(ev, context()));
      expect(result.statusCode).toBe(201);
      expect(result.headers?.Location).toBe(`${operations.createProduct.path}/x`);
    });

    it('answers an unknown route like API Gateway does (403 Missing Authentication Token)', async () => {
      const handler = await backend.handler({ log: () => undefined });
      const result = await handler(event('getProduct', { httpMethod: 'PATCH', pathParameters: { id: 'a' } }), context());
      expectDocumented({ response: 'Forbidden', status: 403 }, result);
      expect(JSON.parse(result.body)).toMatchObject({ message: 'Missing Authentication Token', code: 'route_not_found' });
    });

    it('answers any other unexpected failure (here a broken clock) with the same generic 500; the log keeps the cause', async () => {
      const lines: string[] = [];
      const handler = await backend.handler({ now: () => new Date(Number.NaN), log: (l) => lines.push(l) });
      const ev = event('createProduct', { json: { id: 'clock', name: 'x' } });
      const result = expectDocumented('createProduct', await handler(ev, context()));
      expect(result.statusCode).toBe(500);
      expect(JSON.parse(result.body)).toEqual({
        message: 'Internal error; quote the requestId when you report it.',
        code: 'internal_error',
        requestId: ev.requestContext.requestId,
      });
      expect(result.body).not.toMatch(/RangeError|Invalid time|at /);
      const [line] = requestLines(lines);
      expect(line).toMatchObject({ level: 'error', status: 500, errorCode: 'internal_error', errorName: 'InternalError', cause: { name: 'RangeError' } });
      expect(line!.cause.stack).toContain('toISOString');
    });

    it('writes one JSON line per request with the request facts, and never the token', async () => {
      const token = 'eyJraWQiOiJ0ZXN0In0.eyJzdWIiOiJzZWNyZXQtdG9rZW4tdmFsdWUifQ.c2lnbmF0dXJlLXNlY3JldA';
      const lines: string[] = [];
      let t = 1_000;
      const handler = await backend.handler({ now: () => new Date((t += 7)), log: (l) => lines.push(l) });
      const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
      const created = await handler(event('createProduct', { json: { id: 'logged', name: token.slice(0, 200) }, headers }), context());
      expectDocumented('createProduct', created);
      const bad = await handler(event('createProduct', { json: { name: token, extra: token }, headers }), context());
      expectDocumented('createProduct', bad);
      const badCursor = await handler(event('listProducts', { query: { cursor: token }, headers }), context());
      expectDocumented('listProducts', badCursor);
      expect(requestLines(lines)).toHaveLength(3);
      for (const text of lines) {
        expect(text).not.toContain(token.slice(0, 16));
        expect(text).not.toContain(token.slice(-16));
        expect(text).not.toContain('Bearer');
        expect(text.split('\n')).toHaveLength(1);
      }
      const [first, second, third] = requestLines(lines);
      expect(first).toMatchObject({
        level: 'info',
        message: 'request',
        requestId: expect.stringMatching(/^req-/),
        operationId: 'createProduct',
        method: 'POST',
        resource: operations.createProduct.path,
        status: 201,
        latencyMs: 14, // the clock moves 7 ms per read: start, createdAt, end
        clientId: CLIENT_ID,
      });
      expect(second).toMatchObject({ level: 'warn', status: 400, errorCode: 'validation_error' });
      expect(third).toMatchObject({ status: 400, errorCode: 'invalid_cursor' });
      // 4xx lines carry the code, not the message (it quotes request values).
      expect(second).not.toHaveProperty('errorMessage');
    });
  });
});

describe('the DynamoDB entry (createHandler)', () => {
  let dynamo: LocalDynamo;
  beforeAll(async () => {
    dynamo = await startDynamo();
  });
  afterAll(async () => {
    await dynamo?.stop();
  });

  it('refuses to build without a table name (option or TABLE_NAME)', () => {
    vi.stubEnv('TABLE_NAME', '');
    try {
      expect(() => createHandler({ endpoint: dynamo.endpoint })).toThrow(ConfigError);
      expect(() => createHandler({ endpoint: dynamo.endpoint })).toThrow(/TABLE_NAME/);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('answers a DynamoDB failure with a 500 that carries the requestId and nothing internal; the log has the details', async () => {
    const lines: string[] = [];
    const handler = createHandler({ tableName: 'no-such-table', endpoint: dynamo.endpoint, region: 'us-east-1', log: (l) => lines.push(l) });
    const ev = event('getProduct', { pathParameters: { id: 'a' } });
    const result = expectDocumented('getProduct', await handler(ev, context()));
    expect(result.statusCode).toBe(500);
    expect(JSON.parse(result.body)).toEqual({
      message: 'Internal error; quote the requestId when you report it.',
      code: 'internal_error',
      requestId: ev.requestContext.requestId,
    });
    expect(result.body).not.toMatch(/no-such-table|ResourceNotFound|stack|at /);
    const [line] = requestLines(lines);
    expect(line).toMatchObject({ level: 'error', status: 500, errorCode: 'dynamodb_error', operationId: 'getProduct' });
    expect(line!.errorMessage).toContain('ResourceNotFoundException');
  });
});
