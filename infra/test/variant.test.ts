// A second configuration: another spec and every context setting changed. Proves a changed spec gets a
// new deployment (aws-cdk #8159) and that context reaches the resources, still with no cdk-nag finding;
// the opt-ins (account logging role, alarm topic) are on here and off in the default.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type OpenApiDocument } from '@org/products-contract';
import { specHash } from '../lib/spec.ts';
import { only, render, synthesize, type Synthesized } from './synth.ts';

const webAclArn = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/products/0f1e2d3c';
const changedSpec: OpenApiDocument = structuredClone(loadSpec());
(changedSpec.paths['/products']!.get as Record<string, unknown>).summary = 'List the products';
changedSpec['x-products-throttling'] = { rateLimit: 7, burstLimit: 3 };

let base: Synthesized;
let variant: Synthesized;

beforeAll(() => {
  base = synthesize();
  variant = synthesize({
    context: {
      stage: 'prod',
      removalPolicy: 'destroy',
      accessTokenMinutes: '15',
      domainPrefix: 'acme-products',
      webAclArn,
      apiGatewayCloudWatchRole: 'true',
      alarmEmail: 'ops@example.com',
      throttlingBurstLimit: '9',
    },
    stack: { spec: changedSpec },
  });
});

describe('a changed spec', () => {
  it('gets a new deployment, which the stage points at and which names the spec it serves', () => {
    const before = only(base.json, 'AWS::ApiGateway::Deployment');
    const after = only(variant.json, 'AWS::ApiGateway::Deployment');
    expect(after.id).not.toBe(before.id);
    expect(before.props.Description).toBe(`openapi.yaml sha256 ${specHash(loadSpec())}`);
    expect(after.props.Description).toBe(`openapi.yaml sha256 ${specHash(changedSpec)}`);
    expect(only(variant.json, 'AWS::ApiGateway::Stage').props.DeploymentId).toEqual({ Ref: after.id });
    expect(only(variant.json, 'AWS::ApiGateway::RestApi').props.Body.paths['/products'].get.summary).toBe('List the products');
  });
});

describe('context settings', () => {
  it('names the stage everywhere it appears', () => {
    const json = variant.json;
    const api = only(json, 'AWS::ApiGateway::RestApi').id;
    expect(only(json, 'AWS::ApiGateway::Stage').props.StageName).toBe('prod');
    expect(render(json.Outputs!.InvokeUrl!.Value)).toBe(`https://<${api}>.execute-api.<AWS::Region>.<AWS::URLSuffix>/prod`);
    expect(render(only(json, 'AWS::Lambda::Permission').props.SourceArn)).toMatch(new RegExp(`<${api}>/prod/\\*/\\*$`));
  });

  it('destroys data with the stack when asked, and sets the domain and token lifetime', () => {
    const json = variant.json;
    for (const type of ['AWS::DynamoDB::Table', 'AWS::Cognito::UserPool', 'AWS::Logs::LogGroup']) {
      for (const r of Object.values(json.Resources).filter((x) => x.Type === type)) expect([type, r.DeletionPolicy]).toEqual([type, 'Delete']);
    }
    expect(only(json, 'AWS::DynamoDB::Table').props.DeletionProtectionEnabled).toBe(false);
    expect(only(json, 'AWS::Cognito::UserPool').props.DeletionProtection).toBe('INACTIVE');
    expect(only(json, 'AWS::Cognito::UserPoolDomain').props.Domain).toBe('acme-products');
    expect(render(json.Outputs!.TokenUrl!.Value)).toBe('https://acme-products.auth.<AWS::Region>.amazoncognito.com/oauth2/token');
    const clients = Object.values(json.Resources).filter((r) => r.Type === 'AWS::Cognito::UserPoolClient');
    expect(clients.map((c) => c.Properties!.AccessTokenValidity)).toEqual([15, 15]);
  });

  it('associates the stage with the given web ACL', () => {
    const json = variant.json;
    const association = only(json, 'AWS::WAFv2::WebACLAssociation').props;
    expect(association.WebACLArn).toBe(webAclArn);
    const api = only(json, 'AWS::ApiGateway::RestApi').id;
    const stage = only(json, 'AWS::ApiGateway::Stage').id;
    expect(render(association.ResourceArn)).toBe(`arn:<AWS::Partition>:apigateway:<AWS::Region>::/restapis/<${api}>/stages/<${stage}>`);
  });

  it('throttles the stage as the spec says, a context value overriding one of the two', () => {
    const settings = only(variant.json, 'AWS::ApiGateway::Stage').props.MethodSettings[0];
    expect([settings.ThrottlingRateLimit, settings.ThrottlingBurstLimit]).toEqual([7, 9]);
  });

  it('leaves the account-wide logging setting alone by default', () => {
    const json = base.json;
    expect(Object.values(json.Resources).filter((r) => r.Type === 'AWS::ApiGateway::Account')).toEqual([]);
    // The function's role is the only role: no API Gateway CloudWatch role either.
    expect(Object.values(json.Resources).filter((r) => r.Type === 'AWS::IAM::Role')).toHaveLength(1);
  });

  it('when opted in, sets the account’s logging role only after the table and the function exist, and retains both', () => {
    const json = variant.json;
    const [accountId, account] = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::ApiGateway::Account')!;
    const roleId = render(account.Properties!.CloudWatchRoleArn).replace(/^<|\.Arn>$/g, '');
    const role = json.Resources[roleId]!;
    expect(JSON.stringify(role.Properties!.AssumeRolePolicyDocument)).toContain('apigateway.amazonaws.com');
    expect([role.DeletionPolicy, account.DeletionPolicy]).toEqual(['Retain', 'Retain']);
    const dependsOn = (json.Resources[accountId] as { DependsOn?: string[] }).DependsOn ?? [];
    const fn = only(json, 'AWS::Lambda::Function').id;
    const table = only(json, 'AWS::DynamoDB::Table').id;
    expect(dependsOn).toEqual(expect.arrayContaining([fn, table]));
    // And the stage waits for the account setting (its logging needs the role).
    const stage = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::ApiGateway::Stage')!;
    expect((stage[1] as { DependsOn?: string[] }).DependsOn ?? []).toContain(accountId);
  });

  it('still has no cdk-nag finding, with the WAF acknowledgment gone and the logging role’s managed policy acknowledged', () => {
    expect(variant.report.pluginReports.flatMap((p) => p.violations.map((v) => v.ruleName))).toEqual([]);
    const ids = variant.acknowledgments.map((a) => a.id);
    expect(ids.some((id) => id.startsWith('AwsSolutions-APIG3'))).toBe(false);
    expect(ids.some((id) => id.startsWith('AwsSolutions-IAM4'))).toBe(true);
    expect(base.acknowledgments.map((a) => a.id.replace(/\[.*$/, '')).sort()).toEqual([
      'AwsSolutions-APIG2',
      'AwsSolutions-APIG3',
      'AwsSolutions-COG8',
      'AwsSolutions-IAM5',
    ]);
    // The alarm topic (on here) is encrypted and TLS-only: SNS2 and SNS3 are met, not acknowledged.
    expect(ids.some((id) => id.startsWith('AwsSolutions-SNS'))).toBe(false);
    expect(Object.values(variant.json.Resources).some((r) => r.Type === 'AWS::SNS::Topic')).toBe(true);
  });
});
