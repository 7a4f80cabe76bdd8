// The systems under test for one fuzz file: a local stack on a temp data dir (its signing key is read
// from there, as someone holding the data dir could, to forge tokens the pool's key signed), the
// gateway core in process over the same JWKS, and the tokens of the default clients.
import { createPublicKey, createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, createTokenEndpoint, type TokenClient } from '@org/products-core';
import { contract } from '@org/products-core/contract';
import { JoseVerifier, startLocalStack, type LocalStack } from '@org/products-local';
import { createService, InMemoryProductRepository } from '@org/products-service/web';
import { createProductsMock } from '@org/products-client/msw';
import { importJWK, SignJWT, type JWK } from 'jose';
import type { ForgedToken } from './request.ts';
import { fetchTarget, mockTarget, socketTarget, type Credentials, type FetchApp, type Target } from './targets.ts';

type CryptoKey = import('node:crypto').webcrypto.CryptoKey;

/** Everything a fuzz file needs. */
export type Harness = {
  stack: LocalStack;
  /** The stack over a real socket. */
  socket: Target;
  /** The core in process: createGateway + the real service on the in-memory repository. */
  core: Target;
  /** The MSW kit's mock.fetch (its own clients and tokens, the same core and service). */
  mock: Target;
  /** Every target, in the order a case is sent to them. */
  targets: Target[];
  /** Every log line the stack and the core wrote (access log, token log, service log). */
  logs: string[];
  /** Tokens and secrets that must never appear in a log line or an answer. */
  secrets: () => string[];
  /** A token of a default client (fetched once). */
  client(name: string): Promise<string>;
  /** A token the harness forges (made once per kind). */
  forged(kind: ForgedToken): Promise<string>;
  /** The scopes a default client has. */
  clientScopes(name: string): readonly string[];
  stop(): Promise<void>;
};

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * Starts the stack (throttling off: the fuzz suite sends hundreds of requests a second) and the core.
 * @example const h = await startHarness(); try { ... } finally { await h.stop(); }
 */
export async function startHarness(): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'products-fuzz-'));
  const logs: string[] = [];
  const log = (line: string): void => void logs.push(line);
  const stack = await startLocalStack({ port: 0, dataDir: dir, throttling: false, log });
  const origin = new URL(stack.apiUrl).origin;

  // The pool's key, as the stack persisted it, and its public half for the core's verifier.
  const state = JSON.parse(await readFile(join(dir, 'keys', 'state.json'), 'utf8')) as { current: string };
  const keyFile = (await readdir(join(dir, 'keys'))).find((f) => f.startsWith(state.current) && f.endsWith('.private.jwk.json'));
  if (!keyFile) throw new Error(`No private key file for kid ${state.current} in ${dir}/keys.`);
  const privateJwk = JSON.parse(await readFile(join(dir, 'keys', keyFile), 'utf8')) as JWK;
  const poolKey = (await importJWK(privateJwk, 'RS256')) as CryptoKey;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  const publicKey = (await importJWK(publicJwk, 'RS256')) as CryptoKey;

  const poolArn = `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${stack.userPoolId}`;
  const functionArn = 'arn:aws:lambda:us-east-1:000000000000:function:Products';
  const handler = createService({ repository: new InMemoryProductRepository(), log });
  const gateway = createGateway({
    contract,
    stage: stack.stage,
    placeholders: { 'AWS::Region': 'us-east-1', 'AWS::Partition': 'aws', UserPoolArn: poolArn, ProductsFunctionArn: functionArn },
    resolveFunction: (arn) => (arn === functionArn ? (handler as never) : undefined),
    verifier: new JoseVerifier({ pools: [{ arn: poolArn, issuer: stack.issuer, verifyKey: (kid) => (kid === state.current ? publicKey : undefined) }], now: Date.now }),
    now: Date.now,
    log,
    accountId: '000000000000',
  });
  const tokenClients: TokenClient[] = stack.clients.map((c) => ({ ...c }));
  const tokenEndpoint = createTokenEndpoint({
    clients: () => tokenClients,
    issue: async (client, scopes) => {
      const iat = Math.floor(Date.now() / 1000);
      const claims = { sub: client.clientId, token_use: 'access', scope: scopes.join(' '), auth_time: iat, iss: stack.issuer, exp: iat + 3600, iat, version: 2, jti: crypto.randomUUID(), client_id: client.clientId };
      return { accessToken: await new SignJWT(claims).setProtectedHeader({ kid: state.current, alg: 'RS256' }).sign(poolKey), expiresIn: 3600 };
    },
    onRequest: (record) => log(JSON.stringify({ type: 'token', ...record })),
  });
  const app: FetchApp = async (request, info) => {
    const { pathname } = new URL(request.url);
    if (pathname === '/oauth2/token') return tokenEndpoint(request, info);
    return gateway(request, info);
  };

  const tokens = new Map<string, Promise<string>>();
  const client = (name: string): Promise<string> => {
    let t = tokens.get(name);
    if (!t) {
      const c = stack.clients.find((x) => x.name === name);
      if (!c) throw new Error(`No client "${name}" in the stack (have ${stack.clients.map((x) => x.name).join(', ')}).`);
      t = (async () => {
        const r = await fetch(`${stack.tokenUrl}?grant_type=client_credentials`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        });
        if (r.status !== 200) throw new Error(`Token for ${name}: ${r.status} ${await r.text()}`);
        return ((await r.json()) as { access_token: string }).access_token;
      })();
      tokens.set(name, t);
    }
    return t;
  };

  const admin = stack.clients.find((c) => c.name === 'products-admin')!;
  const forgedTokens = new Map<ForgedToken, Promise<string>>();
  const forged = (kind: ForgedToken): Promise<string> => {
    let t = forgedTokens.get(kind);
    if (!t) {
      t = forge(kind, { poolKey, publicJwk, kid: state.current, issuer: stack.issuer, clientId: admin.clientId, scopes: admin.scopes });
      forgedTokens.set(kind, t);
    }
    return t;
  };

  const secrets = (): string[] => [...stack.clients.map((c) => c.clientSecret)];
  const stackCredentials: Credentials = { clients: stack.clients, client, forged };

  // The mock on the stack's URLs, so one case means the same request to all three.
  // Its clock can be set back, to have it issue a token that is already expired.
  let skewMs = 0;
  const mock = createProductsMock({ baseUrl: stack.apiUrl, tokenUrl: stack.tokenUrl, now: () => Date.now() + skewMs });
  const mockTokens = new Map<string, Promise<string>>();
  const mockCredentials: Credentials = {
    clients: mock.clients,
    // Tokens signed with the pool's key mean nothing to the mock (it knows the tokens it issued), so
    // they are as foreign to it as a stranger's; only an expired token needs one of its own.
    forged: (kind) => {
      if (kind !== 'expired') return forged(kind);
      let t = mockTokens.get('(expired)');
      if (!t) {
        skewMs = -2 * 3600_000;
        t = mockCredentials.client('(expired) products-admin').finally(() => (skewMs = 0));
        mockTokens.set('(expired)', t);
      }
      return t;
    },
    client: (label) => {
      const name = label.replace(/^\(expired\) /, '');
      let t = mockTokens.get(label);
      if (!t) {
        const c = mock.clients.find((x) => x.name === name);
        if (!c) throw new Error(`No client "${name}" in the mock (have ${mock.clients.map((x) => x.name).join(', ')}).`);
        t = mock
          .fetch(new Request(`${stack.tokenUrl}?grant_type=client_credentials`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' } }))
          .then(async (r) => ((await r.json()) as { access_token: string }).access_token);
        mockTokens.set(label, t);
      }
      return t;
    },
  };
  const socket = socketTarget(origin, stack.stage, stackCredentials);
  const core = fetchTarget('core', app, origin, stack.stage, stackCredentials);
  const mockT = mockTarget((request) => mock.fetch(request), origin, stack.stage, mockCredentials);
  return {
    stack,
    socket,
    core,
    mock: mockT,
    targets: [socket, core, mockT],
    logs,
    secrets,
    client,
    forged,
    clientScopes: (name) => stack.clients.find((c) => c.name === name)?.scopes ?? [],
    stop: async () => {
      await stack.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let stranger: KeyObject | undefined;

async function forge(kind: ForgedToken, pool: { poolKey: CryptoKey; publicJwk: JWK; kid: string; issuer: string; clientId: string; scopes: string[] }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = { sub: pool.clientId, token_use: 'access', scope: pool.scopes.join(' '), auth_time: now, iss: pool.issuer, exp: now + 3600, iat: now, version: 2, jti: crypto.randomUUID(), client_id: pool.clientId };
  const sign = (c: Record<string, unknown>, header: { alg: string; kid: string } = { alg: 'RS256', kid: pool.kid }) => new SignJWT(c).setProtectedHeader(header).sign(pool.poolKey);
  switch (kind) {
    case 'alg-none':
      return `${b64url(JSON.stringify({ alg: 'none', kid: pool.kid }))}.${b64url(JSON.stringify(claims))}.`;
    case 'stranger-key': {
      stranger ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: pool.kid }).sign(stranger);
    }
    case 'expired':
      return sign({ ...claims, iat: now - 7200, auth_time: now - 7200, exp: now - 3600 });
    case 'not-yet-valid-iat':
      return sign({ ...claims, iat: now + 86400 });
    case 'wrong-issuer':
      return sign({ ...claims, iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other' });
    case 'id-token':
      return sign({ ...claims, token_use: 'id', aud: pool.clientId });
    case 'no-scope': {
      const { scope: _scope, ...rest } = claims;
      return sign(rest);
    }
    case 'scope-of-other-api':
      return sign({ ...claims, scope: 'other-api/read_product product-api/read_productx' });
    case 'hs256-public-key': {
      const pem = createPublicKey({ key: pool.publicJwk as import('node:crypto').JsonWebKey, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
      const input = `${b64url(JSON.stringify({ alg: 'HS256', kid: pool.kid }))}.${b64url(JSON.stringify(claims))}`;
      return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
    }
    case 'unknown-kid':
      return sign(claims, { alg: 'RS256', kid: 'not-a-kid' });
    case 'no-exp': {
      const { exp: _exp, ...rest } = claims;
      return sign(rest);
    }
  }
}
