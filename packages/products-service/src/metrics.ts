// The service's metrics by name, in a module with no imports: the Lambda's Powertools wiring
// (observability.ts) and the CDK app's alarms and dashboard (infra/lib/observability.ts) read the same
// object, so a renamed metric cannot leave an alarm watching nothing.

/**
 * The metric names the service emits; the CDK app builds its alarms and dashboard from this object
 * (infra/lib/observability.ts imports it), so the names live in one place.
 */
export const METRIC_NAMES = {
  /** Every answered request (Count, 1 each). */
  requests: 'Requests',
  /** From receipt to answer, by the service's clock (Milliseconds). */
  latency: 'Latency',
  /** 1 for a 4xx answer, else 0 (Count): Sum counts them, Average is the 4xx rate. */
  errors4xx: 'Errors4xx',
  /** 1 for a 5xx answer, else 0 (Count): Sum counts them, Average is the 5xx rate. */
  errors5xx: 'Errors5xx',
  /** 1 for a conditional-write conflict, 409 or 412, else 0 (Count). */
  conflicts: 'Conflicts',
} as const;

/** The CloudWatch namespace when `POWERTOOLS_METRICS_NAMESPACE` is unset. */
export const DEFAULT_NAMESPACE = 'ProductsApi';
/** The `service` dimension and log field when `POWERTOOLS_SERVICE_NAME` is unset. */
export const DEFAULT_SERVICE_NAME = 'products-service';
/**
 * The dimension names of the one dimension set every metric carries: Powertools' service name, then
 * the operation id of openapi.yaml.
 */
export const METRIC_DIMENSIONS = { service: 'service', operation: 'operation' } as const;
