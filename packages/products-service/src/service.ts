// The service on Web APIs only: a Lambda proxy event in, a proxy result out, over a ProductRepository.
// Nothing here imports from `node:`, uses Buffer or process, or loads the AWS SDK, so the MSW kit can
// bundle it for browsers; the Node entry (create-handler.ts) puts DynamoDB and Powertools around it.
// A request goes through named stages: identify → route → caller → body size → parameters → read body →
// invoke the operation → error result → observe.
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { components } from './generated/openapi.ts';
import type { OperationId } from './generated/operations.ts';
import { assertJsonContentType, bodyBytes, DEFAULT_MAX_BODY_BYTES, parseJson } from './body.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { RouteNotFoundError, toServiceError, UnauthorizedError, ValidationError, type ServiceError } from './errors.ts';
import { etagOf, parseIfMatch } from './etag.ts';
import type { NewProduct, Product, ProductRepository, ProductUpdate } from './repository.ts';
import { route, validateBody, validateParameters, type OperationModel, type Parameters } from './validation.ts';

type ProductPageBody = components['schemas']['ProductPage'];
type ErrorBody = components['schemas']['Error'];

/** A Lambda proxy handler for REST API (payload v1) events. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** What the service knows about one request once it is answered: what an observer logs and counts. */
export interface RequestRecord {
  /** API Gateway's request id (`requestContext.requestId`), else the Lambda's, else a fresh UUID; also in error bodies. */
  requestId: string;
  /** The Lambda invocation's id (`context.awsRequestId`), when invoked by Lambda. */
  lambdaRequestId: string | undefined;
  /** The operation, or null when the event routes to none. */
  operationId: OperationId | null;
  /** `event.httpMethod`. */
  method: string | null;
  /** `event.resource` (the path template). */
  resource: string | null;
  /** The status answered. */
  status: number;
  /** Time from receipt to answer by the service's clock, in ms. */
  latencyMs: number;
  /** The caller's app client id (from the authorizer's claims), or null. */
  clientId: string | null;
  /** The failure answered, for 4xx and 5xx. */
  error: ServiceError | undefined;
}

/** Options of `createService`. */
export interface ServiceOptions {
  /** Where products live: `DynamoDbProductRepository` in Lambda, `InMemoryProductRepository` in the mock and tests. */
  repository: ProductRepository;
  /** The clock, for `createdAt`/`updatedAt` and the latency; default `() => new Date()`. */
  now?: () => Date;
  /** Where the default observer writes its one JSON line per request; default `console.log`. Ignored with `observe`. */
  log?: (line: string) => void;
  /** Called once per answered request (logging, metrics); default: one JSON line through `log`. Its failures are swallowed. */
  observe?: (record: RequestRecord, event: APIGatewayProxyEvent | undefined, context: Context | undefined) => void;
  /** The largest request body accepted, in bytes; default 65536 (the contract's service limit). */
  maxBodyBytes?: number;
}

/** What one operation gets: the validated request and who is calling. */
interface OperationRequest {
  params: Parameters;
  body: unknown;
  clientId: string;
  event: APIGatewayProxyEvent;
}

const DEFAULT_LIMIT = 20;

/** Stage "identify": the id quoted in error bodies and logs (API Gateway's, else Lambda's, else fresh). */
function identify(event: APIGatewayProxyEvent | undefined, context: Context | undefined): string {
  return event?.requestContext?.requestId || context?.awsRequestId || crypto.randomUUID();
}

/** Stage "route": the operation API Gateway routed the event to, by `httpMethod` and `resource`. */
function routeOf(event: APIGatewayProxyEvent | undefined): OperationModel & { operationId: OperationId } {
  const operation = route(String(event?.httpMethod ?? ''), String(event?.resource ?? ''));
  if (!operation) {
    throw new RouteNotFoundError(`No operation for ${JSON.stringify(`${event?.httpMethod} ${event?.resource}`)} in openapi.yaml.`);
  }
  return operation;
}

/**
 * Stage "caller": the app client, `client_id` of the Cognito access token, else `sub` (which Cognito sets to
 * the client id for client_credentials tokens). Without either the function was not invoked through the
 * gateway's authorizer, and every operation is refused (401), fail-closed.
 */
function callerOf(event: APIGatewayProxyEvent): string {
  const claims: unknown = event.requestContext?.authorizer?.claims;
  if (typeof claims === 'object' && claims !== null) {
    for (const name of ['client_id', 'sub']) {
      const value = Object.hasOwn(claims, name) ? (claims as Record<string, unknown>)[name] : undefined;
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  throw new UnauthorizedError(
    'The request carries no authorizer claims (client_id); call the API through API Gateway with an access token.',
  );
}

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/**
 * Stage "read body", after the size check and the parameters (the gateway's order): for an operation with a
 * body, its presence, Content-Type, JSON and the body schema.
 */
function readBody(operation: OperationModel, event: APIGatewayProxyEvent, bytes: Uint8Array | undefined): unknown {
  if (!operation.body) return undefined;
  if (!bytes) {
    if (operation.body.required) throw new ValidationError('Invalid request body: body is required; send a JSON object.');
    return undefined;
  }
  assertJsonContentType(header(event, 'content-type'));
  return validateBody(operation, parseJson(bytes));
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/**
 * The proxy result of a failure: `{ message, code?, requestId }`, nothing internal.
 * @example errorResult(new NotFoundError('Product "a" was not found.'), requestId).statusCode === 404
 */
export function errorResult(error: ServiceError, requestId: string): APIGatewayProxyResult {
  const body: ErrorBody = { message: error.publicMessage };
  if (error.bodyCode) body.code = error.bodyCode;
  body.requestId = requestId;
  return json(error.status, body);
}

/** `requestContext.path` includes the stage (`/dev/products`); direct invocations may only have `path`. */
function locationOf(event: APIGatewayProxyEvent, operation: OperationModel, id: string): string {
  const base = (event.requestContext?.path || event.path || operation.path).replace(/\/+$/, '');
  return `${base}/${encodeURIComponent(id)}`;
}

/**
 * 4xx lines carry only the code: their messages quote request values (a cursor, a field), and a caller who
 * pastes a token into the wrong place must not find it in the logs. 5xx lines carry the internal details
 * the caller never sees.
 * @example Object.assign(line, errorDetails(error));
 */
export function errorDetails(error: ServiceError): Record<string, unknown> {
  if (error.status < 500) return {};
  const cause = error.cause instanceof Error ? { name: error.cause.name, message: error.cause.message, stack: error.cause.stack } : error.cause;
  return { errorMessage: error.message, errorName: error.name, cause };
}

/**
 * The one JSON log line of a request, as the default observer writes it (no token, no body, no 4xx message).
 * @example log(JSON.stringify(requestLine(record)));
 */
export function requestLine(record: RequestRecord): Record<string, unknown> {
  const line: Record<string, unknown> = {
    level: record.status >= 500 ? 'error' : record.status >= 400 ? 'warn' : 'info',
    message: 'request',
    requestId: record.requestId,
    operationId: record.operationId,
    method: record.method,
    resource: record.resource,
    status: record.status,
    latencyMs: record.latencyMs,
    clientId: record.clientId,
  };
  if (record.error) Object.assign(line, { errorCode: record.error.code }, errorDetails(record.error));
  return line;
}

/**
 * The service for every operation of openapi.yaml, over a repository, on Web APIs only.
 * @example
 * const handler = createService({ repository: new InMemoryProductRepository() });
 * const result = await handler(event, context); // APIGatewayProxyResult
 */
export function createService(options: ServiceOptions): ProxyHandler {
  const { repository } = options;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const observe = options.observe ?? ((record: RequestRecord) => log(JSON.stringify(requestLine(record))));
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const implementations: Record<OperationId, (request: OperationRequest, operation: OperationModel) => Promise<APIGatewayProxyResult>> = {
    async listProducts({ params }) {
      const limit = params.query.get('limit');
      const cursor = params.query.get('cursor');
      const page = await repository.list(typeof limit === 'number' ? limit : DEFAULT_LIMIT, typeof cursor === 'string' ? decodeCursor(cursor) : undefined);
      const body: ProductPageBody = { items: page.items };
      if (page.lastKey) body.nextCursor = encodeCursor(page.lastKey);
      return json(200, body);
    },
    async createProduct({ body, clientId, event }, operation) {
      const input = body as NewProduct;
      const at = now().toISOString();
      const product: Product = { id: input.id ?? crypto.randomUUID(), name: input.name, createdAt: at, updatedAt: at, createdBy: clientId, version: 1 };
      if (input.description !== undefined) product.description = input.description;
      if (input.price !== undefined) product.price = input.price;
      const created = await repository.create(product);
      return json(201, created, { Location: locationOf(event, operation, created.id), ETag: etagOf(created.version) });
    },
    async getProduct({ params }) {
      const product = await repository.get(String(params.path.get('id')));
      return json(200, product, { ETag: etagOf(product.version) });
    },
    async updateProduct({ params, body }) {
      const ifMatchHeader = params.header.get('If-Match');
      const ifMatch = typeof ifMatchHeader === 'string' ? parseIfMatch(ifMatchHeader) : undefined;
      const product = await repository.replace(String(params.path.get('id')), body as ProductUpdate, { now: now().toISOString(), ifMatch });
      return json(200, product, { ETag: etagOf(product.version) });
    },
    async deleteProduct({ params }) {
      await repository.delete(String(params.path.get('id')));
      return { statusCode: 204, headers: {}, body: '' };
    },
  };

  return async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
    let started = Number.NaN;
    let requestId = '';
    let operation: (OperationModel & { operationId: OperationId }) | undefined;
    let clientId: string | undefined;
    let result: APIGatewayProxyResult;
    let failure: ServiceError | undefined;
    try {
      started = now().getTime();
      requestId = identify(event, context);
      operation = routeOf(event);
      clientId = callerOf(event);
      // Size first: it is cheap and applies to every operation, with or without a body.
      const bytes = bodyBytes(event.body, event.isBase64Encoded, maxBodyBytes);
      const params = validateParameters(operation, event);
      const body = readBody(operation, event, bytes);
      result = await implementations[operation.operationId]({ params, body, clientId, event }, operation);
    } catch (error) {
      failure = toServiceError(error);
      requestId ||= identify(event, context);
      result = errorResult(failure, requestId);
    }
    try {
      observe(
        {
          requestId,
          lambdaRequestId: context?.awsRequestId || undefined,
          operationId: operation?.operationId ?? null,
          method: event?.httpMethod ?? null,
          resource: event?.resource ?? null,
          status: result.statusCode,
          latencyMs: now().getTime() - started,
          clientId: clientId ?? null,
          error: failure,
        },
        event,
        context,
      );
    } catch {
      // A failing logger must not turn a served request into a Lambda error (a 502 at the gateway).
    }
    return result;
  };
}
