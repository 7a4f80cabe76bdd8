import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { App, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CONTEXT_KEYS, propsFromContext } from './context.ts';
import { InfraError } from './errors.ts';

const read = (context: Record<string, unknown>) => propsFromContext(new App({ context }).node);

describe('propsFromContext', () => {
  it('leaves every default to the stack when no context is given', () => {
    expect(read({})).toEqual({});
  });

  it('reads -c values (strings) into typed props', () => {
    const props = read({
      stage: 'prod',
      domainPrefix: 'acme-products',
      accessTokenMinutes: '15',
      logRetentionDays: '90',
      removalPolicy: 'destroy',
      throttlingRateLimit: '20',
      throttlingBurstLimit: '40',
      webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/products/0f1e2d3c',
      apiGatewayCloudWatchRole: 'false',
      alarmEmail: 'ops@example.com',
    });
    expect(props).toEqual({
      stageName: 'prod',
      domainPrefix: 'acme-products',
      accessTokenValidity: Duration.minutes(15),
      logRetention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
      throttlingRateLimit: 20,
      throttlingBurstLimit: 40,
      webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/products/0f1e2d3c',
      apiGatewayCloudWatchRole: false,
      alarmEmail: 'ops@example.com',
    });
  });

  it.each([
    ['stage', 'dev/1'],
    ['domainPrefix', 'My_Products'],
    ['domainPrefix', 'aws-products'],
    ['accessTokenMinutes', '2'],
    ['accessTokenMinutes', '1441'],
    ['accessTokenMinutes', 'sixty'],
    ['logRetentionDays', '31'],
    ['removalPolicy', 'delete'],
    ['throttlingRateLimit', '0'],
    ['webAclArn', 'arn:aws:wafv2:eu-west-1:123456789012:global/webacl/products/0f1e'],
    ['apiGatewayCloudWatchRole', 'yes'],
    ['alarmEmail', 'ops'],
    ['alarmEmail', 'ops@example.com,dev@example.com'],
    ['alarmEmail', 'Ops <ops@example.com>'],
  ])('rejects %s=%j with a typed error that quotes the value and names the flag', (key, value) => {
    let error: unknown;
    try {
      read({ [key]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InfraError);
    expect(error).toMatchObject({ code: 'bad_context', name: 'InfraError' });
    expect((error as Error).message).toContain(JSON.stringify(value));
    expect((error as Error).message).toContain(`-c ${key}=`);
  });

  it('has every key documented in the README’s settings table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `(\w+)` \| [^|]+ \| [^|]+ \|$/gm)].map((m) => m[1]);
    expect(documented).toEqual(Object.keys(CONTEXT_KEYS));
  });
});
