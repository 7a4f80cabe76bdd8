// Cognito's `POST /oauth2/token` for the client_credentials grant: client authentication, scopes and
// Cognito's error answers, decided once here. Issuing the token (signing) is the adapter's: the local
// stack signs RS256 JWTs with jose, the mock issues tokens it remembers.
import { readLimited } from './read-body.ts';
import { base64ToBytes, constantTimeEqual } from './util.ts';

/** The OAuth2 error codes Cognito's token endpoint answers with. */
export type TokenErrorCode = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type' | 'invalid_scope';

/** One app client of the user pool (client_credentials only, as machine clients are). */
export type TokenClient = {
  /** The app client's name (`products-admin`). */
  name: string;
  /** The OAuth2 client id. */
  clientId: string;
  /** The client secret. */
  clientSecret: string;
  /** The full scopes (`product-api/read_product`) the client may ask for. */
  scopes: readonly string[];
  /** Access token lifetime in seconds; default 3600 as in Cognito. */
  accessTokenValiditySeconds?: number;
};

/** What one token request was, for logs and the mock's request log: never a secret or a token. */
export type TokenRequestRecord = {
  /** The name of the client that authenticated, or undefined. */
  client: string | undefined;
  /** The client id, only when it is a known client's (an unknown one may be a secret pasted in the wrong place). */
  clientId: string | undefined;
  /** The requested scopes, de-duplicated and sorted (a scope no client of the pool has shows as `(unknown scope)`: it may be a pasted secret); undefined when the request named none. */
  requested: string[] | undefined;
  /** The status answered. */
  status: number;
  /** The OAuth2 error of a refused request. */
  error?: TokenErrorCode;
  /** Why it was refused, for the log (never quotes a value from the request). */
  why?: string;
  /** The granted scopes (space-separated) of a successful request. */
  scope?: string;
  /** The lifetime of the issued token. */
  expiresIn?: number;
};

/** The request facts the decision reads. */
export type TokenRequestInput = {
  method: string;
  contentType: string;
  query: URLSearchParams;
  form: URLSearchParams;
  authorization: string | null;
};

/** The outcome of the decision: a client and scopes to issue a token for, or Cognito's error. */
export type TokenDecision =
  | { ok: true; client: TokenClient; scopes: string[]; requested: string[] | undefined }
  | { ok: false; status: number; error: TokenErrorCode; why: string; client: TokenClient | undefined; requested: string[] | undefined };

/**
 * Grants Cognito's token endpoint supports, but that client_credentials-only app clients are not
 * allowed (`unauthorized_client`); any other grant type, `password` included, is
 * `unsupported_grant_type` (Cognito's token endpoint documentation).
 */
const OTHER_KNOWN_GRANTS = new Set(['authorization_code', 'refresh_token']);

const JSON_UTF8 = 'application/json;charset=UTF-8';

/** The largest form body read; a real one is a few hundred bytes. */
export const DEFAULT_TOKEN_MAX_BODY_BYTES = 64 * 1024;

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * Decides a token request as Cognito does for client_credentials: client authentication by HTTP Basic
 * or `client_id`/`client_secret` in the form; `grant_type` and `scope` from the form or, as a popular
 * walkthrough sends them, the query string.
 * @example const decision = decideTokenRequest(clients, { method: 'POST', contentType, query, form, authorization });
 */
export function decideTokenRequest(clients: readonly TokenClient[], input: TokenRequestInput): TokenDecision {
  const { query, form } = input;
  const param = (name: string): string | null => form.get(name) ?? query.get(name);
  const requestedList = (param('scope') ?? '').split(/\s+/).filter(Boolean);
  const requested = requestedList.length > 0 ? [...new Set(requestedList)].sort() : undefined;
  let client: TokenClient | undefined;
  const fail = (error: TokenErrorCode, why: string, status = 400): TokenDecision => ({ ok: false, status, error, why, client, requested });

  if (input.method !== 'POST') return fail('invalid_request', `method ${input.method.slice(0, 16)}; use POST`, 405);
  if ((input.contentType.split(';')[0] ?? '').trim().toLowerCase() !== 'application/x-www-form-urlencoded') {
    return fail('invalid_request', 'the Content-Type must be application/x-www-form-urlencoded');
  }
  // RFC 6749 §3.2: a parameter sent more than once (in the form, or in the form and the query) is
  // invalid_request. Cognito's own answer is UNCONFIRMED; a robust client never sends one twice.
  for (const name of ['grant_type', 'scope', 'client_id', 'client_secret']) {
    if (form.getAll(name).length + query.getAll(name).length > 1) return fail('invalid_request', `${name} is sent more than once`);
  }
  const grant = param('grant_type');
  if (!grant) return fail('invalid_request', 'no grant_type');

  let clientId: string | undefined;
  let secret: string | undefined;
  if (input.authorization !== null) {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(input.authorization);
    const bytes = m?.[1] ? base64ToBytes(m[1]) : undefined;
    const decoded = bytes ? new TextDecoder().decode(bytes) : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) return fail('invalid_client', 'the Authorization header is not HTTP Basic client:secret');
    // RFC 6749 §2.3.1: the id and secret are form-urlencoded before Basic encoding.
    clientId = safeDecode(decoded.slice(0, colon));
    secret = safeDecode(decoded.slice(colon + 1));
    const bodyId = form.get('client_id');
    if (bodyId !== null && bodyId !== clientId) return fail('invalid_request', 'client_id in the body differs from the Basic one');
    // RFC 6749 §2.3: one client authentication method per request, not Basic and a form secret.
    if (form.has('client_secret')) return fail('invalid_request', 'client_secret in the body as well as HTTP Basic');
  } else {
    clientId = form.get('client_id') ?? undefined;
    secret = form.get('client_secret') ?? undefined;
  }
  if (!clientId) return fail('invalid_client', 'no client authentication');
  const found = clients.find((c) => c.clientId === clientId);
  if (!found) return fail('invalid_client', 'unknown client_id');
  if (secret === undefined || !constantTimeEqual(secret, found.clientSecret)) return fail('invalid_client', 'wrong client secret');
  client = found;
  if (grant !== 'client_credentials') {
    return OTHER_KNOWN_GRANTS.has(grant)
      ? fail('unauthorized_client', 'a grant not enabled for this client')
      : fail('unsupported_grant_type', 'an unknown grant type');
  }
  const scopes = requestedList.length > 0 ? [...new Set(requestedList)] : [...client.scopes];
  const disallowed = scopes.filter((s) => !client!.scopes.includes(s));
  if (disallowed.length > 0) return fail('invalid_scope', `${disallowed.length} scope(s) not allowed for this client`);
  if (scopes.length === 0) return fail('invalid_scope', 'the client has no scope');
  return { ok: true, client, scopes, requested };
}

/** Issues an access token for a client and scopes (the adapter signs or registers it). */
export type TokenIssuer = (client: TokenClient, scopes: string[]) => Promise<{ accessToken: string; expiresIn: number }>;

/** Options of {@link createTokenEndpoint}. */
export type TokenEndpointOptions = {
  /** The pool's app clients (read on every request, so a caller may change the list). */
  clients: () => readonly TokenClient[];
  /** Issues the token of a granted request. */
  issue: TokenIssuer;
  /** Hears every request's record (logs, the mock's request log). */
  onRequest?: (record: TokenRequestRecord) => void;
  /** The largest form body read, in bytes; default 64 KiB. */
  maxBodyBytes?: number;
};

/**
 * The token endpoint as `(Request) => Response`.
 * @example const tokenEndpoint = createTokenEndpoint({ clients: () => clients, issue, onRequest: (r) => log(r) });
 */
export function createTokenEndpoint(options: TokenEndpointOptions): (request: Request, info?: { method?: string }) => Promise<Response> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_TOKEN_MAX_BODY_BYTES;
  const headers = { 'content-type': JSON_UTF8, 'cache-control': 'no-store' };
  const record = (r: TokenRequestRecord): void => {
    try {
      options.onRequest?.(r);
    } catch {
      // A failing log must not change the answer.
    }
  };
  return async (request, info = {}) => {
    const url = new URL(request.url);
    const method = info.method ?? request.method;
    let form = new URLSearchParams();
    if (method === 'POST') {
      const bytes = await readLimited(request, maxBodyBytes);
      if (!bytes) {
        record({ client: undefined, clientId: undefined, requested: undefined, status: 413, error: 'invalid_request', why: `the form body is over ${maxBodyBytes} bytes` });
        return new Response(JSON.stringify({ error: 'invalid_request' }), { status: 413, headers });
      }
      form = new URLSearchParams(new TextDecoder().decode(bytes));
    } else {
      await request.body?.cancel().catch(() => undefined);
    }
    const decision = decideTokenRequest(options.clients(), {
      method,
      contentType: request.headers.get('content-type') ?? '',
      query: url.searchParams,
      form,
      authorization: request.headers.get('authorization'),
    });
    const client = decision.client;
    const known = new Set(options.clients().flatMap((c) => c.scopes));
    const requested = decision.requested && [...new Set(decision.requested.map((s) => (known.has(s) ? s : '(unknown scope)')))];
    const base = { client: client?.name, clientId: client?.clientId, requested };
    if (!decision.ok) {
      record({ ...base, status: decision.status, error: decision.error, why: decision.why });
      return new Response(JSON.stringify({ error: decision.error }), { status: decision.status, headers });
    }
    const { accessToken, expiresIn } = await options.issue(decision.client, decision.scopes);
    record({ ...base, status: 200, scope: decision.scopes.join(' '), expiresIn });
    return new Response(JSON.stringify({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' }), {
      status: 200,
      headers: { ...headers, pragma: 'no-cache' },
    });
  };
}

/**
 * The pool's OpenID discovery document, as Cognito publishes it (the parts a client_credentials
 * client uses).
 * @example Response.json(openIdConfiguration(issuer, 'http://127.0.0.1:4010/oauth2/token', ['product-api/read_product']));
 */
export function openIdConfiguration(issuer: string, tokenEndpoint: string, scopes: readonly string[]): Record<string, unknown> {
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
