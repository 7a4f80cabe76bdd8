import type { webcrypto } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { TokenVerifier, VerifiedToken } from '@org/products-core';

type CryptoKey = webcrypto.CryptoKey;

/** A user pool whose tokens the verifier checks: its ARN (as in `providerARNs`), issuer and keys. */
export type UserPool = {
  /** `arn:aws:cognito-idp:<region>:<account>:userpool/<poolId>`, as the spec's `providerARNs` name it. */
  arn: string;
  /** The `iss` of the pool's tokens. */
  issuer: string;
  /** The public key published in the pool's JWKS for a kid, or undefined. */
  verifyKey(kid: string): CryptoKey | undefined;
};

export type JoseVerifierOptions = {
  /** Every user pool the stack knows. */
  pools: UserPool[];
  /** The clock, in epoch milliseconds (cached entries are kept until the token expires). */
  now: () => number;
  /** Cache verified signatures until the token expires (default true). */
  cache?: boolean;
  /** The most tokens kept in the cache (default 10000); the oldest goes first. */
  maxCacheEntries?: number;
};

type Verified = VerifiedToken & { kid: string; pool: UserPool };

/**
 * The local stack's token verifier for the gateway core's Cognito authorizer: RS256 signatures
 * (`kid` from the pool's JWKS) and the issuer, with jose. The core decides everything else (pool,
 * expiry, token_use, scopes) on every request, cached or not; a token whose kid left the JWKS is
 * never accepted from the cache.
 * @example const verifier = new JoseVerifier({ pools: [{ arn, issuer, verifyKey: (kid) => keys.verifyKey(kid) }], now: Date.now });
 */
export class JoseVerifier implements TokenVerifier {
  readonly #pools: UserPool[];
  readonly #now: () => number;
  readonly #cache: Map<string, Verified> | undefined;
  readonly #max: number;

  constructor(options: JoseVerifierOptions) {
    this.#pools = options.pools;
    this.#now = options.now;
    this.#cache = options.cache === false ? undefined : new Map();
    this.#max = options.maxCacheEntries ?? 10_000;
  }

  /**
   * Verifies a compact JWS.
   * @example await verifier.verify('eyJ...')
   */
  async verify(token: string): Promise<VerifiedToken | { ok: false; reason: string }> {
    const cached = this.#cache?.get(token);
    if (cached) {
      // A kid dropped from the JWKS must fail at once, even between forgetKids() calls.
      if (!cached.pool.verifyKey(cached.kid)) {
        this.#cache?.delete(token);
        return { ok: false, reason: 'kid not in the JWKS' };
      }
      // An expired token leaves the cache; the core answers it with AWS's expiry message.
      if (typeof cached.claims.exp !== 'number' || cached.claims.exp * 1000 <= this.#now()) this.#cache?.delete(token);
      return cached;
    }
    let kid: unknown;
    let iss: unknown;
    try {
      const header = decodeProtectedHeader(token);
      kid = header.kid;
      if (header.alg !== 'RS256') return { ok: false, reason: `alg ${String(header.alg).slice(0, 16)}` };
      iss = decodeJwt(token).iss;
    } catch {
      return { ok: false, reason: 'not a JWT' };
    }
    if (typeof kid !== 'string') return { ok: false, reason: 'no kid' };
    const pool = this.#pools.find((p) => p.issuer === iss);
    if (!pool) return { ok: false, reason: 'unknown issuer' };
    const key = pool.verifyKey(kid);
    if (!key) return { ok: false, reason: 'kid not in the JWKS' };
    let claims: Record<string, unknown>;
    try {
      const result = await compactVerify(token, key, { algorithms: ['RS256'] });
      claims = JSON.parse(new TextDecoder().decode(result.payload)) as Record<string, unknown>;
    } catch {
      return { ok: false, reason: 'bad signature' };
    }
    const entry: Verified = { ok: true, claims, poolArn: pool.arn, kid, pool };
    if (this.#cache && typeof claims.exp === 'number' && claims.exp * 1000 > this.#now()) {
      if (this.#cache.size >= this.#max) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(token, entry);
    }
    return entry;
  }

  /**
   * Forgets cached tokens signed by these kids (called when keys are dropped from the JWKS).
   * @example keys.onDrop((kids) => verifier.forgetKids(kids));
   */
  forgetKids(kids: string[]): void {
    if (!this.#cache) return;
    for (const [token, entry] of this.#cache) if (kids.includes(entry.kid)) this.#cache.delete(token);
  }

  /** How many verified tokens are cached (for tests and the bench). */
  get cacheSize(): number {
    return this.#cache?.size ?? 0;
  }
}
