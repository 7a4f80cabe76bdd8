// The Node entry's Powertools wiring, through createHandler on dynalite: per request one structured log line
// and one EMF line, parsed here as CloudWatch would read them; settings from the environment; no secret.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../src/create-handler.ts';
import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME, METRIC_NAMES } from '../src/observability.ts';
import { startDynamo, type LocalDynamo } from './dynamo.ts';
import { CLIENT_ID, context, event, type EventInput } from './events.ts';

type Emf = {
  _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
};

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** A handler on a fresh table, every line it writes, and a caller that returns the request's lines. */
async function observed(tableName?: string) {
  const lines: string[] = [];
  const handler = createHandler({ tableName: tableName ?? (await dynamo.createTable()), endpoint: dynamo.endpoint, region: 'us-east-1', log: (line) => lines.push(line) });
  return {
    lines,
    async call(op: Parameters<typeof event>[0], input?: EventInput) {
      const before = lines.length;
      const ev = event(op, input);
      const ctx = context();
      const result = await handler(ev, ctx);
      const written = lines.slice(before).map((text) => JSON.parse(text) as Record<string, any>);
      return {
        result,
        event: ev,
        context: ctx,
        log: written.filter((line) => line.message === 'request'),
        emf: written.filter((line): line is Emf => typeof line._aws === 'object'),
      };
    },
  };
}

/** Checks an EMF document as CloudWatch does: every declared metric and dimension has a value at the top level. */
function metricValues(emf: Emf): { namespace: string; dimensions: Record<string, unknown>; metrics: Record<string, { unit: string; value: unknown }> } {
  const [directive] = emf._aws.CloudWatchMetrics;
  expect(emf._aws.CloudWatchMetrics).toHaveLength(1);
  expect(Number.isInteger(emf._aws.Timestamp)).toBe(true);
  expect(directive!.Dimensions).toEqual([['service', 'operation']]);
  const dimensions = Object.fromEntries(directive!.Dimensions[0]!.map((name) => [name, emf[name]]));
  const metrics = Object.fromEntries(directive!.Metrics.map((m) => [m.Name, { unit: m.Unit, value: emf[m.Name] }]));
  return { namespace: directive!.Namespace, dimensions, metrics };
}

describe('EMF metrics', () => {
  it('emit Requests, Latency, Errors4xx, Errors5xx and Conflicts per request, under service and operation', async () => {
    const { call } = await observed();
    const created = await call('createProduct', { json: { id: 'm', name: 'M' } });
    expect(created.result.statusCode).toBe(201);
    expect(created.emf).toHaveLength(1);
    const ok = metricValues(created.emf[0]!);
    expect(ok.namespace).toBe(DEFAULT_NAMESPACE);
    expect(ok.dimensions).toEqual({ service: DEFAULT_SERVICE_NAME, operation: 'createProduct' });
    expect(Object.keys(ok.metrics).sort()).toEqual(Object.values(METRIC_NAMES).sort());
    expect(ok.metrics).toMatchObject({
      Requests: { unit: 'Count', value: 1 },
      Latency: { unit: 'Milliseconds', value: expect.any(Number) },
      Errors4xx: { unit: 'Count', value: 0 },
      Errors5xx: { unit: 'Count', value: 0 },
      Conflicts: { unit: 'Count', value: 0 },
    });
    expect(created.emf[0]).not.toHaveProperty('errorCode');
    expect(created.emf[0]!.requestId).toBe(created.event.requestContext.requestId);

    const conflict = await call('createProduct', { json: { id: 'm', name: 'again' } });
    expect(conflict.result.statusCode).toBe(409);
    expect(metricValues(conflict.emf[0]!).metrics).toMatchObject({ Errors4xx: { value: 1 }, Errors5xx: { value: 0 }, Conflicts: { value: 1 } });
    expect(conflict.emf[0]!.errorCode).toBe('already_exists');

    const stale = await call('updateProduct', { pathParameters: { id: 'm' }, json: { name: 'x' }, headers: { 'If-Match': '"9"' } });
    expect(stale.result.statusCode).toBe(412);
    expect(metricValues(stale.emf[0]!)).toMatchObject({ dimensions: { operation: 'updateProduct' }, metrics: { Conflicts: { value: 1 }, Errors4xx: { value: 1 } } });
    expect(stale.emf[0]!.errorCode).toBe('precondition_failed');

    const missing = await call('getProduct', { pathParameters: { id: 'none' } });
    expect(metricValues(missing.emf[0]!).metrics).toMatchObject({ Errors4xx: { value: 1 }, Conflicts: { value: 0 } });
    expect(missing.emf[0]!.errorCode).toBe('not_found');
  });

  it('count a 5xx with its error code, and name no operation for an event that routes to none', async () => {
    const broken = await observed('no-such-table');
    const failed = await broken.call('getProduct', { pathParameters: { id: 'x' } });
    expect(failed.result.statusCode).toBe(500);
    expect(metricValues(failed.emf[0]!).metrics).toMatchObject({ Errors5xx: { value: 1 }, Errors4xx: { value: 0 } });
    expect(failed.emf[0]!.errorCode).toBe('dynamodb_error');
    const unrouted = await broken.call('getProduct', { httpMethod: 'PATCH', pathParameters: { id: 'x' } });
    expect(metricValues(unrouted.emf[0]!).dimensions).toEqual({ service: DEFAULT_SERVICE_NAME, operation: 'none' });
  });

  it('take the namespace and service name from POWERTOOLS_METRICS_NAMESPACE and POWERTOOLS_SERVICE_NAME, and stop with POWERTOOLS_METRICS_DISABLED', async () => {
    vi.stubEnv('POWERTOOLS_METRICS_NAMESPACE', 'OtherNamespace');
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'other-service');
    const { call } = await observed();
    const listed = await call('listProducts');
    expect(metricValues(listed.emf[0]!)).toMatchObject({ namespace: 'OtherNamespace', dimensions: { service: 'other-service', operation: 'listProducts' } });
    expect(listed.log[0]).toMatchObject({ service: 'other-service' });
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const quiet = await (await observed()).call('listProducts');
    expect(quiet.emf).toEqual([]);
    expect(quiet.log).toHaveLength(1);
  });
});

describe('the log line', () => {
  it('carries both request ids as correlation ids, the operation, caller, status, latency and code', async () => {
    const { call } = await observed();
    const missing = await call('getProduct', { pathParameters: { id: 'none' } });
    expect(missing.log).toHaveLength(1);
    expect(missing.log[0]).toMatchObject({
      level: 'WARN',
      message: 'request',
      service: DEFAULT_SERVICE_NAME,
      requestId: missing.event.requestContext.requestId,
      correlation_id: missing.event.requestContext.requestId,
      awsRequestId: missing.context.awsRequestId,
      function_request_id: missing.context.awsRequestId,
      function_name: missing.context.functionName,
      operationId: 'getProduct',
      clientId: CLIENT_ID,
      status: 404,
      latencyMs: expect.any(Number),
      errorCode: 'not_found',
    });
    expect(typeof missing.log[0]!.cold_start).toBe('boolean');
  });

  it('says cold_start true on the first request of an on-demand execution environment only', async () => {
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const { call } = await observed();
    expect((await call('listProducts')).log[0]!.cold_start).toBe(true);
    expect((await call('listProducts')).log[0]!.cold_start).toBe(false);
  });

  it('follows POWERTOOLS_LOG_LEVEL: at WARN a 200 writes no log line (its metrics still count it), a 404 does', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'WARN');
    const { call } = await observed();
    const ok = await call('listProducts');
    expect(ok.log).toEqual([]);
    expect(ok.emf).toHaveLength(1);
    expect((await call('getProduct', { pathParameters: { id: 'none' } })).log).toHaveLength(1);
  });

  it('follows POWERTOOLS_LOGGER_SAMPLE_RATE: a sampled request logs at DEBUG, so even a 200 is written at level ERROR', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'ERROR');
    vi.stubEnv('POWERTOOLS_LOGGER_SAMPLE_RATE', '1');
    const { call } = await observed();
    expect((await call('listProducts')).log).toHaveLength(1);
    expect((await call('listProducts')).log[0]).toMatchObject({ status: 200, sampling_rate: 1 });
  });

  it('never writes a token, a header or a request body, in log or metrics lines', async () => {
    const token = 'eyJraWQiOiJ0ZXN0In0.eyJzdWIiOiJzZWNyZXQtdG9rZW4tdmFsdWUifQ.c2lnbmF0dXJlLXNlY3JldA';
    const secret = 'body-secret-value-1234';
    const { call, lines } = await observed();
    const headers = { Authorization: `Bearer ${token}`, 'X-Api-Key': secret };
    await call('createProduct', { json: { id: 'quiet', name: secret, description: token }, headers });
    await call('createProduct', { json: { name: secret, extra: token }, headers });
    await call('listProducts', { query: { cursor: token }, headers });
    await call('updateProduct', { pathParameters: { id: 'quiet' }, json: { name: secret }, headers: { ...headers, 'If-Match': `"${token}"` } });
    expect(lines.length).toBe(8);
    for (const text of lines) {
      expect(text).not.toContain(token.slice(0, 16));
      expect(text).not.toContain(token.slice(-16));
      expect(text).not.toContain(secret);
      expect(text).not.toContain('Bearer');
      expect(text).not.toMatch(/authorization|x-api-key/i);
    }
  });
});
