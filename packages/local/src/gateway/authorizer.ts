import type { webcrypto } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';

/** A user pool the authorizer can check tokens of: its ARN (as in `providerARNs`), issuer and keys. */
export type UserPool = {
  /** `arn:aws:cognito-idp:<region>:<account>:userpool/<poolId>`, as the spec's `providerARNs` name it. */
  arn: string;
  /** The `iss` of the pool's tokens. */
  issuer: string;
  /** The public key published in the pool's JWKS for a kid, or undefined. */
  verifyKey(kid: string): CryptoKey | undefined;
};

/** The outcome of one authorization; failures name the gateway response type AWS would use. */
export type AuthorizerResult =
  | { ok: true; claims: JWTPayload }
  | { ok: false; type: 'UNAUTHORIZED'; message: string; reason: string };

export type CognitoAuthorizerOptions = {
  /** Every user pool the stack knows (a method accepts those its `providerARNs` list). */
  pools: UserPool[];
  /** The clock, in epoch milliseconds. */
  now: () => number;
  /** Cache verified tokens until they expire (default true); a cache hit still re-checks everything but the signature. */
  cache?: boolean;
  /** The most tokens kept in the cache (default 10000); the oldest goes first. */
  maxCacheEntries?: number;
};

type Verified = { payload: JWTPayload; kid: string; pool: UserPool };

type CryptoKey = webcrypto.CryptoKey;

const UNAUTHORIZED = 'Unauthorized';
const EXPIRED = 'The incoming token has expired';

/**
 * API Gateway's Cognito user pool authorizer: signature (RS256, kid from the pool's JWKS),
 * issuer among the method's `providerARNs` pools, expiry, `token_use` and any-of scopes.
 * Verified signatures are cached per token; every other check runs on every request, and a
 * token whose kid left the JWKS is never accepted from the cache.
 * @example const result = await authorizer.authorize(request.headers.get('authorization'), [poolArn], ['product-api/read_product']);
 */
export class CognitoAuthorizer {
  readonly #pools: UserPool[];
  readonly #now: () => number;
  readonly #cache: Map<string, Verified> | undefined;
  readonly #max: number;

  constructor(options: CognitoAuthorizerOptions) {
    this.#pools = options.pools;
    this.#now = options.now;
    this.#cache = options.cache === false ? undefined : new Map();
    this.#max = options.maxCacheEntries ?? 10_000;
  }

  /**
   * Authorizes the `Authorization` header value for a method.
   * @example await authorizer.authorize('Bearer eyJ...', [poolArn], ['product-api/read_product'])
   */
  async authorize(header: string | null, providerArns: string[], scopes: string[]): Promise<AuthorizerResult> {
    if (header === null) return deny('UNAUTHORIZED', 'no Authorization header');
    // The console's walkthrough sends the bare token; AWS's docs say "Bearer <token>": accept both.
    const token = header.replace(/^Bearer(\s+|$)/i, '').trim();
    if (!token) return deny('UNAUTHORIZED', 'empty token');

    const verified = await this.#verify(token);
    if (typeof verified === 'string') return deny('UNAUTHORIZED', verified);
    const { payload, pool } = verified;
    if (!providerArns.includes(pool.arn)) return deny('UNAUTHORIZED', 'token of a pool this method does not accept');
    if (typeof payload.exp !== 'number') return deny('UNAUTHORIZED', 'no exp claim');
    if (payload.exp * 1000 <= this.#now()) {
      this.#cache?.delete(token);
      // AWS answers 401 here: the UNAUTHORIZED type with its own message (EXPIRED_TOKEN, 403 by
      // default, is for expired SigV4 credentials).
      return { ok: false, type: 'UNAUTHORIZED', message: EXPIRED, reason: 'expired' };
    }
    if (scopes.length > 0) {
      if (payload.token_use !== 'access') return deny('UNAUTHORIZED', `token_use ${String(payload.token_use)} on a method with scopes`);
      const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      if (!scopes.some((s) => granted.includes(s))) return deny('UNAUTHORIZED', 'none of the method scopes');
    } else if (payload.token_use !== 'id') {
      return deny('UNAUTHORIZED', 'a method without scopes needs an ID token');
    }
    return { ok: true, claims: payload };
  }

  /**
   * Forgets cached tokens signed by these kids (called when keys are dropped from the JWKS).
   * @example keys.onDrop((kids) => authorizer.forgetKids(kids));
   */
  forgetKids(kids: string[]): void {
    if (!this.#cache) return;
    for (const [token, entry] of this.#cache) if (kids.includes(entry.kid)) this.#cache.delete(token);
  }

  /** How many verified tokens are cached (for tests and the bench). */
  get cacheSize(): number {
    return this.#cache?.size ?? 0;
  }

  async #verify(token: string): Promise<Verified | string> {
    const cached = this.#cache?.get(token);
    // A kid dropped from the JWKS must fail at once, even between forgetKids() calls.
    if (cached && cached.pool.verifyKey(cached.kid)) return cached;
    if (cached) this.#cache?.delete(token);

    let kid: unknown;
    let iss: unknown;
    try {
      const header = decodeProtectedHeader(token);
      kid = header.kid;
      if (header.alg !== 'RS256') return `alg ${String(header.alg)}`;
      iss = decodeJwt(token).iss;
    } catch {
      return 'not a JWT';
    }
    if (typeof kid !== 'string') return 'no kid';
    const pool = this.#pools.find((p) => p.issuer === iss);
    if (!pool) return 'unknown issuer';
    const key = pool.verifyKey(kid);
    if (!key) return 'kid not in the JWKS';
    let payload: JWTPayload;
    try {
      const result = await compactVerify(token, key, { algorithms: ['RS256'] });
      payload = JSON.parse(new TextDecoder().decode(result.payload)) as JWTPayload;
    } catch {
      return 'bad signature';
    }
    const entry: Verified = { payload, kid, pool };
    if (this.#cache && typeof payload.exp === 'number' && payload.exp * 1000 > this.#now()) {
      if (this.#cache.size >= this.#max) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(token, entry);
    }
    return entry;
  }
}

function deny(type: 'UNAUTHORIZED', reason: string): AuthorizerResult {
  return { ok: false, type, message: UNAUTHORIZED, reason };
}
