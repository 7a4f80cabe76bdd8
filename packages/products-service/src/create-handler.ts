import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { operations, type OperationId } from './generated/operations.ts';
import type { components } from './generated/openapi.ts';
import { assertJsonContentType, bodyBytes, DEFAULT_MAX_BODY_BYTES, parseJson } from './body.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { ConfigError, RouteNotFoundError, toServiceError, UnauthorizedError, ValidationError, type ServiceError } from './errors.ts';
import { etagOf, parseIfMatch } from './etag.ts';
import { createDocumentClient, ProductRepository, type NewProduct, type Product, type ProductUpdate } from './repository.ts';
import { operationModel, validateBody, validateParameters, type OperationModel, type Parameters } from './validation.ts';

type ProductPage = components['schemas']['ProductPage'];
type ErrorBody = components['schemas']['Error'];

/** A Lambda proxy handler for REST API (payload v1) events. */
export type ProxyHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/** Options of `createHandler`; every one has a default for the Lambda runtime. */
export interface HandlerOptions {
  /** The products table; default `TABLE_NAME` from the environment (required one way or the other). */
  tableName?: string;
  /** A ready DynamoDB document client; default one built from `endpoint` and `region`. */
  dynamodb?: DynamoDBDocumentClient;
  /** A DynamoDB endpoint override (dynalite, DynamoDB Local); default `DYNAMODB_ENDPOINT` from the environment. */
  endpoint?: string;
  /** The AWS region; default `AWS_REGION` from the environment, then `us-east-1`. */
  region?: string;
  /** The clock, for `createdAt`/`updatedAt` and the logged latency; default `() => new Date()`. */
  now?: () => Date;
  /** Where the one JSON log line per request goes; default `console.log`. */
  log?: (line: string) => void;
  /** The largest request body accepted, in bytes; default 65536 (the contract's service limit). */
  maxBodyBytes?: number;
}

/** What one operation gets: the validated request and who is calling. */
interface OperationRequest {
  params: Parameters;
  body: unknown;
  clientId: string;
  requestId: string;
  event: APIGatewayProxyEvent;
}

const DEFAULT_LIMIT = 20;

/** Route table `METHOD /path/template` → operation, from the generated map (never written by hand). */
const routes = new Map<string, OperationModel>();
function route(method: string, resource: string): OperationModel | undefined {
  if (routes.size === 0) {
    for (const id of Object.keys(operations) as OperationId[]) {
      routes.set(`${operations[id].method} ${operations[id].path}`, operationModel(id));
    }
  }
  return routes.get(`${method.toUpperCase()} ${resource}`);
}

function header(event: APIGatewayProxyEvent, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && value !== undefined) return value;
  }
  return undefined;
}

/**
 * The caller's app client: `client_id` of the Cognito access token, else `sub` (which Cognito sets to the
 * client id for client_credentials tokens). Without either the function was not invoked through the
 * gateway's authorizer, and every operation is refused (401), fail-closed.
 */
function callerOf(event: APIGatewayProxyEvent): string {
  const claims: unknown = event.requestContext?.authorizer?.claims;
  if (typeof claims === 'object' && claims !== null) {
    for (const name of ['client_id', 'sub']) {
      const value = (claims as Record<string, unknown>)[name];
      if (typeof value === 'string' && value !== '') return value;
    }
  }
  throw new UnauthorizedError(
    'The request carries no authorizer claims (client_id); call the API through API Gateway with an access token.',
  );
}

function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return { statusCode, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

function errorResult(error: ServiceError, requestId: string): APIGatewayProxyResult {
  const body: ErrorBody = { message: error.publicMessage };
  if (error.bodyCode) body.code = error.bodyCode;
  body.requestId = requestId;
  return json(error.status, body);
}

/** `requestContext.path` includes the stage (`/dev/products`); direct invocations may only have `path`. */
function locationOf(event: APIGatewayProxyEvent, id: string): string {
  const base = (event.requestContext?.path || event.path || operations.createProduct.path).replace(/\/+$/, '');
  return `${base}/${encodeURIComponent(id)}`;
}

/**
 * 4xx lines carry only the code: their messages quote request values (a cursor, a field), and a caller who
 * pastes a token into the wrong place must not find it in the logs. 5xx lines carry the internal details
 * the caller never sees.
 */
function errorDetails(error: ServiceError): Record<string, unknown> {
  if (error.status < 500) return {};
  const cause = error.cause instanceof Error ? { name: error.cause.name, message: error.cause.message, stack: error.cause.stack } : error.cause;
  return { errorMessage: error.message, errorName: error.name, cause };
}

/**
 * Builds the Lambda handler for every operation of openapi.yaml. The DynamoDB client is built here, once.
 * @example
 * const handler = createHandler({ tableName: 'products', endpoint: 'http://127.0.0.1:4567', region: 'us-east-1' });
 * const result = await handler(event, context);
 */
export function createHandler(options: HandlerOptions = {}): ProxyHandler {
  const tableName = options.tableName ?? process.env.TABLE_NAME;
  if (!tableName) {
    throw new ConfigError('No products table: pass `tableName` to createHandler or set the TABLE_NAME environment variable.');
  }
  const dynamodb =
    options.dynamodb ??
    createDocumentClient({ endpoint: options.endpoint ?? (process.env.DYNAMODB_ENDPOINT || undefined), region: options.region });
  const repository = new ProductRepository(dynamodb, tableName);
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const implementations: Record<OperationId, (request: OperationRequest) => Promise<APIGatewayProxyResult>> = {
    async listProducts({ params }) {
      const limit = typeof params.query.limit === 'number' ? params.query.limit : DEFAULT_LIMIT;
      const cursor = params.query.cursor;
      const page = await repository.list(limit, typeof cursor === 'string' ? decodeCursor(cursor) : undefined);
      const body: ProductPage = { items: page.items };
      if (page.lastKey) body.nextCursor = encodeCursor(page.lastKey);
      return json(200, body);
    },
    async createProduct({ body, clientId, event }) {
      const input = body as NewProduct;
      const at = now().toISOString();
      const product: Product = { id: input.id ?? randomUUID(), name: input.name, createdAt: at, updatedAt: at, createdBy: clientId, version: 1 };
      if (input.description !== undefined) product.description = input.description;
      if (input.price !== undefined) product.price = input.price;
      const created = await repository.create(product);
      return json(201, created, { Location: locationOf(event, created.id), ETag: etagOf(created.version) });
    },
    async getProduct({ params }) {
      const product = await repository.get(String(params.path.id));
      return json(200, product, { ETag: etagOf(product.version) });
    },
    async updateProduct({ params, body }) {
      const ifMatchHeader = params.header['If-Match'];
      const ifMatch = typeof ifMatchHeader === 'string' ? parseIfMatch(ifMatchHeader) : undefined;
      const product = await repository.replace(String(params.path.id), body as ProductUpdate, { now: now().toISOString(), ifMatch });
      return json(200, product, { ETag: etagOf(product.version) });
    },
    async deleteProduct({ params }) {
      await repository.delete(String(params.path.id));
      return { statusCode: 204, headers: {}, body: '' };
    },
  };

  return async function handler(event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> {
    const started = now().getTime();
    const requestId = event?.requestContext?.requestId || context?.awsRequestId || randomUUID();
    let operation: OperationModel | undefined;
    let clientId: string | undefined;
    let result: APIGatewayProxyResult;
    let failure: ServiceError | undefined;
    try {
      operation = route(String(event?.httpMethod ?? ''), String(event?.resource ?? ''));
      if (!operation) {
        throw new RouteNotFoundError(`No operation for ${JSON.stringify(`${event?.httpMethod} ${event?.resource}`)} in openapi.yaml.`);
      }
      clientId = callerOf(event);
      // Size first: it is cheap and applies to every operation, with or without a body.
      const bytes = bodyBytes(event.body, event.isBase64Encoded, maxBodyBytes);
      const params = validateParameters(operation, event);
      let body: unknown;
      if (operation.body) {
        if (!bytes) {
          if (operation.body.required) throw new ValidationError('Invalid request body: body is required; send a JSON object.');
        } else {
          assertJsonContentType(header(event, 'content-type'));
          body = validateBody(operation, parseJson(bytes));
        }
      }
      result = await implementations[operation.operationId]({ params, body, clientId, requestId, event });
    } catch (error) {
      failure = toServiceError(error);
      result = errorResult(failure, requestId);
    }
    const line: Record<string, unknown> = {
      level: result.statusCode >= 500 ? 'error' : result.statusCode >= 400 ? 'warn' : 'info',
      message: 'request',
      requestId,
      operationId: operation?.operationId ?? null,
      method: event?.httpMethod ?? null,
      resource: event?.resource ?? null,
      status: result.statusCode,
      latencyMs: now().getTime() - started,
      clientId: clientId ?? null,
    };
    if (failure) Object.assign(line, { errorCode: failure.code }, errorDetails(failure));
    try {
      log(JSON.stringify(line));
    } catch {
      // A failing logger must not turn a served request into a Lambda error (a 502 at the gateway).
    }
    return result;
  };
}

/**
 * A handler that answers every request with a 500 and logs why, for when the configuration is wrong: the
 * Lambda then reports the problem per request instead of failing its init with no answer to the caller.
 * @example export const handler = brokenHandler(new ConfigError('TABLE_NAME is not set.'));
 */
export function brokenHandler(error: ServiceError, log: (line: string) => void = (line) => console.log(line)): ProxyHandler {
  return async (event, context) => {
    const requestId = event?.requestContext?.requestId || context?.awsRequestId || randomUUID();
    log(JSON.stringify({ level: 'error', message: 'request', requestId, method: event?.httpMethod ?? null, resource: event?.resource ?? null, status: 500, errorCode: error.code, errorMessage: error.message }));
    return errorResult(error, requestId);
  };
}
