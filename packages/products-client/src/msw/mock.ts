// The products API as MSW handlers: Cognito's token endpoint, API Gateway's router, authorizer,
// request validator and gateway responses, and the service over an in-memory store. Everything is
// read from openapi.yaml (the generated spec data) and every answer is checked against it.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { operations as OperationTypes } from '../generated/openapi.ts';
import { allScopes, type OperationId } from '../generated/operations.ts';
import { spec } from '../generated/spec.ts';
import { checkResponse, readContract, routeRequest, type Contract, type OperationInfo } from './contract.ts';
import { ProductsMockError } from './errors.ts';
import { firstIssue } from './schema.ts';
import { validateRequest } from './validator.ts';
import { createService } from './service.ts';
import { ProductStore, type ProductSeed } from './store.ts';
import { decideTokenRequest, defaultClients, TokenRegistry, type AccessTokenClaims, type MockClient, type TokenRequest } from './tokens.ts';

/** How strictly the mock's gateway checks the `Authorization` header. */
export type SecurityMode = 'enforce' | 'presence' | 'off';

/** Options of {@link createProductsMock}. */
export type ProductsMockOptions = {
  /** The API's base URL with the stage; default `http://127.0.0.1:4010/dev`, as the local stack. */
  baseUrl?: string;
  /** The token endpoint; default `http://127.0.0.1:4010/oauth2/token`, as the local stack. */
  tokenUrl?: string;
  /** The app clients; default `products-admin` (every scope) and `products-reader` (read scopes), with fixed test credentials. */
  clients?: MockClient[];
  /** `enforce` (default): the API Gateway Cognito authorizer; `presence`: any Authorization header with a non-empty token (`Bearer ` stripped) passes; `off`: no check. */
  security?: SecurityMode;
  /** Products stored at creation and again by every `reset()`. */
  seed?: ProductSeed[];
  /** The clock in epoch milliseconds, for token expiry and timestamps; default `Date.now`. */
  now?: () => number;
};

type JsonBodyOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Responses<Op extends OperationId> = OperationTypes[Op]['responses'];
/** A documented status of an operation. */
export type StatusOf<Op extends OperationId> = Extract<keyof Responses<Op>, number>;

/**
 * A fault to inject into one operation (or the token endpoint, as `'token'`): a documented status
 * with its body, a network error, or a delay before the normal answer.
 */
export type Fault<Op extends OperationId | 'token' = OperationId> =
  | (Op extends OperationId
      ? {
          [S in StatusOf<Op>]: {
            /** A status openapi.yaml documents for the operation. */
            status: S;
            /** The body; default the spec's example for that status (with a fresh requestId). Checked against the spec. */
            body?: JsonBodyOf<Responses<Op>[S]>;
            /** Response headers; those openapi.yaml documents for the status (`ETag` on a 200 of getProduct) are required. */
            headers?: Record<string, string>;
            /** Wait this long before answering (ms). */
            delayMs?: number;
            /** How many requests the fault applies to (a positive integer); default every request until `reset()`. */
            times?: number;
          };
        }[StatusOf<Op>]
      : {
          /** The token endpoint's status. */
          status: number;
          /** The body; default `{"error":"invalid_request"}` for 4xx, `{"message":"Internal server error"}` otherwise. */
          body?: unknown;
          /** Extra response headers. */
          headers?: Record<string, string>;
          /** Wait this long before answering (ms). */
          delayMs?: number;
          /** How many requests the fault applies to; default every request until `reset()`. */
          times?: number;
        })
  | {
      /** Fail the request as a dropped connection (fetch rejects with a TypeError). */
      networkError: true;
      /** Wait this long before failing (ms). */
      delayMs?: number;
      /** How many requests the fault applies to; default every request until `reset()`. */
      times?: number;
    }
  | {
      /** Answer normally, after this many ms; `'infinite'` never answers (until the request is aborted). */
      delayMs: number | 'infinite';
      /** How many requests the fault applies to; default every request until `reset()`. */
      times?: number;
    };

/** The token requests the mock received, to assert that code caches tokens. */
export type TokenRequestLog = {
  /** Every request, oldest first. */
  readonly all: readonly TokenRequest[];
  /**
   * How many requests match: `client` is the client's name; `scopes` the requested scopes in any
   * order (`[]` matches requests that named none); `status` the answer's status.
   * @example expect(mock.tokenRequests.count({ client: 'products-admin', status: 200 })).toBe(1);
   */
  count(filter?: { client?: string; scopes?: readonly string[]; status?: number }): number;
  /**
   * Successful requests per `"<client name> <sorted scopes>"` (`*` when the request named none).
   * @example expect(mock.tokenRequests.byClientAndScopes()).toEqual({ 'products-admin product-api/read_product': 1 });
   */
  byClientAndScopes(): Record<string, number>;
};

/** What {@link createProductsMock} returns. */
export type ProductsMock = {
  /** Pass to `setupServer(...mock.handlers)` (msw/node) or `setupWorker` (msw/browser). */
  readonly handlers: HttpHandler[];
  /** The in-memory products table. */
  readonly store: ProductStore;
  /** The token endpoint's request log. */
  readonly tokenRequests: TokenRequestLog;
  /** The app clients with their credentials. */
  readonly clients: readonly MockClient[];
  /** The API base URL the handlers answer. */
  readonly baseUrl: string;
  /** The token endpoint URL the handlers answer. */
  readonly tokenUrl: string;
  /**
   * The mock as a `fetch` function, without MSW's interception (for clients that take a `fetch` option).
   * @example const client = createProductsClient({ baseUrl: mock.baseUrl, credentials, fetch: mock.fetch });
   */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /**
   * Restores the seed, clears the token log and every fault; tokens already issued stay valid.
   * @example afterEach(() => mock.reset());
   */
  reset(): void;
  /**
   * Injects a fault into an operation (or `'token'`); returns a function that removes it.
   * @example mock.fail('getProduct', { status: 500, times: 1 });
   */
  fail<Op extends OperationId | 'token'>(operationId: Op, fault: Fault<Op>): () => void;
  /**
   * Issues a token directly (no token request is logged): for tests of expired tokens, ID tokens or scopes.
   * @example const token = mock.issueToken({ client: 'products-reader', expiresInSeconds: -1 });
   */
  issueToken(options?: { client?: string; scopes?: readonly string[]; expiresInSeconds?: number; tokenUse?: 'access' | 'id' }): string;
  /**
   * Forgets every token issued so far: they now get 401 Unauthorized, as after the pool's signing key
   * was rotated and the old key dropped from the JWKS (the local stack's `rotateKeys` + `dropOldKeys`).
   * @example mock.revokeTokens(); // the client's next call gets 401, fetches a new token and replays
   */
  revokeTokens(): void;
};

/** AWS's default status and `x-amzn-ErrorType` of the gateway response types the mock produces. */
const GATEWAY_DEFAULTS: Record<string, { status: number; errorType?: string }> = {
  BAD_REQUEST_BODY: { status: 400, errorType: 'BadRequestException' },
  BAD_REQUEST_PARAMETERS: { status: 400, errorType: 'BadRequestException' },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: 'MissingAuthenticationTokenException' },
  REQUEST_TOO_LARGE: { status: 413, errorType: 'BadRequestException' },
  UNAUTHORIZED: { status: 401, errorType: 'UnauthorizedException' },
};

/** API Gateway's payload limit for REST APIs. */
const GATEWAY_MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous invocation payload limit: a bigger proxy event is REQUEST_TOO_LARGE. */
const LAMBDA_MAX_EVENT_BYTES = 6 * 1024 * 1024;
/** What a proxy event adds to the body (request context, claims, the gateway's own headers). */
const EVENT_OVERHEAD_BYTES = 2048;

const NETWORK_ERROR = Symbol('network error');
type Answer = Response | typeof NETWORK_ERROR;

type ActiveFault = { fault: Fault<OperationId | 'token'>; remaining: number };

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function checkUrl(name: 'baseUrl' | 'tokenUrl', value: string): URL {
  const like = name === 'baseUrl' ? 'http://127.0.0.1:4010/dev' : 'http://127.0.0.1:4010/oauth2/token';
  try {
    return new URL(value);
  } catch (cause) {
    throw new ProductsMockError('invalid_option', `${name} ${JSON.stringify(value)} is not an absolute URL; pass one like "${like}".`, { cause });
  }
}

function sleep(ms: number | 'infinite', signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = ms === 'infinite' ? undefined : setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      if (timer !== undefined) clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

function decodeClaims(token: string): Partial<AccessTokenClaims> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))) as Partial<AccessTokenClaims>;
  } catch {
    return undefined;
  }
}

/** Refuses a fault that would do nothing, or something other than what it seems to ask. */
function checkFault(operationId: string, fault: unknown): void {
  const bad = (what: string) => new ProductsMockError('invalid_option', `The fault for ${operationId}: ${what}`);
  if (typeof fault !== 'object' || fault === null) throw bad(`pass an object with a status, networkError: true or a delayMs, not ${String(fault)}.`);
  const f = fault as Record<string, unknown>;
  if (!('status' in f) && !('networkError' in f) && !('delayMs' in f)) throw bad('it needs a status, networkError: true or a delayMs; as given it would change nothing.');
  if ('networkError' in f && f.networkError !== true) throw bad(`networkError must be true, not ${JSON.stringify(f.networkError)}; leave it out to answer normally.`);
  if ('networkError' in f && 'status' in f) throw bad('it has both a status and networkError; a dropped connection has no status, so pick one.');
  if (f.delayMs !== undefined && f.delayMs !== 'infinite' && !(typeof f.delayMs === 'number' && Number.isFinite(f.delayMs) && f.delayMs >= 0)) {
    throw bad(`delayMs must be a number of milliseconds (0 or more) or "infinite", not ${JSON.stringify(f.delayMs)}.`);
  }
  if (f.times !== undefined && !(typeof f.times === 'number' && Number.isInteger(f.times) && f.times > 0)) {
    throw bad(`times must be a positive integer (leave it out for every request until reset()), not ${JSON.stringify(f.times)}.`);
  }
  // Response accepts 200 to 599 only; anything else would throw inside the handler at request time.
  if (operationId === 'token' && 'status' in f && !(typeof f.status === 'number' && Number.isInteger(f.status) && f.status >= 200 && f.status <= 599)) {
    throw bad(`status must be an HTTP status from 200 to 599, not ${JSON.stringify(f.status)}.`);
  }
}

/** The `client_id` of a token the mock did not issue (`presence`/`off`), when it is one `createdBy` can hold. */
function foreignClientId(token: string): string | undefined {
  const id: unknown = decodeClaims(token)?.client_id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The size of the Lambda proxy event API Gateway would build (approximate only in the overhead). */
function eventSize(request: Request, url: URL, body: string): number {
  let size = EVENT_OVERHEAD_BYTES + new TextEncoder().encode(JSON.stringify(body)).length + url.pathname.length * 3 + url.search.length * 2;
  // Headers appear twice in the event: `headers` and `multiValueHeaders`.
  request.headers.forEach((value, name) => {
    size += 2 * (name.length + value.length + 8);
  });
  return size;
}

/**
 * Creates the products API mock: MSW handlers that behave like production (Cognito token endpoint,
 * API Gateway authorizer and validators, the service's semantics) over an in-memory store.
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createProductsMock } from '@org/products-client/msw';
 *
 * const mock = createProductsMock({ seed: [{ id: 'android', name: 'Android phone' }] });
 * const server = setupServer(...mock.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * // afterEach: mock.reset(); afterAll: server.close()
 * ```
 */
export function createProductsMock(options: ProductsMockOptions = {}): ProductsMock {
  const baseUrl = stripSlash(options.baseUrl ?? 'http://127.0.0.1:4010/dev');
  const tokenUrl = options.tokenUrl ?? 'http://127.0.0.1:4010/oauth2/token';
  const base = checkUrl('baseUrl', baseUrl);
  const tokenEndpoint = checkUrl('tokenUrl', tokenUrl);
  const basePath = stripSlash(base.pathname);
  const security = options.security ?? 'enforce';
  if (!['enforce', 'presence', 'off'].includes(security)) {
    throw new ProductsMockError('invalid_option', `security ${JSON.stringify(security)} is not one of "enforce", "presence", "off".`);
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new ProductsMockError('invalid_option', `now must be a function returning epoch milliseconds (like Date.now), not ${typeof options.now}.`);
  }
  const now = options.now ?? Date.now;
  if (options.clients !== undefined && !Array.isArray(options.clients)) throw new ProductsMockError('invalid_option', 'clients must be an array of app clients.');
  const clients = (options.clients ?? defaultClients()).map((c) => ({ ...c, scopes: [...(c.scopes ?? [])] }));
  if (clients.length === 0) throw new ProductsMockError('invalid_option', 'clients must name at least one app client.');
  for (const [i, c] of clients.entries()) {
    // Never quote a client secret: only names and ids appear in these messages.
    for (const field of ['name', 'clientId', 'clientSecret'] as const) {
      if (typeof c[field] !== 'string' || c[field] === '') throw new ProductsMockError('invalid_option', `clients[${i}] needs a non-empty string ${field}.`);
    }
    const twin = clients.findIndex((other) => other.name === c.name || other.clientId === c.clientId);
    if (twin !== i) throw new ProductsMockError('invalid_option', `clients[${i}] ("${c.name}") has the name or clientId of clients[${twin}]; give each app client its own.`);
    // A Cognito app client can only be allowed scopes of the pool's resource server.
    const unknown = c.scopes.filter((scope) => !(allScopes as readonly string[]).includes(scope));
    if (unknown.length > 0) {
      throw new ProductsMockError('invalid_option', `Client "${c.name}": ${unknown.map((x) => JSON.stringify(x)).join(', ')} ${unknown.length > 1 ? 'are not scopes' : 'is not a scope'} of openapi.yaml; use some of ${allScopes.join(', ')}.`);
    }
    const validity = c.accessTokenValiditySeconds ?? 3600;
    if (!Number.isInteger(validity) || validity < 300 || validity > 86400) {
      throw new ProductsMockError('invalid_option', `Client "${c.name}": accessTokenValiditySeconds must be an integer from 300 to 86400 (as in Cognito), not ${JSON.stringify(c.accessTokenValiditySeconds)}.`);
    }
  }

  const contract: Contract = readContract(spec);
  const registry = new TokenRegistry(`${tokenEndpoint.origin}/us-east-1_productsmock`);
  const firstClientId = clients[0]!.clientId;
  const store = new ProductStore(spec, () => ({ now: new Date(now()).toISOString(), createdBy: firstClientId }));
  const service = createService(contract, store);
  const tokenLog: TokenRequest[] = [];
  const faults = new Map<string, ActiveFault[]>();
  if (options.seed !== undefined && !Array.isArray(options.seed)) throw new ProductsMockError('invalid_option', 'seed must be an array of products.');
  const seed = options.seed ?? [];
  const seedIds = seed.map((p) => p.id).filter((id): id is string => id !== undefined);
  const repeated = seedIds.find((id, i) => seedIds.indexOf(id) !== i);
  // The API would answer 409 to the second create: a seed that relies on replacing is a mistake.
  if (repeated !== undefined) throw new ProductsMockError('invalid_option', `The seed has more than one product with id ${JSON.stringify(repeated)}; give each its own id.`);

  const reseed = () => {
    store.clear();
    for (const product of seed) store.put(product);
  };
  reseed();

  // ---- responses -------------------------------------------------------------------------------

  const gatewayResponse = (type: string, message: string, requestId: string): Response => {
    const defaults = GATEWAY_DEFAULTS[type] ?? { status: 500 };
    const own = contract.gatewayResponses[type];
    const fallback = contract.gatewayResponses[defaults.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'];
    const status = own?.statusCode ?? defaults.status;
    const template = own?.template ?? fallback?.template ?? '{"message":$context.error.messageString}';
    const body = template
      .replaceAll('$context.error.messageString', JSON.stringify(message))
      .replaceAll('$context.error.responseType', type)
      .replaceAll('$context.error.message', message)
      .replaceAll('$context.requestId', requestId);
    const headers = new Headers({ ...(fallback?.headers ?? {}), ...(own?.headers ?? {}) });
    headers.set('content-type', 'application/json');
    headers.set('x-amzn-requestid', requestId);
    if (defaults.errorType) headers.set('x-amzn-errortype', defaults.errorType);
    return new Response(body, { status, headers });
  };

  /** Checks an API answer against the contract before it leaves the mock. */
  const checked = async (op: OperationInfo | undefined, response: Response): Promise<Response> => {
    const text = await response.clone().text();
    let body: unknown;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch (cause) {
        throw new ProductsMockError('contract_violation', `The products mock answered ${op?.operationId ?? 'a request'} with a body that is not JSON.`, { cause });
      }
    }
    if (op) checkResponse(contract, op, response.status, body, response.headers);
    else {
      const issue = firstIssue(spec, { $ref: '#/components/schemas/Error' }, body);
      if (issue) throw new ProductsMockError('contract_violation', `The products mock's ${response.status} gateway response breaks the Error schema: ${issue.message}.`);
    }
    return response;
  };

  // ---- faults ----------------------------------------------------------------------------------

  const takeFault = (key: string): Fault<OperationId | 'token'> | undefined => {
    const list = faults.get(key);
    const active = list?.find((f) => f.remaining > 0);
    if (!active) return undefined;
    active.remaining -= 1;
    return active.fault;
  };

  /** Applies a fault: a network error, a canned answer, or undefined to answer normally (after any delay). */
  const applyFault = async (fault: Fault<OperationId | 'token'> | undefined, request: Request, requestId: string, op: OperationInfo | undefined): Promise<Answer | undefined> => {
    if (!fault) return undefined;
    if (fault.delayMs !== undefined) await sleep(fault.delayMs, request.signal);
    if ('networkError' in fault) return NETWORK_ERROR;
    if (!('status' in fault)) return undefined;
    const headers = new Headers(fault.headers);
    if (!headers.has('content-type')) headers.set('content-type', op ? 'application/json' : 'application/json;charset=UTF-8');
    if (op) headers.set('x-amzn-requestid', requestId);
    const body = fault.body !== undefined ? fault.body : op ? defaultFaultBody(op, fault.status, requestId) : fault.status < 500 ? { error: 'invalid_request' } : { message: 'Internal server error' };
    const response = new Response(body === undefined ? null : JSON.stringify(body), { status: fault.status, headers });
    return op ? checked(op, response) : response;
  };

  const defaultFaultBody = (op: OperationInfo, status: number, requestId: string): unknown => {
    const example = op.examples.get(status);
    if (example === undefined) return undefined;
    const body = structuredClone(example) as Record<string, unknown>;
    if (typeof body === 'object' && body !== null && 'requestId' in body) body.requestId = requestId;
    return body;
  };

  // ---- the token endpoint ----------------------------------------------------------------------

  const handleToken = async (request: Request): Promise<Answer> => {
    const fault = await applyFault(takeFault('token'), request, '', undefined);
    if (fault) return fault;
    const form = new URLSearchParams(request.method === 'POST' ? await request.text() : '');
    const outcome = decideTokenRequest(clients, {
      method: request.method,
      contentType: request.headers.get('content-type') ?? '',
      query: new URL(request.url).searchParams,
      form,
      authorization: request.headers.get('authorization'),
    });
    const headers = { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store' };
    if (!outcome.ok) {
      tokenLog.push({ client: outcome.client?.name, clientId: outcome.clientId, scopes: outcome.requested, status: outcome.status, error: outcome.error });
      return new Response(JSON.stringify({ error: outcome.error }), { status: outcome.status, headers });
    }
    const lifetime = outcome.client.accessTokenValiditySeconds ?? 3600;
    const token = registry.issue(outcome.client, outcome.scopes, now(), lifetime);
    tokenLog.push({ client: outcome.client.name, clientId: outcome.client.clientId, scopes: outcome.requested, status: 200 });
    return new Response(JSON.stringify({ access_token: token, expires_in: lifetime, token_type: 'Bearer' }), {
      status: 200,
      headers: { ...headers, pragma: 'no-cache' },
    });
  };

  // ---- the gateway -----------------------------------------------------------------------------

  const authorize = (op: OperationInfo, header: string | null): { ok: true; clientId: string } | { ok: false; type: string; message: string } => {
    const deny = { ok: false as const, type: 'UNAUTHORIZED', message: 'Unauthorized' };
    const token = header === null ? '' : header.replace(/^Bearer(\s+|$)/i, '').trim();
    const known = token ? registry.claims(token) : undefined;
    if (security === 'off') return { ok: true, clientId: known?.client_id ?? foreignClientId(token) ?? firstClientId };
    if (!token) return deny;
    if (security === 'presence') return { ok: true, clientId: known?.client_id ?? foreignClientId(token) ?? firstClientId };
    if (!known) return deny;
    // API Gateway answers an expired Cognito token with the UNAUTHORIZED type and its own message
    // (EXPIRED_TOKEN is for expired SigV4 credentials), as the local stack does.
    if (known.exp * 1000 <= now()) return { ok: false, type: 'UNAUTHORIZED', message: 'The incoming token has expired' };
    if (op.scopes.length > 0) {
      if (known.token_use !== 'access') return deny;
      const granted = known.scope.split(' ');
      if (!op.scopes.some((s) => granted.includes(s))) return deny;
    } else if (known.token_use !== 'id') return deny;
    return { ok: true, clientId: known.client_id };
  };

  const handleApi = async (request: Request, url: URL): Promise<Answer> => {
    const requestId = crypto.randomUUID();
    const path = url.pathname.slice(basePath.length) || '/';
    const matched = routeRequest(contract, request.method, path);
    const fault = matched ? await applyFault(takeFault(matched.op.operationId), request, requestId, matched.op) : undefined;
    if (fault) return fault;
    // The gateway refuses an oversized body before it even routes the request.
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.length > GATEWAY_MAX_BODY_BYTES) {
      // Over 10 MB API Gateway's front door answers in plain text before any gateway response
      // applies (observed on AWS, as the local stack does): outside openapi.yaml, so not checked.
      return new Response(`HTTP content length exceeded ${GATEWAY_MAX_BODY_BYTES} bytes.`, {
        status: 413,
        headers: { 'content-type': 'text; charset=utf-8', 'x-amzn-requestid': requestId },
      });
    }
    if (!matched) return checked(undefined, gatewayResponse('MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token', requestId));
    const { op, params } = matched;
    const auth = authorize(op, request.headers.get('authorization'));
    if (!auth.ok) return checked(op, gatewayResponse(auth.type, auth.message, requestId));
    const invalid = validateRequest(spec, op, request, url, new TextDecoder().decode(bytes));
    if (invalid) return checked(op, gatewayResponse(invalid.type, invalid.message, requestId));

    const bodyText = new TextDecoder().decode(bytes);
    if (bytes.length > LAMBDA_MAX_EVENT_BYTES - 256 * 1024 && eventSize(request, url, bodyText) > LAMBDA_MAX_EVENT_BYTES) {
      return checked(op, gatewayResponse('REQUEST_TOO_LARGE', 'Request Too Long', requestId));
    }

    const answer = service({
      op,
      pathParameters: params,
      query: url.searchParams,
      headers: request.headers,
      body: bytes.length > 0 ? bytes : undefined,
      contextPath: `${basePath}${path}`,
      clientId: auth.clientId,
      requestId,
      now: new Date(now()),
    });
    const headers = new Headers(answer.headers);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    headers.set('x-amzn-requestid', requestId);
    headers.set('x-amz-apigw-id', requestId.replace(/-/g, '').slice(0, 16));
    const nullBody = answer.status === 204 || answer.body === undefined;
    return checked(op, new Response(nullBody ? null : JSON.stringify(answer.body), { status: answer.status, headers }));
  };

  /** Answers a request, or undefined when it is neither the API nor the token endpoint. */
  const handle = async (request: Request): Promise<Answer | undefined> => {
    const url = new URL(request.url);
    if (url.origin === tokenEndpoint.origin && url.pathname === tokenEndpoint.pathname) return handleToken(request);
    if (url.origin === base.origin && (url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))) return handleApi(request, url);
    return undefined;
  };

  // ---- MSW -------------------------------------------------------------------------------------

  const resolver = async ({ request }: { request: Request }) => {
    let answer: Answer | undefined;
    try {
      answer = await handle(request);
    } catch (error) {
      // The caller aborted during a fault's delay: its fetch has already rejected with the reason.
      // Rethrowing would make MSW report an "unhandled exception" in the caller's test output.
      if (request.signal.aborted && error === request.signal.reason) return HttpResponse.error();
      throw error;
    }
    if (answer === NETWORK_ERROR) return HttpResponse.error();
    return answer;
  };
  const mswPath = (template: string) => template.replace(/\{([^}]+)\}/g, ':$1');
  const methods = { GET: http.get, POST: http.post, PUT: http.put, DELETE: http.delete, PATCH: http.patch } as const;
  const handlers: HttpHandler[] = [
    http.all(tokenUrl, resolver),
    // One handler per operation, so a consumer can see and override them by operation...
    ...contract.operations.map((op) => methods[op.method as keyof typeof methods](`${baseUrl}${mswPath(op.path)}`, resolver)),
    // ...and everything else under the stage, which the gateway answers 403 Missing Authentication Token.
    http.all(`${baseUrl}/*`, resolver),
    http.all(baseUrl, resolver),
  ];

  return {
    handlers,
    store,
    clients,
    baseUrl,
    tokenUrl,
    tokenRequests: {
      get all() {
        return tokenLog.map((r) => ({ ...r }));
      },
      count(filter = {}) {
        const wanted = filter.scopes === undefined ? undefined : [...new Set(filter.scopes)].sort().join(' ');
        return tokenLog.filter(
          (r) =>
            (filter.client === undefined || r.client === filter.client) &&
            (filter.status === undefined || r.status === filter.status) &&
            (wanted === undefined || (r.scopes ?? []).join(' ') === wanted),
        ).length;
      },
      byClientAndScopes() {
        const out: Record<string, number> = {};
        for (const r of tokenLog) {
          if (r.status !== 200) continue;
          const key = `${r.client} ${r.scopes?.join(' ') ?? '*'}`;
          out[key] = (out[key] ?? 0) + 1;
        }
        return out;
      },
    },
    async fetch(input, init) {
      const request = new Request(input, init);
      const answer = await handle(request);
      if (answer === NETWORK_ERROR) throw new TypeError('fetch failed (network error injected by the products mock)');
      if (!answer) throw new TypeError(`fetch failed: the products mock does not serve ${request.method} ${request.url}`);
      return answer;
    },
    reset() {
      reseed();
      tokenLog.length = 0;
      faults.clear();
    },
    fail(operationId, fault) {
      const op = operationId === 'token' ? undefined : contract.byId.get(operationId);
      if (operationId !== 'token' && !op) {
        throw new ProductsMockError('unknown_operation', `No operation ${JSON.stringify(operationId)} in openapi.yaml; known: ${[...contract.byId.keys()].join(', ')}, or "token".`);
      }
      checkFault(operationId, fault);
      if (op && 'status' in fault) {
        if (!op.responses.has(fault.status)) {
          throw new ProductsMockError(
            'undocumented_status',
            `openapi.yaml documents no ${fault.status} for ${op.operationId} (documented: ${[...op.responses.keys()].join(', ')}); a fault must be something production can answer.`,
          );
        }
        const body = fault.body !== undefined ? fault.body : defaultFaultBody(op, fault.status, 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef');
        const headers = new Headers(fault.headers);
        // The answer is checked again when it is sent: a header openapi.yaml requires must be given now.
        const missing = (op.responseHeaders.get(fault.status) ?? []).filter((name) => !headers.has(name));
        if (missing.length > 0) {
          throw new ProductsMockError(
            'invalid_option',
            `The fault for ${op.operationId}: openapi.yaml documents the header${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')} on its ${fault.status}; pass ${missing.length > 1 ? 'them' : 'it'} in headers (for example { ${missing.map((n) => `${n}: ${n === 'ETag' ? `'"1"'` : `'...'`}`).join(', ')} }).`,
          );
        }
        try {
          checkResponse(contract, op, fault.status, body, headers);
        } catch (error) {
          throw new ProductsMockError('invalid_option', `The fault for ${op.operationId}: ${(error as Error).message}`, { cause: error });
        }
      }
      const times = fault.times ?? Number.POSITIVE_INFINITY;
      const entry: ActiveFault = { fault: fault as Fault<OperationId | 'token'>, remaining: times };
      const list = faults.get(operationId) ?? [];
      list.push(entry);
      faults.set(operationId, list);
      return () => {
        entry.remaining = 0;
      };
    },
    revokeTokens() {
      registry.clear();
    },
    issueToken(opts = {}) {
      const client = opts.client === undefined ? clients[0]! : clients.find((c) => c.name === opts.client);
      if (!client) throw new ProductsMockError('invalid_option', `No client named ${JSON.stringify(opts.client)}; known: ${clients.map((c) => c.name).join(', ')}.`);
      return registry.issue(client, opts.scopes ?? client.scopes, now(), opts.expiresInSeconds ?? client.accessTokenValiditySeconds ?? 3600, opts.tokenUse ?? 'access');
    },
  };
}


