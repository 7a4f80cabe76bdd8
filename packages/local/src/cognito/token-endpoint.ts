import { randomUUID, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ResolvedClient } from '../config.ts';
import type { KeyStore } from './keys.ts';

/** The OAuth2 error codes Cognito's token endpoint answers with. */
export type TokenErrorCode = 'invalid_request' | 'invalid_client' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';

export type TokenEndpointOptions = {
  /** The pool's issuer, `http://127.0.0.1:<port>/<userPoolId>`. */
  issuer: string;
  /** The pool's signing keys. */
  keys: KeyStore;
  /** The pool's app clients. */
  clients: ResolvedClient[];
  /** The clock, in epoch milliseconds. */
  now: () => number;
  /** Receives one JSON line per token request (never a secret or a token). */
  log: (line: string) => void;
};

/** Grants Cognito knows but that these client_credentials-only app clients are not allowed. */
const OTHER_KNOWN_GRANTS = new Set(['authorization_code', 'refresh_token', 'implicit', 'password']);

const JSON_UTF8 = 'application/json;charset=UTF-8';

/**
 * Cognito's `POST /oauth2/token` for the client_credentials grant, as `(Request) => Response`:
 * client authentication by HTTP Basic or `client_id`/`client_secret` in the form body;
 * `grant_type` and `scope` read from the body or, as the walkthrough sends them, the query string.
 * @example const tokenEndpoint = createTokenEndpoint({ issuer, keys, clients, now: Date.now, log: console.log });
 */
export function createTokenEndpoint(options: TokenEndpointOptions): (request: Request) => Promise<Response> {
  const byId = new Map(options.clients.map((c) => [c.clientId, c]));

  const fail = (status: number, error: TokenErrorCode, clientId: string | undefined, why: string): Response => {
    // Only a known client id is logged: an unknown one may be a secret pasted in the wrong place.
    const known = clientId !== undefined && byId.has(clientId) ? clientId : null;
    options.log(JSON.stringify({ type: 'token', time: new Date(options.now()).toISOString(), status, error, why, clientId: known }));
    return new Response(JSON.stringify({ error }), { status, headers: { 'content-type': JSON_UTF8, 'cache-control': 'no-store' } });
  };

  return async (request) => {
    if (request.method !== 'POST') return fail(405, 'invalid_request', undefined, `method ${request.method}; use POST`);
    const contentType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/x-www-form-urlencoded') {
      return fail(400, 'invalid_request', undefined, 'the Content-Type must be application/x-www-form-urlencoded');
    }
    const body = new URLSearchParams(await request.text());
    const query = new URL(request.url).searchParams;
    const param = (name: string): string | null => body.get(name) ?? query.get(name);

    const grantType = param('grant_type');
    if (!grantType) return fail(400, 'invalid_request', undefined, 'no grant_type');

    let clientId: string | undefined;
    let clientSecret: string | undefined;
    const authorization = request.headers.get('authorization');
    if (authorization !== null) {
      const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization);
      const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
      const colon = decoded.indexOf(':');
      if (colon < 0) return fail(400, 'invalid_client', undefined, 'the Authorization header is not HTTP Basic client:secret');
      // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
      clientId = safeDecode(decoded.slice(0, colon));
      clientSecret = safeDecode(decoded.slice(colon + 1));
      const bodyId = body.get('client_id');
      if (bodyId !== null && bodyId !== clientId) return fail(400, 'invalid_request', clientId, 'client_id in the body differs from the Basic one');
    } else {
      clientId = body.get('client_id') ?? undefined;
      clientSecret = body.get('client_secret') ?? undefined;
    }
    if (!clientId) return fail(400, 'invalid_client', undefined, 'no client authentication');
    const client = byId.get(clientId);
    if (!client) return fail(400, 'invalid_client', clientId, 'unknown client_id');
    if (clientSecret === undefined || !sameSecret(clientSecret, client.clientSecret)) return fail(400, 'invalid_client', clientId, 'wrong client secret');

    if (grantType !== 'client_credentials') {
      return OTHER_KNOWN_GRANTS.has(grantType)
        ? fail(400, 'unauthorized_client', clientId, `grant ${grantType} not enabled for this client`)
        : fail(400, 'unsupported_grant_type', clientId, `unknown grant ${grantType}`);
    }

    const requested = (param('scope') ?? '').split(/\s+/).filter(Boolean);
    const scopes = requested.length > 0 ? [...new Set(requested)] : client.scopes;
    const disallowed = scopes.filter((s) => !client.scopes.includes(s));
    if (disallowed.length > 0) return fail(400, 'invalid_scope', clientId, `scopes not allowed: ${disallowed.join(' ')}`);
    if (scopes.length === 0) return fail(400, 'invalid_scope', clientId, 'the client has no scope');

    const iat = Math.floor(options.now() / 1000);
    const exp = iat + client.accessTokenValiditySeconds;
    // Claims in Cognito's order, for client_credentials: no aud, no username.
    const claims = {
      sub: client.clientId,
      token_use: 'access',
      scope: scopes.join(' '),
      auth_time: iat,
      iss: options.issuer,
      exp,
      iat,
      version: 2,
      jti: randomUUID(),
      client_id: client.clientId,
    };
    const accessToken = await new SignJWT(claims).setProtectedHeader({ kid: options.keys.currentKid, alg: 'RS256' }).sign(options.keys.signingKey);
    options.log(JSON.stringify({ type: 'token', time: new Date(options.now()).toISOString(), status: 200, clientId, scope: claims.scope, expiresIn: client.accessTokenValiditySeconds }));
    return new Response(JSON.stringify({ access_token: accessToken, expires_in: client.accessTokenValiditySeconds, token_type: 'Bearer' }), {
      status: 200,
      headers: { 'content-type': JSON_UTF8, 'cache-control': 'no-store', pragma: 'no-cache' },
    });
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The pool's OpenID discovery document, as Cognito publishes it (the parts a client_credentials
 * client uses).
 * @example Response.json(openIdConfiguration(issuer, 'http://127.0.0.1:4010/oauth2/token', ['product-api/read_product']));
 */
export function openIdConfiguration(issuer: string, tokenEndpoint: string, scopes: string[]): Record<string, unknown> {
  return {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks.json`,
    token_endpoint: tokenEndpoint,
    grant_types_supported: ['client_credentials'],
    response_types_supported: ['token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    scopes_supported: scopes,
  };
}
