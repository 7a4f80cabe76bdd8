// The products API as MSW handlers: an adapter over the same code the local stack runs. The gateway
// core (route, Cognito authorizer, request validators, proxy event, gateway responses) and its token
// endpoint (Cognito's client authentication, scopes, errors), with the real Lambda handler over the
// service's in-memory repository. Only what a test double needs is the mock's own: the store's
// inspection API, faults, the token request log, security modes, its registry of issued tokens, and
// the check of every answer against openapi.yaml. All of it is bundled into the ./msw entry at build
// time (scripts/build-msw.mjs), so consumers install no private package.
import {
  bearerToken,
  createGateway,
  createRouter,
  routeRequest,
  createTokenEndpoint,
  decideTokenRequest,
  placeholderNames,
  readLimited,
  DEFAULT_TOKEN_MAX_BODY_BYTES,
  type Authorizer,
  type OperationModel,
  type TokenRequestRecord,
} from '@org/products-core';
import { contract } from '@org/products-core/contract';
import { createService, InMemoryProductRepository } from '@org/products-service/web';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { checkAnswer, checkResponse, firstIssue } from './check.ts';
import { ProductsMockError } from './errors.ts';
import { checkFaultShape, FaultTable, sleep, type AnyFault } from './faults.ts';
import { ProductStore } from './store.ts';
import { defaultClients, foreignClientId, TokenRegistry } from './tokens.ts';
import type { MockClient, ProductsMock, ProductsMockOptions, TokenRequest } from './types.ts';

const REGION = 'us-east-1';
const ACCOUNT_ID = '000000000000';
const POOL_ID = `${REGION}_productsmock`;
/** A stage for a base URL without a path (a custom domain), which the gateway needs in its URLs. */
const ROOT_STAGE = '_root';

const NETWORK_ERROR = Symbol('network error');
type Answer = Response | typeof NETWORK_ERROR;

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

/** The clients option, copied and checked: never quotes a client secret. */
function checkClients(given: unknown): MockClient[] {
  if (given !== undefined && !Array.isArray(given)) throw new ProductsMockError('invalid_option', 'clients must be an array of app clients.');
  const clients = ((given as MockClient[] | undefined) ?? defaultClients(contract.model)).map((c) => ({ ...c, scopes: [...(c?.scopes ?? [])] }));
  if (clients.length === 0) throw new ProductsMockError('invalid_option', 'clients must name at least one app client.');
  const allScopes = contract.model.allScopes;
  for (const [i, c] of clients.entries()) {
    for (const field of ['name', 'clientId', 'clientSecret'] as const) {
      if (typeof c[field] !== 'string' || c[field] === '') throw new ProductsMockError('invalid_option', `clients[${i}] needs a non-empty string ${field}.`);
    }
    const twin = clients.findIndex((other) => other.name === c.name || other.clientId === c.clientId);
    if (twin !== i) throw new ProductsMockError('invalid_option', `clients[${i}] ("${c.name}") has the name or clientId of clients[${twin}]; give each app client its own.`);
    // A Cognito app client can only be allowed scopes of the pool's resource server.
    const unknown = c.scopes.filter((scope) => !allScopes.includes(scope));
    if (unknown.length > 0) {
      throw new ProductsMockError('invalid_option', `Client "${c.name}": ${unknown.map((x) => JSON.stringify(x)).join(', ')} ${unknown.length > 1 ? 'are not scopes' : 'is not a scope'} of openapi.yaml; use some of ${allScopes.join(', ')}.`);
    }
    const validity = c.accessTokenValiditySeconds ?? 3600;
    if (!Number.isInteger(validity) || validity < 300 || validity > 86400) {
      throw new ProductsMockError('invalid_option', `Client "${c.name}": accessTokenValiditySeconds must be an integer from 300 to 86400 (as in Cognito), not ${JSON.stringify(c.accessTokenValiditySeconds)}.`);
    }
  }
  return clients;
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
 * // afterEach: mock.reset() and server.resetHandlers(); afterAll: server.close()
 * ```
 */
export function createProductsMock(options: ProductsMockOptions = {}): ProductsMock {
  // ---- options ---------------------------------------------------------------------------------
  const baseUrl = stripSlash(options.baseUrl ?? 'http://127.0.0.1:4010/dev');
  const tokenUrl = options.tokenUrl ?? 'http://127.0.0.1:4010/oauth2/token';
  const base = checkUrl('baseUrl', baseUrl);
  const tokenEndpointUrl = checkUrl('tokenUrl', tokenUrl);
  const basePath = stripSlash(base.pathname);
  const security = options.security ?? 'enforce';
  if (!['enforce', 'presence', 'off'].includes(security)) {
    throw new ProductsMockError('invalid_option', `security ${JSON.stringify(security)} is not one of "enforce", "presence", "off".`);
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw new ProductsMockError('invalid_option', `now must be a function returning epoch milliseconds (like Date.now), not ${typeof options.now}.`);
  }
  const now = options.now ?? Date.now;
  const clients = checkClients(options.clients);
  if (options.seed !== undefined && !Array.isArray(options.seed)) throw new ProductsMockError('invalid_option', 'seed must be an array of products.');
  const seed = options.seed ?? [];
  const seedIds = seed.map((p) => p.id).filter((id): id is string => id !== undefined);
  const repeated = seedIds.find((id, i) => seedIds.indexOf(id) !== i);
  // The API would answer 409 to the second create: a seed that relies on replacing is a mistake.
  if (repeated !== undefined) throw new ProductsMockError('invalid_option', `The seed has more than one product with id ${JSON.stringify(repeated)}; give each its own id.`);

  // ---- the parts: the real handler, the gateway core, the token endpoint --------------------------
  const { model } = contract;
  const firstClientId = clients[0]!.clientId;
  const poolArn = `arn:aws:cognito-idp:${REGION}:${ACCOUNT_ID}:userpool/${POOL_ID}`;
  const registry = new TokenRegistry(`${tokenEndpointUrl.origin}/${POOL_ID}`, poolArn);
  const repository = new InMemoryProductRepository();
  const store = new ProductStore(repository, (product) => firstIssue(contract, 'schema.Product', product), () => ({
    now: new Date(now()).toISOString(),
    createdBy: firstClientId,
  }));
  const reseed = () => {
    store.clear();
    for (const product of seed) store.put(product);
  };
  reseed();
  const handler = createService({ repository, now: () => new Date(now()), log: () => undefined });

  // Every placeholder but the region, partition and pool names a function: the mock has one, the service.
  const placeholders: Record<string, string> = { 'AWS::Region': REGION, 'AWS::Partition': 'aws', UserPoolArn: poolArn };
  for (const name of new Set(model.operations.flatMap((op) => placeholderNames(op.integrationUri)))) {
    placeholders[name] ??= `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${name.replace(/Arn$/, '')}`;
  }

  // `presence` and `off` let the handler see a caller: the mock's own token's claims, else the
  // client_id of a foreign JWT, else the first client (the service needs a client_id for createdBy).
  const lenient = (requireToken: boolean): Authorizer => async (header) => {
    const token = bearerToken(header);
    if (requireToken && token === undefined) return { ok: false, type: 'UNAUTHORIZED', message: 'Unauthorized', reason: 'no token (presence)' };
    const known = token === undefined ? undefined : registry.claims(token);
    const id = foreignClientId(token) ?? firstClientId;
    return { ok: true, claims: known ?? { sub: id, client_id: id } };
  };
  // The operation the gateway routed each request to (keyed by the request id it also sends as
  // x-amzn-RequestId): the answer is checked against that operation, without routing a second time.
  const routed = new Map<string, OperationModel>();
  const byId = new Map(model.operations.map((op) => [op.operationId, op]));
  const stage = basePath === '' ? ROOT_STAGE : basePath.slice(1);
  const gateway = createGateway({
    contract,
    stage,
    placeholders,
    resolveFunction: () => handler,
    verifier: registry.verifier,
    ...(security === 'enforce' ? {} : { authorizer: lenient(security === 'presence') }),
    now,
    log: () => undefined,
    onRouted: (requestId, op) => routed.set(requestId, op),
    accountId: ACCOUNT_ID,
  });

  const tokenLog: TokenRequest[] = [];
  const logToken = (r: Pick<TokenRequestRecord, 'client' | 'clientId' | 'requested' | 'status' | 'error'>, fault?: true) =>
    tokenLog.push({ client: r.client, clientId: r.clientId, scopes: r.requested, status: r.status, ...(r.error ? { error: r.error } : {}), ...(fault ? { fault } : {}) });
  const tokenEndpoint = createTokenEndpoint({
    clients: () => clients,
    issue: async (client, scopes) => {
      const expiresIn = client.accessTokenValiditySeconds ?? 3600;
      return { accessToken: registry.issue(client, scopes, now(), expiresIn), expiresIn };
    },
    onRequest: (record) => logToken(record),
  });

  // ---- faults ----------------------------------------------------------------------------------
  const faults = new FaultTable();
  const router = createRouter(model);

  const faultBody = (op: OperationModel, status: number, requestId: string): unknown => {
    const example = op.responses[String(status)]?.example;
    if (example === undefined) return undefined;
    const body = structuredClone(example);
    if (typeof body === 'object' && body !== null && 'requestId' in body) (body as Record<string, unknown>).requestId = requestId;
    return body;
  };

  /** A fault's answer: a network error, a canned response, or undefined to answer normally (after any delay). */
  const applyFault = async (fault: AnyFault, request: Request, op: OperationModel | undefined): Promise<Answer | undefined> => {
    if (fault.delayMs !== undefined) await sleep(fault.delayMs, request.signal);
    if (fault.networkError) return NETWORK_ERROR;
    if (fault.status === undefined) return undefined;
    const requestId = crypto.randomUUID();
    const headers = new Headers(fault.headers);
    if (!headers.has('content-type')) headers.set('content-type', op ? 'application/json' : 'application/json;charset=UTF-8');
    if (op) headers.set('x-amzn-requestid', requestId);
    const body =
      fault.body !== undefined ? fault.body : op ? faultBody(op, fault.status, requestId) : fault.status < 500 ? { error: 'invalid_request' } : { message: 'Internal server error' };
    const response = new Response(body === undefined ? null : JSON.stringify(body), { status: fault.status, headers });
    return op ? checkResponse(contract, op, response) : response;
  };

  // ---- the two endpoints -------------------------------------------------------------------------

  /** Who a faulted token request came from, as the endpoint would have decided it: the log counts it too. */
  const logFaultedToken = async (request: Request, status: number) => {
    const bytes = request.method === 'POST' ? await readLimited(request, DEFAULT_TOKEN_MAX_BODY_BYTES) : undefined;
    const decision = decideTokenRequest(clients, {
      method: request.method,
      contentType: request.headers.get('content-type') ?? '',
      query: new URL(request.url).searchParams,
      form: new URLSearchParams(bytes ? new TextDecoder().decode(bytes) : ''),
      authorization: request.headers.get('authorization'),
    });
    logToken({ client: decision.client?.name, clientId: decision.client?.clientId, requested: decision.requested, status }, true);
  };

  const handleToken = async (request: Request): Promise<Answer> => {
    const fault = faults.take('token');
    if (fault) {
      const answer = await applyFault(fault, request, undefined);
      if (answer) {
        await logFaultedToken(request, answer === NETWORK_ERROR ? 0 : answer.status);
        return answer;
      }
    }
    return tokenEndpoint(request);
  };

  const handleApi = async (request: Request, url: URL): Promise<Answer> => {
    // Faults apply before the gateway runs (a dropped connection or a 503 comes before any
    // authorizer), so they need the operation first, routed as the gateway routes.
    const faultOp = routeRequest(router, request.method, url.pathname.slice(basePath.length)).operation;
    const fault = faultOp && faults.take(faultOp.operationId);
    if (fault) {
      const answer = await applyFault(fault, request, faultOp);
      if (answer) return answer;
    }
    // The gateway finds the stage as the first path segment(s); a base URL without a path has none.
    const staged = basePath === '' ? await restage(request, url) : request;
    let response = await gateway(staged);
    if (basePath === '' && response.headers.get('location')?.startsWith(`/${ROOT_STAGE}/`)) {
      response = new Response(response.body, response);
      response.headers.set('location', response.headers.get('location')!.slice(ROOT_STAGE.length + 1));
    }
    const requestId = response.headers.get('x-amzn-requestid') ?? '';
    const op = routed.get(requestId);
    routed.delete(requestId);
    return checkResponse(contract, op, response);
  };

  /** The request under the stage the gateway expects. The body is read first: a stream body would need `duplex`, which browsers refuse here. */
  const restage = async (request: Request, url: URL): Promise<Request> => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await request.arrayBuffer();
    return new Request(`${url.origin}/${ROOT_STAGE}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body, signal: request.signal });
  };

  /** Answers a request, or undefined when it is neither the API nor the token endpoint. */
  const handle = async (request: Request): Promise<Answer | undefined> => {
    const url = new URL(request.url);
    if (url.origin === tokenEndpointUrl.origin && url.pathname === tokenEndpointUrl.pathname) return handleToken(request);
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
    ...model.operations.map((op) => (methods[op.method as keyof typeof methods] ?? http.all)(`${baseUrl}${mswPath(op.path)}`, resolver)),
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
        return tokenLog.map((r) => ({ ...r, ...(r.scopes ? { scopes: [...r.scopes] } : {}) }));
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
      const op = operationId === 'token' ? undefined : byId.get(operationId);
      if (operationId !== 'token' && !op) {
        throw new ProductsMockError('unknown_operation', `No operation ${JSON.stringify(operationId)} in openapi.yaml; known: ${[...byId.keys()].join(', ')}, or "token".`);
      }
      const checked: unknown = fault;
      checkFaultShape(operationId, checked);
      if (op && checked.status !== undefined) checkFaultAnswer(op, { ...checked, status: checked.status });
      return faults.add(operationId, checked);
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

  /** A fault's status, body and headers must be an answer production can give: checked at `fail()`. */
  function checkFaultAnswer(op: OperationModel, fault: AnyFault & { status: number }): void {
    const documented = Object.keys(op.responses);
    if (!documented.includes(String(fault.status))) {
      throw new ProductsMockError(
        'undocumented_status',
        `openapi.yaml documents no ${fault.status} for ${op.operationId} (documented: ${documented.join(', ')}); a fault must be something production can answer.`,
      );
    }
    const headers = new Headers(fault.headers);
    const missing = (op.responses[String(fault.status)]?.headers ?? []).filter((name) => !headers.has(name));
    if (missing.length > 0) {
      throw new ProductsMockError(
        'invalid_option',
        `The fault for ${op.operationId}: openapi.yaml documents the header${missing.length > 1 ? 's' : ''} ${missing.map((n) => `"${n}"`).join(', ')} on its ${fault.status}; pass ${missing.length > 1 ? 'them' : 'it'} in headers (for example { ${missing.map((n) => `${n}: ${n === 'ETag' ? `'"1"'` : `'...'`}`).join(', ')} }).`,
      );
    }
    const body = fault.body !== undefined ? fault.body : faultBody(op, fault.status, 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef');
    try {
      checkAnswer(contract, op, fault.status, body, headers);
    } catch (error) {
      throw new ProductsMockError('invalid_option', `The fault for ${op.operationId}: ${(error as Error).message}`, { cause: error });
    }
  }
}

