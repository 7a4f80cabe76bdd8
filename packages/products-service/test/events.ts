// REST API (payload v1) proxy events as API Gateway builds them, with Cognito claims as strings.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { operations, type OperationId } from '../src/generated/operations.ts';

/** What a test varies in an event. */
export interface EventInput {
  /** Path parameters (`{ id }`). */
  pathParameters?: Record<string, string>;
  /** Query string parameters. */
  query?: Record<string, string>;
  /** Request headers. */
  headers?: Record<string, string>;
  /** The raw body text. */
  body?: string | null;
  /** A JSON body (sets Content-Type: application/json). */
  json?: unknown;
  /** Claims to use instead of the default client's; `null` for none at all. */
  claims?: Record<string, string> | null;
  /** Whether `body` is base64. */
  isBase64Encoded?: boolean;
  /** Override the method (for unknown routes). */
  httpMethod?: string;
  /** Override the resource (for unknown routes). */
  resource?: string;
}

/** The default caller: a client_credentials access token's claims, as strings. */
export const CLIENT_ID = '4s4c7qmtkoa2kfk4bm0esgk33c';

let counter = 0;

/**
 * A proxy event for an operation, as the gateway would send it after the authorizer passed.
 * @example await handler(event('getProduct', { pathParameters: { id: 'a' } }), context());
 */
export function event(operationId: OperationId, input: EventInput = {}): APIGatewayProxyEvent {
  const { method, path: template } = operations[operationId];
  const httpMethod = input.httpMethod ?? method;
  const resource = input.resource ?? template;
  const path = resource.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(input.pathParameters?.[name] ?? ''));
  const headers: Record<string, string> = { Accept: 'application/json', Host: 'abc123defg.execute-api.us-east-1.amazonaws.com', ...input.headers };
  let body = input.body ?? null;
  if (input.json !== undefined) {
    body = JSON.stringify(input.json);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  const claims =
    input.claims === null
      ? undefined
      : (input.claims ?? {
          sub: CLIENT_ID,
          token_use: 'access',
          scope: operations[operationId].scopes.join(' '),
          auth_time: '1764151200',
          iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example',
          exp: 'Thu Nov 26 11:00:00 UTC 2026',
          iat: 'Thu Nov 26 10:00:00 UTC 2026',
          version: '2',
          jti: '2a0b0c8e-0000-4000-8000-000000000000',
          client_id: CLIENT_ID,
        });
  const requestId = `req-${process.pid}-${++counter}`;
  return {
    resource,
    path,
    httpMethod,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: input.query ?? null,
    multiValueQueryStringParameters: input.query ? Object.fromEntries(Object.entries(input.query).map(([k, v]) => [k, [v]])) : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123defg',
      authorizer: claims ? { claims } : null,
      httpMethod,
      identity: { sourceIp: '127.0.0.1', userAgent: 'vitest' } as APIGatewayProxyEvent['requestContext']['identity'],
      path: `/dev${path}`,
      protocol: 'HTTP/1.1',
      requestId,
      requestTimeEpoch: 1764151200000,
      resourceId: 'abc123',
      resourcePath: resource,
      stage: 'dev',
    },
    body,
    isBase64Encoded: input.isBase64Encoded ?? false,
  };
}

/**
 * A minimal Lambda context.
 * @example await handler(event('listProducts'), context());
 */
export function context(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'products',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:products',
    memoryLimitInMB: '256',
    awsRequestId: `lambda-${++counter}`,
    logGroupName: '/aws/lambda/products',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
