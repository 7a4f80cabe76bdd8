// The gateway emulator with a test function behind it (the products handler is not the subject
// here): results mapped back, 502/504/413, validators, routing, gateway responses, docs, the
// access log. And the same gateway driven by an unrelated spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLocalStack, LocalStackError, type LocalStack } from '../src/index.ts';
import { compileContract, loadSpec } from '@org/products-contract';
import { client, ECHO_MODULE, tempDir, token, errorBody } from './helpers.ts';

// Another spec, compiled at test time (tooling): the local stack emulates any contract it is given.
const GENERIC = new URL('./fixtures/generic.yaml', import.meta.url).pathname;

const logs: string[] = [];
let stack: LocalStack;
let jwt: string;
let docs: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  docs = await tempDir('products-local-docs-');
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    log: (l) => logs.push(l),
    integrationTimeoutMs: 200,
    docsDir: docs.dir,
    config: { functions: { ProductsFunctionArn: { module: ECHO_MODULE } } },
  });
  jwt = await token(stack, client(stack, 'products-admin'));
});
afterAll(async () => {
  await stack?.stop();
  await docs?.cleanup();
});

function call(path: string, init: RequestInit & { testMode?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${jwt}`);
  if (init.testMode) headers.set('x-test-mode', init.testMode);
  return fetch(`${stack.apiUrl}${path}`, { ...init, headers });
}

describe('the Lambda proxy result mapped back', () => {
  it('merges headers and multiValueHeaders (the multi-value list wins), keeps every Set-Cookie, defaults nothing it was given', async () => {
    const response = await call('/products', { testMode: 'multi' });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-one')).toBe('single');
    expect(response.headers.get('x-both')).toBe('a, b');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.text()).toBe('text body');
  });

  it('a 204 has no body', async () => {
    const response = await call('/products', { testMode: 'no-content' });
    expect([response.status, await response.text()]).toEqual([204, '']);
  });

  it.each(['throw', 'malformed', 'extra-key', 'no-status'])('502 Internal server error when the function does "%s"', async (mode) => {
    const response = await call('/products', { testMode: mode });
    expect([response.status, await errorBody(response)]).toEqual([502, { message: 'Internal server error', code: 'internal_error' }]);
  });

  it('504 Endpoint request timed out past the integration timeout', async () => {
    const response = await call('/products', { testMode: 'slow' });
    expect([response.status, await errorBody(response)]).toEqual([504, { message: 'Endpoint request timed out', code: 'integration_timeout' }]);
  });

  it('413 in plain text over 10 MB, before the authorizer; 413 Request Too Long when the event passes Lambda\'s 6 MB', async () => {
    const before = logs.length;
    const response = await fetch(`${stack.apiUrl}/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([413, 'text; charset=utf-8', 'HTTP content length exceeded 10485760 bytes.']);
    const overLambda = await call('/products', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(6 * 1024 * 1024) });
    expect([overLambda.status, await overLambda.json(), overLambda.headers.get('x-amzn-errortype')]).toEqual([413, { message: 'Request Too Long' }, 'BadRequestException']);
    const underLambda = await call('/products', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(6 * 1024 * 1024 - 64 * 1024) });
    expect(underLambda.status).toBe(200);
    expect(logs.slice(before).map((l) => JSON.parse(l).status)).toEqual([413, 413, 200]);
  });
});

describe('routing and request validation (openapi.yaml)', () => {
  it('403 Missing Authentication Token for an unknown path or method, with or without a token', async () => {
    for (const [path, method] of [['/nothing', 'GET'], ['/products', 'PATCH'], ['/products/a/b', 'GET'], ['/products//', 'GET'], ['', 'GET']] as const) {
      const response = await stack.fetch(new Request(`${stack.apiUrl}${path}`, { method }));
      expect([path, method, response.status, await errorBody(response), response.headers.get('x-amzn-errortype')]).toEqual([
        path, method, 403, { message: 'Missing Authentication Token', code: 'route_not_found' }, 'MissingAuthenticationTokenException',
      ]);
    }
    // With a (non-SigV4) Authorization header AWS's SigV4 parser answers instead, quoting the header hashed.
    const withToken = await call('/nothing');
    expect([withToken.status, withToken.headers.get('x-amzn-errortype'), (await errorBody(withToken)).code]).toEqual([403, 'IncompleteSignatureException', 'route_not_found']);
    // A trailing slash is routed to the resource without it.
    expect((await call('/products/')).status).toBe(200);
    const anonymous = await fetch(`${stack.apiUrl}/nothing`);
    expect(anonymous.status).toBe(403);
  });

  it('paths outside the stage answer 404 with directions', async () => {
    const response = await fetch(stack.apiUrl.replace(/\/dev$/, '/prod/products'));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toContain('/dev/');
  });

  it('400 Invalid request body against the model of the Content-Type; no Content-Type counts as JSON; other types pass to the function', async () => {
    const bad = await call('/products', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":""}' });
    expect([bad.status, await errorBody(bad), bad.headers.get('x-amzn-errortype')]).toEqual([
      400,
      { message: 'Invalid request body: [string "" is too short (length: 0, required minimum: 1)]', code: 'validation_error' },
      'BadRequestException',
    ]);
    const unknownField = await call('/products', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"name":"a","color":"red"}' });
    expect(unknownField.status).toBe(400);
    const notJson = await call('/products', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect([notJson.status, await errorBody(notJson)]).toEqual([400, { message: 'Invalid request body: [Invalid JSON at position 1: send a JSON value]', code: 'validation_error' }]);
    const empty = await call('/products', { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    // fetch sets text/plain for a string body, so build the no-Content-Type request by hand.
    const noType = await stack.fetch(new Request(`${stack.apiUrl}/products`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: new Blob(['{"name":""}']) }));
    expect(noType.status).toBe(400);
    const noTypeValid = await stack.fetch(new Request(`${stack.apiUrl}/products`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: new Blob(['{"name":"ok"}']) }));
    expect(noTypeValid.status).toBe(200);
    const text = await call('/products', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'not json at all' });
    expect(text.status).toBe(200);
    expect(((await text.json()) as { event: { body: string } }).event.body).toBe('not json at all');
    // params-only validators (GET) do not look at bodies.
    expect((await call('/products/abc', { method: 'GET' })).status).toBe(200);
  });

  it('the authorizer runs before the validator: a bad body without a token is 401', async () => {
    const response = await fetch(`${stack.apiUrl}/products`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect([response.status, await errorBody(response)]).toEqual([401, { message: 'Unauthorized', code: 'unauthorized' }]);
  });
});

describe('the access log', () => {
  it('writes one JSON line per request, without the token', async () => {
    const before = logs.length;
    await call('/products/abc');
    await call('/nothing');
    const lines = logs.slice(before).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.type, l.httpMethod, l.path, l.resourcePath, l.status])).toEqual([
      ['access', 'GET', '/dev/products/abc', '/products/{id}', 200],
      ['access', 'GET', '/dev/nothing', undefined, 403],
    ]);
    expect(lines[0]).toMatchObject({ requestId: expect.any(String), ip: '127.0.0.1', protocol: 'HTTP/1.1', clientId: client(stack, 'products-admin').clientId });
    expect(logs.join('\n')).not.toContain(jwt);
    expect(logs.join('\n')).not.toContain(jwt.split('.')[2]);
  });
});

describe('/docs and /openapi.yaml', () => {
  it('404 telling to run pnpm docs:build when missing, the files once built', async () => {
    for (const path of ['/docs', '/openapi.yaml']) {
      const missing = await fetch(stack.tokenUrl.replace('/oauth2/token', path));
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('pnpm docs:build');
    }
    await writeFile(join(docs.dir, 'index.html'), '<!doctype html><title>Products API</title>');
    await writeFile(join(docs.dir, 'openapi.public.yaml'), 'openapi: 3.0.3\n');
    const page = await fetch(stack.tokenUrl.replace('/oauth2/token', '/docs'));
    expect([page.status, page.headers.get('content-type'), await page.text()]).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>Products API</title>']);
    const yaml = await fetch(stack.tokenUrl.replace('/oauth2/token', '/openapi.yaml'));
    expect([yaml.status, await yaml.text()]).toEqual([200, 'openapi: 3.0.3\n']);
  });
});

describe('driven by another spec', () => {
  let generic: LocalStack;
  let genericJwt: string;
  beforeAll(async () => {
    generic = await startLocalStack({
      port: 0,
      inMemory: true,
      stage: 'v1',
      contract: compileContract(loadSpec(GENERIC)),
      config: { functions: { EchoFunctionArn: { module: ECHO_MODULE } } },
    });
    genericJwt = await token(generic, client(generic, 'products-admin'));
  });
  afterAll(() => generic?.stop());

  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${generic.apiUrl}${path}`, { headers: { authorization: genericJwt, ...headers } });

  it('checks presence of required query and header parameters, renders the spec gateway response with its headers', async () => {
    const missing = await get('/things/t1/parts/p1', { 'x-trace': 'abc' });
    expect(missing.status).toBe(422);
    expect(missing.headers.get('x-custom')).toBe('yes');
    expect(missing.headers.get('x-echo-trace')).toBe('abc');
    expect(missing.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await missing.json()) as Record<string, string>;
    expect(body).toEqual({ error: 'Missing required request parameters: [q, X-Tenant]', detail: 'Missing required request parameters: [q, X-Tenant]', id: missing.headers.get('x-amzn-requestid') });
    const onlyHeader = await get('/things/t1/parts/p1?q=', {});
    expect(((await onlyHeader.json()) as Record<string, string>).error).toBe('Missing required request parameters: [X-Tenant]');
    const ok = await get('/things/t1/parts/p1?q=1', { 'x-tenant': 'acme' });
    expect(ok.status).toBe(200);
    const event = ((await ok.json()) as { event: Record<string, unknown> }).event;
    expect([event.resource, event.pathParameters]).toEqual(['/things/{thing}/parts/{part}', { thing: 't1', part: 'p1' }]);
  });

  it('routes a literal segment before a parameter, and greedy paths', async () => {
    const special = ((await (await get('/things/special/parts/p9')).json()) as { event: Record<string, unknown> }).event;
    expect([special.resource, special.pathParameters]).toEqual(['/things/special/parts/{part}', { part: 'p9' }]);
    const file = ((await (await get('/files/a/b/c.txt')).json()) as { event: Record<string, unknown> }).event;
    expect([file.resource, file.pathParameters]).toEqual(['/files/{path+}', { path: 'a/b/c.txt' }]);
    expect((await get('/files')).status).toBe(403);
  });

  it('refuses to start when a placeholder has no function, naming it', async () => {
    const error = await startLocalStack({ port: 0, inMemory: true, contract: compileContract(loadSpec(GENERIC)) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalStackError);
    expect((error as LocalStackError).code).toBe('function_unresolved');
    expect((error as Error).message).toContain('EchoFunctionArn');
  });
});
