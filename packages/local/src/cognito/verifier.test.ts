import { describe, expect, it } from 'vitest';
import type { webcrypto } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { authorize } from '@org/products-core';
import { JoseVerifier, type UserPool } from './verifier.ts';

type CryptoKey = webcrypto.CryptoKey;

const ISSUER = 'http://127.0.0.1:1/us-east-1_localtest';
const ARN = 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_localtest';

// One RSA key pair for the file: generating one costs more than every assertion here.
const keyPair = generateKeyPair('RS256');

async function setup(cache: boolean) {
  const { privateKey, publicKey } = await keyPair;
  let published = true;
  let clock = 1_700_000_000_000;
  const pool: UserPool = { arn: ARN, issuer: ISSUER, verifyKey: (kid) => (published && kid === 'k1' ? (publicKey as CryptoKey) : undefined) };
  const verifier = new JoseVerifier({ pools: [pool], now: () => clock, cache });
  // The core's Cognito authorizer over this verifier, as the gateway runs it.
  const authorizer = {
    authorize: (header: string, providerArns: string[], scopes: string[]) => authorize(header, { providerArns, scopes }, { verifier, now: () => clock }),
    forgetKids: (kids: string[]) => verifier.forgetKids(kids),
    get cacheSize() {
      return verifier.cacheSize;
    },
  };
  const iat = Math.floor(clock / 1000);
  const jwt = await new SignJWT({ token_use: 'access', scope: 'api/read api/write', iss: ISSUER, iat, exp: iat + 600, client_id: 'c' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .sign(privateKey);
  const sign = (claims: Record<string, unknown>): Promise<string> =>
    new SignJWT({ iss: ISSUER, iat, exp: iat + 600, ...claims }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey);
  return {
    authorizer,
    jwt,
    sign,
    unpublish: () => (published = false),
    advance: (ms: number) => (clock += ms),
  };
}

describe('JoseVerifier cache under the core authorizer', () => {
  it('caches a verified token, and still checks scopes, pools and expiry on every hit', async () => {
    const { authorizer, jwt, advance } = await setup(true);
    expect((await authorizer.authorize(`Bearer ${jwt}`, [ARN], ['api/read'])).ok).toBe(true);
    expect(authorizer.cacheSize).toBe(1);
    expect(await authorizer.authorize(jwt, [ARN], ['api/admin'])).toMatchObject({ ok: false, message: 'Unauthorized' });
    expect(await authorizer.authorize(jwt, ['arn:other'], ['api/read'])).toMatchObject({ ok: false, message: 'Unauthorized' });
    advance(600_000);
    expect(await authorizer.authorize(jwt, [ARN], ['api/read'])).toMatchObject({ ok: false, message: 'The incoming token has expired' });
    expect(authorizer.cacheSize).toBe(0);
  });

  it('a cached token whose kid left the JWKS fails at once, even before forgetKids', async () => {
    const { authorizer, jwt, unpublish } = await setup(true);
    expect((await authorizer.authorize(jwt, [ARN], ['api/read'])).ok).toBe(true);
    unpublish();
    expect(await authorizer.authorize(jwt, [ARN], ['api/read'])).toMatchObject({ ok: false, message: 'Unauthorized' });
  });

  it('forgetKids empties the entries of those kids', async () => {
    const { authorizer, jwt } = await setup(true);
    await authorizer.authorize(jwt, [ARN], ['api/read']);
    authorizer.forgetKids(['other']);
    expect(authorizer.cacheSize).toBe(1);
    authorizer.forgetKids(['k1']);
    expect(authorizer.cacheSize).toBe(0);
  });

  it('without the cache every request is verified and the answers are the same', async () => {
    const { authorizer, jwt, advance } = await setup(false);
    expect((await authorizer.authorize(jwt, [ARN], ['api/write'])).ok).toBe(true);
    expect(authorizer.cacheSize).toBe(0);
    advance(600_000);
    expect(await authorizer.authorize(jwt, [ARN], ['api/read'])).toMatchObject({ ok: false, message: 'The incoming token has expired' });
  });
});

describe('the core authorizer with JoseVerifier on a method without scopes (aws-facts.md §1)', () => {
  it('wants an ID token: an access token gets 401, an ID token of the pool passes', async () => {
    const { authorizer, jwt, sign } = await setup(true);
    expect(await authorizer.authorize(`Bearer ${jwt}`, [ARN], [])).toMatchObject({ ok: false, message: 'Unauthorized' });
    const idToken = await sign({ token_use: 'id', aud: 'c', sub: 'u' });
    expect(await authorizer.authorize(`Bearer ${idToken}`, [ARN], [])).toMatchObject({ ok: true, claims: { token_use: 'id' } });
    // ...and the same ID token is refused where scopes are set.
    expect(await authorizer.authorize(`Bearer ${idToken}`, [ARN], ['api/read'])).toMatchObject({ ok: false, message: 'Unauthorized' });
  });
});
