import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { ALARMS, LATENCY_TARGET_P99_MS, LOG_QUERIES, SERVICE_METRICS, type AlarmKey, type AlarmSpec } from './observability.ts';

export type ProductsMonitoringProps = {
  /** The REST API's name (the `ApiName` dimension of API Gateway's metrics). */
  apiName: string;
  /** The stage (the `Stage` dimension). */
  stageName: string;
  /** The products Lambda. */
  fn: lambda.IFunction;
  /** The products table. */
  table: dynamodb.ITable;
  /** The DynamoDB operations the service calls (`GetItem`, ...): the `Operation` dimension of the table's metrics. */
  tableOperations: readonly string[];
  /** The operation ids of openapi.yaml: the `operation` dimension of the service's metrics. */
  operationIds: readonly string[];
  /** The function's log group (the dashboard's log queries). */
  functionLogs: logs.ILogGroup;
  /** The API's access log group (the dashboard's log queries). */
  accessLogs: logs.ILogGroup;
  /** Where alarms (and their return to OK) are mailed; default none: no topic, alarms only in CloudWatch. */
  alarmEmail?: string;
  /** What stack deletion does to the topic's key; default RETAIN. */
  removalPolicy?: RemovalPolicy;
};

/**
 * The stack's alarms (thresholds from {@link ALARMS}), an optional SNS topic they notify, and a dashboard
 * with the API, the per-operation service metrics, the function and the table.
 * @example new ProductsMonitoring(this, 'Monitoring', { apiName, stageName, fn, table, tableOperations, operationIds, functionLogs, accessLogs });
 */
export class ProductsMonitoring extends Construct {
  /** Every alarm, by its key in {@link ALARMS}. */
  readonly alarms: Record<AlarmKey, cloudwatch.Alarm>;
  /** The topic alarms notify, when an email was given. */
  readonly topic?: sns.Topic;
  /** The dashboard. */
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ProductsMonitoringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const prefix = `${stack.stackName}-${props.stageName}`;
    const api = (metricName: string, statistic: string, minutes: number): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiName: props.apiName, Stage: props.stageName },
        statistic,
        period: Duration.minutes(minutes),
      });
    // A rate in percent, 0 below `minRequests` requests: two errors out of three calls at night are no signal.
    const rate = (spec: AlarmSpec, errorMetric: '4XXError' | '5XXError', label: string): cloudwatch.MathExpression => {
      // Ids unique per graph: the dashboard shows both rates in one widget.
      const errors = `errors${errorMetric[0]}xx`;
      return new cloudwatch.MathExpression({
        expression: `IF(requests >= ${spec.minRequests ?? 1}, 100 * ${errors} / requests, 0)`,
        usingMetrics: { requests: api('Count', 'Sum', spec.periodMinutes), [errors]: api(errorMetric, 'Sum', spec.periodMinutes) },
        period: Duration.minutes(spec.periodMinutes),
        label,
      });
    };
    const period = (spec: AlarmSpec) => ({ period: Duration.minutes(spec.periodMinutes), statistic: 'Sum' });

    const metrics: Record<AlarmKey, cloudwatch.IMetric> = {
      api5xxRate: rate(ALARMS.api5xxRate, '5XXError', '5XX rate (%)'),
      apiLatencyP99: api('Latency', 'p99', ALARMS.apiLatencyP99.periodMinutes),
      api4xxSurge: rate(ALARMS.api4xxSurge, '4XXError', '4XX rate (%)'),
      lambdaErrors: props.fn.metricErrors(period(ALARMS.lambdaErrors)),
      lambdaThrottles: props.fn.metricThrottles(period(ALARMS.lambdaThrottles)),
      dynamoThrottles: props.table.metricThrottledRequestsForOperations({
        operations: props.tableOperations as dynamodb.Operation[],
        ...period(ALARMS.dynamoThrottles),
      }),
      dynamoSystemErrors: props.table.metricSystemErrorsForOperations({
        operations: props.tableOperations as dynamodb.Operation[],
        ...period(ALARMS.dynamoSystemErrors),
      }),
    };

    if (props.alarmEmail) {
      // Encrypted at rest (AwsSolutions-SNS2) with a key of our own: CloudWatch cannot publish to a topic
      // encrypted with the AWS managed alias/aws/sns key, whose policy cannot grant it kms:GenerateDataKey.
      const key = new kms.Key(this, 'AlarmTopicKey', {
        description: `Encrypts the alarm notifications of ${prefix}.`,
        enableKeyRotation: true,
        removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      });
      key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'CloudWatchAlarmsPublish',
          principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      );
      this.topic = new sns.Topic(this, 'AlarmTopic', {
        displayName: `${prefix} alarms`,
        masterKey: key,
        // Denies publishing over plain HTTP (AwsSolutions-SNS3).
        enforceSSL: true,
      });
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }

    const alarms = {} as Record<AlarmKey, cloudwatch.Alarm>;
    for (const [key, spec] of Object.entries(ALARMS) as [AlarmKey, AlarmSpec][]) {
      const alarm = new cloudwatch.Alarm(this, spec.name, {
        alarmName: `${prefix}-${spec.name}`,
        alarmDescription: `${spec.watches}: ${spec.comparison === 'GreaterThanThreshold' ? '>' : '≥'} ${spec.threshold} ${spec.unit} in ${spec.datapointsToAlarm} of ${spec.evaluationPeriods} periods of ${spec.periodMinutes} min. ${spec.why} Runbook: infra/README.md#${spec.name.toLowerCase()}`,
        metric: metrics[key],
        threshold: spec.threshold,
        comparisonOperator: cloudwatch.ComparisonOperator[spec.comparison === 'GreaterThanThreshold' ? 'GREATER_THAN_THRESHOLD' : 'GREATER_THAN_OR_EQUAL_TO_THRESHOLD'],
        evaluationPeriods: spec.evaluationPeriods,
        datapointsToAlarm: spec.datapointsToAlarm,
        // No traffic is no problem: an idle API must not alarm.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...(key === 'apiLatencyP99' ? { evaluateLowSampleCountPercentile: 'ignore' } : {}),
      });
      if (this.topic) {
        alarm.addAlarmAction(new actions.SnsAction(this.topic));
        alarm.addOkAction(new actions.SnsAction(this.topic));
      }
      alarms[key] = alarm;
    }
    this.alarms = alarms;

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: prefix,
      defaultInterval: Duration.hours(3),
    });
    const service = (metricName: string, operation: string, statistic: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: SERVICE_METRICS.namespace,
        metricName,
        dimensionsMap: { [SERVICE_METRICS.dimensions.service]: SERVICE_METRICS.service, [SERVICE_METRICS.dimensions.operation]: operation },
        statistic,
        period: Duration.minutes(1),
        label: operation,
      });
    const perOperation = (title: string, metricName: string, statistic: string): cloudwatch.GraphWidget =>
      new cloudwatch.GraphWidget({
        title: `${title} by operation`,
        left: props.operationIds.map((op) => service(metricName, op, statistic)),
        width: 8,
        height: 6,
        ...(metricName === SERVICE_METRICS.names.latency
          ? { leftAnnotations: [{ value: LATENCY_TARGET_P99_MS, label: 'p99 target' }] }
          : {}),
      });
    const names = SERVICE_METRICS.names;
    const query = (q: (typeof LOG_QUERIES)[keyof typeof LOG_QUERIES]): cloudwatch.LogQueryWidget =>
      new cloudwatch.LogQueryWidget({
        title: q.title,
        logGroupNames: [(q.logGroup === 'function' ? props.functionLogs : props.accessLogs).logGroupName],
        queryString: q.query,
        view: cloudwatch.LogQueryVisualizationType.TABLE,
        width: 12,
        height: 6,
      });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# ${props.apiName}, stage ${props.stageName}\nAlarms, the API at the gateway, the service per operation (namespace \`${SERVICE_METRICS.namespace}\`), the function and the table. What each alarm means and what to do: the runbook in infra/README.md.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: Object.values(alarms), width: 24, height: 3 }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and errors',
        left: [api('Count', 'Sum', 1), api('4XXError', 'Sum', 1), api('5XXError', 'Sum', 1)],
        width: 8,
        height: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency (p50, p99) and integration latency (p99)',
        left: [api('Latency', 'p50', 1), api('Latency', 'p99', 1), api('IntegrationLatency', 'p99', 1)],
        leftAnnotations: [{ value: LATENCY_TARGET_P99_MS, label: 'p99 target' }],
        width: 8,
        height: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'API error rates (%)',
        left: [metrics.api5xxRate, metrics.api4xxSurge],
        width: 8,
        height: 6,
      }),
    );
    this.dashboard.addWidgets(
      perOperation('Requests', names.requests, 'Sum'),
      perOperation('Latency p99 (ms)', names.latency, 'p99'),
      perOperation('Conflicts (409, 412)', names.conflicts, 'Sum'),
    );
    this.dashboard.addWidgets(
      perOperation('4xx answers', names.errors4xx, 'Sum'),
      perOperation('5xx answers', names.errors5xx, 'Sum'),
      new cloudwatch.GraphWidget({
        title: 'Function invocations, errors, throttles',
        left: [props.fn.metricInvocations(), props.fn.metricErrors(), props.fn.metricThrottles()],
        right: [props.fn.metricDuration({ statistic: 'p99' })],
        width: 8,
        height: 6,
      }),
    );
    this.dashboard.addWidgets(
      // One widget each: the two expressions use the same ids (one per table operation).
      new cloudwatch.GraphWidget({ title: 'Table throttled requests', left: [metrics.dynamoThrottles], width: 6, height: 6 }),
      new cloudwatch.GraphWidget({ title: 'Table system errors', left: [metrics.dynamoSystemErrors], width: 6, height: 6 }),
      new cloudwatch.GraphWidget({
        title: 'Table latency by operation (average, ms)',
        left: props.tableOperations.map((operation) =>
          props.table.metricSuccessfulRequestLatency({ dimensionsMap: { TableName: props.table.tableName, Operation: operation }, label: operation }),
        ),
        width: 6,
        height: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Table capacity consumed',
        left: [props.table.metricConsumedReadCapacityUnits(), props.table.metricConsumedWriteCapacityUnits()],
        width: 6,
        height: 6,
      }),
    );
    this.dashboard.addWidgets(query(LOG_QUERIES.errorsByCode), query(LOG_QUERIES.slowestOperations));
    this.dashboard.addWidgets(query(LOG_QUERIES.gatewayErrors), query(LOG_QUERIES.byClient));
  }
}
