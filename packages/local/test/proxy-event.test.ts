// The REST (payload v1) proxy event a function receives, field by field as AWS documents it
// (aws-facts.md §1), over a real socket with repeated headers and query parameters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { startLocalStack, type LocalStack } from '../src/index.ts';
import { client, ECHO_MODULE, token } from './helpers.ts';

// 2023-05-04T02:50:06Z: the token is issued and used at this instant, so exp is one hour later.
const clock = Date.UTC(2023, 4, 4, 2, 50, 6);
let stack: LocalStack;
let jwt: string;

beforeAll(async () => {
  stack = await startLocalStack({ port: 0, inMemory: true, now: () => clock, config: { functions: { ProductsFunctionArn: { module: ECHO_MODULE } } } });
  jwt = await token(stack, client(stack, 'products-reader'));
});
afterAll(() => stack?.stop());

type Echo = { event: Record<string, any>; context: { functionName: string; remaining: number } };

function send(method: string, path: string, headers: Record<string, string | string[]>, body?: string): Promise<Echo> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${stack.apiUrl}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200) reject(new Error(`${res.statusCode} ${text}`));
        else resolve(JSON.parse(text) as Echo);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the Lambda proxy event', () => {
  it('GET with path parameters, repeated query parameters and headers', async () => {
    const { event, context } = await send('GET', '/products/abc?limit=5&tag=a&tag=b&empty=', {
      Authorization: `Bearer ${jwt}`,
      'User-Agent': 'probe/1.0',
      'X-Multi': ['one', 'two'],
    });
    const reader = client(stack, 'products-reader');

    expect(Object.keys(event).sort()).toEqual(
      ['body', 'headers', 'httpMethod', 'isBase64Encoded', 'multiValueHeaders', 'multiValueQueryStringParameters', 'path', 'pathParameters', 'queryStringParameters', 'requestContext', 'resource', 'stageVariables'].sort(),
    );
    expect(event.resource).toBe('/products/{id}');
    expect(event.path).toBe('/products/abc');
    expect(event.httpMethod).toBe('GET');
    // Header names keep the client's case; a repeated header: last value / every value.
    expect(event.headers['X-Multi']).toBe('two');
    expect(event.multiValueHeaders['X-Multi']).toEqual(['one', 'two']);
    expect(event.headers['User-Agent']).toBe('probe/1.0');
    expect(event.headers.Authorization).toBe(`Bearer ${jwt}`);
    expect(event.headers.Host).toBe(`127.0.0.1:${stack.port}`);
    expect(event.headers['X-Forwarded-For']).toBe('127.0.0.1');
    expect(event.headers['X-Forwarded-Port']).toBe(String(stack.port));
    expect(event.headers['X-Forwarded-Proto']).toBe('http');
    expect(event.headers['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    for (const [name, value] of Object.entries(event.headers)) expect(event.multiValueHeaders[name]).toContain(value);
    expect(event.queryStringParameters).toEqual({ limit: '5', tag: 'b', empty: '' });
    expect(event.multiValueQueryStringParameters).toEqual({ limit: ['5'], tag: ['a', 'b'], empty: [''] });
    expect(event.pathParameters).toEqual({ id: 'abc' });
    expect(event.stageVariables).toBeNull();
    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);

    const rc = event.requestContext;
    expect(Object.keys(rc).sort()).toEqual(
      ['accountId', 'apiId', 'authorizer', 'domainName', 'domainPrefix', 'extendedRequestId', 'httpMethod', 'identity', 'path', 'protocol', 'requestId', 'requestTime', 'requestTimeEpoch', 'resourceId', 'resourcePath', 'stage'].sort(),
    );
    expect(rc.resourcePath).toBe('/products/{id}');
    expect(rc.resourceId).toMatch(/^[a-z0-9]{6}$/);
    expect(rc.httpMethod).toBe('GET');
    expect(rc.path).toBe('/dev/products/abc');
    expect(rc.stage).toBe('dev');
    expect(rc.protocol).toBe('HTTP/1.1');
    expect(rc.accountId).toMatch(/^\d{12}$/);
    expect(rc.apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(rc.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(rc.extendedRequestId).toMatch(/^[A-Za-z0-9=]{16}$/);
    expect(rc.requestTimeEpoch).toBe(clock);
    expect(rc.requestTime).toBe('04/May/2023:02:50:06 +0000');
    expect(rc.domainName).toBe(`127.0.0.1:${stack.port}`);
    expect(rc.domainPrefix).toBe('127');
    expect(rc.identity).toEqual({
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      sourceIp: '127.0.0.1',
      principalOrgId: null,
      accessKey: null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent: 'probe/1.0',
      user: null,
      apiKey: null,
      apiKeyId: null,
      clientCert: null,
    });
    // Claims: a flat map of strings; exp/iat as Java dates, the rest as they would print.
    const claims = rc.authorizer.claims as Record<string, string>;
    expect(Object.keys(rc.authorizer)).toEqual(['claims']);
    expect(claims).toEqual({
      sub: reader.clientId,
      token_use: 'access',
      scope: reader.scopes.join(' '),
      auth_time: String(clock / 1000),
      iss: stack.issuer,
      exp: 'Thu May 04 03:50:06 UTC 2023',
      iat: 'Thu May 04 02:50:06 UTC 2023',
      version: '2',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      client_id: reader.clientId,
    });
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
    expect(context.functionName).toBe('ProductsFunction');
    expect(context.remaining).toBeGreaterThan(0);
  });

  it('POST with a body and no query string: nulls where AWS has nulls, the body as a string', async () => {
    const admin = await token(stack, client(stack, 'products-admin'));
    const body = JSON.stringify({ name: 'é – ünïcode' });
    const { event } = await send('POST', '/products', { Authorization: admin, 'Content-Type': 'application/json' }, body);
    expect(event.resource).toBe('/products');
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.headers['Content-Type']).toBe('application/json');
    expect(event.requestContext.path).toBe('/dev/products');
    expect(event.requestContext.httpMethod).toBe('POST');
  });
});
