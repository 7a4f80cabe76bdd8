// The port between the token provider and a cache that several processes share. The provider does
// the policy (keys, sealing, leases, time bounds, fallback); an adapter only stores opaque strings.

/** One shared entry. `value` is sealed by the provider (AES-GCM, key derived from the client secret): opaque to the cache. */
export interface TokenCacheEntry {
  /** The sealed token: `v1.<iv>.<ciphertext>`, base64url; useless without the client secret. */
  value: string;
  /** When the token expires, in ms since the epoch: the cache may drop the entry from then on (DynamoDB TTL). */
  expiresAt: number;
}

/**
 * A token cache shared by processes: the provider reads it before asking the token endpoint and
 * writes what it gets. Keys are hex SHA-256 digests of token URL, client id and sorted scopes.
 * Every method may throw or be slow: the provider bounds each call and falls back to fetching.
 */
export interface TokenCache {
  /** The entry under `key`, or undefined; an expired entry may be returned (the provider checks). */
  get(key: string): Promise<TokenCacheEntry | undefined>;
  /** Stores `entry` under `key`, replacing any other. */
  set(key: string, entry: TokenCacheEntry): Promise<void>;
  /** Deletes the entry under `key` only while its value is still `value` (a 401 revoked that token; a newer one stays). */
  delete(key: string, value: string): Promise<void>;
  /** Single flight across processes: takes the lease on `key` for `ttlMs` unless another owner holds an unexpired one. */
  acquire?(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up, if `owner` still holds it. */
  release?(key: string, owner: string): Promise<void>;
}

/** Bounds of the provider's use of a shared {@link TokenCache}. */
export interface SharedCacheOptions {
  /** Give up on one cache operation after this many ms and carry on without it (default 1,000). */
  operationTimeoutMs?: number;
  /** How long a lease holds before others may take it over, e.g. when its holder died (default 10,000). */
  leaseMs?: number;
  /** How long a process waits for a lease holder's token before it fetches one itself (default 15,000). */
  waitMs?: number;
  /** How often a waiting process looks for the holder's token (default 100). */
  pollMs?: number;
}
