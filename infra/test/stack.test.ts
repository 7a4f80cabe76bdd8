import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import {
  AUTHORIZER_SCHEME,
  PLACEHOLDERS,
  listOperations,
  loadSpec,
  resourceServerOf,
  substitutePlaceholders,
} from '@org/products-contract';
import { productsTable } from '@org/products-service';
import { POWERTOOLS_ENVIRONMENT } from '../lib/observability.ts';
import { SERVICE_TABLE_ACTIONS } from '../lib/products-stack.ts';
import { throttlingOf } from '../lib/spec.ts';
import { only, render, synthesize, type CfnTemplate, type ValidationReport } from './synth.ts';

const spec = loadSpec();
const operations = listOperations(spec);
const server = resourceServerOf(spec);
const allScopes = Object.keys(server.scopes).map((name) => `${server.identifier}/${name}`);

let json: CfnTemplate;
let body: any;
let findings: string[];
let ids: { pool: string; fn: string; api: string; table: string; resourceServer: string; functionLogs: string };

beforeAll(() => {
  let report: ValidationReport;
  ({ json, report } = synthesize({ cfnValidation: true }));
  findings = report.pluginReports.flatMap((p) => p.violations.map((v) => `${p.pluginName} ${v.ruleName}`));
  const api = only(json, 'AWS::ApiGateway::RestApi');
  body = api.props.Body;
  const logGroups = Object.entries(json.Resources).filter(([, r]) => r.Type === 'AWS::Logs::LogGroup');
  const fn = only(json, 'AWS::Lambda::Function');
  ids = {
    pool: only(json, 'AWS::Cognito::UserPool').id,
    fn: fn.id,
    api: api.id,
    table: only(json, 'AWS::DynamoDB::Table').id,
    resourceServer: only(json, 'AWS::Cognito::UserPoolResourceServer').id,
    functionLogs: logGroups.find(([id]) => (fn.props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref === id)![0],
  };
});

it('passes CDK’s CloudFormation schema validation and cdk-nag with nothing to report', () => {
  expect(findings).toEqual([]);
});

describe('the REST API body is openapi.yaml with its placeholders resolved to the stack', () => {
  it('is the spec, value for value, with each placeholder replaced by a reference to the right resource', () => {
    const expected = substitutePlaceholders(spec, {
      'AWS::Region': '<AWS::Region>',
      'AWS::Partition': '<AWS::Partition>',
      UserPoolArn: `<${ids.pool}.Arn>`,
      ProductsFunctionArn: `<${ids.fn}.Arn>`,
    });
    expect(render(body)).toEqual(expected);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s: operation-level security names the authorizer with exactly the spec scopes, proxied to the function',
    (_, op) => {
      const imported = body.paths[op.path][op.method];
      expect(op.scopes.length).toBeGreaterThan(0);
      expect(imported.security).toEqual([{ [AUTHORIZER_SCHEME]: op.scopes }]);
      const integration = imported['x-amazon-apigateway-integration'];
      expect(integration.type).toBe('aws_proxy');
      expect(integration.httpMethod).toBe('POST');
      expect(render(integration.uri)).toBe(
        `arn:<AWS::Partition>:apigateway:<AWS::Region>:lambda:path/2015-03-31/functions/<${ids.fn}.Arn>/invocations`,
      );
    },
  );

  it('has exactly the operations of the spec and no root-level security to rely on', () => {
    const imported = Object.entries(body.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).filter((k) => k !== 'parameters').map((method) => `${method} ${path}`),
    );
    expect(imported.sort()).toEqual(operations.map((op) => `${op.method} ${op.path}`).sort());
    expect(body.security).toBeUndefined();
  });

  it('defines routes, the authorizer, validators and gateway responses only in the body, never as resources', () => {
    const types = new Set(Object.values(json.Resources).map((r) => r.Type));
    for (const type of ['Authorizer', 'Method', 'Resource', 'RequestValidator', 'GatewayResponse', 'Model']) {
      expect(types.has(`AWS::ApiGateway::${type}`), type).toBe(false);
    }
    expect(Object.keys(body['x-amazon-apigateway-gateway-responses'])).toEqual(
      Object.keys(spec['x-amazon-apigateway-gateway-responses'] as object),
    );
  });

  it('has the Cognito authorizer accepting tokens of this stack’s user pool only', () => {
    const scheme = body.components.securitySchemes[AUTHORIZER_SCHEME];
    expect(scheme['x-amazon-apigateway-authtype']).toBe('cognito_user_pools');
    expect(scheme['x-amazon-apigateway-authorizer'].type).toBe('cognito_user_pools');
    expect(render(scheme['x-amazon-apigateway-authorizer'].providerARNs)).toEqual([`<${ids.pool}.Arn>`]);
  });

  it('validates parameters on every operation and bodies wherever there is one (why APIG2 is acknowledged)', () => {
    const validators = body['x-amazon-apigateway-request-validators'] as Record<string, Record<string, boolean>>;
    for (const op of operations) {
      const raw = body.paths[op.path][op.method];
      const name = raw['x-amazon-apigateway-request-validator'] ?? body['x-amazon-apigateway-request-validator'];
      const validator = validators[name];
      expect(validator, `${op.operationId} validator "${name}"`).toBeDefined();
      expect(validator!.validateRequestParameters).toBe(true);
      if (raw.requestBody) expect(validator!.validateRequestBody, op.operationId).toBe(true);
    }
  });

  it('leaves no placeholder anywhere in the template (CloudFormation’s own Fn::Sub pseudo parameters aside)', () => {
    const outside: string[] = [];
    const inSub: string[] = [];
    const walk = (v: unknown, at: string, sub: boolean): void => {
      if (typeof v === 'string') for (const m of v.matchAll(/\$\{([^}]*)\}/g)) (sub ? inSub : outside).push(`${at}: ${m[0]}`);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`, sub));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${at}.${k}`, sub || k === 'Fn::Sub');
    };
    walk(json, '$', false);
    expect(outside).toEqual([]);
    // Inside Fn::Sub only AWS pseudo parameters (the asset bucket name); never one of the spec's placeholders.
    for (const found of inSub) expect(found).toMatch(/\$\{AWS::(AccountId|Region|Partition|URLSuffix)\}$/);
    // `${AWS::Region}` is also a CloudFormation pseudo parameter (checked above); the others exist only in the spec.
    const text = JSON.stringify(json);
    for (const name of Object.keys(PLACEHOLDERS).filter((n) => !n.startsWith('AWS::'))) {
      expect(text.includes(`\${${name}}`), name).toBe(false);
    }
  });

  it('lets API Gateway invoke the function from this API’s stage only', () => {
    const permissions = Object.values(json.Resources).filter((r) => r.Type === 'AWS::Lambda::Permission');
    expect(permissions).toHaveLength(1);
    const props = permissions[0]!.Properties!;
    expect(props.Action).toBe('lambda:InvokeFunction');
    expect(props.Principal).toBe('apigateway.amazonaws.com');
    expect(render(props.FunctionName)).toBe(`<${ids.fn}.Arn>`);
    expect(render(props.SourceArn)).toBe(
      `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${ids.api}>/dev/*/*`,
    );
  });

  it('is REGIONAL, with a dev stage that logs JSON access lines, traces, throttles as the spec says and records metrics', () => {
    const api = only(json, 'AWS::ApiGateway::RestApi').props;
    expect(api.EndpointConfiguration).toEqual({ Types: ['REGIONAL'] });
    const stage = only(json, 'AWS::ApiGateway::Stage').props;
    expect(stage.StageName).toBe('dev');
    const format = JSON.parse(stage.AccessLogSetting.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', clientId: '$context.authorizer.claims.client_id' });
    expect(stage.TracingEnabled).toBe(true);
    const throttling = throttlingOf(spec);
    expect(spec['x-products-throttling']).toEqual(throttling);
    expect(stage.MethodSettings).toEqual([
      expect.objectContaining({
        HttpMethod: '*',
        ResourcePath: '/*',
        LoggingLevel: 'ERROR',
        DataTraceEnabled: false,
        MetricsEnabled: true,
        ThrottlingRateLimit: throttling.rateLimit,
        ThrottlingBurstLimit: throttling.burstLimit,
      }),
    ]);
    const deployment = only(json, 'AWS::ApiGateway::Deployment');
    expect(stage.DeploymentId).toEqual({ Ref: deployment.id });
    const accessLogs = stage.AccessLogSetting.DestinationArn['Fn::GetAtt'][0] as string;
    expect(json.Resources[accessLogs]!.Properties!.RetentionInDays).toBe(30);
  });
});

describe('Cognito: the spec’s resource server, client_credentials clients, no self sign-up', () => {
  it('declares the resource server with the identifier, name and scopes (names and descriptions) of the spec', () => {
    const rs = only(json, 'AWS::Cognito::UserPoolResourceServer').props;
    expect(rs.Identifier).toBe(server.identifier);
    expect(rs.Name).toBe(server.name);
    expect(rs.Scopes).toEqual(Object.entries(server.scopes).map(([ScopeName, ScopeDescription]) => ({ ScopeName, ScopeDescription })));
    expect(render(rs.UserPoolId)).toBe(`<${ids.pool}>`);
  });

  it('has an admin client with every scope and a reader client with the scopes of GET operations, client_credentials only', () => {
    const clients = Object.values(json.Resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolClient').map((r) => r.Properties!);
    const byName = Object.fromEntries(clients.map((c) => [c.ClientName as string, c]));
    expect(Object.keys(byName).sort()).toEqual(['products-admin', 'products-reader']);
    const readScopes = [...new Set(operations.filter((op) => op.method === 'get').flatMap((op) => op.scopes))];
    const expected: Record<string, string[]> = { 'products-admin': allScopes, 'products-reader': readScopes };
    for (const [name, client] of Object.entries(byName)) {
      expect(client.AllowedOAuthFlows, name).toEqual(['client_credentials']);
      expect(client.AllowedOAuthFlowsUserPoolClient, name).toBe(true);
      expect(client.GenerateSecret, name).toBe(true);
      expect(client.CallbackURLs, name).toBeUndefined();
      expect(client.AccessTokenValidity, name).toBe(60);
      expect(client.TokenValidityUnits, name).toEqual({ AccessToken: 'minutes' });
      // A scope is `<resource server Ref>/<name>`, and the Ref of a resource server is its identifier.
      expect(render(client.AllowedOAuthScopes, { [ids.resourceServer]: server.identifier }), name).toEqual(expected[name]);
    }
    expect(readScopes.length).toBeLessThan(allScopes.length);
  });

  it('lets nobody sign up and has a domain', () => {
    const pool = only(json, 'AWS::Cognito::UserPool').props;
    expect(pool.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    const domain = only(json, 'AWS::Cognito::UserPoolDomain').props;
    expect(render(domain.Domain)).toBe('products-api-<AWS::AccountId>');
    expect(render(domain.UserPoolId)).toBe(`<${ids.pool}>`);
  });

  it('never puts a client secret in the template or its outputs', () => {
    expect(JSON.stringify(json)).not.toMatch(/ClientSecret/);
  });
});

describe('the table and the function', () => {
  it('keys the table as the service and the local stack do, on demand, with point-in-time recovery, retained', () => {
    const [id, table] = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::DynamoDB::Table')!;
    const key = productsTable.partitionKey;
    expect(table.Properties!.KeySchema).toEqual([{ AttributeName: key.name, KeyType: 'HASH' }]);
    expect(table.Properties!.AttributeDefinitions).toEqual([{ AttributeName: key.name, AttributeType: key.type }]);
    expect(table.Properties!.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties!.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties!.DeletionProtectionEnabled).toBe(true);
    expect([table.DeletionPolicy, table.UpdateReplacePolicy], id).toEqual(['Retain', 'Retain']);
  });

  it('runs the newest Node.js runtime this aws-cdk-lib knows, on arm64, traced, with TABLE_NAME, the Powertools settings and a log group with retention', () => {
    const newest = Runtime.ALL.map((r) => /^nodejs(\d+)\.x$/.exec(r.name)).filter((m) => m !== null).map((m) => Number(m![1]));
    const fn = only(json, 'AWS::Lambda::Function').props;
    expect(fn.Runtime).toBe(`nodejs${Math.max(...newest)}.x`);
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.Handler).toBe('index.handler');
    expect(render(fn.Environment.Variables)).toEqual({ TABLE_NAME: `<${ids.table}>`, ...POWERTOOLS_ENVIRONMENT });
    expect(fn.Environment.Variables).toMatchObject({ POWERTOOLS_METRICS_NAMESPACE: 'ProductsApi', POWERTOOLS_SERVICE_NAME: 'products-service' });
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    expect(json.Resources[ids.functionLogs]!.Properties!.RetentionInDays).toBe(30);
  });

  it('grants the function the service’s table actions on this table, writing its own log group and sending traces, nothing else', () => {
    const fn = only(json, 'AWS::Lambda::Function').props;
    const roleId = fn.Role['Fn::GetAtt'][0] as string;
    const role = json.Resources[roleId]!.Properties!;
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.Policies).toBeUndefined();
    const policies = Object.values(json.Resources).filter(
      (r) => r.Type === 'AWS::IAM::Policy' && (r.Properties!.Roles as unknown[]).some((x) => render(x) === `<${roleId}>`),
    );
    expect(policies).toHaveLength(1);
    const statements = render((policies[0]!.Properties!.PolicyDocument as { Statement: unknown[] }).Statement);
    expect(statements).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `<${ids.functionLogs}.Arn>` },
      { Effect: 'Allow', Action: [...SERVICE_TABLE_ACTIONS], Resource: [`<${ids.table}.Arn>`] },
      // X-Ray's write actions have no resource-level permissions (the one IAM5 acknowledgment).
      { Effect: 'Allow', Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' },
    ]);
  });
});

describe('outputs', () => {
  it('gives the invoke URL, the token URL of the spec’s template, the pool id and the client ids', () => {
    const outputs = render(json.Outputs) as Record<string, { Value: string }>;
    const clientIds = Object.entries(json.Resources).filter(([, r]) => r.Type === 'AWS::Cognito::UserPoolClient');
    const byName = Object.fromEntries(clientIds.map(([id, r]) => [r.Properties!.ClientName as string, id]));
    expect(Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.Value]))).toEqual({
      InvokeUrl: `https://<${ids.api}>.execute-api.<AWS::Region>.<AWS::URLSuffix>/dev`,
      TokenUrl: server.tokenUrl.replace('{domainPrefix}', 'products-api-<AWS::AccountId>').replace('{region}', '<AWS::Region>'),
      UserPoolId: `<${ids.pool}>`,
      Issuer: `<${ids.pool}.ProviderURL>`,
      ProductsAdminClientId: `<${byName['products-admin']}>`,
      ProductsReaderClientId: `<${byName['products-reader']}>`,
      TableName: `<${ids.table}>`,
    });
  });

  it('are each documented in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of Object.keys(json.Outputs ?? {})) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
