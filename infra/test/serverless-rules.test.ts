// cfn-lint's serverless rules (awslabs/serverless-rules, cfn-lint-serverless) over the synthesized
// template, re-implemented as the rule sources check them: cfn-lint is a Python tool and PyPI is out of
// reach here. Each rule runs on the default template and on one with every option on (alarm topic, the
// account logging role); two are waived with a written reason and a check of what they stand for; every
// rule is shown to fire on a template broken on purpose, so none passes vacuously.
import { beforeAll, describe, expect, it } from 'vitest';
import { synthesize, type CfnTemplate } from './synth.ts';

type Resources = CfnTemplate['Resources'];
type Rule = {
  /** The serverless-rules id. */
  id: string;
  /** What it wants. */
  title: string;
  /** The logical ids it flags. */
  check: (resources: Resources) => string[];
  /** Breaks a copy of the template so that the rule must fire. */
  breakIt: (resources: Resources) => void;
};

const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const props = (r: { Properties?: Record<string, unknown> }) => (r.Properties ?? {}) as Record<string, any>;
const first = (resources: Resources, type: string) => props(ofType(resources, type)[0]![1]);
const refOf = (v: unknown): string | undefined => {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.Ref === 'string') return o.Ref;
    if (Array.isArray(o['Fn::GetAtt'])) return o['Fn::GetAtt'][0] as string;
  }
  return undefined;
};
const ASYNC_PRINCIPALS = ['events.amazonaws.com', 'iot.amazonaws.com', 's3.amazonaws.com', 'sns.amazonaws.com'];

const RULES: Rule[] = [
  {
    id: 'WS1000',
    title: 'Lambda functions have TracingConfig.Mode Active',
    check: (rs) => ofType(rs, 'AWS::Lambda::Function').filter(([, r]) => props(r).TracingConfig?.Mode !== 'Active').map(([id]) => id),
    breakIt: (rs) => delete first(rs, 'AWS::Lambda::Function').TracingConfig,
  },
  {
    id: 'ES1005',
    title: 'Lambda functions have an explicit MemorySize',
    check: (rs) => ofType(rs, 'AWS::Lambda::Function').filter(([, r]) => props(r).MemorySize === undefined).map(([id]) => id),
    breakIt: (rs) => delete first(rs, 'AWS::Lambda::Function').MemorySize,
  },
  {
    id: 'ES1006',
    title: 'Lambda functions have an explicit Timeout',
    check: (rs) => ofType(rs, 'AWS::Lambda::Function').filter(([, r]) => props(r).Timeout === undefined).map(([id]) => id),
    breakIt: (rs) => delete first(rs, 'AWS::Lambda::Function').Timeout,
  },
  {
    id: 'WS1002',
    title: 'a function’s Lambda permissions all name the same principal',
    check: (rs) => {
      const principals = new Map<string, Set<string>>();
      for (const [, r] of ofType(rs, 'AWS::Lambda::Permission')) {
        const fn = refOf(props(r).FunctionName) ?? JSON.stringify(props(r).FunctionName);
        principals.set(fn, (principals.get(fn) ?? new Set()).add(JSON.stringify(props(r).Principal)));
      }
      return [...principals].filter(([, p]) => p.size > 1).map(([fn]) => fn);
    },
    breakIt: (rs) => {
      const [, permission] = ofType(rs, 'AWS::Lambda::Permission')[0]!;
      rs.ExtraPermission = { Type: 'AWS::Lambda::Permission', Properties: { ...props(permission), Principal: 's3.amazonaws.com' } };
    },
  },
  {
    id: 'WS1003',
    title: 'roles Lambda assumes have no "*" or "service:*" action (inline policies and attached AWS::IAM::Policy)',
    check: (rs) => {
      const lambdaRoles = ofType(rs, 'AWS::IAM::Role')
        .filter(([, r]) => JSON.stringify(props(r).AssumeRolePolicyDocument ?? {}).includes('lambda.amazonaws.com'))
        .map(([id]) => id);
      const actions = (doc: any): string[] => (doc?.Statement ?? []).flatMap((s: any) => [s.Action].flat());
      const starred = (list: string[]) => list.some((a) => a === '*' || a.endsWith(':*'));
      return lambdaRoles.filter((roleId) => {
        const inline = (props(rs[roleId]!).Policies ?? []).flatMap((p: any) => actions(p.PolicyDocument));
        const attached = ofType(rs, 'AWS::IAM::Policy')
          .filter(([, p]) => (props(p).Roles ?? []).some((r: unknown) => refOf(r) === roleId))
          .flatMap(([, p]) => actions(props(p).PolicyDocument));
        return starred([...inline, ...attached]);
      });
    },
    breakIt: (rs) => {
      const [, policy] = ofType(rs, 'AWS::IAM::Policy')[0]!;
      props(policy).PolicyDocument.Statement.push({ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' });
    },
  },
  {
    id: 'WS1004',
    title: 'Lambda functions have a log group named /aws/lambda/<function> with RetentionInDays',
    check: (rs) => {
      // As the rule does: only log groups with a LogGroupName of the /aws/lambda/${Function} form count.
      const known = ofType(rs, 'AWS::Logs::LogGroup')
        .filter(([, r]) => props(r).RetentionInDays !== undefined && props(r).LogGroupName !== undefined)
        .map(([, r]) => JSON.stringify(props(r).LogGroupName));
      return ofType(rs, 'AWS::Lambda::Function')
        .filter(([id]) => !known.some((name) => name.includes('/aws/lambda/') && name.includes(`"${id}"`)))
        .map(([id]) => id);
    },
    breakIt: () => undefined, // fires on the stack as it is: see WAIVED
  },
  {
    id: 'ES1007',
    title: 'functions invoked asynchronously (events, IoT, S3, SNS) have an EventInvokeConfig',
    check: (rs) => {
      const configured = ofType(rs, 'AWS::Lambda::EventInvokeConfig').map(([, r]) => JSON.stringify(props(r).FunctionName));
      return ofType(rs, 'AWS::Lambda::Permission')
        .filter(([, r]) => ASYNC_PRINCIPALS.includes(props(r).Principal))
        .filter(([, r]) => !configured.includes(JSON.stringify(props(r).FunctionName)))
        .map(([id]) => id);
    },
    breakIt: (rs) => {
      const [, permission] = ofType(rs, 'AWS::Lambda::Permission')[0]!;
      props(permission).Principal = 'sns.amazonaws.com';
    },
  },
  {
    id: 'ES2000',
    title: 'REST API stages have AccessLogSetting.DestinationArn',
    check: (rs) => ofType(rs, 'AWS::ApiGateway::Stage').filter(([, r]) => !props(r).AccessLogSetting?.DestinationArn).map(([id]) => id),
    breakIt: (rs) => delete first(rs, 'AWS::ApiGateway::Stage').AccessLogSetting,
  },
  {
    id: 'WS2001',
    title: 'the access log format is JSON (structured logging)',
    check: (rs) =>
      ofType(rs, 'AWS::ApiGateway::Stage')
        .filter(([, r]) => {
          const format = props(r).AccessLogSetting?.Format;
          if (format === undefined) return false;
          try {
            JSON.parse(String(format).replace(/\$context\.[a-zA-Z.]+/g, '0'));
            return false;
          } catch {
            return true;
          }
        })
        .map(([id]) => id),
    breakIt: (rs) => {
      first(rs, 'AWS::ApiGateway::Stage').AccessLogSetting.Format = '$context.requestId $context.status';
    },
  },
  {
    id: 'ES2003',
    title: 'REST API stages have default (*, /*) MethodSettings with ThrottlingBurstLimit and ThrottlingRateLimit',
    check: (rs) =>
      ofType(rs, 'AWS::ApiGateway::Stage')
        .filter(([, r]) => {
          const d = (props(r).MethodSettings ?? []).find((m: any) => m.HttpMethod === '*' && m.ResourcePath === '/*') ?? {};
          return !('ThrottlingBurstLimit' in d) || !('ThrottlingRateLimit' in d);
        })
        .map(([id]) => id),
    breakIt: (rs) => delete first(rs, 'AWS::ApiGateway::Stage').MethodSettings[0].ThrottlingBurstLimit,
  },
  {
    id: 'WS2002',
    title: 'REST API stages have TracingEnabled',
    check: (rs) => ofType(rs, 'AWS::ApiGateway::Stage').filter(([, r]) => props(r).TracingEnabled !== true).map(([id]) => id),
    breakIt: (rs) => delete first(rs, 'AWS::ApiGateway::Stage').TracingEnabled,
  },
  {
    id: 'ES7000',
    title: 'SNS subscriptions have a RedrivePolicy',
    check: (rs) => ofType(rs, 'AWS::SNS::Subscription').filter(([, r]) => props(r).RedrivePolicy === undefined).map(([id]) => id),
    breakIt: () => undefined, // fires on the alarm topic's email subscription: see WAIVED
  },
];

// Rules the template does not meet as written, each with the reason and the check that stands in for it.
const WAIVED: Record<string, { reason: string; flags: (rs: Resources) => string[]; instead: (rs: Resources) => void }> = {
  WS1004: {
    reason:
      'The rule predates Lambda’s LoggingConfig: it only recognises a log group named /aws/lambda/<function>. The ' +
      'function logs to its own log group through LoggingConfig.LogGroup, and that group has a retention.',
    flags: (rs) => ofType(rs, 'AWS::Lambda::Function').map(([id]) => id),
    instead: (rs) => {
      for (const [id, fn] of ofType(rs, 'AWS::Lambda::Function')) {
        const group = refOf(props(fn).LoggingConfig?.LogGroup);
        expect(group, `${id} has LoggingConfig.LogGroup`).toBeDefined();
        expect(rs[group!]?.Type).toBe('AWS::Logs::LogGroup');
        expect(props(rs[group!]!).RetentionInDays, `${group} retention`).toBeGreaterThan(0);
      }
    },
  },
  ES7000: {
    reason:
      'The only subscription is the alarm topic’s email (with -c alarmEmail). A dead-letter queue keeps messages ' +
      'SNS could not deliver; an undelivered alarm mail has nothing worth keeping: the alarm’s state and history ' +
      'stay in CloudWatch, and the OK/ALARM pair is sent again at the next change.',
    flags: (rs) => ofType(rs, 'AWS::SNS::Subscription').map(([id]) => id),
    instead: (rs) => {
      for (const [id, s] of ofType(rs, 'AWS::SNS::Subscription')) expect(props(s).Protocol, id).toBe('email');
    },
  },
};

// Rule families whose resources the stack does not have: the rules have nothing to check.
const ABSENT = ['AWS::Lambda::EventSourceMapping', 'AWS::SQS::Queue', 'AWS::Events::Rule', 'AWS::AppSync::GraphQLApi', 'AWS::StepFunctions::StateMachine', 'AWS::ApiGatewayV2::Stage'];

let templates: Record<string, Resources>;

beforeAll(() => {
  templates = {
    default: synthesize().json.Resources,
    'every option': synthesize({ context: { alarmEmail: 'ops@example.com', apiGatewayCloudWatchRole: 'true' } }).json.Resources,
  };
});

describe.each(['default', 'every option'])('the %s template', (name) => {
  it.each(RULES.map((r) => [r.id, r] as const))('%s: clean, or waived with a reason and checked instead', (id, rule) => {
    const resources = templates[name]!;
    const waiver = WAIVED[id];
    if (!waiver) {
      expect(rule.check(resources), `${id} ${rule.title}`).toEqual([]);
      return;
    }
    // A waiver must still be needed (the rule fires, on exactly those resources) and its stand-in must hold.
    expect(waiver.reason.length).toBeGreaterThan(100);
    expect(rule.check(resources)).toEqual(waiver.flags(resources));
    waiver.instead(resources);
  });

  it('has none of the resources of the rules not listed (event source mappings, SQS, EventBridge, AppSync, Step Functions, HTTP APIs)', () => {
    const types = new Set(Object.values(templates[name]!).map((r) => r.Type));
    for (const type of ABSENT) expect(types.has(type), type).toBe(false);
  });
});

it('the ES7000 waiver applies only with an alarm topic (the default template has no subscription)', () => {
  expect(ofType(templates.default!, 'AWS::SNS::Subscription')).toEqual([]);
  expect(ofType(templates['every option']!, 'AWS::SNS::Subscription')).toHaveLength(1);
});

it.each(RULES.filter((r) => !WAIVED[r.id]).map((r) => [r.id, r] as const))('%s fires on a template broken on purpose', (_, rule) => {
  const broken = structuredClone(templates['every option']!);
  rule.breakIt(broken);
  expect(rule.check(broken).length).toBeGreaterThan(0);
});
