// The alarms, the alarm topic and the dashboard, each test on a fresh stack holding only the monitoring
// construct (imported function, table and log groups: synthesis takes milliseconds); the last describe
// checks the full stack wires it to its own API, function and table.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { listOperations, loadSpec } from '@org/products-contract';
import { ProductsMonitoring, type ProductsMonitoringProps } from '../lib/monitoring.ts';
import { ALARMS, LATENCY_TARGET_P99_MS, LOG_QUERIES, SERVICE_METRICS, type AlarmKey } from '../lib/observability.ts';
import { SERVICE_TABLE_ACTIONS } from '../lib/products-stack.ts';
import { render, synthesize, type CfnTemplate } from './synth.ts';

const operationIds = listOperations(loadSpec()).map((op) => op.operationId);
const tableOperations = SERVICE_TABLE_ACTIONS.map((a) => a.replace('dynamodb:', ''));

type Resource = { Type: string; Properties: Record<string, any> };

/** A fresh stack with only the monitoring construct; returns its template as JSON. */
function monitoring(overrides: Partial<ProductsMonitoringProps> = {}): { json: CfnTemplate; construct: ProductsMonitoring } {
  const stack = new Stack(new App(), 'Mon');
  const construct = new ProductsMonitoring(stack, 'Monitoring', {
    apiName: 'Products API',
    stageName: 'qa',
    fn: lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:eu-west-1:123456789012:function:products-fn'),
    table: dynamodb.Table.fromTableName(stack, 'Table', 'products-table'),
    tableOperations,
    operationIds,
    functionLogs: logs.LogGroup.fromLogGroupName(stack, 'FnLogs', 'fn-logs'),
    accessLogs: logs.LogGroup.fromLogGroupName(stack, 'AccessLogs', 'access-logs'),
    ...overrides,
  });
  return { json: Template.fromStack(stack).toJSON() as CfnTemplate, construct };
}

function alarmNamed(json: CfnTemplate, name: string): Record<string, any> {
  const found = Object.values(json.Resources).filter(
    (r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties!.AlarmName === name,
  ) as Resource[];
  expect(found, name).toHaveLength(1);
  return found[0]!.Properties;
}

const comparison = { GreaterThanThreshold: 'GreaterThanThreshold', GreaterThanOrEqualToThreshold: 'GreaterThanOrEqualToThreshold' };
const apiDims = [
  { Name: 'ApiName', Value: 'Products API' },
  { Name: 'Stage', Value: 'qa' },
];

// What each alarm must watch, written out here rather than derived from the construct.
const expectedMetric: Record<AlarmKey, (alarm: Record<string, any>) => void> = {
  api5xxRate: (a) => expectRate(a, '5XXError', 20),
  api4xxSurge: (a) => expectRate(a, '4XXError', 50),
  apiLatencyP99: (a) => {
    expect(a).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Latency', ExtendedStatistic: 'p99', Period: 300 });
    expect(a.Dimensions).toEqual(apiDims);
    expect(a.EvaluateLowSampleCountPercentile).toBe('ignore');
  },
  lambdaErrors: (a) => {
    expect(a).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors', Statistic: 'Sum', Period: 300 });
    expect(a.Dimensions).toEqual([{ Name: 'FunctionName', Value: 'products-fn' }]);
  },
  lambdaThrottles: (a) => {
    expect(a).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Statistic: 'Sum', Period: 300 });
    expect(a.Dimensions).toEqual([{ Name: 'FunctionName', Value: 'products-fn' }]);
  },
  dynamoThrottles: (a) => expectTableSum(a, 'ThrottledRequests'),
  dynamoSystemErrors: (a) => expectTableSum(a, 'SystemErrors'),
};

function expectRate(alarm: Record<string, any>, errorMetric: string, minRequests: number): void {
  const queries = alarm.Metrics as Record<string, any>[];
  const expression = queries.find((q) => q.Expression)!;
  expect(expression.Expression).toMatch(new RegExp(`^IF\\(requests >= ${minRequests}, 100 \\* (\\w+) / requests, 0\\)$`));
  const errorsId = /100 \* (\w+) \//.exec(expression.Expression)![1];
  const byId = Object.fromEntries(queries.filter((q) => q.MetricStat).map((q) => [q.Id, q.MetricStat]));
  expect(byId.requests).toEqual({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: apiDims }, Period: 300, Stat: 'Sum' });
  expect(byId[errorsId!]).toEqual({ Metric: { Namespace: 'AWS/ApiGateway', MetricName: errorMetric, Dimensions: apiDims }, Period: 300, Stat: 'Sum' });
}

function expectTableSum(alarm: Record<string, any>, metricName: string): void {
  const queries = alarm.Metrics as Record<string, any>[];
  const stats = queries.filter((q) => q.MetricStat).map((q) => q.MetricStat);
  expect(stats.map((m) => m.Metric.Dimensions)).toEqual(
    tableOperations.map((op) => [
      { Name: 'Operation', Value: op },
      { Name: 'TableName', Value: 'products-table' },
    ]),
  );
  for (const m of stats) expect(m).toMatchObject({ Metric: { Namespace: 'AWS/DynamoDB', MetricName: metricName }, Stat: 'Sum', Period: 300 });
  const expression = queries.find((q) => q.Expression)!;
  // The sum of one metric per operation (FILL: an operation nobody called counts as 0).
  const ids = queries.filter((q) => q.MetricStat).map((q) => q.Id as string);
  for (const id of ids) expect(expression.Expression).toContain(id);
  expect(expression.ReturnData ?? true).toBe(true);
}

describe('each alarm, on a fresh stack', () => {
  it.each(Object.keys(ALARMS) as AlarmKey[])('%s: named, thresholded as observability.ts says, on the right metric, quiet without traffic', (key) => {
    const spec = ALARMS[key];
    const { json } = monitoring();
    const alarm = alarmNamed(json, `Mon-qa-${spec.name}`);
    expect(alarm.Threshold).toBe(spec.threshold);
    expect(alarm.ComparisonOperator).toBe(comparison[spec.comparison]);
    expect(alarm.EvaluationPeriods).toBe(spec.evaluationPeriods);
    expect(alarm.DatapointsToAlarm).toBe(spec.datapointsToAlarm);
    expect(alarm.TreatMissingData).toBe('notBreaching');
    expect(alarm.AlarmDescription).toContain(spec.why);
    expect(alarm.AlarmDescription).toContain(`infra/README.md#${spec.name.toLowerCase()}`);
    expectedMetric[key](alarm);
    // Without an email there is no topic, so no action.
    expect(alarm.AlarmActions).toBeUndefined();
    expect(alarm.OKActions).toBeUndefined();
  });

  it('has exactly the alarms of observability.ts and holds p99 latency to the stated target', () => {
    const { json } = monitoring();
    const names = Object.values(json.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => r.Properties!.AlarmName);
    expect(names.sort()).toEqual(Object.values(ALARMS).map((a) => `Mon-qa-${a.name}`).sort());
    expect(alarmNamed(json, 'Mon-qa-ApiLatencyP99').Threshold).toBe(LATENCY_TARGET_P99_MS);
    expect(LATENCY_TARGET_P99_MS).toBe(1000);
  });
});

describe('the alarm topic', () => {
  it('is not created without an email', () => {
    const { json, construct } = monitoring();
    expect(construct.topic).toBeUndefined();
    for (const type of ['AWS::SNS::Topic', 'AWS::SNS::Subscription', 'AWS::KMS::Key']) {
      expect(Object.values(json.Resources).filter((r) => r.Type === type), type).toEqual([]);
    }
  });

  it('with an email: a KMS-encrypted, TLS-only topic mailing that address, the action of every alarm on ALARM and OK', () => {
    const { json } = monitoring({ alarmEmail: 'ops@example.com' });
    const entries = Object.entries(json.Resources) as [string, Resource][];
    const [topicId, topic] = entries.find(([, r]) => r.Type === 'AWS::SNS::Topic')!;
    const [keyId, key] = entries.find(([, r]) => r.Type === 'AWS::KMS::Key')!;
    expect(render(topic.Properties.KmsMasterKeyId)).toBe(`<${keyId}.Arn>`);
    expect(key.Properties.EnableKeyRotation).toBe(true);
    // CloudWatch must be able to use the key, or it cannot publish to the encrypted topic.
    const cloudwatchUse = key.Properties.KeyPolicy.Statement.find((s: any) => s.Principal?.Service === 'cloudwatch.amazonaws.com');
    expect(cloudwatchUse.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    const subscription = entries.find(([, r]) => r.Type === 'AWS::SNS::Subscription')![1].Properties;
    expect(subscription).toMatchObject({ Protocol: 'email', Endpoint: 'ops@example.com' });
    expect(render(subscription.TopicArn)).toBe(`<${topicId}>`);
    const policy = entries.find(([, r]) => r.Type === 'AWS::SNS::TopicPolicy')![1].Properties;
    expect(policy.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    const alarms = entries.filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(Object.keys(ALARMS).length);
    for (const [id, alarm] of alarms) {
      expect(render(alarm.Properties.AlarmActions), id).toEqual([`<${topicId}>`]);
      expect(render(alarm.Properties.OKActions), id).toEqual([`<${topicId}>`]);
    }
  });
});

describe('the dashboard', () => {
  const body = (): { widgets: { type: string; properties: Record<string, any> }[] } => {
    const { json } = monitoring();
    const dashboard = Object.values(json.Resources).find((r) => r.Type === 'AWS::CloudWatch::Dashboard')!;
    expect(dashboard.Properties!.DashboardName).toBe('Mon-qa');
    const text = render(dashboard.Properties!.DashboardBody) as string;
    return JSON.parse(text);
  };

  it('graphs every service metric for every operation of the spec, in the namespace and dimensions the service emits', () => {
    // A dashboard metric is [namespace, name, dim1, value1, dim2, value2, {options}]; CDK orders the dimensions.
    const metrics = body().widgets.flatMap((w) => (w.properties.metrics ?? []) as unknown[][]);
    const key = (m: unknown[]) => {
      const dims = m.slice(2).filter((x) => typeof x === 'string') as string[];
      const pairs = dims.flatMap((d, i) => (i % 2 === 0 ? [`${d}=${dims[i + 1]}`] : [])).sort();
      return [m[0], m[1], ...pairs].join('|');
    };
    const shown = new Set(metrics.map(key));
    for (const name of Object.values(SERVICE_METRICS.names)) {
      for (const op of operationIds) {
        expect(shown.has(['ProductsApi', name, `operation=${op}`, 'service=products-service'].join('|')), `${name} of ${op}`).toBe(true);
      }
    }
    expect(operationIds).toContain('createProduct');
    expect(Object.values(SERVICE_METRICS.names).sort()).toEqual(['Conflicts', 'Errors4xx', 'Errors5xx', 'Latency', 'Requests']);
  });

  it('shows every alarm, the gateway’s latency against the target, and the runbook’s log queries', () => {
    const widgets = body().widgets;
    const alarmWidget = widgets.find((w) => w.type === 'alarm')!;
    expect(alarmWidget.properties.alarms).toHaveLength(Object.keys(ALARMS).length);
    const latency = widgets.find((w) => w.properties.title === 'API latency (p50, p99) and integration latency (p99)')!;
    expect(latency.properties.annotations.horizontal).toEqual([expect.objectContaining({ value: LATENCY_TARGET_P99_MS, label: 'p99 target' })]);
    const queries = widgets.filter((w) => w.type === 'log').map((w) => w.properties.query as string);
    expect(queries).toHaveLength(4);
    for (const q of [LOG_QUERIES.errorsByCode, LOG_QUERIES.slowestOperations, LOG_QUERIES.gatewayErrors, LOG_QUERIES.byClient]) {
      const source = q.logGroup === 'function' ? 'fn-logs' : 'access-logs';
      expect(queries, q.title).toContain(`SOURCE '${source}' | ${q.query}`);
    }
  });
});

describe('the runbook', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

  it('lists every alarm with the thresholds of observability.ts', () => {
    const rows = [...readme.matchAll(/^\| \[`(\w+)`\]\(#\w+\) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm)].map((m) => ({
      name: m[1],
      threshold: m[3]!.trim(),
      window: m[4]!.trim(),
    }));
    expect(rows.map((r) => r.name)).toEqual(Object.values(ALARMS).map((a) => a.name));
    for (const spec of Object.values(ALARMS)) {
      const row = rows.find((r) => r.name === spec.name)!;
      const op = spec.comparison === 'GreaterThanThreshold' ? '>' : '≥';
      const min = 'minRequests' in spec ? ` (from ${spec.minRequests} requests)` : '';
      expect(row.threshold, spec.name).toBe(`${op} ${spec.threshold} ${spec.unit}${min}`);
      expect(row.window, spec.name).toBe(`${spec.datapointsToAlarm} of ${spec.evaluationPeriods} × ${spec.periodMinutes} min`);
      // Each alarm has its own runbook section, which the alarm's description links to.
      expect(readme, spec.name).toMatch(new RegExp(`^#### ${spec.name}$`, 'm'));
    }
  });

  it('gives every log query of observability.ts verbatim', () => {
    for (const q of Object.values(LOG_QUERIES)) expect(readme, q.title).toContain(q.query);
  });

  it('names the metrics, namespace and dimensions the dashboard reads', () => {
    expect(readme).toContain(`\`${SERVICE_METRICS.namespace}\``);
    for (const name of Object.values(SERVICE_METRICS.names)) expect(readme, name).toContain(`\`${name}\``);
  });
});

describe('in the full stack', () => {
  it('watches this stack’s stage, function and table', () => {
    const { json } = synthesize();
    const fn = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::Lambda::Function')![0];
    const table = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table')![0];
    const alarms = Object.values(json.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm') as Resource[];
    const byName = Object.fromEntries(alarms.map((a) => [a.Properties.AlarmName as string, a.Properties]));
    expect(Object.keys(byName).sort()).toEqual(Object.values(ALARMS).map((a) => `ProductsApi-dev-${a.name}`).sort());
    expect(byName['ProductsApi-dev-ApiLatencyP99']!.Dimensions).toEqual([
      // The REST API is named after the spec's title, the ApiName dimension of its metrics.
      { Name: 'ApiName', Value: loadSpec().info.title },
      { Name: 'Stage', Value: 'dev' },
    ]);
    expect(render(byName['ProductsApi-dev-LambdaErrors']!.Dimensions)).toEqual([{ Name: 'FunctionName', Value: `<${fn}>` }]);
    const tableDims = render(byName['ProductsApi-dev-DynamoThrottles']!.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.Dimensions));
    expect(tableDims).toEqual(tableOperations.map((op) => [{ Name: 'Operation', Value: op }, { Name: 'TableName', Value: `<${table}>` }]));
    expect(Object.values(json.Resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });
});
