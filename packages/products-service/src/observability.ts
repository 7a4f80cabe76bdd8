// Logs and metrics for the Node entry, with Powertools for AWS Lambda (TypeScript): one structured log line
// and one EMF metrics line per request, written to one sink (stdout in Lambda, the local stack's `log`).
// The Web-only service (service.ts) knows nothing of this: it calls the `observe` hook built here.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { errorDetails, type RequestRecord } from './service.ts';

import { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME, METRIC_DIMENSIONS, METRIC_NAMES } from './metrics.ts';

export { DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME, METRIC_NAMES };

/** The operation dimension of a request that routes to no operation (only possible when invoked directly). */
export const NO_OPERATION = 'none';

/**
 * A Logger whose lines go to a sink instead of its own stdout Console. The sink is a closure, not a field:
 * Logger's constructor already logs (e.g. that sampling switched it to DEBUG), before a field would be set.
 */
function sinkLogger(options: ConstructorParameters<typeof Logger>[0], sink: (line: string) => void): Logger {
  class SinkLogger extends Logger {
    protected override printLog(logLevel: number, log: Parameters<Logger['printLog']>[1]): void {
      log.prepareForPrint();
      sink(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
    }
  }
  return new SinkLogger(options);
}

/** Metrics that hand their EMF document to a sink per request instead of printing it at the end of an invocation. */
class SinkMetrics extends Metrics {
  /** Whether `POWERTOOLS_METRICS_DISABLED` (or dev mode) turned metrics off. */
  get metricsDisabled(): boolean {
    return this.isDisabled();
  }
}

/** Options of `createObserver`. */
export interface ObserverOptions {
  /** Where each JSON line (log and EMF) goes; default stdout, one line each, as Lambda's log capture expects. */
  sink?: (line: string) => void;
  /** The environment to read settings from; default `process.env`. */
  env?: Record<string, string | undefined>;
}

/** The stdout sink: the raw line, without the prefix `console.log` gets in Lambda (EMF must be plain JSON). */
export function stdoutSink(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * The Node entry's `observe` hook: per request, one Powertools log line (level by status: info, warn for
 * 4xx, error for 5xx) with `requestId` (API Gateway's, also the correlation id), `awsRequestId` (Lambda's),
 * the operation, the caller's client id, status, latency, the error code and Lambda's context with the
 * cold-start flag; then one EMF line with `Requests`, `Latency`, `Errors4xx`, `Errors5xx` and `Conflicts`
 * under the dimensions `service` and `operation`, the error code as a property. Never a header, token or body.
 * Log level and sampling come from the environment (`POWERTOOLS_LOG_LEVEL`, `POWERTOOLS_LOGGER_SAMPLE_RATE`),
 * the namespace and service name from `POWERTOOLS_METRICS_NAMESPACE` and `POWERTOOLS_SERVICE_NAME`.
 * @example const handler = createService({ repository, observe: createObserver() });
 */
export function createObserver(options: ObserverOptions = {}): (record: RequestRecord, event: APIGatewayProxyEvent | undefined, context: Context | undefined) => void {
  const env = options.env ?? process.env;
  const sink = options.sink ?? stdoutSink;
  const serviceName = env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME;
  const namespace = env.POWERTOOLS_METRICS_NAMESPACE || DEFAULT_NAMESPACE;
  const logger = sinkLogger({ serviceName }, sink);
  const metrics = new SinkMetrics({ namespace, serviceName });

  return (record, _event, context) => {
    // Sampling decides per request whether this one logs at DEBUG.
    logger.refreshSampleRateCalculation();
    if (context) logger.addContext(context);
    logger.setCorrelationId(record.requestId);
    const fields: Record<string, unknown> = {
      requestId: record.requestId,
      awsRequestId: record.lambdaRequestId ?? null,
      operationId: record.operationId,
      method: record.method,
      resource: record.resource,
      status: record.status,
      latencyMs: record.latencyMs,
      clientId: record.clientId,
    };
    if (record.error) Object.assign(fields, { errorCode: record.error.code }, errorDetails(record.error));
    if (record.status >= 500) logger.error('request', fields);
    else if (record.status >= 400) logger.warn('request', fields);
    else logger.info('request', fields);

    if (metrics.metricsDisabled) return;
    try {
      metrics.addDimension(METRIC_DIMENSIONS.operation, record.operationId ?? NO_OPERATION);
      metrics.addMetric(METRIC_NAMES.requests, MetricUnit.Count, 1);
      if (Number.isFinite(record.latencyMs)) metrics.addMetric(METRIC_NAMES.latency, MetricUnit.Milliseconds, record.latencyMs);
      metrics.addMetric(METRIC_NAMES.errors4xx, MetricUnit.Count, record.status >= 400 && record.status < 500 ? 1 : 0);
      metrics.addMetric(METRIC_NAMES.errors5xx, MetricUnit.Count, record.status >= 500 ? 1 : 0);
      metrics.addMetric(METRIC_NAMES.conflicts, MetricUnit.Count, record.status === 409 || record.status === 412 ? 1 : 0);
      // A property, not a dimension: one metric stream per code would multiply the cost and the dashboard's
      // series; Logs Insights finds the code in the EMF line (and in the log line) when needed.
      if (record.error) metrics.addMetadata('errorCode', record.error.code);
      metrics.addMetadata('requestId', record.requestId);
      sink(JSON.stringify(metrics.serializeMetrics()));
    } finally {
      metrics.clearMetrics();
      metrics.clearDimensions();
      metrics.clearMetadata();
    }
  };
}
