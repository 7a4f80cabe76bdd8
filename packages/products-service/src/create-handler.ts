// The Node entry's handler: the Web-only service (service.ts) over DynamoDB, configured from options or
// the Lambda environment.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConfigError, type ServiceError } from './errors.ts';
import { createDocumentClient, DynamoDbProductRepository } from './dynamodb-repository.ts';
import { createObserver, stdoutSink } from './observability.ts';
import { createService, errorResult, type ProxyHandler } from './service.ts';

export type { ProxyHandler };

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
  /** Where the JSON lines go (per request one Powertools log line and one EMF metrics line); default stdout. */
  log?: (line: string) => void;
  /** The largest request body accepted, in bytes; default 65536 (the contract's service limit). */
  maxBodyBytes?: number;
}

/**
 * Builds the Lambda handler for every operation of openapi.yaml on a DynamoDB table, with Powertools logs and
 * EMF metrics (see observability.ts). The DynamoDB client, the Logger and the Metrics are built here, once.
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
  return createService({
    repository: new DynamoDbProductRepository(dynamodb, tableName),
    observe: createObserver({ sink: options.log ?? stdoutSink }),
    ...(options.now ? { now: options.now } : {}),
    ...(options.maxBodyBytes !== undefined ? { maxBodyBytes: options.maxBodyBytes } : {}),
  });
}

/**
 * A handler that answers every request with a 500 and logs why, for when the configuration is wrong: the
 * Lambda then reports the problem per request instead of failing its init with no answer to the caller.
 * @example export const handler = brokenHandler(new ConfigError('TABLE_NAME is not set.'));
 */
export function brokenHandler(error: ServiceError, log: (line: string) => void = stdoutSink): ProxyHandler {
  return async (event, context) => {
    const requestId = event?.requestContext?.requestId || context?.awsRequestId || crypto.randomUUID();
    log(JSON.stringify({ level: 'error', message: 'request', requestId, method: event?.httpMethod ?? null, resource: event?.resource ?? null, status: 500, errorCode: error.code, errorMessage: error.message }));
    return errorResult(error, requestId);
  };
}
