import { CallerAborted, parseRetryAfter, startDeadline, systemCodeOf } from './deadline.ts';
import { ConfigurationError, TokenRequestError } from './errors.ts';
import { sealingKey } from './token-cache/seal.ts';
import type { SharedCacheEvent, SharedSealingKey, SharedToken, SharedTokenCache, SharedTokenRequest } from './token-cache/types.ts';

export type { SharedCacheOptions, SharedTokenCache, TokenCache, TokenCacheEntry } from './token-cache/types.ts';

/** The `fetch` this package calls: `globalThis.fetch` fits, and so does any `(Request) => Promise<Response>`. */
export type Fetch = (request: Request) => Promise<Response>;

/** The app client's credentials for the OAuth2 client_credentials grant. */
export interface ClientCredentials {
  /** The token endpoint, e.g. `https://<domain>.auth.<region>.amazoncognito.com/oauth2/token`; must be `https:` unless the host is loopback. */
  tokenUrl: string;
  /** The app client id. */
  clientId: string;
  /** The app client secret: kept in a private field, never logged, serialized or put in an error. */
  clientSecret: string;
  /** How the client authenticates: HTTP Basic (`client_secret_basic`, default) or form fields (`client_secret_post`). */
  authMethod?: 'client_secret_basic' | 'client_secret_post';
}

/** Bounds on retrying the token endpoint after 429, 5xx, network errors and timeouts. */
export interface RetryOptions {
  /** Most requests per token, the first included (default 4). */
  maxAttempts?: number;
  /** Backoff base: the delay before retry n is random in [0, baseDelayMs·2ⁿ⁻¹] (full jitter; default 200). */
  baseDelayMs?: number;
  /** Cap of one jittered delay (default 5,000); a longer `Retry-After` is honoured if the time budget allows. */
  maxDelayMs?: number;
  /** Give up instead of waiting past this many ms since the first attempt (default 20,000). */
  maxElapsedMs?: number;
}

/** What happened, for logging. Events never carry a secret or a token. */
export type TokenEvent =
  | { type: 'request'; clientId: string; scopes: readonly string[]; attempt: number }
  | { type: 'token'; clientId: string; scopes: readonly string[]; expiresInSeconds: number }
  | { type: 'refresh'; clientId: string; scopes: readonly string[] }
  | { type: 'retry'; clientId: string; scopes: readonly string[]; attempt: number; delayMs: number; code: string }
  | { type: 'failure'; clientId: string; scopes: readonly string[]; background: boolean; error: TokenRequestError }
  | { type: 'invalidate'; clientId: string; scopes: readonly string[] }
  // The shared cache's: a hit, a wait for another process's lease, a failed or slow operation.
  | (SharedCacheEvent & { clientId: string; scopes: readonly string[] });

/** Options of {@link ClientCredentialsTokenProvider}. */
export interface TokenProviderOptions extends ClientCredentials {
  /** The fetch used for the token endpoint (default `globalThis.fetch`). */
  fetch?: Fetch;
  /** The clock, in ms since the epoch (default `Date.now`): expiry and refresh times are computed with it. */
  now?: () => number;
  /** Waits between retries (default: `setTimeout`); inject it to test backoff without waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Random number in [0, 1) for the backoff jitter (default `Math.random`). */
  random?: () => number;
  /** Fraction of a token's lifetime after which a background refresh starts (default 0.75, AWS's guidance). */
  refreshAhead?: number;
  /** A token counts as expired this many ms before `expires_in` says, at most half its lifetime (default 60,000). */
  expirySkewMs?: number;
  /** Abort one token request after this many ms: an integer up to 2³¹−1 (default 10,000). */
  timeoutMs?: number;
  /** Retry bounds for the token endpoint. */
  retry?: RetryOptions;
  /** Called for each event (token requests, retries, refreshes, failures); a throwing hook is ignored. */
  onEvent?: (event: TokenEvent) => void;
  /** A token cache shared by processes (`fileTokenCache()` from `@org/products-client/token-cache`, `dynamoDbTokenCache()`): one token request per scope set for a whole fleet, tokens sealed with a key derived from the client secret; it never fails a call. */
  cache?: SharedTokenCache;
}

/** Counters since the provider was created. */
export interface TokenProviderStats {
  /** HTTP requests sent to the token endpoint, retries included. */
  requests: number;
  /** Tokens received. */
  tokens: number;
  /** `getToken` calls answered from the cache. */
  cacheHits: number;
  /** `getToken` calls that waited for a request another caller had started (single flight). */
  joins: number;
  /** Background refreshes started because a cached token passed `refreshAhead` of its lifetime. */
  refreshes: number;
  /** Retries after a retryable failure. */
  retries: number;
  /** Token fetches that failed for good (after retries). */
  failures: number;
  /** Cached tokens dropped by `invalidate` (e.g. after a 401 from the API). */
  invalidations: number;
  /** Tokens taken from the shared cache (another process, or an earlier run, fetched them). */
  sharedHits: number;
  /** Tokens this provider stored in the shared cache. */
  sharedWrites: number;
  /** Times this provider waited for another process's lease (single flight across processes). */
  leaseWaits: number;
  /** Shared cache operations that failed or passed the cache's `operationTimeoutMs` (the call went on without the cache). */
  cacheErrors: number;
  /** Shared entries that did not open (corrupt, foreign, another secret): ignored and replaced. */
  cacheUnreadable: number;
}

type CachedToken = SharedToken;

interface Entry {
  scopes: readonly string[];
  token?: CachedToken | undefined;
  inflight?: Promise<string> | undefined;
  /** The last token dropped after a 401: never taken from the shared cache again. */
  revoked?: string;
}

interface Failure {
  code: string;
  message: string;
  status?: number;
  retryable: boolean;
  retryAfterMs?: number;
  requestId?: string;
  cause?: unknown;
}

// Used when a token response omits expires_in (Cognito always sends it): short, so a wrong guess costs little.
const DEFAULT_EXPIRES_IN_SECONDS = 300;
// After a failed background refresh, the next one waits this long (or a quarter of the time left).
const REFRESH_RETRY_MS = 30_000;
const INSPECT = Symbol.for('nodejs.util.inspect.custom');
// Timers fire at once past 2³¹−1 ms: refuse such a timeout up front rather than time out at once.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Whether `url` may carry credentials over plain HTTP: only to this machine. */
export function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(url.hostname);
}

/**
 * Gets OAuth2 client_credentials access tokens from any token endpoint and caches them per scope
 * set: one request per scope set per token lifetime, however many callers ask at once.
 *
 * @example
 * ```ts
 * const provider = new ClientCredentialsTokenProvider({ tokenUrl, clientId, clientSecret });
 * const token = await provider.getToken(['product-api/read_product']);
 * await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
 * ```
 */
export class ClientCredentialsTokenProvider {
  /** The token endpoint. */
  readonly tokenUrl: string;
  /** The app client id. */
  readonly clientId: string;
  /** How the client authenticates at the token endpoint. */
  readonly authMethod: 'client_secret_basic' | 'client_secret_post';
  readonly #secret: string;
  readonly #basic: string;
  readonly #fetch: Fetch;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  readonly #refreshAhead: number;
  readonly #skewMs: number;
  readonly #timeoutMs: number;
  readonly #retry: Required<RetryOptions>;
  readonly #onEvent: ((event: TokenEvent) => void) | undefined;
  readonly #cache = new Map<string, Entry>();
  readonly #stats: TokenProviderStats = {
    requests: 0,
    tokens: 0,
    cacheHits: 0,
    joins: 0,
    refreshes: 0,
    retries: 0,
    failures: 0,
    invalidations: 0,
    sharedHits: 0,
    sharedWrites: 0,
    leaseWaits: 0,
    cacheErrors: 0,
    cacheUnreadable: 0,
  };
  readonly #shared: SharedTokenCache | undefined;
  #sealingKey: Promise<SharedSealingKey> | undefined;

  constructor(options: TokenProviderOptions) {
    if (options === null || typeof options !== 'object') {
      throw new ConfigurationError('invalid_option', 'ClientCredentialsTokenProvider needs an options object with tokenUrl, clientId and clientSecret.');
    }
    this.tokenUrl = checkTokenUrl(options.tokenUrl);
    if (typeof options.clientId !== 'string' || options.clientId === '') {
      throw new ConfigurationError('invalid_option', `clientId must be a non-empty string, got ${describe(options.clientId)}: pass the app client id.`);
    }
    if (typeof options.clientSecret !== 'string' || options.clientSecret === '') {
      // Never quote the value: it is (or is meant to be) the secret.
      throw new ConfigurationError('invalid_option', `clientSecret must be a non-empty string (got ${options.clientSecret === '' ? 'an empty string' : typeof options.clientSecret}): pass the app client secret.`);
    }
    const authMethod = options.authMethod ?? 'client_secret_basic';
    if (authMethod !== 'client_secret_basic' && authMethod !== 'client_secret_post') {
      throw new ConfigurationError('invalid_option', `authMethod must be "client_secret_basic" or "client_secret_post", got ${describe(authMethod)}.`);
    }
    this.clientId = options.clientId;
    this.authMethod = authMethod;
    this.#secret = options.clientSecret;
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before the Basic encoding.
    this.#basic = `Basic ${btoa(`${formEncode(options.clientId)}:${formEncode(options.clientSecret)}`)}`;
    this.#fetch = options.fetch ?? ((request) => globalThis.fetch(request));
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.#random = options.random ?? Math.random;
    this.#refreshAhead = checkNumber('refreshAhead', options.refreshAhead, 0.75, 0, 1);
    this.#skewMs = checkNumber('expirySkewMs', options.expirySkewMs, 60_000, 0, Infinity);
    this.#timeoutMs = checkNumber('timeoutMs', options.timeoutMs, 10_000, 1, MAX_TIMER_MS, true);
    const retry = options.retry ?? {};
    this.#retry = {
      maxAttempts: checkNumber('retry.maxAttempts', retry.maxAttempts, 4, 1, 100, true),
      baseDelayMs: checkNumber('retry.baseDelayMs', retry.baseDelayMs, 200, 0, Infinity),
      maxDelayMs: checkNumber('retry.maxDelayMs', retry.maxDelayMs, 5_000, 0, Infinity),
      maxElapsedMs: checkNumber('retry.maxElapsedMs', retry.maxElapsedMs, 20_000, 0, Infinity),
    };
    this.#onEvent = options.onEvent;
    const cache = options.cache;
    if (cache !== undefined && typeof cache?.obtain !== 'function') {
      throw new ConfigurationError('invalid_option', `cache must be a shared token cache, got ${describe(cache)}: use fileTokenCache(), dynamoDbTokenCache() or sharedTokenCache(yourTokenCache) from @org/products-client/token-cache.`);
    }
    this.#shared = cache;
  }

  /**
   * Returns an access token carrying `scopes` (all the client may have when empty): from the
   * cache while it is fresh, otherwise from one request shared by every concurrent caller.
   * `signal` stops this caller's wait only; the shared request goes on for the others.
   *
   * @example
   * ```ts
   * const token = await provider.getToken(['product-api/read_product']);
   * ```
   */
  getToken(
    scopes: readonly string[],
    options: {
      /** Stops this caller's wait with a `TokenRequestError` coded `aborted`; the shared request goes on. */
      signal?: AbortSignal;
    } = {},
  ): Promise<string> {
    const sorted = normalizeScopes(scopes);
    const key = `${this.tokenUrl}\n${this.clientId}\n${sorted.join(' ')}`;
    let entry = this.#cache.get(key);
    if (!entry) {
      entry = { scopes: sorted };
      this.#cache.set(key, entry);
    }
    const token = entry.token;
    if (token) {
      const now = this.#now();
      if (now < token.expiresAt) {
        this.#stats.cacheHits++;
        if (now >= token.refreshAt && !entry.inflight) this.#start(entry, true);
        return Promise.resolve(token.value);
      }
      entry.token = undefined; // expired: never hand it out again
    }
    let pending: Promise<string>;
    if (entry.inflight) {
      this.#stats.joins++;
      pending = entry.inflight;
    } else {
      pending = this.#start(entry, false);
    }
    return options.signal ? raceAbort(pending, options.signal) : pending;
  }

  /**
   * Drops the cached token for `scopes` (only if it is `token`, when given), so the next
   * `getToken` fetches a new one. Call it when the API rejects a token with 401.
   *
   * @example
   * ```ts
   * if (response.status === 401) provider.invalidate(['product-api/read_product'], token);
   * ```
   */
  invalidate(scopes: readonly string[], token?: string): boolean {
    const entry = this.#cache.get(`${this.tokenUrl}\n${this.clientId}\n${normalizeScopes(scopes).join(' ')}`);
    if (!entry?.token || (token !== undefined && entry.token.value !== token)) return false;
    const dropped = entry.token;
    entry.token = undefined;
    entry.revoked = dropped.value;
    // Only that exact shared entry: another process may already have stored the replacement.
    void this.#shared?.revoke(this.#request(entry, false), dropped).catch(() => {});
    this.#stats.invalidations++;
    this.#emit({ type: 'invalidate', clientId: this.clientId, scopes: entry.scopes });
    return true;
  }

  /**
   * Drops every cached token.
   *
   * @example
   * ```ts
   * provider.clear();
   * ```
   */
  clear(): void {
    for (const entry of this.#cache.values()) entry.token = undefined;
  }

  /**
   * A snapshot of the counters.
   *
   * @example
   * ```ts
   * const { requests, cacheHits } = provider.stats();
   * ```
   */
  stats(): TokenProviderStats {
    return { ...this.#stats };
  }

  /** What `JSON.stringify` shows: never the secret. */
  toJSON(): Record<string, unknown> {
    return { tokenUrl: this.tokenUrl, clientId: this.clientId, authMethod: this.authMethod, clientSecret: '[redacted]' };
  }

  /** What `util.inspect` and `console.log` show in Node: never the secret. */
  [INSPECT](): string {
    return `ClientCredentialsTokenProvider ${JSON.stringify(this.toJSON())}`;
  }

  #start(entry: Entry, background: boolean): Promise<string> {
    // Declared before the body so `finally` can tell whether a newer request replaced this one.
    let pending: Promise<string> | undefined;
    pending = (async () => {
      try {
        // A shared cache falls back to fetching by itself: it fails only as the token endpoint does.
        const token = await (this.#shared ? this.#shared.obtain(this.#request(entry, background)) : this.#fetchToken(entry.scopes));
        entry.token = token;
        return token.value;
      } catch (error) {
        const failure = error as TokenRequestError;
        this.#stats.failures++;
        const current = entry.token;
        if (background && current) {
          // Wait a little before the next background try, so a down endpoint is not hammered
          // by every caller while the cached token is still good.
          const now = this.#now();
          current.refreshAt = now + Math.min(REFRESH_RETRY_MS, (current.expiresAt - now) / 4);
        }
        this.#emit({ type: 'failure', clientId: this.clientId, scopes: entry.scopes, background, error: failure });
        throw failure;
      } finally {
        if (entry.inflight === pending) entry.inflight = undefined;
      }
    })();
    entry.inflight = pending;
    if (background) {
      this.#stats.refreshes++;
      this.#emit({ type: 'refresh', clientId: this.clientId, scopes: entry.scopes });
      // The cached token keeps being served; a failed refresh is reported through onEvent and
      // retried by a caller after a pause.
      pending.catch(() => {});
    }
    return pending;
  }

  // What the shared cache needs for one scope set: never the secret, only a key derived from it.
  #request(entry: Entry, background: boolean): SharedTokenRequest {
    const { scopes } = entry;
    return {
      tokenUrl: this.tokenUrl,
      clientId: this.clientId,
      scopes,
      sealingKey: () => (this.#sealingKey ??= sealingKey(this.#secret, this.tokenUrl, this.clientId)),
      fetch: () => this.#fetchToken(scopes),
      current: background ? entry.token?.value : undefined,
      revoked: entry.revoked,
      now: this.#now,
      emit: (event) => this.#emit({ ...event, clientId: this.clientId, scopes }),
      count: (counter) => void this.#stats[counter]++,
    };
  }

  async #fetchToken(scopes: readonly string[]): Promise<CachedToken> {
    const started = this.#now();
    for (let attempt = 1; ; attempt++) {
      this.#stats.requests++;
      this.#emit({ type: 'request', clientId: this.clientId, scopes, attempt });
      const outcome = await this.#attempt(scopes);
      if ('value' in outcome) {
        this.#stats.tokens++;
        return outcome;
      }
      const failure = outcome;
      const give = (extra = '') =>
        new TokenRequestError(failure.code, `${failure.message}${extra}`, {
          ...(failure.status === undefined ? {} : { status: failure.status }),
          ...(failure.requestId === undefined ? {} : { requestId: failure.requestId }),
          attempts: attempt,
          retryable: failure.retryable,
          cause: failure.cause,
        });
      if (!failure.retryable) throw give();
      if (attempt >= this.#retry.maxAttempts) throw give(` Gave up after ${attempt} attempts: retry later.`);
      const cap = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = Math.round(failure.retryAfterMs ?? this.#random() * cap);
      const elapsed = this.#now() - started;
      if (elapsed + delayMs > this.#retry.maxElapsedMs) {
        throw give(` Gave up after ${attempt} attempts: the next one (in ${delayMs} ms) would pass the ${this.#retry.maxElapsedMs} ms retry budget.`);
      }
      this.#stats.retries++;
      this.#emit({ type: 'retry', clientId: this.clientId, scopes, attempt, delayMs, code: failure.code });
      await this.#sleep(delayMs);
    }
  }

  async #attempt(scopes: readonly string[]): Promise<CachedToken | Failure> {
    const where = `Token endpoint ${this.tokenUrl}`;
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (scopes.length > 0) form.set('scope', scopes.join(' '));
    const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' });
    if (this.authMethod === 'client_secret_basic') {
      headers.set('Authorization', this.#basic);
    } else {
      form.set('client_id', this.clientId);
      form.set('client_secret', this.#secret);
    }
    // A deadline that a garbage collection cannot drop (see deadline.ts): the hang this fixes
    // left every caller of the scope set waiting forever on Node.
    const deadline = startDeadline(this.#timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await deadline.race(this.#fetch(new Request(this.tokenUrl, { method: 'POST', headers, body: form.toString(), signal: deadline.signal })));
      text = await deadline.race(response.text());
    } catch (error) {
      if (deadline.signal.aborted && !(error instanceof CallerAborted)) {
        return { code: 'timeout', message: `${where} did not answer within ${this.#timeoutMs} ms.`, retryable: true, cause: this.#clean(error) };
      }
      const reason = error instanceof Error ? error.message : String(error);
      const system = systemCodeOf(error);
      return {
        code: 'network_error',
        message: `${where} could not be reached (${this.#redact(reason)}${system && !reason.includes(system) ? `: ${system}` : ''}): check the URL and the network.`,
        retryable: true,
        cause: this.#clean(error),
      };
    } finally {
      deadline.clear();
    }
    const receivedAt = this.#now();
    let body: unknown;
    let parseError: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      parseError = error;
    }
    if (response.ok) {
      const result = body as { access_token?: unknown; expires_in?: unknown; token_type?: unknown } | undefined;
      const expiresIn = typeof result?.expires_in === 'string' ? Number(result.expires_in) : (result?.expires_in ?? DEFAULT_EXPIRES_IN_SECONDS);
      const problem =
        parseError !== undefined ? 'is not JSON'
        : typeof result !== 'object' || result === null ? 'is not a JSON object'
        : typeof result.access_token !== 'string' || result.access_token === '' ? 'has no access_token'
        : result.token_type !== undefined && String(result.token_type).toLowerCase() !== 'bearer' ? `has token_type ${JSON.stringify(this.#redact(String(result.token_type)))}, not Bearer`
        : typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn <= 0 ? 'has no positive expires_in'
        : undefined;
      if (problem || typeof result?.access_token !== 'string' || typeof expiresIn !== 'number') {
        return {
          code: 'invalid_token_response',
          message: `${where} answered ${response.status} but the body ${problem ?? 'is invalid'} (content-type ${JSON.stringify(response.headers.get('content-type'))}): is tokenUrl the OAuth2 token endpoint?`,
          status: response.status,
          retryable: false,
          cause: parseError === undefined ? undefined : this.#clean(parseError),
        };
      }
      const lifetimeMs = expiresIn * 1000;
      this.#emit({ type: 'token', clientId: this.clientId, scopes, expiresInSeconds: expiresIn });
      return {
        value: result.access_token,
        refreshAt: receivedAt + lifetimeMs * this.#refreshAhead,
        expiresAt: receivedAt + lifetimeMs - Math.min(this.#skewMs, lifetimeMs / 2),
      };
    }
    const oauth = body as { error?: unknown; error_description?: unknown } | undefined;
    const oauthError = typeof oauth?.error === 'string' && /^[\w.-]{1,64}$/.test(oauth.error) ? oauth.error : undefined;
    const description = typeof oauth?.error_description === 'string' ? oauth.error_description : oauthError ? '' : text;
    const detail = description ? `: ${JSON.stringify(this.#redact(description.slice(0, 200)))}` : '';
    // Cognito's throttling answer is not documented for sure: 429, or 400 TooManyRequestsException.
    const throttled = response.status === 429 || (response.status === 400 && /TooManyRequests|Rate exceeded/i.test(text));
    const retryable = throttled || response.status >= 500;
    const code = throttled ? 'too_many_requests' : (oauthError ?? `http_${response.status}`);
    const retryAfterMs = retryable ? parseRetryAfter(response.headers.get('retry-after'), this.#now()) : undefined;
    const requestId = response.headers.get('x-amzn-requestid') ?? undefined;
    return {
      ...(requestId === undefined ? {} : { requestId }),
      code,
      message: `${where} answered ${response.status}${oauthError ? ` ${oauthError}` : ''}${detail} for client ${JSON.stringify(this.clientId)} and scopes ${JSON.stringify(scopes.join(' '))}.${hint(code)}`,
      status: response.status,
      retryable,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      // The endpoint's own OAuth2 error response is the original of this failure.
      ...(oauthError === undefined
        ? {}
        : { cause: { error: oauthError, ...(typeof oauth?.error_description === 'string' ? { error_description: this.#redact(oauth.error_description) } : {}) } }),
    };
  }

  #redact(text: string): string {
    let out = text;
    for (const needle of [this.#secret, formEncode(this.#secret), encodeURIComponent(this.#secret), this.#basic.slice(6)]) {
      if (needle) out = out.split(needle).join('[redacted]');
    }
    return out;
  }

  // A cause we keep must not smuggle the secret in its message (a JSON.parse error quotes the body),
  // nor further down its own cause chain (undici's 'fetch failed' keeps the detail in `cause`).
  #clean(error: unknown, depth = 0): unknown {
    if (typeof error === 'string') return this.#redact(error);
    if (!(error instanceof Error)) return error;
    const message = this.#redact(error.message);
    const cause = depth < 8 && error.cause !== undefined ? this.#clean(error.cause, depth + 1) : error.cause;
    if (message === error.message && cause === error.cause && (error.stack === undefined || this.#redact(error.stack) === error.stack)) {
      return error;
    }
    const copy = new Error(message, cause === undefined ? undefined : { cause });
    copy.name = error.name;
    if (error.stack !== undefined) copy.stack = this.#redact(error.stack);
    return copy;
  }

  #emit(event: TokenEvent): void {
    if (!this.#onEvent) return;
    try {
      this.#onEvent(event);
    } catch {
      // A logging hook must never break token fetching.
    }
  }
}

function hint(code: string): string {
  switch (code) {
    case 'invalid_client':
      return ' Check clientId and clientSecret.';
    case 'invalid_scope':
      return ' The app client is not allowed one of these scopes: allow it on the app client or request only the scopes it has.';
    case 'unauthorized_client':
      return ' Enable the client_credentials flow for this app client.';
    case 'too_many_requests':
      return ' The token endpoint is throttling: cache tokens and slow down.';
    default:
      return '';
  }
}

function checkTokenUrl(value: unknown): string {
  if (typeof value !== 'string') {
    throw new ConfigurationError('invalid_option', `tokenUrl must be a string URL, got ${describe(value)}.`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new ConfigurationError('invalid_option', `tokenUrl ${JSON.stringify(value)} is not an absolute URL: pass e.g. https://<domain>.auth.<region>.amazoncognito.com/oauth2/token.`, { cause: error });
  }
  if (url.username || url.password) {
    throw new ConfigurationError('invalid_option', `tokenUrl must not carry credentials (host ${JSON.stringify(url.host)}): pass clientId and clientSecret instead.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url))) {
    throw new ConfigurationError('insecure_token_url', `tokenUrl ${JSON.stringify(value)} is not https: the client secret would travel in clear. Use https (plain http is allowed only for localhost, 127.x.x.x and [::1]).`);
  }
  return url.href;
}

function checkNumber(name: string, value: unknown, fallback: number, min: number, max: number, integer = false): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new ConfigurationError('invalid_option', `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${describe(value)}.`);
  }
  return value;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value === 'number' ? String(value) : typeof value;
}

function normalizeScopes(scopes: readonly string[]): string[] {
  if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string' || s === '' || /\s/.test(s))) {
    throw new ConfigurationError('invalid_option', `scopes must be an array of scope strings without spaces, got ${JSON.stringify(scopes)}.`);
  }
  return [...new Set(scopes)].sort();
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function raceAbort<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = () =>
    new TokenRequestError('aborted', 'The wait for an access token was aborted by the caller.', { attempts: 0, retryable: false, cause: signal.reason });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
