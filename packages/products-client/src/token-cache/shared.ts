// The policy over a TokenCache port: the shared cache first, then one fetch per scope set for every
// process sharing it (the lease holder fetches and stores, the others poll for its entry, bounded,
// then fetch themselves). No cache failure reaches the caller: each operation is bounded in time,
// a failed one counts as a miss, and it is reported through the provider's counters and onEvent.
import { ConfigurationError } from '../errors.ts';
import { cacheKeyOf, newOwner, open, seal } from './seal.ts';
import type { SharedCacheOptions, SharedSealingKey, SharedToken, SharedTokenCache, SharedTokenRequest, TokenCache } from './types.ts';

type Operation = 'get' | 'set' | 'delete' | 'acquire' | 'release';
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Turns a {@link TokenCache} port (your own store: Redis, a database, ...) into the token provider's
 * `cache`: keys, sealing, leases and time bounds included. The adapters of this package use it too.
 *
 * @example
 * ```ts
 * import { sharedTokenCache, type TokenCache } from '@org/products-client/token-cache';
 * const port: TokenCache = { get: ..., set: ..., delete: ... };
 * const client = createProductsClient({ baseUrl, credentials, token: { cache: sharedTokenCache(port, { leaseMs: 5_000 }) } });
 * ```
 */
export function sharedTokenCache(port: TokenCache, options: SharedCacheOptions = {}): TokenCache & SharedTokenCache {
  if (port === null || typeof port !== 'object' || typeof port.get !== 'function' || typeof port.set !== 'function' || typeof port.delete !== 'function') {
    throw new ConfigurationError('invalid_option', `sharedTokenCache needs a TokenCache (get, set and delete methods), got ${port === null ? 'null' : typeof port}.`);
  }
  // Checked here rather than in the provider, whose entry stays small: the seal needs WebCrypto.
  if (typeof globalThis.crypto?.subtle?.encrypt !== 'function') {
    throw new ConfigurationError('invalid_option', 'A shared token cache needs WebCrypto (globalThis.crypto.subtle) to seal tokens at rest: use Node >= 20 or a secure browser context.');
  }
  const check = (name: keyof SharedCacheOptions, fallback: number, min: number) => {
    const value = options[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_TIMER_MS) {
      throw new ConfigurationError('invalid_option', `${name} must be an integer from ${min} to ${MAX_TIMER_MS}, got ${JSON.stringify(value)}.`);
    }
    return value;
  };
  const operationTimeoutMs = check('operationTimeoutMs', 1_000, 1);
  const leaseMs = check('leaseMs', 10_000, 1);
  const waitMs = check('waitMs', leaseMs + 5_000, 0);
  const pollMs = check('pollMs', 100, 1);

  // One operation, bounded in time; undefined when it failed (reported, never thrown).
  async function op<R>(request: SharedTokenRequest, operation: Operation, run: () => Promise<R>): Promise<R | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = Symbol('timeout');
    let message: string;
    let code: 'cache_timeout' | 'cache_error' = 'cache_error';
    try {
      const result = await Promise.race([
        Promise.resolve().then(run),
        new Promise<typeof timeout>((resolve) => (timer = setTimeout(resolve, operationTimeoutMs, timeout))),
      ]);
      if (result !== timeout) return (result ?? null) as R;
      code = 'cache_timeout';
      message = `The shared token cache did not answer ${operation} within ${operationTimeoutMs} ms: went on without it.`;
    } catch (error) {
      // Adapters only ever see sealed values and digests: their errors carry no token or secret.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      message = `The shared token cache failed on ${operation} (${reason.slice(0, 300)}): went on without it.`;
    } finally {
      clearTimeout(timer);
    }
    request.count('cacheErrors');
    request.emit({ type: 'cache-error', operation, code, message });
    return undefined;
  }

  const keys = new Map<string, Promise<string>>();
  const keyOf = (request: SharedTokenRequest) => {
    const id = `${request.tokenUrl}\n${request.clientId}\n${request.scopes.join(' ')}`;
    let key = keys.get(id);
    if (!key) keys.set(id, (key = cacheKeyOf(request.tokenUrl, request.clientId, request.scopes)));
    return key;
  };

  async function obtain(request: SharedTokenRequest): Promise<SharedToken> {
    let key: string;
    let sealingKey: SharedSealingKey;
    try {
      [key, sealingKey] = await Promise.all([keyOf(request), request.sealingKey()]);
    } catch (error) {
      // WebCrypto refused (never seen on a supported runtime): the call goes on without the cache.
      request.count('cacheErrors');
      request.emit({ type: 'cache-error', operation: 'get', code: 'cache_error', message: `The shared token cache could not derive its keys (${error instanceof Error ? error.name : 'error'}): went on without it.` });
      return request.fetch();
    }
    const background = request.current !== undefined;
    let unreadable: string | undefined;
    const read = async (): Promise<SharedToken | undefined> => {
      const found = await op(request, 'get', () => port.get(key));
      if (!found || found.value === unreadable) return undefined;
      const opened = await open(sealingKey, key, found.value);
      if (!opened) {
        unreadable = found.value; // reported once, however often it is read again
        request.count('cacheUnreadable');
        request.emit({ type: 'cache-error', operation: 'get', code: 'cache_unreadable', message: 'The shared entry is corrupt, foreign or sealed with another client secret: it is replaced.' });
        return undefined;
      }
      const now = request.now();
      // A refresh ahead wants a token younger than its refresh time; a 401 ruled one token out.
      if (now >= opened.expiresAt || opened.token === request.revoked || (background && (opened.token === request.current || now >= opened.refreshAt))) return undefined;
      request.count('sharedHits');
      request.emit({ type: 'cache-hit' });
      return { value: opened.token, expiresAt: opened.expiresAt, refreshAt: opened.refreshAt, sealed: found.value };
    };
    const fetchAndStore = async (): Promise<SharedToken> => {
      const token = await request.fetch();
      let sealed: string;
      try {
        sealed = await seal(sealingKey, key, { token: token.value, expiresAt: token.expiresAt, refreshAt: token.refreshAt });
      } catch {
        return token; // the token is good; the fleet just does not get to share it
      }
      if ((await op(request, 'set', () => port.set(key, { value: sealed, expiresAt: token.expiresAt }))) !== undefined) {
        request.count('sharedWrites');
        token.sealed = sealed;
      }
      return token;
    };

    const hit = await read();
    if (hit) return hit;
    const acquire = port.acquire?.bind(port);
    if (!acquire) return fetchAndStore();
    // Polls are counted rather than timed, so an injected frozen clock cannot make the wait endless.
    for (let poll = 0; ; poll++) {
      const owner = newOwner();
      const leased = await op(request, 'acquire', () => acquire(key, owner, leaseMs));
      if (leased === undefined) return fetchAndStore(); // the cache failed: do without it
      if (leased) {
        try {
          if (poll > 0) request.emit({ type: 'lease-wait', result: 'lease' });
          // Another process may have stored its token between our read and our lease.
          return (await read()) ?? (await fetchAndStore());
        } finally {
          if (port.release) void op(request, 'release', () => port.release!(key, owner));
        }
      }
      if (poll === 0) request.count('leaseWaits');
      if (poll * pollMs >= waitMs) {
        request.emit({ type: 'lease-wait', result: 'gave-up' });
        return fetchAndStore();
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      const theirs = await read();
      if (theirs) {
        request.emit({ type: 'lease-wait', result: 'token' });
        return theirs;
      }
    }
  }

  return {
    // The port's own methods stay reachable (tests, tools), bound so that `this` keeps working.
    get: (key) => port.get(key),
    set: (key, entry) => port.set(key, entry),
    delete: (key, value) => port.delete(key, value),
    ...(port.acquire ? { acquire: (key: string, owner: string, ttlMs: number) => port.acquire!(key, owner, ttlMs) } : {}),
    ...(port.release ? { release: (key: string, owner: string) => port.release!(key, owner) } : {}),
    obtain,
    async revoke(request, token) {
      const sealed = token.sealed;
      if (sealed === undefined) return;
      const key = await keyOf(request);
      await op(request, 'delete', () => port.delete(key, sealed));
    },
  };
}
