// The Cognito authorizer's conformance table (aws-facts.md §1): each row an exact status and body,
// over a real socket, against the real products handler behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listOperations, loadSpec } from '@org/products-contract';
import { startLocalStack, type LocalStack } from '../src/index.ts';
import { accessClaims, client, hs256WithPublicKey, noneToken, poolPrivateKey, sign, strangerKey, tempDir, token, errorBody } from './helpers.ts';

const ops = listOperations(loadSpec());
const readScope = ops.find((o) => o.operationId === 'listProducts')!.scopes[0]!;
const createScope = ops.find((o) => o.operationId === 'createProduct')!.scopes[0]!;

let stack: LocalStack;
let clock = Date.now();
let cleanup: () => Promise<void>;
let dataDir: string;
const logs: string[] = [];

beforeAll(async () => {
  ({ dir: dataDir, cleanup } = await tempDir());
  stack = await startLocalStack({ port: 0, dataDir, now: () => clock, log: (l) => logs.push(l) });
});
afterAll(async () => {
  await stack?.stop();
  await cleanup?.();
});

const UNAUTHORIZED = { status: 401, body: { message: 'Unauthorized', code: 'unauthorized' } };
const EXPIRED = { status: 401, body: { message: 'The incoming token has expired', code: 'unauthorized' } };

async function list(authorization?: string, query = ''): Promise<{ status: number; body: unknown; errorType: string | null }> {
  const response = await fetch(`${stack.apiUrl}/products${query}`, { headers: authorization === undefined ? {} : { authorization } });
  return { status: response.status, body: response.status >= 400 ? await errorBody(response) : await response.json(), errorType: response.headers.get('x-amzn-errortype') };
}

describe('Cognito authorizer conformance (GET /products, scope read_product)', () => {
  it('accepts a valid access token, with and without the Bearer prefix', async () => {
    const jwt = await token(stack, client(stack, 'products-reader'));
    expect((await list(`Bearer ${jwt}`)).status).toBe(200);
    expect((await list(jwt)).status).toBe(200);
  });

  it('answers each bad token as AWS does', async () => {
    const { key, jwk, kid } = await poolPrivateKey(dataDir);
    const reader = client(stack, 'products-reader');
    const nowS = Math.floor(clock / 1000);
    const claims = accessClaims(stack, reader.clientId, readScope, nowS);
    const valid = await token(stack, reader);
    const [h, p, s] = valid.split('.') as [string, string, string];
    const tamperedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), scope: `${readScope} ${createScope}` })).toString('base64url');
    const publicJwk = { kty: jwk.kty, n: jwk.n, e: jwk.e };

    const rows: [string, string | undefined, { status: number; body: unknown }, string?][] = [
      ['no Authorization header', undefined, UNAUTHORIZED],
      ['an empty header', '', UNAUTHORIZED],
      ['"Bearer" and nothing', 'Bearer ', UNAUTHORIZED],
      ['garbage', 'Bearer not-a-jwt', UNAUTHORIZED],
      ['alg: none', `Bearer ${noneToken(claims, kid)}`, UNAUTHORIZED],
      ['HS256 keyed with the public key', `Bearer ${hs256WithPublicKey(claims, publicJwk, kid)}`, UNAUTHORIZED],
      ['RS256 by a key not in the JWKS (published kid)', `Bearer ${await sign(claims, await strangerKey(), kid)}`, UNAUTHORIZED],
      ['an unknown kid', `Bearer ${await sign(claims, key, 'no-such-kid')}`, UNAUTHORIZED],
      ['expired (signed by the pool)', `Bearer ${await sign({ ...claims, iat: nowS - 7200, exp: nowS - 3600 }, key, kid)}`, EXPIRED],
      ['a wrong issuer (signed by the pool key)', `Bearer ${await sign({ ...claims, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' }, key, kid)}`, UNAUTHORIZED],
      ['an ID token', `Bearer ${await sign({ ...claims, token_use: 'id', aud: reader.clientId }, key, kid)}`, UNAUTHORIZED],
      ['a scope of another resource server', `Bearer ${await sign({ ...claims, scope: readScope.replace(/^[^/]+/, 'other-api') }, key, kid)}`, UNAUTHORIZED],
      ['a scope sharing only a prefix', `Bearer ${await sign({ ...claims, scope: `${readScope}_all` }, key, kid)}`, UNAUTHORIZED],
      ['the token in the query string only', undefined, UNAUTHORIZED, `?access_token=${valid}`],
      ['a tampered payload with the original signature', `Bearer ${h}.${tamperedPayload}.${s}`, UNAUTHORIZED],
      ['a token without exp', `Bearer ${await sign({ ...claims, exp: undefined }, key, kid)}`, UNAUTHORIZED],
    ];
    const results = [];
    for (const [name, header, , query] of rows) {
      const got = await list(header, query);
      results.push([name, { status: got.status, body: got.body }]);
      expect(got.errorType, name).toBe('UnauthorizedException');
    }
    expect(results).toEqual(rows.map(([name, , expected]) => [name, expected]));
    // The same signed claims pass: the rows fail for the reason they name, not by accident.
    expect((await list(`Bearer ${await sign(claims, key, kid)}`)).status).toBe(200);
    expect(logs.join('\n')).not.toContain(valid);
  });

  it('checks expiry on every request, also for a cached token', async () => {
    const jwt = await token(stack, client(stack, 'products-reader'));
    expect((await list(`Bearer ${jwt}`)).status).toBe(200);
    const saved = clock;
    clock += 3600 * 1000;
    try {
      expect(await list(`Bearer ${jwt}`)).toEqual({ ...EXPIRED, errorType: 'UnauthorizedException' });
    } finally {
      clock = saved;
    }
  });

  it('scopes are any-of per method: a create-only token gets 401 on GET, a reader token gets 401 on POST', async () => {
    const createOnly = await token(stack, client(stack, 'products-admin'), createScope);
    expect(await list(`Bearer ${createOnly}`)).toEqual({ ...UNAUTHORIZED, errorType: 'UnauthorizedException' });
    const reader = await token(stack, client(stack, 'products-reader'));
    const post = await fetch(`${stack.apiUrl}/products`, { method: 'POST', headers: { authorization: `Bearer ${reader}`, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect([post.status, await errorBody(post)]).toEqual([401, { message: 'Unauthorized', code: 'unauthorized' }]);
  });

  it('after rotateKeys old tokens still pass; after dropOldKeys they get 401 even when cached', async () => {
    const before = await token(stack, client(stack, 'products-reader'));
    expect((await list(`Bearer ${before}`)).status).toBe(200);
    const oldKid = JSON.parse(Buffer.from(before.split('.')[0]!, 'base64url').toString()).kid as string;

    await stack.rotateKeys();
    const jwks = (await (await fetch(stack.jwksUrl)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toContain(oldKid);
    expect(jwks.keys).toHaveLength(2);
    const after = await token(stack, client(stack, 'products-reader'));
    const newKid = JSON.parse(Buffer.from(after.split('.')[0]!, 'base64url').toString()).kid as string;
    expect(newKid).not.toBe(oldKid);
    expect(jwks.keys[0]!.kid).toBe(newKid);
    expect((await list(`Bearer ${before}`)).status).toBe(200);

    await stack.dropOldKeys();
    expect(await list(`Bearer ${before}`)).toEqual({ ...UNAUTHORIZED, errorType: 'UnauthorizedException' });
    expect((await list(`Bearer ${after}`)).status).toBe(200);
    const dropped = (await (await fetch(stack.jwksUrl)).json()) as { keys: { kid: string }[] };
    expect(dropped.keys.map((k) => k.kid)).toEqual([newKid]);
    // The dropped key's private file is gone, so it cannot come back after a restart.
    await expect(readFile(join(dataDir, 'keys', `${oldKid}.private.jwk.json`))).rejects.toThrow(/ENOENT/);
  });
});
