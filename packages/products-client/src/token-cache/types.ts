// The port of a token cache that several processes share (`TokenCache`: an adapter only stores
// opaque strings), and what the token provider talks to (`SharedTokenCache`: the policy of keys,
// sealing, leases, time bounds and fallback, built over a port by `sharedTokenCache()` in
// ./shared.ts). The policy lives in the `./token-cache` entry, so the main entry stays small.

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

/** Bounds of the use of a shared {@link TokenCache}; every adapter factory takes them. */
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

/** A token as the provider keeps it: value, expiry and refresh time (ms since the epoch). */
export interface SharedToken {
  value: string;
  expiresAt: number;
  refreshAt: number;
  /** The token as the shared cache holds it, to delete exactly that entry after a 401. */
  sealed?: string;
}

/** Counters of the provider that a shared cache moves. */
export type SharedCacheCounter = 'sharedHits' | 'sharedWrites' | 'leaseWaits' | 'cacheErrors' | 'cacheUnreadable';

/** What a shared cache reports (the provider adds client id and scopes and passes it to `onEvent`). */
export type SharedCacheEvent =
  | { type: 'cache-hit' }
  | { type: 'lease-wait'; result: 'token' | 'lease' | 'gave-up' }
  | {
      type: 'cache-error';
      operation: 'get' | 'set' | 'delete' | 'acquire' | 'release';
      /** `cache_timeout`, `cache_error`, or `cache_unreadable` (an entry that is corrupt, foreign or sealed with another secret: replaced). */
      code: 'cache_timeout' | 'cache_error' | 'cache_unreadable';
      message: string;
    };

/** What the token provider hands a shared cache for one scope set; built by the provider. */
export interface SharedTokenRequest {
  tokenUrl: string;
  clientId: string;
  /** Sorted, without duplicates. */
  scopes: readonly string[];
  /** The AES-GCM key of this client, derived from its secret by the provider (the secret itself never leaves it). */
  sealingKey(): Promise<SharedSealingKey>;
  /** Gets a new token from the token endpoint (with the provider's retries); its failure is the caller's. */
  fetch(): Promise<SharedToken>;
  /** For a refresh ahead: the token in use (a shared entry must be younger to replace it). */
  current?: string | undefined;
  /** A token the API refused with 401: never taken from the shared cache again. */
  revoked?: string | undefined;
  now(): number;
  emit(event: SharedCacheEvent): void;
  count(counter: SharedCacheCounter): void;
}

/** The `cache` option of the token provider: `fileTokenCache()`, `memoryTokenCache()`, `dynamoDbTokenCache()` or `sharedTokenCache(yourPort)`. */
export interface SharedTokenCache {
  /** A token for the request's scope set: from the shared cache, else fetched once for every process sharing it. Never fails because of the cache. */
  obtain(request: SharedTokenRequest): Promise<SharedToken>;
  /** Deletes the shared entry of `token` after the API refused it with 401 (only that entry). Never throws. */
  revoke(request: SharedTokenRequest, token: SharedToken): Promise<void>;
}

/** An AES-GCM key (typed from the global, so both DOM and Node typings fit). */
export type SharedSealingKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.deriveKey>>;
