// Cognito's /oauth2/token (client_credentials), the JWKS and the discovery document, over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { model } from '@org/products-core/contract';
import { startLocalStack, type LocalStack } from '../src/index.ts';
import { basic, client } from './helpers.ts';

const all = model.allScopes;
const readOnly = model.defaultClients.find((c) => c.name === 'products-reader')!.scopes;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const clock = Date.UTC(2026, 10, 26, 10, 0, 0);
const logs: string[] = [];
let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    port: 0,
    inMemory: true,
    now: () => clock,
    log: (l) => logs.push(l),
    config: {
      clients: [
        { name: 'products-admin' },
        { name: 'products-reader', scopes: readOnly },
        { name: 'fixed', clientId: 'fixedclientid', clientSecret: 'fixed+secret/=', scopes: [all[0]!, all[1]!], accessTokenValiditySeconds: 900 },
      ],
    },
  });
});
afterAll(() => stack?.stop());

async function post(init: { query?: string; body?: string; headers?: Record<string, string> }): Promise<{ status: number; json: Record<string, unknown>; contentType: string | null }> {
  const response = await fetch(`${stack.tokenUrl}${init.query ?? ''}`, { method: 'POST', headers: init.headers ?? FORM, body: init.body ?? '' });
  return { status: response.status, json: (await response.json()) as Record<string, unknown>, contentType: response.headers.get('content-type') };
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
}

describe('POST /oauth2/token', () => {
  it('client auth by HTTP Basic, grant in the body, no scope: every scope the client may have, Cognito claims', async () => {
    const admin = client(stack, 'products-admin');
    const got = await post({ headers: { ...FORM, authorization: basic(admin) }, body: 'grant_type=client_credentials' });
    expect(got.status).toBe(200);
    expect(got.contentType).toBe('application/json;charset=UTF-8');
    expect(Object.keys(got.json).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(got.json.expires_in).toBe(3600);
    expect(got.json.token_type).toBe('Bearer');
    const jwt = got.json.access_token as string;
    const header = decodeProtectedHeader(jwt);
    expect(header.alg).toBe('RS256');
    expect(typeof header.kid).toBe('string');
    const claims = claimsOf(jwt);
    const iat = Math.floor(clock / 1000);
    expect(claims).toEqual({
      sub: admin.clientId,
      token_use: 'access',
      scope: all.join(' '),
      auth_time: iat,
      iss: stack.issuer,
      exp: iat + 3600,
      iat,
      version: 2,
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      client_id: admin.clientId,
    });
    // Verifiable with the published JWKS, as any OIDC library would.
    const verified = await jwtVerify(jwt, createRemoteJWKSet(new URL(stack.jwksUrl)), { issuer: stack.issuer, currentDate: new Date(clock) });
    expect(verified.payload.client_id).toBe(admin.clientId);
  });

  it('client auth by client_id/client_secret in the body; grant and scope in the query string as the walkthrough sends them; per-client lifetime', async () => {
    const fixed = client(stack, 'fixed');
    expect(fixed.clientId).toBe('fixedclientid');
    const body = new URLSearchParams({ client_id: fixed.clientId, client_secret: fixed.clientSecret }).toString();
    const got = await post({ query: `?grant_type=client_credentials&scope=${encodeURIComponent(all[1]!)}`, body });
    expect(got.status).toBe(200);
    expect(got.json.expires_in).toBe(900);
    expect(claimsOf(got.json.access_token as string).scope).toBe(all[1]);
  });

  it('answers each error with Cognito status and JSON', async () => {
    const admin = client(stack, 'products-admin');
    const reader = client(stack, 'products-reader');
    const auth = { ...FORM, authorization: basic(admin) };
    const writeScope = all.find((s) => !readOnly.includes(s))!;
    const rows: [string, Parameters<typeof post>[0], string][] = [
      ['wrong secret', { headers: { ...FORM, authorization: `Basic ${Buffer.from(`${admin.clientId}:nope`).toString('base64')}` }, body: 'grant_type=client_credentials' }, 'invalid_client'],
      ['unknown client', { body: 'grant_type=client_credentials&client_id=nobody&client_secret=x' }, 'invalid_client'],
      ['no client authentication', { body: 'grant_type=client_credentials' }, 'invalid_client'],
      ['malformed Basic header', { headers: { ...FORM, authorization: 'Basic !!!' }, body: 'grant_type=client_credentials' }, 'invalid_client'],
      ['unsupported grant', { headers: auth, body: 'grant_type=urn:example:magic' }, 'unsupported_grant_type'],
      ['a grant the client may not use', { headers: auth, body: 'grant_type=authorization_code' }, 'unauthorized_client'],
      ['a disallowed scope', { headers: { ...FORM, authorization: basic(reader) }, body: `grant_type=client_credentials&scope=${encodeURIComponent(writeScope)}` }, 'invalid_scope'],
      ['an unknown scope', { headers: auth, body: 'grant_type=client_credentials&scope=product-api/nothing' }, 'invalid_scope'],
      ['missing grant', { headers: auth, body: '' }, 'invalid_request'],
      ['wrong content type', { headers: { 'content-type': 'application/json', authorization: basic(admin) }, body: '{"grant_type":"client_credentials"}' }, 'invalid_request'],
    ];
    const got = [];
    for (const [name, init] of rows) {
      const r = await post(init);
      got.push([name, r.status, r.json, r.contentType]);
    }
    expect(got).toEqual(rows.map(([name, , error]) => [name, 400, { error }, 'application/json;charset=UTF-8']));
  });

  it('never logs a secret or a token', async () => {
    const admin = client(stack, 'products-admin');
    const got = await post({ headers: { ...FORM, authorization: basic(admin) }, body: 'grant_type=client_credentials' });
    // Id and secret swapped, in the body and in Basic: the "unknown client id" is a secret.
    const swapped = { client_id: admin.clientSecret, client_secret: admin.clientId };
    expect((await post({ body: new URLSearchParams({ grant_type: 'client_credentials', ...swapped }).toString() })).json).toEqual({ error: 'invalid_client' });
    const swappedBasic = `Basic ${Buffer.from(`${admin.clientSecret}:${admin.clientId}`).toString('base64')}`;
    expect((await post({ headers: { ...FORM, authorization: swappedBasic }, body: 'grant_type=client_credentials' })).json).toEqual({ error: 'invalid_client' });
    const text = logs.join('\n');
    expect(text).toContain(admin.clientId);
    for (const c of stack.clients) expect(text).not.toContain(c.clientSecret);
    expect(text).not.toContain(got.json.access_token as string);
  });
});

describe('JWKS and discovery', () => {
  it('publishes the signing key and an OpenID configuration under the pool id', async () => {
    const jwks = (await (await fetch(stack.jwksUrl)).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(Object.keys(jwks.keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(stack.jwksUrl).toBe(`${stack.issuer}/.well-known/jwks.json`);
    expect(stack.issuer).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${stack.port}/${stack.userPoolId}$`));
    const config = (await (await fetch(`${stack.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({ issuer: stack.issuer, jwks_uri: stack.jwksUrl, token_endpoint: stack.tokenUrl, scopes_supported: all });
  });
});
