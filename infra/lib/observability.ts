// The observability settings in one place: the service's metric names (shared with the Lambda through its
// environment), the alarm thresholds (each with the reason the runbook repeats) and the Logs Insights
// queries of the runbook and the dashboard. infra/README.md explains each; tests check it says the same.
// No aws-cdk-lib import here, so a script can read the names without loading CDK. The metric names
// themselves are the service's (@org/products-service/metrics): defined once, where they are emitted.
import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME, METRIC_DIMENSIONS, METRIC_NAMES } from '@org/products-service/metrics';

/**
 * The embedded-metric-format metrics the products service emits (Powertools Metrics): one namespace,
 * one dimension set `{service, operation}` with the operation id of openapi.yaml, five metric names.
 * The CDK app hands `namespace` and `service` to the function as `POWERTOOLS_METRICS_NAMESPACE` and
 * `POWERTOOLS_SERVICE_NAME`; the dashboard reads exactly these names.
 */
export const SERVICE_METRICS = {
  /** The CloudWatch namespace of every service metric. */
  namespace: DEFAULT_NAMESPACE,
  /** The value of the `service` dimension (Powertools' service name). */
  service: DEFAULT_SERVICE_NAME,
  /** The dimension names, in the one dimension set the dashboard reads. */
  dimensions: METRIC_DIMENSIONS,
  /** The metric names: requests (Count), latency (Milliseconds), 4xx and 5xx answers, 409/412 conflicts (Count). */
  names: METRIC_NAMES,
} as const;

/**
 * The function's environment for Powertools: names from {@link SERVICE_METRICS}, INFO logs, and traces
 * that never record a response (it would put products in X-Ray) or an error's message.
 * @example new lambda.Function(this, 'Fn', { ..., environment: { TABLE_NAME: t.tableName, ...POWERTOOLS_ENVIRONMENT } });
 */
export const POWERTOOLS_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: SERVICE_METRICS.service,
  POWERTOOLS_METRICS_NAMESPACE: SERVICE_METRICS.namespace,
  POWERTOOLS_LOG_LEVEL: 'INFO',
  POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
  POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
} as const;

/** How an alarm compares its metric with the threshold. */
export type AlarmComparison = 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold';

/** One alarm: the metric it watches, when it fires, and what it means (the runbook's words). */
export type AlarmSpec = {
  /** The alarm name's suffix (`<stack>-<stage>-<suffix>`) and the runbook's heading. */
  name: string;
  /** What the alarm watches, in one line. */
  watches: string;
  /** The threshold, in `unit`. */
  threshold: number;
  /** The unit of the threshold as a reader says it (`%`, `ms`, `errors`). */
  unit: string;
  /** How the metric is compared with the threshold. */
  comparison: AlarmComparison;
  /** The length of one evaluated period, in minutes. */
  periodMinutes: number;
  /** How many periods are looked at. */
  evaluationPeriods: number;
  /** How many of those must breach for the alarm to fire. */
  datapointsToAlarm: number;
  /** For rates: below this many requests in a period the rate counts as 0 (a handful of calls is no signal). */
  minRequests?: number;
  /** Why this threshold (the README's table repeats it). */
  why: string;
};

/** The p99 latency the API is held to, at API Gateway (gateway, authorizer, Lambda and DynamoDB together). */
export const LATENCY_TARGET_P99_MS = 1000;

/**
 * Every alarm of the stack with its threshold, in one place. The README's threshold table lists the same
 * values (a test compares them).
 */
export const ALARMS = {
  api5xxRate: {
    name: 'Api5xxRate',
    watches: 'API Gateway 5XXError / Count for the stage, in percent',
    threshold: 1,
    unit: '%',
    comparison: 'GreaterThanOrEqualToThreshold',
    periodMinutes: 5,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    minRequests: 20,
    why: 'Consumers retry a rare 5XX; one in a hundred for ten of fifteen minutes is an outage for someone.',
  },
  apiLatencyP99: {
    name: 'ApiLatencyP99',
    watches: 'API Gateway Latency p99 for the stage, in ms',
    threshold: LATENCY_TARGET_P99_MS,
    unit: 'ms',
    comparison: 'GreaterThanThreshold',
    periodMinutes: 5,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    why: 'The stated target: p99 at or under 1 s. A warm call takes tens of ms and a cold start well under 1 s, so 15 minutes above it is not a cold start.',
  },
  api4xxSurge: {
    name: 'Api4xxSurge',
    watches: 'API Gateway 4XXError / Count for the stage, in percent',
    threshold: 25,
    unit: '%',
    comparison: 'GreaterThanOrEqualToThreshold',
    periodMinutes: 5,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    minRequests: 50,
    why: 'Some 4XX are normal (404, 409, 412); a quarter of all answers for 15 minutes means a broken consumer, expired secrets, a bad spec deploy or a probe.',
  },
  lambdaErrors: {
    name: 'LambdaErrors',
    watches: 'Lambda Errors of the function (crashes and timeouts, not the 4XX/5XX it answers)',
    threshold: 3,
    unit: 'errors',
    comparison: 'GreaterThanOrEqualToThreshold',
    periodMinutes: 5,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    why: 'The handler answers every error itself, so an invocation error is a crash or a timeout (10 s) that the caller saw as a 502; three in five minutes is not a fluke.',
  },
  lambdaThrottles: {
    name: 'LambdaThrottles',
    watches: 'Lambda Throttles of the function',
    threshold: 1,
    unit: 'throttles',
    comparison: 'GreaterThanOrEqualToThreshold',
    periodMinutes: 5,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    why: 'A throttled invocation is a request the API failed with a 5XX; the stage limit keeps this API far below the account concurrency, so any one means something else in the account used it up.',
  },
  dynamoThrottles: {
    name: 'DynamoThrottles',
    watches: 'DynamoDB ThrottledRequests of the table, summed over the operations the service calls',
    threshold: 5,
    unit: 'requests',
    comparison: 'GreaterThanOrEqualToThreshold',
    periodMinutes: 5,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    why: 'The SDK retries a throttled call, so a few go unseen; five in five minutes on an on-demand table means traffic doubled past its previous peak or a hot key.',
  },
  dynamoSystemErrors: {
    name: 'DynamoSystemErrors',
    watches: 'DynamoDB SystemErrors of the table, summed over the operations the service calls',
    threshold: 1,
    unit: 'errors',
    comparison: 'GreaterThanOrEqualToThreshold',
    periodMinutes: 5,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    why: 'A 500 from DynamoDB itself is never normal; check the AWS Health Dashboard before anything else.',
  },
} as const satisfies Record<string, AlarmSpec>;

/** The key of an alarm in {@link ALARMS}. */
export type AlarmKey = keyof typeof ALARMS;

/**
 * CloudWatch Logs Insights queries of the runbook. `function` ones run on the function's log group (the
 * service's JSON lines: requestId, awsRequestId, operationId, clientId, status, latencyMs, errorCode,
 * level); `access` ones on the API's access log group (the fields of the stage's access log format).
 * `<request id>` is the one thing to replace.
 */
export const LOG_QUERIES = {
  requestById: {
    logGroup: 'function',
    title: 'One request by its id (API Gateway request id or Lambda request id)',
    query: [
      'fields @timestamp, level, operationId, status, latencyMs, errorCode, clientId, requestId, awsRequestId, @message',
      '| filter requestId = "<request id>" or awsRequestId = "<request id>" or @requestId = "<request id>"',
      '| sort @timestamp asc',
    ].join('\n'),
  },
  accessById: {
    logGroup: 'access',
    title: 'The same request at the gateway (status, latencies, error type, X-Ray trace id)',
    query: [
      'fields @timestamp, status, errorType, httpMethod, resourcePath, responseLatency, integrationLatency, integrationStatus, lambdaRequestId, xrayTraceId, clientId',
      '| filter requestId = "<request id>" or lambdaRequestId = "<request id>"',
    ].join('\n'),
  },
  errorsByCode: {
    logGroup: 'function',
    title: 'Errors by code, operation and status',
    query: [
      'filter ispresent(errorCode)',
      '| stats count(*) as errors by errorCode, operationId, status',
      '| sort errors desc',
    ].join('\n'),
  },
  slowestOperations: {
    logGroup: 'function',
    title: 'Slowest operations (p99 and max latency per operation)',
    query: [
      'filter ispresent(latencyMs)',
      '| stats count(*) as requests, avg(latencyMs) as avgMs, pct(latencyMs, 99) as p99Ms, max(latencyMs) as maxMs by operationId',
      '| sort p99Ms desc',
    ].join('\n'),
  },
  slowestRequests: {
    logGroup: 'function',
    title: 'The 20 slowest requests',
    query: [
      'fields @timestamp, requestId, operationId, status, latencyMs, clientId',
      '| filter ispresent(latencyMs)',
      '| sort latencyMs desc',
      '| limit 20',
    ].join('\n'),
  },
  gatewayErrors: {
    logGroup: 'access',
    title: 'Answers the gateway gave without the function (authorizer, validator, throttling) by type',
    query: [
      // The access log's values are strings ("-" when empty): match them as text.
      'filter status like /^[45]/ and integrationStatus = "-"',
      '| stats count(*) as answers by status, errorType',
      '| sort answers desc',
    ].join('\n'),
  },
  byClient: {
    logGroup: 'access',
    title: 'Requests per app client and status (who is failing, who gets 429)',
    query: [
      'stats count(*) as requests by clientId, status',
      '| sort clientId asc, requests desc',
    ].join('\n'),
  },
} as const satisfies Record<string, { logGroup: 'function' | 'access'; title: string; query: string }>;
