// An in-process gateway over the generated contract, with a verifier of hand-made tokens and an echo
// function, for tests of the core's own decisions.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createGateway, type GatewayOptions, type TokenVerifier } from '../src/index.ts';
import { contract } from '../src/contract.ts';

export const POOL_ARN = 'arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_test';
export const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

const b64url = (value: unknown): string => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A token the test verifier accepts: unsigned, its claims readable. */
export function token(claims: Record<string, unknown> = {}): string {
  const iat = Math.floor(NOW / 1000);
  return `${b64url({ alg: 'RS256', kid: 'k' })}.${b64url({ token_use: 'access', scope: contract.model.allScopes.join(' '), exp: iat + 600, iat, client_id: 'client-1', ...claims })}.c2ln`;
}

/** Accepts any token whose signature part is `c2ln`, as if signed by the pool. */
export const verifier: TokenVerifier = {
  async verify(t) {
    const [, payload, signature] = t.split('.');
    if (signature !== 'c2ln' || !payload) return { ok: false, reason: 'bad signature' };
    return { ok: true, claims: JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>, poolArn: POOL_ARN };
  },
};

/** A gateway whose one function echoes the proxy event it got. */
export function echoGateway(overrides: Partial<GatewayOptions> = {}) {
  const events: APIGatewayProxyEvent[] = [];
  const logs: Record<string, unknown>[] = [];
  const gateway = createGateway({
    contract,
    stage: 'dev',
    placeholders: { 'AWS::Region': 'us-east-1', 'AWS::Partition': 'aws', UserPoolArn: POOL_ARN, ProductsFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:Products' },
    resolveFunction: () => async (event) => {
      events.push(event);
      return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true }) };
    },
    verifier,
    now: () => NOW,
    log: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
    ...overrides,
  });
  const call = (path: string, init: RequestInit = {}) => gateway(new Request(`http://127.0.0.1:4010/dev${path}`, init));
  return { gateway, call, events, logs };
}

export const auth = (claims: Record<string, unknown> = {}) => ({ authorization: `Bearer ${token(claims)}` });
