// The mock's user pool: client_credentials token issuing with Cognito's client authentication,
// scope rules and errors, and a registry of the tokens it issued so the authorizer can check them.
// Tokens are JWT-shaped (header.claims.random) but unsigned: the mock recognises its own tokens by
// remembering them, so an edited or foreign token is rejected as API Gateway rejects a bad signature.
import { allScopes, operations } from '../generated/operations.ts';

/** One app client of the mock's user pool. */
export type MockClient = {
  /** The app client's name (`products-admin`). */
  name: string;
  /** The client id sent as the Basic user name or `client_id`. */
  clientId: string;
  /** The client secret. */
  clientSecret: string;
  /** The full scopes (`product-api/read_product`) the client may ask for. */
  scopes: readonly string[];
  /** Access token lifetime in seconds; default 3600 as in Cognito. */
  accessTokenValiditySeconds?: number;
};

/** The claims of an access token, as Cognito puts them for client_credentials. */
export type AccessTokenClaims = {
  sub: string;
  token_use: 'access' | 'id';
  scope: string;
  auth_time: number;
  iss: string;
  exp: number;
  iat: number;
  version: number;
  jti: string;
  client_id: string;
};

/** One request to the token endpoint, as recorded for `mock.tokenRequests`. */
export type TokenRequest = {
  /** The name of the client that authenticated, or `undefined` when authentication failed. */
  client: string | undefined;
  /** The client id presented, if any. */
  clientId: string | undefined;
  /** The requested scopes, sorted; `undefined` when the request named none (all allowed scopes). */
  scopes: string[] | undefined;
  /** The HTTP status the mock answered. */
  status: number;
  /** The OAuth2 `error` code of a failed request. */
  error?: string;
};

/** Scopes of GET operations that no other method uses: what a read-only client gets. */
export function readOnlyScopes(): string[] {
  const ops = Object.values(operations);
  const writing = new Set<string>(ops.filter((op) => op.method !== 'GET').flatMap((op) => op.scopes));
  const reading = new Set<string>(ops.filter((op) => op.method === 'GET').flatMap((op) => op.scopes));
  return allScopes.filter((s) => reading.has(s) && !writing.has(s));
}

/** The default clients: the local stack's `products-admin` and `products-reader`, with fixed test credentials. */
export function defaultClients(): MockClient[] {
  return [
    { name: 'products-admin', clientId: 'products-admin-test-id', clientSecret: 'products-admin-test-secret', scopes: [...allScopes] },
    { name: 'products-reader', clientId: 'products-reader-test-id', clientSecret: 'products-reader-test-secret', scopes: readOnlyScopes() },
  ];
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomPart(bytes: number): string {
  const buf = crypto.getRandomValues(new Uint8Array(bytes));
  let binary = '';
  for (const b of buf) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The pool's memory of issued tokens. */
export class TokenRegistry {
  readonly #tokens = new Map<string, AccessTokenClaims>();
  readonly issuer: string;

  constructor(issuer: string) {
    this.issuer = issuer;
  }

  /**
   * Issues a token for `client` with `scopes` at `nowMs`, valid for `lifetimeSeconds`.
   * @example const token = registry.issue(client, ['product-api/read_product'], Date.now(), 3600);
   */
  issue(client: Pick<MockClient, 'clientId'>, scopes: readonly string[], nowMs: number, lifetimeSeconds: number, tokenUse: 'access' | 'id' = 'access'): string {
    const iat = Math.floor(nowMs / 1000);
    const claims: AccessTokenClaims = {
      sub: client.clientId,
      token_use: tokenUse,
      scope: scopes.join(' '),
      auth_time: iat,
      iss: this.issuer,
      exp: iat + lifetimeSeconds,
      iat,
      version: 2,
      jti: crypto.randomUUID(),
      client_id: client.clientId,
    };
    const token = `${base64url(JSON.stringify({ kid: 'products-mock', alg: 'RS256' }))}.${base64url(JSON.stringify(claims))}.${randomPart(32)}`;
    this.#tokens.set(token, claims);
    return token;
  }

  /** The claims of a token this pool issued, or `undefined` for any other string. */
  claims(token: string): AccessTokenClaims | undefined {
    return this.#tokens.get(token);
  }

  /** Forgets every issued token (they then get 401, as tokens of a deleted pool would). */
  clear(): void {
    this.#tokens.clear();
  }
}

/** Token-endpoint errors, with Cognito's OAuth2 `error` codes. */
export type TokenError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';

export type TokenOutcome =
  | { ok: true; client: MockClient; scopes: string[]; requested: string[] | undefined }
  | { ok: false; error: TokenError; status: number; client: MockClient | undefined; clientId: string | undefined; requested: string[] | undefined };

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** Grants Cognito knows but that client_credentials-only app clients are not allowed. */
const OTHER_KNOWN_GRANTS = new Set(['authorization_code', 'refresh_token', 'implicit', 'password']);

/**
 * Decides a token request the way Cognito's `/oauth2/token` does for client_credentials (and as
 * the local stack's token endpoint does): client authentication by HTTP Basic or by
 * `client_id`/`client_secret` in the form; `grant_type` and `scope` from the form or the query.
 * @example const outcome = decideTokenRequest(clients, { method: 'POST', contentType, query, form, authorization });
 */
export function decideTokenRequest(
  clients: readonly MockClient[],
  request: { method: string; contentType: string; query: URLSearchParams; form: URLSearchParams; authorization: string | null },
): TokenOutcome {
  const { query, form } = request;
  const param = (name: string) => form.get(name) ?? query.get(name);
  const requestedList = (param('scope') ?? '').split(/\s+/).filter(Boolean);
  const requested = requestedList.length > 0 ? [...new Set(requestedList)].sort() : undefined;
  let clientId: string | undefined;
  const fail = (error: TokenError, client?: MockClient, status = 400): TokenOutcome => ({ ok: false, error, status, client, clientId, requested });

  if (request.method !== 'POST') return fail('invalid_request', undefined, 405);
  if ((request.contentType.split(';')[0] ?? '').trim().toLowerCase() !== 'application/x-www-form-urlencoded') return fail('invalid_request');
  const grant = param('grant_type');
  if (!grant) return fail('invalid_request');

  let secret: string | undefined;
  if (request.authorization !== null) {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.authorization);
    let decoded = '';
    try {
      decoded = m?.[1] ? new TextDecoder().decode(Uint8Array.from(atob(m[1]), (c) => c.charCodeAt(0))) : '';
    } catch {
      decoded = '';
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) return fail('invalid_client');
    clientId = safeDecode(decoded.slice(0, colon));
    secret = safeDecode(decoded.slice(colon + 1));
    const bodyId = form.get('client_id');
    if (bodyId !== null && bodyId !== clientId) return fail('invalid_request');
  } else {
    clientId = form.get('client_id') ?? undefined;
    secret = form.get('client_secret') ?? undefined;
  }
  if (!clientId) return fail('invalid_client');
  const client = clients.find((c) => c.clientId === clientId);
  if (!client || secret !== client.clientSecret) return fail('invalid_client');
  if (grant !== 'client_credentials') return fail(OTHER_KNOWN_GRANTS.has(grant) ? 'unauthorized_client' : 'unsupported_grant_type', client);
  const scopes = requested ?? [...client.scopes];
  if (scopes.length === 0 || !scopes.every((s) => client.scopes.includes(s))) return fail('invalid_scope', client);
  return { ok: true, client, scopes: requestedList.length > 0 ? [...new Set(requestedList)] : [...client.scopes], requested };
}
