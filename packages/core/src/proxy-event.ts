// Stage "proxy event": the REST API (payload v1) Lambda proxy event and context, field by field as
// API Gateway builds them.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { dict, randomBase64Id, randomHex } from './util.ts';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A date as API Gateway writes `exp` and `iat` into the authorizer claims (Java's
 * `Date.toString()` in UTC).
 * @example claimDate(1683172206) // 'Thu May 04 03:50:06 UTC 2023'
 */
export function claimDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/**
 * `requestContext.requestTime`: CLF format, `04/May/2023:03:50:06 +0000`.
 * @example requestTime(Date.UTC(2023, 4, 4, 3, 50, 6)) // '04/May/2023:03:50:06 +0000'
 */
export function requestTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/**
 * The verified token's claims as the Cognito authorizer hands them to the integration: a flat map
 * of strings; `exp` and `iat` as date strings, other numbers (`auth_time`, `version`) as decimal
 * strings, arrays as `[a, b]` (Java's `List.toString()`; UNCONFIRMED for Cognito's list claims).
 * @example stringifyClaims({ exp: 1683172206, version: 2 }) // { exp: 'Thu May 04 03:50:06 UTC 2023', version: '2' }
 */
export function stringifyClaims(claims: Record<string, unknown>): Record<string, string> {
  const out = dict<string>();
  for (const [key, value] of Object.entries(claims)) {
    if ((key === 'exp' || key === 'iat') && typeof value === 'number') out[key] = claimDate(value);
    else if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = `[${value.map(String).join(', ')}]`;
    else if (value !== null && typeof value === 'object') out[key] = JSON.stringify(value);
    else out[key] = String(value);
  }
  return out;
}

/** What the gateway knows about one request when it builds the event. */
export type EventInput = {
  /** The client's request (method, URL, headers). */
  request: Request;
  /** The method as sent, when the Request cannot carry it (TRACE); default the Request's. */
  httpMethod?: string;
  /** The request body as text (`null` when empty). */
  body: string | null;
  /** Header names as the client sent them, in order (node's `rawHeaders`); default: the Request's lowercased names. */
  rawHeaders?: string[];
  /** The client's address, `requestContext.identity.sourceIp`. */
  sourceIp: string;
  /** `HTTP/1.1`. */
  protocol: string;
  /** The stage name. */
  stage: string;
  /** The resource template, `/products/{id}`. */
  resource: string;
  /** `requestContext.resourceId`. */
  resourceId: string;
  /** The path after the stage, as sent (not decoded). */
  path: string;
  /** The path parameters as matched (still percent-encoded), or null. */
  pathParameters: Record<string, string> | null;
  /** `requestContext.requestId`, also the `x-amzn-RequestId` header. */
  requestId: string;
  /** When the request arrived, epoch ms. */
  requestTimeEpoch: number;
  /** `requestContext.apiId`. */
  apiId: string;
  /** `requestContext.accountId`. */
  accountId: string;
  /** The verified claims, or undefined for a method without an authorizer. */
  claims?: Record<string, unknown>;
};

/**
 * The REST API (payload v1) Lambda proxy event, field by field as API Gateway builds it:
 * `headers`/`queryStringParameters` keep the last value of a repeated name and the `multiValue*`
 * fields every value; all four (and `pathParameters`, `stageVariables`) are `null` when empty.
 * @example const event = buildProxyEvent({ request, body: null, sourceIp: '127.0.0.1', ... });
 */
export function buildProxyEvent(input: EventInput): APIGatewayProxyEvent {
  const url = new URL(input.request.url);
  const headerPairs: [string, string][] = [];
  if (input.rawHeaders) {
    for (let i = 0; i + 1 < input.rawHeaders.length; i += 2) headerPairs.push([input.rawHeaders[i]!, input.rawHeaders[i + 1]!]);
  } else {
    input.request.headers.forEach((value, name) => {
      if (name === 'set-cookie') return;
      headerPairs.push([name, value]);
    });
  }
  const forwardedFor = headerPairs.find(([n]) => n.toLowerCase() === 'x-forwarded-for')?.[1];
  const added: [string, string][] = [
    ['X-Amzn-Trace-Id', `Root=1-${Math.floor(input.requestTimeEpoch / 1000).toString(16)}-${randomHex(12)}`],
    ['X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${input.sourceIp}` : input.sourceIp],
    ['X-Forwarded-Port', url.port || '80'],
    ['X-Forwarded-Proto', url.protocol.replace(':', '')],
  ];
  const pairs = [...headerPairs.filter(([n]) => !added.some(([a]) => a.toLowerCase() === n.toLowerCase())), ...added];
  const { single: headers, multi: multiValueHeaders } = collect(pairs);

  const queryPairs: [string, string][] = [...url.searchParams.entries()];
  const { single: queryStringParameters, multi: multiValueQueryStringParameters } = collect(queryPairs);

  const header = (name: string): string | null => input.request.headers.get(name);
  const host = url.host;
  const claims = input.claims ? stringifyClaims(input.claims) : undefined;
  return {
    resource: input.resource,
    path: input.path,
    httpMethod: input.httpMethod ?? input.request.method,
    headers: headers as APIGatewayProxyEvent['headers'],
    multiValueHeaders: multiValueHeaders as APIGatewayProxyEvent['multiValueHeaders'],
    queryStringParameters: queryStringParameters as APIGatewayProxyEvent['queryStringParameters'],
    multiValueQueryStringParameters: multiValueQueryStringParameters as APIGatewayProxyEvent['multiValueQueryStringParameters'],
    pathParameters: input.pathParameters,
    stageVariables: null,
    requestContext: {
      resourceId: input.resourceId,
      resourcePath: input.resource,
      httpMethod: input.httpMethod ?? input.request.method,
      extendedRequestId: randomBase64Id(12),
      requestTime: requestTime(input.requestTimeEpoch),
      path: `/${input.stage}${input.path}`,
      accountId: input.accountId,
      protocol: input.protocol,
      stage: input.stage,
      domainPrefix: host.split('.')[0]!.split(':')[0]!,
      requestTimeEpoch: input.requestTimeEpoch,
      requestId: input.requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: input.sourceIp,
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: header('user-agent'),
        user: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      domainName: host,
      apiId: input.apiId,
      authorizer: claims ? { claims } : null,
    } as APIGatewayProxyEvent['requestContext'],
    body: input.body,
    isBase64Encoded: false,
  };
}

function collect(pairs: [string, string][]): { single: Record<string, string> | null; multi: Record<string, string[]> | null } {
  if (pairs.length === 0) return { single: null, multi: null };
  // Request-controlled names (`__proto__`, `constructor`) must be plain keys: no prototype.
  const single = dict<string>();
  const multi = dict<string[]>();
  for (const [name, value] of pairs) {
    single[name] = value;
    (multi[name] ??= []).push(value);
  }
  return { single, multi };
}

/**
 * The Lambda `context` object handed to a local function.
 * @example const context = lambdaContext({ functionArn, deadline: Date.now() + 29000 });
 */
export function lambdaContext(options: { functionArn: string; deadline: number; now?: () => number }): Context {
  const name = options.functionArn.split(':').at(-1) ?? 'function';
  const now = options.now ?? Date.now;
  const requestId = crypto.randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: options.functionArn,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `${new Date(now()).toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${randomHex(16)}`,
    getRemainingTimeInMillis: () => Math.max(0, options.deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
