import { sharedTokenCache } from './shared.ts';
import type { SharedCacheOptions, SharedTokenCache, TokenCache, TokenCacheEntry } from './types.ts';

/** Options of {@link memoryTokenCache}: the shared cache's bounds and a clock. */
export interface MemoryTokenCacheOptions extends SharedCacheOptions {
  /** The clock for lease expiry, in ms since the epoch (default `Date.now`). */
  now?: () => number;
}

/**
 * A token cache in this process's memory, shared by several providers (e.g. clients built with the
 * same credentials in different modules), with leases. Entries are sealed like in any shared cache.
 *
 * @example
 * ```ts
 * import { memoryTokenCache } from '@org/products-client/token-cache';
 * const cache = memoryTokenCache();
 * const a = createProductsClient({ baseUrl, credentials, token: { cache } });
 * const b = createProductsClient({ baseUrl, credentials, token: { cache } });
 * ```
 */
export function memoryTokenCache(options: MemoryTokenCacheOptions = {}): TokenCache & SharedTokenCache {
  const now = options.now ?? Date.now;
  const entries = new Map<string, TokenCacheEntry>();
  const leases = new Map<string, { owner: string; expiresAt: number }>();
  return sharedTokenCache({
    async get(key) {
      const entry = entries.get(key);
      return entry && { ...entry };
    },
    async set(key, entry) {
      entries.set(key, { value: entry.value, expiresAt: entry.expiresAt });
    },
    async delete(key, value) {
      if (entries.get(key)?.value === value) entries.delete(key);
    },
    async acquire(key, owner, ttlMs) {
      const lease = leases.get(key);
      if (lease && lease.owner !== owner && lease.expiresAt > now()) return false;
      leases.set(key, { owner, expiresAt: now() + ttlMs });
      return true;
    },
    async release(key, owner) {
      if (leases.get(key)?.owner === owner) leases.delete(key);
    },
  }, options);
}
