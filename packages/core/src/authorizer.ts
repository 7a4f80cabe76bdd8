// Stage "authorize": API Gateway's Cognito user pool authorizer. The core decides (token syntax, pool,
// expiry, token_use, any-of scopes); checking a token's signature is the adapter's `TokenVerifier`
// (the local stack: jose with its JWKS; the mock: the registry of tokens it issued).
import type { SecurityModel } from './model.ts';

/** A verified token: its claims and the ARN of the user pool that issued it. */
export type VerifiedToken = { ok: true; claims: Record<string, unknown>; poolArn: string };

/** Checks a compact JWS's signature and issuer; everything else is the core's decision. */
export type TokenVerifier = {
  /**
   * Verifies a token that is already syntactically a compact JWS.
   * @example await verifier.verify('eyJ...')
   */
  verify(token: string): Promise<VerifiedToken | { ok: false; reason: string }>;
};

/** The outcome of one authorization; failures name the gateway response type AWS uses. */
export type AuthorizerResult =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; type: 'UNAUTHORIZED'; message: string; reason: string };

const UNAUTHORIZED = 'Unauthorized';
/** The exact message AWS answers for an expired Cognito token (many clients match it). */
export const EXPIRED_MESSAGE = 'The incoming token has expired';

/** Three base64url segments and nothing else: anything appended or inserted is not a token. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The token in an `Authorization` header: `Bearer <jwt>` (any case) or the bare token (the console
 * walkthrough sends that; AWS's docs say Bearer: both are accepted), or undefined.
 * @example bearerToken('Bearer eyJ...') // 'eyJ...'
 */
export function bearerToken(header: string | null): string | undefined {
  if (header === null) return undefined;
  const token = header.replace(/^Bearer(?:\s+|$)/i, '').trim();
  return token === '' ? undefined : token;
}

/**
 * Authorizes the `Authorization` header for an operation's security requirement, whose
 * `providerArns` are already substituted.
 * @example await authorize(request.headers.get('authorization'), op.security, { verifier, now: Date.now })
 */
export async function authorize(
  header: string | null,
  security: Pick<SecurityModel, 'providerArns' | 'scopes'>,
  options: { verifier: TokenVerifier; now: () => number },
): Promise<AuthorizerResult> {
  const deny = (reason: string): AuthorizerResult => ({ ok: false, type: 'UNAUTHORIZED', message: UNAUTHORIZED, reason });
  const token = bearerToken(header);
  if (token === undefined) return deny(header === null ? 'no Authorization header' : 'empty token');
  if (!COMPACT_JWS.test(token)) return deny('not a compact JWS');
  const verified = await options.verifier.verify(token);
  if (!verified.ok) return deny(verified.reason);
  const { claims, poolArn } = verified;
  if (!security.providerArns.includes(poolArn)) return deny('token of a pool this method does not accept');
  if (typeof claims.exp !== 'number') return deny('no exp claim');
  // AWS answers 401 with its own message here (EXPIRED_TOKEN, 403 by default, is for SigV4 credentials).
  if (claims.exp * 1000 <= options.now()) return { ok: false, type: 'UNAUTHORIZED', message: EXPIRED_MESSAGE, reason: 'expired' };
  if (security.scopes.length > 0) {
    if (claims.token_use !== 'access') return deny(`token_use ${String(claims.token_use)} on a method with scopes`);
    const granted = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
    if (!security.scopes.some((s) => granted.includes(s))) return deny('none of the method scopes');
  } else if (claims.token_use !== 'id') {
    return deny('a method without scopes needs an ID token');
  }
  return { ok: true, claims };
}
