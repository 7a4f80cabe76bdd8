import { createPublicKey, createHmac } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import type { LocalClient, LocalStack } from '../src/index.ts';

type CryptoKey = import('node:crypto').webcrypto.CryptoKey;

export const ECHO_MODULE = new URL('./fixtures/echo-handler.ts', import.meta.url).pathname;

/** A temp folder removed by the returned cleanup. */
export async function tempDir(prefix = 'products-local-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function client(stack: Pick<LocalStack, 'clients'>, name: string): LocalClient {
  const found = stack.clients.find((c) => c.name === name);
  if (!found) throw new Error(`no client ${name}`);
  return found;
}

export function basic(c: LocalClient): string {
  return `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`;
}

/** POST /oauth2/token with Basic auth as the walkthrough does (grant and scope in the query string). */
export async function token(stack: Pick<LocalStack, 'tokenUrl'>, c: LocalClient, scope?: string): Promise<string> {
  const url = `${stack.tokenUrl}?grant_type=client_credentials${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`;
  const response = await fetch(url, { method: 'POST', headers: { authorization: basic(c), 'content-type': 'application/x-www-form-urlencoded' } });
  if (response.status !== 200) throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** The pool's current private key, read from the data dir as someone holding it could. */
export async function poolPrivateKey(dataDir: string): Promise<{ key: CryptoKey; jwk: JWK; kid: string }> {
  const state = JSON.parse(await readFile(join(dataDir, 'keys', 'state.json'), 'utf8')) as { current: string };
  const files = await readdir(join(dataDir, 'keys'));
  const file = files.find((f) => f.startsWith(state.current));
  if (!file) throw new Error('no key file');
  const jwk = JSON.parse(await readFile(join(dataDir, 'keys', file), 'utf8')) as JWK;
  return { key: (await importJWK(jwk, 'RS256')) as CryptoKey, jwk, kid: state.current };
}

/** Signs arbitrary claims with a key and kid. */
export function sign(claims: Record<string, unknown>, key: CryptoKey | Uint8Array, kid: string, alg = 'RS256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, kid }).sign(key);
}

/** A fresh RSA key that no JWKS publishes. */
export async function strangerKey(): Promise<CryptoKey> {
  return (await generateKeyPair('RS256')).privateKey as CryptoKey;
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/** An unsigned `alg: none` token. */
export function noneToken(claims: Record<string, unknown>, kid: string): string {
  return `${b64url(JSON.stringify({ alg: 'none', kid }))}.${b64url(JSON.stringify(claims))}.`;
}

/** The classic confusion attack: HS256 keyed with the pool's public key (PEM). */
export function hs256WithPublicKey(claims: Record<string, unknown>, publicJwk: JWK, kid: string): string {
  const pem = createPublicKey({ key: publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
  const input = `${b64url(JSON.stringify({ alg: 'HS256', kid }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
}

/** Claims of a valid-looking access token for the pool (the caller signs them). */
export function accessClaims(stack: Pick<LocalStack, 'issuer'>, clientId: string, scope: string, nowSeconds: number): Record<string, unknown> {
  return {
    sub: clientId,
    token_use: 'access',
    scope,
    auth_time: nowSeconds,
    iss: stack.issuer,
    exp: nowSeconds + 3600,
    iat: nowSeconds,
    version: 2,
    jti: 'test-jti',
    client_id: clientId,
  };
}



/**
 * A gateway error body without its requestId, after checking that the requestId is the one of the
 * `x-amzn-RequestId` header (every error carries it).
 */
export async function errorBody(response: Response): Promise<Record<string, unknown>> {
  const { requestId, ...rest } = (await response.json()) as Record<string, unknown>;
  if (requestId !== response.headers.get('x-amzn-requestid')) throw new Error(`requestId ${String(requestId)} is not the x-amzn-requestid header ${response.headers.get('x-amzn-requestid')}`);
  return rest;
}
