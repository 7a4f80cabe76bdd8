// Each class of the hostile-input findings as explicit cases (the random suites reach them too, but not
// every time at every seed), sent to the local stack over a socket, the core in process and the mock,
// with the same properties: no 5xx, documented answers with the contract's bodies, a request id and an
// access-log line, no token or secret in an answer or a log line, the targets agree. Known gaps of the
// contract the suite found, now closed, are at the end.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '@org/products-core/contract';
import { HOSTILE_NAMES, NUMBER_EDGES_TEXT } from '../src/schema.ts';
import { operations } from '../src/cases.ts';
import { startHarness, type Harness } from '../src/harness.ts';
import { utf8, type Auth, type FuzzAnswer, type FuzzRequest, type TokenMutation } from '../src/request.ts';
import { newTally, runCase, summary } from '../src/run.ts';

let h: Harness;
// The core and the mock run in this process: a request that reached Object.prototype would show here.
const prototypeNames = Object.getOwnPropertyNames(Object.prototype).sort();
const tally = newTally();
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), 'Object.prototype was changed by a request').toEqual(prototypeNames);
  console.log(summary('findings', tally));
  await h?.stop();
});

const admin: Auth = { kind: 'client', client: 'products-admin' };
const op = (id: string) => operations.find((o) => o.operationId === id)!;
const json: [string, string] = ['Content-Type', 'application/json'];

/** Sends a case to every target; fails with the problems (and the curl); returns the answers by target. */
async function clean(request: FuzzRequest): Promise<Map<string, FuzzAnswer>> {
  const seen = new Map<string, FuzzAnswer>();
  const problems = await runCase(h, h.targets, request, tally, seen);
  expect(problems, request.label).toEqual([]);
  return seen;
}
const statuses = (answers: Map<string, FuzzAnswer>) => [...answers.values()].map((a) => a.status);
const codes = (answers: Map<string, FuzzAnswer>) => [...answers.values()].map((a) => (JSON.parse(a.body || '{}') as { code?: string; error?: string }).code ?? (JSON.parse(a.body || '{}') as { error?: string }).error);

describe('Object.prototype names as query and header names, with a valid token', () => {
  it.each(operations.map((o) => [o.operationId, o] as const))('%s: every name answers as without it, with a request id and an access-log line', async (_, o) => {
    const path = o.path.replace(/\{[^}]+\}/g, 'hostile-names');
    const body = o.body ? utf8('{"name":"a"}') : undefined;
    for (const name of HOSTILE_NAMES) {
      for (const where of ['query', 'header'] as const) {
        const request: FuzzRequest = {
          label: `${o.operationId} ${name} as a ${where} name`,
          operationId: o.operationId,
          method: o.method,
          path: where === 'query' ? `${path}?${name}=1` : path,
          headers: [...(body ? [json] : []), ...(where === 'header' ? ([[name, '1']] as [string, string][]) : [])],
          auth: admin,
          valid: true,
          ...(body ? { body } : {}),
        };
        const answers = await clean(request);
        expect(statuses(answers).every((s) => s < 500)).toBe(true);
      }
    }
  });
});

describe("numbers the contract or DynamoDB refuses (Price: 0 to 1e9 in cents; DynamoDB: 1E-130 to 9.99E+125, 38 digits): 400, never 500, nothing stored", () => {
  const create = op('createProduct');
  const update = op('updateProduct');
  const get = op('getProduct');
  it.each([...NUMBER_EDGES_TEXT])('price %s on create and update', async (text) => {
    const id = `num-${text.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 64);
    const created = await clean({ label: `create price ${text}`, operationId: create.operationId, method: 'POST', path: create.path, headers: [json], auth: admin, body: utf8(`{"id":"${id}","name":"n","price":${text}}`), valid: false });
    const [status] = statuses(created);
    expect([201, 400]).toContain(status);
    const value = Number(text);
    // Out of the contract (negative, over the maximum) or out of DynamoDB's range: 400, and nothing stored.
    // The contract's Price (0 to 1e9, a multiple of 0.01 on decimals) keeps every valid price within
    // DynamoDB's range and precision; the generated validator is the judge.
    const refused = !contract.validators['schema.Price']!(value) || (value !== 0 && Math.abs(value) < 1e-130) || Number.isNaN(value);
    expect(status, `price ${text}`).toBe(refused ? 400 : 201);
    const read = await clean({ label: `get ${id}`, operationId: get.operationId, method: 'GET', path: `/products/${id}`, headers: [], auth: admin, valid: true });
    expect(statuses(read)[0]).toBe(refused ? 404 : 200);
    if (!refused) {
      // A stored number is the number JSON.parse reads from the text (a double, 17 digits at most).
      expect((JSON.parse(read.get('stack')!.body) as { price: number }).price).toBe(value === 0 ? 0 : value);
      const updated = await clean({ label: `update price ${text}`, operationId: update.operationId, method: 'PUT', path: `/products/${id}`, headers: [json], auth: admin, body: utf8(`{"name":"n","price":${text}}`), valid: true });
      expect(statuses(updated)[0]).toBe(200);
    }
    // The body is refused before the product is looked up: 400 whether it exists or not.
    const rejected = await clean({ label: `update price 1e-200`, operationId: update.operationId, method: 'PUT', path: `/products/${id}`, headers: [json], auth: admin, body: utf8('{"name":"n","price":1e-200}'), valid: false });
    expect(statuses(rejected)).toEqual(h.targets.map(() => 400));
  });
});

describe('methods no API defines, on every path and the token endpoint', () => {
  const paths = [...new Set(operations.map((o) => o.path.replace(/\{[^}]+\}/g, 'android'))), '/', '/nowhere'];
  it.each(['TRACE', 'TRACK', 'PATCH', 'OPTIONS', 'PROPFIND'])('%s: 403 route_not_found from the gateway, an OAuth2 error from the token endpoint', async (method) => {
    for (const path of paths) {
      const answers = await clean({ label: `${method} ${path}`, operationId: null, method, path, headers: [], auth: { kind: 'none' }, valid: false });
      expect(statuses(answers).every((s) => s === 403), `${method} ${path}`).toBe(true);
    }
    const token = await clean({ label: `${method} token endpoint`, operationId: null, method, path: '', headers: [['Content-Type', 'application/x-www-form-urlencoded']], auth: { kind: 'none' }, valid: false, tokenEndpoint: { query: '' } });
    expect(statuses(token).every((s) => s === 405 || s === 400)).toBe(true);
  });

});

describe('tokens', () => {
  const list = op('listProducts');
  it.each<TokenMutation>(['append-char', 'append-dot', 'append-segment', 'append-space-junk', 'two-tokens', 'truncate-signature', 'drop-signature', 'flip-payload', 'swap-payload'])(
    'a real token spoiled by %s: 401 everywhere',
    async (mutation) => {
      const answers = await clean({ label: `list with a token spoiled by ${mutation}`, operationId: list.operationId, method: 'GET', path: list.path, headers: [], auth: { kind: 'client', client: 'products-admin', mutation }, valid: false });
      expect(statuses(answers)).toEqual(h.targets.map(() => 401));
    },
  );

  it('a token or a client secret where it does not belong (path, scope, grant_type, client_id) reaches no log line and no answer', async () => {
    // runCase fails on any log line with a token, a secret or a JWT-shaped value, and on an answer carrying one.
    const token = await h.client('products-admin');
    const secret = h.stack.clients[0]!.clientSecret;
    const places: [string | null, string][] = [['getProduct', '/products/$TOKEN_LIKE'], [null, '/$TOKEN_LIKE'], ['getProduct', '/products/$SECRET'], ['listProducts', '/products?cursor=$TOKEN_LIKE'], ['listProducts', '/products?$TOKEN_LIKE=1']];
    for (const [operationId, path] of places) {
      await clean({ label: `a secret in the path ${path}`, operationId, method: 'GET', path, headers: [], auth: admin, valid: false });
    }
    const form = ['grant_type=$TOKEN_LIKE', 'grant_type=client_credentials&scope=$TOKEN_LIKE', 'grant_type=client_credentials&scope=$SECRET', 'grant_type=client_credentials&client_id=$SECRET&client_secret=$SECRET', `grant_type=$SECRET`];
    for (const body of form) {
      await clean({ label: `token endpoint ${body}`, operationId: null, method: 'POST', path: '', headers: [['Content-Type', 'application/x-www-form-urlencoded']], auth: { kind: 'raw', header: 'Basic $BASIC_SECRET_AS_ID' }, body: utf8(body), valid: false, tokenEndpoint: { query: '' } });
    }
    // And once more by hand over the socket, reading the log lines themselves.
    const start = h.logs.length;
    for (const path of [`/products/${token}`, `/${token}`, `/products/${secret}`, `/products?cursor=${token}`]) {
      const r = await h.socket.send({ label: 'raw', operationId: null, method: 'GET', path, headers: [], auth: { kind: 'none' }, valid: false }, undefined);
      expect(r.status).toBeLessThan(500);
      expect(r.body).not.toContain(token);
    }
    const lines = h.logs.slice(start);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const line of lines) {
      expect(line).not.toContain(token.split('.')[1]);
      expect(line).not.toContain(secret);
    }
  });

  it('RFC 6749: a repeated parameter and two client authentications at once are invalid_request', async () => {
    for (const body of ['grant_type=client_credentials&grant_type=client_credentials', 'grant_type=client_credentials&scope=a&scope=b', 'grant_type=client_credentials&client_secret=$SECRET']) {
      const answers = await clean({ label: `token ${body}`, operationId: null, method: 'POST', path: '', headers: [['Content-Type', 'application/x-www-form-urlencoded']], auth: { kind: 'raw', header: 'Basic $BASIC' }, body: utf8(body), valid: false, tokenEndpoint: { query: '' } });
      expect(statuses(answers), body).toEqual(h.targets.map(() => 400));
      expect(codes(answers), body).toEqual(h.targets.map(() => 'invalid_request'));
    }
  });

  it('a form body over the limit is refused 413 without reading it all, and the endpoint still works', async () => {
    const big = { label: 'token endpoint 2 MiB form', operationId: null, method: 'POST', path: '', headers: [['Content-Type', 'application/x-www-form-urlencoded']] as [string, string][], auth: { kind: 'raw', header: 'Basic $BASIC' } as Auth, body: utf8(`grant_type=client_credentials&pad=${'a'.repeat(2 * 1024 * 1024)}`), valid: false, tokenEndpoint: { query: '' } };
    expect(statuses(await clean(big))).toEqual(h.targets.map(() => 413));
    const ok = await clean({ ...big, label: 'token endpoint after', body: utf8('grant_type=client_credentials') });
    expect(statuses(ok)).toEqual(h.targets.map(() => 200));
  });
});

describe('invalid UTF-8 in a JSON body: refused 400 alike, never stored altered', () => {
  const create = op('createProduct');
  it.each([
    ['Latin-1 é', [0xe9]],
    ['lone continuation byte', [0x80]],
    ['overlong /', [0xc0, 0xaf]],
    ['UTF-16 surrogate half', [0xed, 0xa0, 0x80]],
    ['truncated 4-byte sequence', [0xf0, 0x9f, 0x98]],
  ])('%s', async (_, bytes) => {
    const id = `utf8-${bytes.join('-')}`;
    const answers = await clean({ label: `create with ${bytes}`, operationId: create.operationId, method: 'POST', path: create.path, headers: [json], auth: admin, body: Uint8Array.from([...utf8(`{"id":"${id}","name":"`), ...bytes, ...utf8('"}')]), valid: false });
    expect(statuses(answers)).toEqual(h.targets.map(() => 400));
    const read = await clean({ label: `get ${id}`, operationId: 'getProduct', method: 'GET', path: `/products/${id}`, headers: [], auth: admin, valid: true });
    expect(statuses(read)).toEqual(h.targets.map(() => 404));
  });
});

describe('bodies over the limits', () => {
  it("over the service's 64 KiB: 413 payload_too_large", async () => {
    // Valid by the schema (whitespace is JSON), so only the size can refuse it.
    const create = op('createProduct');
    const answers = await clean({ label: 'create with a 65537-byte body', operationId: create.operationId, method: 'POST', path: create.path, headers: [json], auth: admin, body: utf8(`{"name":"a"${' '.repeat(65_537 - 12)}}`), valid: false });
    expect(statuses(answers)).toEqual(h.targets.map(() => 413));
    expect(codes(answers)).toEqual(h.targets.map(() => 'payload_too_large'));
  });
});

describe('gaps found by the suite, now closed', () => {
  const create = op('createProduct');
  const update = op('updateProduct');
  it('price 5e-324 breaks the contract (Price is a multiple of 0.01, computed on decimals) and is refused 400 by the gateway, nothing stored', async () => {
    const answers = await clean({ label: 'create price 5e-324', operationId: create.operationId, method: 'POST', path: create.path, headers: [json], auth: admin, body: utf8('{"name":"tiny","price":5e-324}'), valid: false });
    expect(new Set(statuses(answers))).toEqual(new Set([400]));
  });
  it('If-Match "!" breaks the contract (the entity-tag syntax is its pattern) and is refused 400', async () => {
    const answers = await clean({ label: 'update If-Match !', operationId: update.operationId, method: 'PUT', path: '/products/android', headers: [json, ['If-Match', '!']], auth: admin, body: utf8('{"name":"a"}'), valid: false });
    expect(new Set(statuses(answers))).toEqual(new Set([400]));
  });
  it("a body over the gateway's 10 MB: AWS's front door answers a plain-text 413 before any gateway response (observed; openapi.yaml's Error description says so)", async () => {
    const response = await fetch(`${h.stack.apiUrl}${create.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"name":"a"${' '.repeat(10 * 1024 * 1024 + 1 - 12)}}` });
    expect([response.status, await response.text()]).toEqual([413, 'HTTP content length exceeded 10485760 bytes.']);
    expect(response.headers.get('x-amzn-requestid')).toBeTruthy();
  });
  it("a 20 KiB query string reaches the gateway (the stack allows 64 KiB of request line and headers; node's default 16 KiB would answer a bare 431)", async () => {
    await clean({ label: 'list with a 20 KiB cursor', operationId: 'listProducts', method: 'GET', path: `/products?cursor=${'a'.repeat(20_000)}`, headers: [], auth: admin, valid: false });
  });
  it('CONNECT (which fetch cannot send) gets an answer from the stack, as any method the API does not define (packages/local/src/server.ts)', async () => {
    const origin = new URL(h.stack.apiUrl);
    for (const target of [`/${h.stack.stage}/products`, '/oauth2/token', `${origin.host}:443`]) {
      const head = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(origin.port), origin.hostname, () => socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${origin.host}\r\n\r\n`));
        let data = '';
        socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to CONNECT ${target} in 5 s`)));
        socket.on('data', (c: Buffer) => {
          data += c.toString('latin1');
          if (data.includes('\r\n\r\n')) socket.end();
        });
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
      expect(status, `CONNECT ${target}: ${JSON.stringify(head.slice(0, 200))}`).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
  });
});
