// API Gateway (REST API, Lambda proxy integrations) as `(Request) => Response`, composed of named
// stages: read body → route → authorize → validate → build the proxy event → invoke → map the result.
// The local stack serves it over node:http; the MSW kit serves it to msw handlers and `mock.fetch`.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { authorize as cognitoAuthorize, type AuthorizerResult, type TokenVerifier } from './authorizer.ts';
import { createGatewayResponses, type GatewayError } from './gateway-responses.ts';
import type { Contract, OperationModel, SecurityModel } from './model.ts';
import { buildProxyEvent, lambdaContext } from './proxy-event.ts';
import { mapProxyResult } from './proxy-result.ts';
import { readLimited } from './read-body.ts';
import { redact } from './redact.ts';
import { tokenBucket, type ThrottleSettings } from './throttle.ts';
import { createRouter, routeRequest, type RouteMatch } from './router.ts';
import { bytesToBase64, shortHash, substitute } from './util.ts';
import { validateRequest } from './validator.ts';

/** A REST (payload v1) Lambda handler; its result is checked, so `unknown` is allowed. */
export type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;

/** What the transport adapter knows beyond the `Request`. */
export type RequestInfo = {
  /** The client's address; default `127.0.0.1`. */
  sourceIp?: string;
  /** Header names and values as sent (node's `rawHeaders`), to keep their case in the event. */
  rawHeaders?: string[];
  /** `HTTP/1.1`. */
  protocol?: string;
  /** The method as sent, when the `Request` cannot carry it (fetch forbids CONNECT, TRACE and TRACK). */
  method?: string;
};

/** Authorizes a request for an operation; the default is the Cognito authorizer with `verifier`. */
export type Authorizer = (header: string | null, security: Pick<SecurityModel, 'providerArns' | 'scopes'>) => Promise<AuthorizerResult>;

/** Options of {@link createGateway}. */
export type GatewayOptions = {
  /** The contract: model and precompiled validators. */
  contract: Contract;
  /** The stage name, first path segment of every invoke URL. */
  stage: string;
  /** Values of the `${...}` placeholders in the spec's `providerARNs` and integration URIs. */
  placeholders: Readonly<Record<string, string>>;
  /** The handler behind a Lambda function ARN (as in the substituted integration URI). */
  resolveFunction: (functionArn: string) => LambdaHandler | undefined;
  /** Checks token signatures for the Cognito authorizer. */
  verifier: TokenVerifier;
  /** Replaces the Cognito authorizer (the mock's `presence`/`off` security modes). */
  authorizer?: Authorizer;
  /** The clock, in epoch milliseconds. */
  now: () => number;
  /** Receives one JSON access-log line per request (never a token). */
  log: (line: string) => void;
  /** How long to wait for a function; default 29000 ms. */
  integrationTimeoutMs?: number;
  /** The largest request body; default 10 MB (10485760 bytes) as API Gateway. */
  maxBodyBytes?: number;
  /** The largest proxy event a function accepts; default 6 MB (6291456 bytes), Lambda's synchronous invoke limit. */
  maxEventBytes?: number;
  /** The REST API id placed in events; default derived from the spec title. */
  apiId?: string;
  /** The account id placed in events; default `000000000000`. */
  accountId?: string;
  /** New request ids; default `crypto.randomUUID`. */
  requestId?: () => string;
  /** Stage throttling (a token bucket, 429 THROTTLED over it); default none. The local stack passes the contract's `x-products-throttling`. */
  throttling?: ThrottleSettings | null;
  /** Hears which operation a request was routed to, before it is authorized (the mock checks the answer against it). */
  onRouted?: (requestId: string, operation: OperationModel) => void;
};

/** The gateway as a function. */
export type Gateway = (request: Request, info?: RequestInfo) => Promise<Response>;

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

type Method = { operation: OperationModel; resourceId: string; functionArn: string; handler: LambdaHandler; security: SecurityModel | null };

/** Everything one request's stages share. */
type Exchange = {
  request: Request;
  /** The request's method as sent (see RequestInfo.method). */
  httpMethod: string;
  info: RequestInfo;
  requestId: string;
  started: number;
  url: URL;
  /** The path after the stage, or undefined when the URL is not under the stage. */
  path: string | undefined;
  entry: Record<string, unknown>;
  bytes?: Uint8Array;
  match?: RouteMatch;
  method?: Method;
  claims?: Record<string, unknown>;
};

/**
 * Creates the gateway for a contract. Fails at once (not per request) when an operation's function
 * cannot be resolved.
 * @example const gateway = createGateway({ contract, stage: 'dev', placeholders, resolveFunction, verifier, now: Date.now, log: console.log });
 */
export function createGateway(options: GatewayOptions): Gateway {
  const { contract, stage, now, log } = options;
  const { model, validators } = contract;
  const timeoutMs = options.integrationTimeoutMs ?? 29_000;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxEventBytes = options.maxEventBytes ?? MAX_EVENT_BYTES;
  const accountId = options.accountId ?? '000000000000';
  const apiId = options.apiId ?? shortHash(model.title, 10);
  const newRequestId = options.requestId ?? (() => crypto.randomUUID());
  const router = createRouter(model);
  const render = createGatewayResponses(model);
  const bucket = options.throttling ? tokenBucket(options.throttling, now) : undefined;
  const authorizer: Authorizer = options.authorizer ?? ((header, security) => cognitoAuthorize(header, security, { verifier: options.verifier, now }));

  const methods = new Map<OperationModel, Method>();
  for (const op of model.operations) {
    const uri = substitute(op.integrationUri, options.placeholders);
    const functionArn = /\/functions\/(.+)\/invocations$/.exec(uri)?.[1];
    const handler = functionArn ? options.resolveFunction(functionArn) : undefined;
    if (!functionArn || !handler) {
      throw new GatewayConfigError(`Operation "${op.operationId}" integrates "${uri}", and no function is configured for it.`);
    }
    const security = op.security && { ...op.security, providerArns: op.security.providerArns.map((arn) => substitute(arn, options.placeholders)) };
    methods.set(op, { operation: op, resourceId: shortHash(op.path, 6), functionArn, handler, security });
  }

  // ---- the stages, in order ----------------------------------------------------------------------

  const finish = (x: Exchange, response: Response, extra: Record<string, unknown> = {}): Response => {
    Object.assign(x.entry, extra, { status: response.status, responseLatency: now() - x.started });
    try {
      log(JSON.stringify(x.entry));
    } catch {
      // A failing log must not change the answer.
    }
    response.headers.set('x-amzn-requestid', x.requestId);
    return response;
  };

  const gatewayError = (x: Exchange, error: GatewayError): Response =>
    finish(x, render(error, { requestId: x.requestId, request: x.request, pathParameters: x.match?.pathParameters ?? null }), {
      errorType: error.type,
    });

  /** Over the limit API Gateway's front door answers in plain text, before any gateway response applies. */
  const readBody = async (x: Exchange): Promise<Response | undefined> => {
    const bytes = await readLimited(x.request, maxBodyBytes);
    if (bytes === undefined) {
      return finish(x, new Response(`HTTP content length exceeded ${maxBodyBytes} bytes.`, { status: 413, headers: { 'content-type': 'text; charset=utf-8' } }), {
        errorType: 'CONTENT_LENGTH_EXCEEDED',
      });
    }
    x.bytes = bytes;
    return undefined;
  };

  const throttle = (x: Exchange): Response | undefined =>
    bucket && !bucket.take() ? gatewayError(x, { type: 'THROTTLED', message: 'Too Many Requests' }) : undefined;

  const route = async (x: Exchange): Promise<Response | undefined> => {
    const found = x.path === undefined ? undefined : routeRequest(router, x.httpMethod, x.path);
    if (!found?.operation) return gatewayError(x, await unknownRoute(x.request.headers.get('authorization')));
    options.onRouted?.(x.requestId, found.operation);
    x.match = found;
    x.method = methods.get(found.operation)!;
    x.entry.resourcePath = found.resource;
    x.entry.operationId = found.operation.operationId;
    return undefined;
  };

  const authorize = async (x: Exchange): Promise<Response | undefined> => {
    const security = x.method!.security;
    if (!security) return undefined;
    const result = await authorizer(x.request.headers.get('authorization'), security);
    if (!result.ok) return gatewayError(x, { type: result.type, message: result.message });
    x.claims = result.claims;
    x.entry.clientId = typeof result.claims.client_id === 'string' ? result.claims.client_id : null;
    return undefined;
  };

  const validate = (x: Exchange): Response | undefined => {
    const failure = validateRequest(x.method!.operation, validators, x.request, x.url, strictText(x));
    return failure ? gatewayError(x, failure) : undefined;
  };

  const buildEvent = (x: Exchange): APIGatewayProxyEvent | Response => {
    const event = buildProxyEvent({
      request: x.request,
      httpMethod: x.httpMethod,
      body: bodyText(x),
      rawHeaders: x.info.rawHeaders,
      sourceIp: x.info.sourceIp ?? '127.0.0.1',
      protocol: x.info.protocol ?? 'HTTP/1.1',
      stage,
      resource: x.match!.resource,
      resourceId: x.method!.resourceId,
      path: x.path!,
      pathParameters: x.match!.pathParameters,
      requestId: x.requestId,
      requestTimeEpoch: x.started,
      apiId,
      accountId,
      claims: x.claims,
    });
    // Lambda refuses a synchronous payload over 6 MB; API Gateway answers REQUEST_TOO_LARGE. Only a big
    // body can get there, so smaller events skip the measuring.
    if (x.bytes!.length > maxEventBytes - 256 * 1024 && new TextEncoder().encode(JSON.stringify(event)).length > maxEventBytes) {
      return gatewayError(x, { type: 'REQUEST_TOO_LARGE', message: 'Request Too Long' });
    }
    return event;
  };

  const invoke = async (x: Exchange, event: APIGatewayProxyEvent): Promise<{ kind: 'result'; value: unknown } | Response> => {
    const method = x.method!;
    const context = lambdaContext({ functionArn: method.functionArn, deadline: Date.now() + timeoutMs });
    const integrationStarted = now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const outcome = await Promise.race([
      Promise.resolve()
        .then(() => method.handler(event, context))
        .then(
          (value) => ({ kind: 'result' as const, value }),
          (error: unknown) => ({ kind: 'error' as const, error }),
        ),
      new Promise<{ kind: 'timeout' }>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    x.entry.integrationLatency = now() - integrationStarted;
    if (outcome.kind === 'timeout') return gatewayError(x, { type: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out' });
    if (outcome.kind === 'error') {
      const error = outcome.error as Error;
      x.entry.integrationError = redact(`${error?.name ?? 'Error'}: ${error?.message ?? String(outcome.error)}`);
      return gatewayError(x, { type: 'DEFAULT_5XX', status: 502, message: 'Internal server error' });
    }
    return outcome;
  };

  const mapResult = (x: Exchange, result: unknown): Response => {
    const mapped = mapProxyResult(result, model.binaryMediaTypes);
    if (!mapped.ok) {
      x.entry.integrationError = `Malformed Lambda proxy response: ${mapped.reason}`;
      return gatewayError(x, { type: 'DEFAULT_5XX', status: 502, message: 'Internal server error' });
    }
    const headers = new Headers();
    for (const [name, value] of mapped.headers) headers.append(name, value);
    headers.set('x-amz-apigw-id', shortHash(x.requestId, 16));
    return finish(x, new Response(mapped.body as ConstructorParameters<typeof Response>[0], { status: mapped.status, headers }), { integrationStatus: mapped.status });
  };

  return async (request, info = {}) => {
    const started = now();
    const requestId = newRequestId();
    const url = new URL(request.url);
    const prefix = `/${stage}`;
    const httpMethod = info.method ?? request.method;
    const x: Exchange = {
      request,
      httpMethod,
      info,
      requestId,
      started,
      url,
      path: url.pathname === prefix ? '/' : url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : undefined,
      entry: {
        type: 'access',
        requestId,
        ip: info.sourceIp ?? '127.0.0.1',
        requestTime: new Date(started).toISOString(),
        httpMethod: redact(httpMethod, 32),
        path: redact(url.pathname),
        protocol: info.protocol ?? 'HTTP/1.1',
      },
    };
    const early = (await readBody(x)) ?? throttle(x) ?? (await route(x)) ?? (await authorize(x)) ?? validate(x);
    if (early) return early;
    const event = buildEvent(x);
    if (event instanceof Response) return event;
    const outcome = await invoke(x, event);
    if (outcome instanceof Response) return outcome;
    return mapResult(x, outcome.value);
  };
}

function bodyText(x: Exchange): string | null {
  return x.bytes && x.bytes.length > 0 ? new TextDecoder().decode(x.bytes) : null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's text, or undefined when its bytes are not UTF-8. */
function strictText(x: Exchange): string | undefined {
  try {
    return x.bytes && x.bytes.length > 0 ? strictUtf8.decode(x.bytes) : '';
  } catch {
    return undefined;
  }
}

/**
 * API Gateway's answer for a method and path no operation has: 403 "Missing Authentication Token", or,
 * when the request has an Authorization header that is not SigV4, the SigV4 parser's 403 (reported:
 * current answers quote the header hashed with SHA-256 and Base64, never the value itself).
 */
async function unknownRoute(authorization: string | null): Promise<GatewayError> {
  if (authorization === null || /^AWS4-HMAC-SHA256 /.test(authorization)) return { type: 'MISSING_AUTHENTICATION_TOKEN', message: 'Missing Authentication Token' };
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(authorization)));
  return {
    type: 'MISSING_AUTHENTICATION_TOKEN',
    message: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${bytesToBase64(digest)}'.`,
    errorType: 'IncompleteSignatureException',
  };
}

/** A gateway that cannot be built from its options (an operation without a function, say). */
export class GatewayConfigError extends Error {
  readonly code = 'gateway_config';
  constructor(message: string) {
    super(message);
    this.name = 'GatewayConfigError';
  }
}
