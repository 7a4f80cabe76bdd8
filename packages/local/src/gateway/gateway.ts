import { createHash, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { isObject, listOperations, type OpenApiDocument, type Operation } from '@org/products-contract';
import { LocalStackError } from '../errors.ts';
import type { CognitoAuthorizer } from './authorizer.ts';
import { buildProxyEvent, lambdaContext } from './event.ts';
import { mapProxyResult } from './result.ts';
import { createGatewayResponses, type GatewayError } from './responses.ts';
import { createRouter } from './router.ts';
import { createValidators, operationKey } from './validator.ts';

/** A REST (payload v1) Lambda handler; the result is checked, so `unknown` is allowed. */
export type LambdaHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;

/** What the HTTP adapter knows beyond the `Request`. */
export type RequestInfo = {
  /** The client's address; default `127.0.0.1`. */
  sourceIp?: string;
  /** Header names and values as sent (node's `rawHeaders`), to keep their case in the event. */
  rawHeaders?: string[];
  /** `HTTP/1.1`. */
  protocol?: string;
};

export type GatewayOptions = {
  /** The spec with every placeholder substituted. */
  spec: OpenApiDocument;
  /** The stage name, first path segment of every invoke URL. */
  stage: string;
  /** Lambda function ARN (as in the integration URIs) → local handler. */
  functions: Record<string, LambdaHandler>;
  /** The Cognito authorizer shared by every method. */
  authorizer: CognitoAuthorizer;
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
};

type Method = {
  operation: Operation;
  resourceId: string;
  functionArn: string;
  handler: LambdaHandler;
  /** undefined: no authorizer (AWS `NONE`). */
  auth?: { providerArns: string[]; scopes: string[] };
};

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

/**
 * API Gateway (REST API, Lambda proxy integrations) emulated from any OpenAPI spec with the
 * `x-amazon-apigateway-*` extensions: routing, the Cognito authorizer, request validators,
 * gateway responses, the proxy event and the mapping of the result, as `(Request) => Response`.
 * The request URL must start with `/<stage>`.
 * @example const gateway = createGateway({ spec, stage: 'dev', functions, authorizer, now: Date.now, log: console.log });
 */
export function createGateway(options: GatewayOptions): (request: Request, info?: RequestInfo) => Promise<Response> {
  const { spec, stage, authorizer, now, log } = options;
  const timeoutMs = options.integrationTimeoutMs ?? 29_000;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const maxEventBytes = options.maxEventBytes ?? MAX_EVENT_BYTES;
  const accountId = options.accountId ?? '000000000000';
  const apiId = options.apiId ?? shortHash(String(spec.info.title ?? 'api'), 10);
  const route = createRouter(spec);
  const validators = createValidators(spec);
  const render = createGatewayResponses(spec);
  const binaryMediaTypes = Array.isArray(spec['x-amazon-apigateway-binary-media-types']) ? (spec['x-amazon-apigateway-binary-media-types'] as string[]) : [];
  const schemes = (spec.components?.securitySchemes ?? {}) as Record<string, unknown>;

  for (const [path, item] of Object.entries(spec.paths)) {
    if (isObject(item) && 'x-amazon-apigateway-any-method' in item) {
      throw new LocalStackError('spec_unsupported', `Path "${path}" uses x-amazon-apigateway-any-method, which the local gateway does not emulate; declare each method.`);
    }
  }
  const methods = new Map<string, Method>();
  for (const op of listOperations(spec)) {
    const integration = op.raw['x-amazon-apigateway-integration'];
    if (!isObject(integration) || integration.type !== 'aws_proxy') {
      throw new LocalStackError('spec_unsupported', `Operation "${op.operationId}" has no aws_proxy x-amazon-apigateway-integration; the local gateway runs Lambda proxy integrations only.`);
    }
    const functionArn = /\/functions\/(.+)\/invocations$/.exec(String(integration.uri))?.[1];
    const handler = functionArn ? options.functions[functionArn] : undefined;
    if (!functionArn || !handler) {
      throw new LocalStackError('function_unresolved', `Operation "${op.operationId}" integrates "${String(integration.uri)}", and no local function is configured for it; map its placeholder in the config's "functions".`);
    }
    let auth: Method['auth'];
    const requirement = (Array.isArray(op.raw.security) ? op.raw.security : []).find(isObject) as Record<string, unknown> | undefined;
    for (const [name, scopes] of Object.entries(requirement ?? {})) {
      const scheme = schemes[name];
      const authorizerConfig = isObject(scheme) ? scheme['x-amazon-apigateway-authorizer'] : undefined;
      if (!isObject(authorizerConfig) || authorizerConfig.type !== 'cognito_user_pools' || !Array.isArray(authorizerConfig.providerARNs)) {
        throw new LocalStackError('spec_unsupported', `Operation "${op.operationId}" uses security scheme "${name}", which is not a cognito_user_pools authorizer; the local gateway emulates Cognito authorizers only.`);
      }
      auth = { providerArns: authorizerConfig.providerARNs.map(String), scopes: Array.isArray(scopes) ? scopes.map(String) : [] };
    }
    methods.set(operationKey(op), { operation: op, resourceId: shortHash(op.path, 6), functionArn, handler, auth });
  }

  return async (request, info = {}) => {
    const started = now();
    const requestId = randomUUID();
    const url = new URL(request.url);
    const prefix = `/${stage}`;
    const path = url.pathname === prefix ? '/' : url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : undefined;
    const entry: Record<string, unknown> = {
      type: 'access',
      requestId,
      ip: info.sourceIp ?? '127.0.0.1',
      requestTime: new Date(started).toISOString(),
      httpMethod: request.method,
      path: url.pathname,
      protocol: info.protocol ?? 'HTTP/1.1',
    };
    const finish = (response: Response, extra: Record<string, unknown> = {}): Response => {
      Object.assign(entry, extra, { status: response.status, responseLatency: now() - started });
      log(JSON.stringify(entry));
      response.headers.set('x-amzn-requestid', requestId);
      return response;
    };
    const gatewayError = (error: GatewayError, pathParameters: Record<string, string> | null = null): Response =>
      finish(render(error, { requestId, request, pathParameters }), { errorType: error.type, errorMessage: error.message });

    // Over 10 MB the front door answers in plain text, before any gateway response applies
    // (observed: a REQUEST_TOO_LARGE gateway response does not change it).
    const tooLong = (): Response =>
      finish(new Response(`HTTP content length exceeded ${maxBodyBytes} bytes.`, { status: 413, headers: { 'content-type': 'text; charset=utf-8' } }), {
        errorType: 'CONTENT_LENGTH_EXCEEDED',
      });
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > maxBodyBytes) return tooLong();
    const bytes = await readLimited(request, maxBodyBytes);
    if (bytes === undefined) return tooLong();

    const match = path === undefined ? undefined : route(request.method, path);
    if (!match || path === undefined) return gatewayError({ type: 'MISSING_AUTHENTICATION_TOKEN', message: 'Missing Authentication Token' });
    const method = methods.get(operationKey(match.operation))!;
    entry.resourcePath = match.resource.template;
    entry.operationId = match.operation.operationId;

    let claims: Record<string, unknown> | undefined;
    if (method.auth) {
      const result = await authorizer.authorize(request.headers.get('authorization'), method.auth.providerArns, method.auth.scopes);
      if (!result.ok) return gatewayError({ type: result.type, message: result.message }, match.pathParameters);
      claims = result.claims as Record<string, unknown>;
      entry.clientId = typeof claims.client_id === 'string' ? claims.client_id : null;
    }

    const body = bytes.length > 0 ? new TextDecoder().decode(bytes) : null;
    const failure = validators.get(operationKey(match.operation))?.(request, body ?? '');
    if (failure) return gatewayError({ type: failure.type, message: failure.message, validationErrorString: failure.validationErrorString }, match.pathParameters);

    const event = buildProxyEvent({
      request,
      body,
      rawHeaders: info.rawHeaders,
      sourceIp: info.sourceIp ?? '127.0.0.1',
      protocol: info.protocol ?? 'HTTP/1.1',
      stage,
      resource: match.resource.template,
      resourceId: method.resourceId,
      path,
      pathParameters: match.pathParameters,
      requestId,
      requestTimeEpoch: started,
      apiId,
      accountId,
      claims,
    });
    // Lambda refuses a synchronous payload over 6 MB; API Gateway answers REQUEST_TOO_LARGE. Only a
    // big body can get there, so smaller events skip the measuring.
    if (bytes.length > maxEventBytes - 256 * 1024 && Buffer.byteLength(JSON.stringify(event)) > maxEventBytes) {
      return gatewayError({ type: 'REQUEST_TOO_LARGE', message: 'Request Too Long' }, match.pathParameters);
    }
    const context = lambdaContext({ functionArn: method.functionArn, deadline: Date.now() + timeoutMs });
    const integrationStarted = now();
    let timer: NodeJS.Timeout | undefined;
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
    entry.integrationLatency = now() - integrationStarted;
    if (outcome.kind === 'timeout') return gatewayError({ type: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out' }, match.pathParameters);
    if (outcome.kind === 'error') {
      const error = outcome.error as Error;
      entry.integrationError = `${error?.name ?? 'Error'}: ${error?.message ?? String(outcome.error)}`;
      return gatewayError({ type: 'DEFAULT_5XX', status: 502, message: 'Internal server error' }, match.pathParameters);
    }
    const mapped = mapProxyResult(outcome.value, binaryMediaTypes);
    if (!mapped.ok) {
      entry.integrationError = `Malformed Lambda proxy response: ${mapped.reason}`;
      return gatewayError({ type: 'DEFAULT_5XX', status: 502, message: 'Internal server error' }, match.pathParameters);
    }
    const headers = new Headers();
    for (const [name, value] of mapped.headers) headers.append(name, value);
    headers.set('x-amz-apigw-id', shortHash(requestId, 16));
    const response = new Response(mapped.body, { status: mapped.status, headers });
    return finish(response, { integrationStatus: mapped.status });
  };
}

/** Reads the body, giving up (undefined) as soon as it exceeds `limit` bytes. */
async function readLimited(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function shortHash(value: string, length: number): string {
  return createHash('sha256').update(value).digest('base64url').replace(/[-_]/g, '').toLowerCase().slice(0, length);
}
