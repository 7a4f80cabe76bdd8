// The stage's access log format, as synthesized, can never carry a token: every $context variable in it
// is on a list of values API Gateway computes itself (ids, times, statuses, the token's client_id claim),
// none echoes a request header or an error message that may quote one.
import { beforeAll, describe, expect, it } from 'vitest';
import { only, synthesize } from './synth.ts';

// Each variable the format may use, and why it cannot hold the Authorization header or a token.
const SAFE: Record<string, string> = {
  '$context.requestId': 'an id API Gateway generates',
  '$context.extendedRequestId': 'an id API Gateway generates',
  '$context.requestTime': 'a timestamp',
  '$context.identity.sourceIp': 'the TCP peer address',
  '$context.httpMethod': 'the method',
  '$context.resourcePath': 'the path template of the matched resource (from the spec)',
  '$context.path': 'the request path (a token never travels in the path; the client sends it in a header)',
  '$context.protocol': 'the HTTP version',
  '$context.status': 'the status code',
  '$context.responseLength': 'a number',
  '$context.responseLatency': 'a number',
  '$context.integrationLatency': 'a number',
  '$context.integrationStatus': 'the status the Lambda service returned, not the function’s own',
  '$context.authorizer.claims.client_id': 'the app client id, a claim of a verified token, not the token',
  '$context.error.responseType': 'the gateway response type, an enum (UNAUTHORIZED, THROTTLED, ...)',
  '$context.awsEndpointRequestId': 'the Lambda request id',
  '$context.xrayTraceId': 'the X-Ray trace id',
};

// Variables that can carry what the caller sent: $context.error.message quotes the Authorization header in
// the SigV4 parser's 403 ("... not a valid key=value pair (missing equal-sign) in Authorization header ...").
const UNSAFE = /\$context\.(error\.(message|messageString|validationErrorString)|integration\.error|integrationErrorMessage|authorizer\.error|authorize\.error|authenticate\.error|identity\.(user|caller|userArn|apiKey|clientCert)|requestOverride|responseOverride)|\$input|\$method\.request|\$util/;

/** The problems of an access log format: variables off the safe list, or known to echo request data. */
function unsafeVariables(format: string): string[] {
  const variables = [...format.matchAll(/\$[a-zA-Z][\w.-]*/g)].map((m) => m[0]);
  return variables.filter((v) => !(v in SAFE) || UNSAFE.test(v));
}

let format: string;

beforeAll(() => {
  format = only(synthesize().json, 'AWS::ApiGateway::Stage').props.AccessLogSetting.Format as string;
});

describe('the access log format', () => {
  it('is one JSON object whose every variable is a value API Gateway computes, never a header or an error message', () => {
    const parsed = JSON.parse(format) as Record<string, string>;
    expect(unsafeVariables(format)).toEqual([]);
    expect(Object.values(parsed).every((v) => /^\$context\.[\w.]+$/.test(v))).toBe(true);
    expect(format).not.toMatch(/authorization|header|error\.message/i);
  });

  it('keeps the ids the runbook’s queries join on: request id, Lambda request id, trace id, client id, error type', () => {
    expect(JSON.parse(format)).toMatchObject({
      requestId: '$context.requestId',
      lambdaRequestId: '$context.awsEndpointRequestId',
      xrayTraceId: '$context.xrayTraceId',
      clientId: '$context.authorizer.claims.client_id',
      errorType: '$context.error.responseType',
    });
  });

  it.each([
    ['$context.error.message', 'the error message'],
    ['$context.error.messageString', 'the quoted error message'],
    ['$context.error.validationErrorString', 'the validator’s detail'],
    ['$method.request.header.Authorization', 'a header'],
    ['$context.identity.userAgent', 'a variable not on the safe list'],
  ])('would be refused with %s (%s) in it', (variable) => {
    const withIt = JSON.stringify({ ...JSON.parse(format), extra: variable });
    expect(unsafeVariables(withIt)).toEqual([variable]);
  });
});
