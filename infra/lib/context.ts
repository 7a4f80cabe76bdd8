import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { InfraError } from './errors.ts';
import type { ProductsStackProps } from './products-stack.ts';

/** The context keys the app reads (`cdk synth -c stage=prod`), each with what it sets. */
export const CONTEXT_KEYS = {
  stage: 'the API Gateway stage name (default dev)',
  domainPrefix: 'the Cognito domain prefix, unique per region (default products-api-<account id>)',
  accessTokenMinutes: 'access token lifetime in minutes, 5 to 1440 (default 60)',
  logRetentionDays: 'days the function and access logs are kept, a CloudWatch retention value (default 30)',
  removalPolicy: 'retain or destroy: what stack deletion does to the table, user pool and logs (default retain)',
  throttlingRateLimit: 'stage steady-state requests per second (default x-products-throttling.rateLimit of openapi.yaml)',
  throttlingBurstLimit: 'stage burst (default x-products-throttling.burstLimit of openapi.yaml)',
  webAclArn: 'a REGIONAL WAFv2 web ACL ARN to associate with the stage (default none)',
  apiGatewayCloudWatchRole: 'true or false: opt in to creating the account-wide API Gateway logging role and setting (default false)',
  alarmEmail: 'an email address that gets alarm notifications through an SNS topic (default none: no topic)',
} as const;

/**
 * Reads the stack's settings from CDK context, checking each value (context given with `-c` is a string).
 * @example new ProductsStack(app, 'ProductsApi', propsFromContext(app.node));
 */
export function propsFromContext(node: Node): ProductsStackProps {
  const get = (key: keyof typeof CONTEXT_KEYS): unknown => node.tryGetContext(key);
  const props: ProductsStackProps = {};
  const stage = get('stage');
  if (stage !== undefined) {
    if (typeof stage !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(stage)) bad('stage', stage, 'letters, digits, _ or -');
    props.stageName = stage as string;
  }
  const prefix = get('domainPrefix');
  if (prefix !== undefined) {
    if (typeof prefix !== 'string' || !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix)) {
      bad('domainPrefix', prefix, 'lowercase letters, digits and -, 1 to 63 characters, without "aws", "amazon" or "cognito"');
    }
    props.domainPrefix = prefix as string;
  }
  const minutes = number(get('accessTokenMinutes'), 'accessTokenMinutes', 5, 1440);
  if (minutes !== undefined) props.accessTokenValidity = Duration.minutes(minutes);
  const days = number(get('logRetentionDays'), 'logRetentionDays', 1, 3653);
  if (days !== undefined) {
    const allowed = Object.values(logs.RetentionDays).filter((v): v is number => typeof v === 'number' && v <= 3653);
    if (!allowed.includes(days)) bad('logRetentionDays', get('logRetentionDays'), `one of ${allowed.join(', ')}`);
    props.logRetention = days as logs.RetentionDays;
  }
  const removal = get('removalPolicy');
  if (removal !== undefined) {
    if (removal !== 'retain' && removal !== 'destroy') bad('removalPolicy', removal, '"retain" or "destroy"');
    props.removalPolicy = removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
  }
  const rate = number(get('throttlingRateLimit'), 'throttlingRateLimit', 1, 10000);
  if (rate !== undefined) props.throttlingRateLimit = rate;
  const burst = number(get('throttlingBurstLimit'), 'throttlingBurstLimit', 1, 5000);
  if (burst !== undefined) props.throttlingBurstLimit = burst;
  const acl = get('webAclArn');
  if (acl !== undefined) {
    if (typeof acl !== 'string' || !/^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/.+/.test(acl)) {
      bad('webAclArn', acl, 'a REGIONAL WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)');
    }
    props.webAclArn = acl as string;
  }
  const role = get('apiGatewayCloudWatchRole');
  if (role !== undefined) {
    if (role !== true && role !== false && role !== 'true' && role !== 'false') bad('apiGatewayCloudWatchRole', role, 'true or false');
    props.apiGatewayCloudWatchRole = role === true || role === 'true';
  }
  const email = get('alarmEmail');
  if (email !== undefined) {
    // One plain address: SNS sends it a confirmation mail; a list or a display name would be refused at deploy.
    if (typeof email !== 'string' || !/^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/.test(email)) {
      bad('alarmEmail', email, 'one email address, such as ops@example.com');
    }
    props.alarmEmail = email as string;
  }
  return props;
}

function number(value: unknown, key: keyof typeof CONTEXT_KEYS, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) bad(key, value, `a whole number from ${min} to ${max}`);
  return n;
}

function bad(key: keyof typeof CONTEXT_KEYS, value: unknown, expected: string): never {
  throw new InfraError(
    'bad_context',
    `Context "${key}" is ${JSON.stringify(value)}; expected ${expected}. It sets ${CONTEXT_KEYS[key]}: pass it as -c ${key}=<value>.`,
  );
}
