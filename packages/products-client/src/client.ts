import createClient, {
  type Client,
  type ClientPathsWithMethod,
  type FetchResponse,
  type HeadersOptions,
  type MaybeOptionalInit,
  type Middleware,
} from 'openapi-fetch';
import { CallerAborted, createDeadline, DeadlineExceeded, parseRetryAfter, sleepUnless, systemCodeOf, type Deadline } from './deadline.ts';
import {
  ApiError,
  ConfigurationError,
  InvalidResponseError,
  NetworkError,
  ProductsClientError,
  RequestAbortedError,
  RequestTimeoutError,
  ScopeError,
  TokenRequestError,
} from './errors.ts';
import { allScopes, operations, type Scope } from './generated/operations.ts';
import type { components, paths } from './generated/openapi.ts';
import { paginate, type PaginatedPath, type PaginateInit, type Paginated } from './paginate.ts';
import {
  ClientCredentialsTokenProvider,
  type ClientCredentials,
  type Fetch,
  type TokenEvent,
  type TokenProviderOptions,
  type TokenProviderStats,
} from './token-provider.ts';

/** How the client picks the scopes of each request's token. */
export type ScopeStrategy = 'per-operation' | 'combined';

/** Bounds on retrying API requests (429, 502, 503, 504, network errors and timeouts; see the README for which methods). */
export interface ApiRetryOptions {
  /** Most requests per call, the first included (default 3, as the AWS SDKs); 1 turns retries off. */
  maxAttempts?: number;
  /** Backoff base: the delay before retry n is random in [0, min(maxDelayMs, baseDelayMs·2ⁿ⁻¹)] (full jitter; default 100). */
  baseDelayMs?: number;
  /** Cap of one jittered delay (default 20,000, as the AWS SDKs). */
  maxDelayMs?: number;
  /** Give up instead of waiting past this many ms since the call started (default 20,000); also bounds a `Retry-After`. */
  maxElapsedMs?: number;
}

/** Options every call accepts besides openapi-fetch's (`params`, `body`, `headers`, `signal`, ...). */
export interface CallOptions {
  /** Abort one request (until its whole body is received) after this many ms, instead of the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Retry bounds for this call instead of the client's; `false` sends it once. */
  retry?: ApiRetryOptions | false;
}

/** What the client did with an API request, for logging. Events never carry a token or a body. */
export type ApiEvent =
  | {
      type: 'api-retry';
      method: string;
      /** The operation's path template, e.g. `/products/{id}`. */
      path: string;
      /** The attempt that failed (1 for the first request). */
      attempt: number;
      delayMs: number;
      /** `http_<status>`, `network_error` or `timeout`. */
      code: string;
    }
  | { type: 'api-replay'; method: string; path: string }
  | { type: 'api-failure'; method: string; path: string; attempts: number; code: string };

/** Every event of a client: its API requests' and, when the client built its token provider, the provider's. */
export type ClientEvent = ApiEvent | TokenEvent;

/** Options of {@link createProductsClient}. */
export type ProductsClientOptions = ProductsClientBaseOptions &
  (
    | {
        /** The app client's credentials; the client builds its own token provider from them. */
        credentials: ClientCredentials;
        /** Give either `credentials` or `tokenProvider`. */
        tokenProvider?: never;
      }
    | {
        /** A token provider to use (and share with other clients) instead of `credentials`. */
        tokenProvider: ClientCredentialsTokenProvider;
        /** Give either `credentials` or `tokenProvider`. */
        credentials?: never;
      }
  );

/** The options of {@link createProductsClient} besides the credentials. */
export interface ProductsClientBaseOptions {
  /** The API's base URL with the stage, e.g. `https://abc123.execute-api.eu-west-1.amazonaws.com/dev`. */
  baseUrl: string;
  /** `'per-operation'` (default): one token per scope, least privilege. `'combined'`: one token with every scope in `scopes`, fewest token requests. */
  scopeStrategy?: ScopeStrategy;
  /** The scopes this app client is allowed (default: every scope of the API); operations needing none of them fail with a `ScopeError` before any request. */
  scopes?: readonly Scope[];
  /** The fetch for API and token requests (default `globalThis.fetch`); a given `tokenProvider` keeps its own for token requests. */
  fetch?: Fetch;
  /** Headers sent with every API request. */
  headers?: HeadersOptions;
  /** Throw an `ApiError` for every non-2xx answer instead of returning `{ error, response }` (default false); `data` is then typed as always present. */
  throwOnError?: boolean;
  /** Abort one API request (until its whole body is received) after this many ms: an integer up to 2³¹−1 (default 10,000). */
  timeoutMs?: number;
  /** Retry bounds for API requests (on by default); `false` turns retries off. */
  retry?: ApiRetryOptions | false;
  /** Called for each event (API retries, replays, failures; token events too when the client builds its provider); a throwing hook is ignored. */
  onEvent?: (event: ClientEvent) => void;
  /** The clock, in ms since the epoch (default `Date.now`), for the retry budget (and the token provider it builds). */
  now?: () => number;
  /** Waits between retries (default `setTimeout`); inject it to test backoff without waiting. */
  sleep?: (ms: number) => Promise<void>;
  /** Random number in [0, 1) for the backoff jitter (default `Math.random`). */
  random?: () => number;
  /** Token provider tuning (timeouts, retries, refresh ahead, event hook), only with `credentials`: a given `tokenProvider` is tuned where it is built. */
  token?: Omit<TokenProviderOptions, keyof ClientCredentials | 'fetch'>;
}

/** Counters since the client was created. */
export interface ProductsClientStats {
  /** Calls made through `GET`/`POST`/`PUT`/`DELETE` (`paginate` and `modify` make one per page or step). */
  calls: number;
  /** HTTP requests sent to the API: retries and replays included. */
  requests: number;
  /** Requests sent again after a retryable failure (429, 502, 503, 504, network error, timeout). */
  retries: number;
  /** Requests replayed with a new token after a 401. */
  replays: number;
  /** Calls that ended in a `NetworkError`, `RequestTimeoutError` or a retryable status after the last attempt. */
  failures: number;
  /** The token provider's counters (shared with other clients when the provider is). */
  tokens: TokenProviderStats;
}

// Same definition as openapi-typescript-helpers' (not a dependency of this package).
type RequiredKeysOf<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T] extends infer R
  ? R extends undefined
    ? never
    : R
  : never;
// openapi-fetch's InitParam, with this client's CallOptions typed (the index signature stays, as there).
type CallInit<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & CallOptions & { [key: string]: unknown })?] : [Init & CallOptions & { [key: string]: unknown }];
// The 2xx branch of openapi-fetch's result, built rather than `Extract`ed: TypeScript resolves an
// Extract over the still-generic result too early and keeps both branches.
type Only2xx<R extends { data?: unknown }, ThrowOnError extends boolean> = ThrowOnError extends true
  ? { data: Exclude<R['data'], undefined>; error?: never; response: Response }
  : R;
type HttpLower = 'get' | 'put' | 'post' | 'delete';

/** One method of the client: openapi-fetch's, with {@link CallOptions}, and only the 2xx result when `throwOnError: true`. */
export type ProductsClientMethod<M extends HttpLower, ThrowOnError extends boolean> = <
  Path extends ClientPathsWithMethod<Client<paths, 'application/json'>, M>,
  Init extends MaybeOptionalInit<paths[Path], M>,
>(
  url: Path,
  ...init: CallInit<Init>
) => Promise<Only2xx<FetchResponse<Extract<paths[Path][M], Record<string | number, any>>, Init, 'application/json'>, ThrowOnError>>;

/** Options of {@link ProductsClient.modify}. */
export interface ModifyOptions extends CallOptions {
  /** Most read-change-write rounds when the product changes in between (412), the first included (default 3). */
  maxAttempts?: number;
  /** Aborts the whole read-modify-write. */
  signal?: AbortSignal;
}

/** The typed client: `GET`/`POST`/`PUT`/`DELETE` over the API's paths (openapi-fetch's), paging, read-modify-write, counters and its token provider. */
export interface ProductsClient<ThrowOnError extends boolean = boolean> {
  /** Call a GET operation. */
  GET: ProductsClientMethod<'get', ThrowOnError>;
  /** Call a PUT operation. */
  PUT: ProductsClientMethod<'put', ThrowOnError>;
  /** Call a POST operation. */
  POST: ProductsClientMethod<'post', ThrowOnError>;
  /** Call a DELETE operation. */
  DELETE: ProductsClientMethod<'delete', ThrowOnError>;
  /** Adds openapi-fetch middleware; it runs before the client adds the token, retries and replays. */
  use(...middleware: Middleware[]): void;
  /** Removes middleware added by `use`. */
  eject(...middleware: Middleware[]): void;
  /**
   * Every item of a paged list operation (`GET /products`), page after page following
   * `nextCursor`; `.pages()` gives the pages. A failed page throws an `ApiError`.
   *
   * @example
   * ```ts
   * for await (const product of client.paginate('/products', { params: { query: { limit: 100 } } })) console.log(product.id);
   * ```
   */
  paginate<Path extends PaginatedPath>(path: Path, init?: PaginateInit<Path>): Paginated<Path>;
  /**
   * Reads a product, calls `change` with it, and writes the result with `If-Match` set to the
   * version read; when someone else changed it meanwhile (412), reads and changes it again, at
   * most `maxAttempts` rounds. Resolves to the updated product; throws an `ApiError` otherwise.
   * `change` returns the whole update (PUT replaces: a field left out is removed).
   *
   * @example
   * ```ts
   * const updated = await client.modify('android', (p) => ({ name: p.name, price: (p.price ?? 0) * 0.9 }));
   * ```
   */
  modify(
    id: string,
    change: (current: components['schemas']['Product']) => components['schemas']['ProductUpdate'] | Promise<components['schemas']['ProductUpdate']>,
    options?: ModifyOptions,
  ): Promise<components['schemas']['Product']>;
  /** A snapshot of the counters (API requests, retries, replays, failures, and the token provider's). */
  stats(): ProductsClientStats;
  /** The provider that gets and caches this client's tokens (for `clear()`, sharing). */
  readonly tokenProvider: ClientCredentialsTokenProvider;
}

const routes = new Map<string, readonly Scope[]>(Object.values(operations).map((op) => [`${op.method} ${op.path}`, op.scopes]));
// Methods whose repetition has the effect of one request (RFC 9110 §9.2.2): safe to retry after any transient failure.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
// Failures where the connection was never made: the request cannot have reached the API, so
// even a POST may be sent again.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const MAX_TIMER_MS = 2 ** 31 - 1;
const DEFAULT_RETRY: Required<ApiRetryOptions> = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 20_000, maxElapsedMs: 20_000 };

interface CallState {
  method: string;
  schemaPath: string;
  timeoutMs: number;
  retry: Required<ApiRetryOptions>;
  signal: AbortSignal | undefined;
  fetch: Fetch;
  started: number;
  attempts: number;
  url: string;
  /** The deadline of the first attempt: its signal is in the Request openapi-fetch builds, so that attempt needs no copy of it. */
  first: Deadline;
  /** The deadline of the answer handed to openapi-fetch: still running while openapi-fetch reads the body. */
  kept?: Deadline | undefined;
  /** Rejects when `kept` passes (or the caller aborts) while the body is read. */
  bodyFailed: Promise<never>;
  failBody: (reason: Error) => void;
  /** The answer handed to openapi-fetch, for an error about its body. */
  response?: Response | undefined;
}

/**
 * Creates the typed Products API client. Each request gets a bearer token for the scope its
 * operation needs (from the generated operation→scopes map), cached and shared; a 401 drops the
 * token and replays the request once with a new one; 429, 502, 503, 504, network errors and
 * timeouts are retried with backoff (POST only when it cannot have reached the API).
 *
 * @example
 * ```ts
 * const client = createProductsClient({
 *   baseUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev',
 *   credentials: { tokenUrl, clientId, clientSecret },
 * });
 * const { data, error } = await client.GET('/products/{id}', { params: { path: { id: 'android' } } });
 * ```
 */
export function createProductsClient(options: ProductsClientOptions & { throwOnError: true }): ProductsClient<true>;
export function createProductsClient(options: ProductsClientOptions): ProductsClient<false>;
export function createProductsClient(options: ProductsClientOptions): ProductsClient<boolean> {
  if (options === null || typeof options !== 'object') {
    throw new ConfigurationError('invalid_option', 'createProductsClient needs an options object with baseUrl and credentials.');
  }
  const { baseUrl, scopeStrategy = 'per-operation', throwOnError = false } = options;
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`protocol ${url.protocol}`);
  } catch (error) {
    throw new ConfigurationError('invalid_option', `baseUrl ${JSON.stringify(baseUrl)} is not an http(s) URL: pass the API's invoke URL with its stage, e.g. https://abc123.execute-api.eu-west-1.amazonaws.com/dev.`, { cause: error });
  }
  if (scopeStrategy !== 'per-operation' && scopeStrategy !== 'combined') {
    throw new ConfigurationError('invalid_option', `scopeStrategy must be "per-operation" or "combined", got ${JSON.stringify(scopeStrategy)}.`);
  }
  const allowed: readonly Scope[] = options.scopes ?? allScopes;
  if (!Array.isArray(allowed) || allowed.length === 0 || allowed.some((s) => !(allScopes as readonly string[]).includes(s))) {
    throw new ConfigurationError('invalid_option', `scopes must be a non-empty list of the API's scopes (${allScopes.join(', ')}), got ${JSON.stringify(options.scopes)}.`);
  }
  const timeoutMs = checkTimeout('timeoutMs', options.timeoutMs, 10_000);
  const retry = checkRetry('retry', options.retry, DEFAULT_RETRY);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const onEvent = options.onEvent;
  const emit = (event: ClientEvent) => {
    if (!onEvent) return;
    try {
      onEvent(event);
    } catch {
      // A logging hook must never break a call.
    }
  };
  const fetch: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));
  let provider: ClientCredentialsTokenProvider;
  if (options.tokenProvider) {
    if (!(options.tokenProvider instanceof ClientCredentialsTokenProvider)) {
      throw new ConfigurationError('invalid_option', 'tokenProvider must be a ClientCredentialsTokenProvider.');
    }
    if (options.token !== undefined) {
      // Silently ignoring them would leave e.g. a test's injected clock or a tighter timeout unused.
      throw new ConfigurationError('invalid_option', 'token options apply only with credentials: pass them to the ClientCredentialsTokenProvider given as tokenProvider instead.');
    }
    provider = options.tokenProvider;
  } else {
    if (!options.credentials || typeof options.credentials !== 'object') {
      throw new ConfigurationError('invalid_option', 'createProductsClient needs credentials ({ tokenUrl, clientId, clientSecret }) or a tokenProvider.');
    }
    const { tokenUrl, clientId, clientSecret, authMethod } = options.credentials;
    const tokenHook = options.token?.onEvent;
    provider = new ClientCredentialsTokenProvider({
      ...(options.now ? { now: options.now } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
      ...options.token,
      ...(onEvent || tokenHook
        ? {
            onEvent: (event: TokenEvent) => {
              tokenHook?.(event);
              emit(event);
            },
          }
        : {}),
      tokenUrl,
      clientId,
      clientSecret,
      ...(authMethod === undefined ? {} : { authMethod }),
      fetch,
    });
  }

  const counters = { calls: 0, requests: 0, retries: 0, replays: 0, failures: 0 };

  const scopesFor = (method: string, schemaPath: string): readonly Scope[] => {
    const needed = routes.get(`${method} ${schemaPath}`);
    if (!needed) {
      throw new ScopeError('unknown_operation', `${method} ${schemaPath} is not an operation of the Products API: use one of ${[...routes.keys()].join(', ')}.`);
    }
    const usable = needed.filter((s) => allowed.includes(s));
    if (usable.length === 0) {
      throw new ScopeError('scope_not_requested', `${method} ${schemaPath} needs one of the scopes ${needed.join(', ')}, and this client has only ${allowed.join(', ')}: add the scope to the app client and to the client's scopes option.`);
    }
    // Any one of an operation's scopes authorizes it (API Gateway ORs them): least privilege asks for one.
    return scopeStrategy === 'combined' ? allowed : [usable[0] as Scope];
  };

  const tokenFor = async (scopes: readonly Scope[], call: CallState): Promise<string> => {
    try {
      return await provider.getToken(scopes, call.signal ? { signal: call.signal } : {});
    } catch (error) {
      // One class for every abort of a call, wherever it happened.
      if (error instanceof TokenRequestError && error.code === 'aborted') throw aborted(call, call.signal?.reason, ' while waiting for an access token');
      if (error instanceof TokenRequestError && error.code === 'invalid_scope' && scopeStrategy === 'combined' && options.scopes === undefined) {
        // The usual cause: a read-only app client with 'combined' asks for every scope of the API.
        throw new TokenRequestError(
          error.code,
          `${error.message} With scopeStrategy 'combined' and no scopes option, the client asks for every scope of the API (${allScopes.join(', ')}): pass the scopes option with only the scopes this app client is allowed, e.g. scopes: ['${operations.getProduct.scopes[0]}'].`,
          { ...(error.status === undefined ? {} : { status: error.status }), ...(error.requestId === undefined ? {} : { requestId: error.requestId }), attempts: error.attempts, retryable: error.retryable, cause: error.cause },
        );
      }
      throw error;
    }
  };

  // One request of a call, retried as the method allows. Resolves to the last answer (a
  // retryable status included, once the budget is spent) with its deadline still running (the
  // body is yet to be read); throws for a failure without an answer.
  const sendWithRetries = async (
    call: CallState,
    request: Request,
    body: ArrayBuffer | undefined,
    token: string,
  ): Promise<{ response: Response; deadline: Deadline }> => {
    request.headers.set('Authorization', `Bearer ${token}`);
    const idempotent = IDEMPOTENT.has(call.method);
    for (let attempt = 1; ; attempt++) {
      call.attempts++;
      counters.requests++;
      // The first attempt of a call without a body sends openapi-fetch's Request as it is (its
      // signal is this deadline's): an AbortController and a Request less on the common path.
      const reuse = call.attempts === 1 && body === undefined;
      const deadline = reuse ? call.first : createDeadline(call.signal);
      deadline.arm(call.timeoutMs);
      let failure: { code: 'timeout' | 'network_error'; error: unknown; systemCode?: string | undefined } | undefined;
      let response: Response | undefined;
      try {
        const sent = reuse ? request : new Request(request, body === undefined ? { signal: deadline.signal } : { signal: deadline.signal, body });
        response = await deadline.race(call.fetch(sent));
      } catch (error) {
        deadline.clear();
        if (error instanceof CallerAborted || (call.signal?.aborted && !(error instanceof DeadlineExceeded))) throw aborted(call, call.signal?.reason ?? (error as CallerAborted).reason, '');
        failure = deadline.signal.aborted ? { code: 'timeout', error } : { code: 'network_error', error, systemCode: systemCodeOf(error) };
      }
      const retryable = response
        ? RETRYABLE_STATUS.has(response.status) && (idempotent || response.status === 429) // the gateway's throttle: the API never saw it
        : idempotent || (failure?.systemCode !== undefined && NOT_CONNECTED.has(failure.systemCode));
      let delayMs = 0;
      let giveUp = !retryable || attempt >= call.retry.maxAttempts;
      if (!giveUp) {
        const cap = Math.min(call.retry.maxDelayMs, call.retry.baseDelayMs * 2 ** (attempt - 1));
        const retryAfter = response ? parseRetryAfter(response.headers.get('retry-after'), now()) : undefined;
        delayMs = Math.round(retryAfter ?? random() * cap);
        giveUp = now() - call.started + delayMs > call.retry.maxElapsedMs;
      }
      if (giveUp) {
        if (response && !retryable) return { response, deadline };
        const code = response ? `http_${response.status}` : (failure?.code ?? 'network_error');
        counters.failures++;
        emit({ type: 'api-failure', method: call.method, path: call.schemaPath, attempts: call.attempts, code });
        if (response) return { response, deadline };
        throw toError(call, failure);
      }
      if (response) {
        deadline.clear();
        // Not awaited: under MSW the answer is a tee whose other branch stays unread, and
        // cancel() would wait for it.
        void response.body?.cancel().catch(() => undefined);
      }
      const code = response ? `http_${response.status}` : (failure?.code ?? 'network_error');
      counters.retries++;
      emit({ type: 'api-retry', method: call.method, path: call.schemaPath, attempt, delayMs, code });
      try {
        await sleepUnless(sleep, delayMs, call.signal);
      } catch (error) {
        throw aborted(call, error instanceof CallerAborted ? error.reason : error, ' while waiting to retry');
      }
    }
  };

  const aborted = (call: CallState, cause: unknown, while_: string) =>
    new RequestAbortedError(`${call.method} ${call.url} was aborted by the caller${while_} (${call.attempts} attempt${call.attempts === 1 ? '' : 's'} sent).`, {
      method: call.method,
      url: call.url,
      attempts: call.attempts,
      cause,
    });

  const toError = (call: CallState, failure: { code: 'timeout' | 'network_error'; error: unknown; systemCode?: string | undefined } | undefined) => {
    const tries = `${call.attempts} attempt${call.attempts === 1 ? '' : 's'}`;
    if (failure?.code === 'timeout') {
      return new RequestTimeoutError(`${call.method} ${call.url} did not answer within ${call.timeoutMs} ms (${tries}): raise timeoutMs, or check the API's health.`, {
        method: call.method,
        url: call.url,
        attempts: call.attempts,
        timeoutMs: call.timeoutMs,
      });
    }
    const reason = failure?.error instanceof Error ? failure.error.message : String(failure?.error);
    const system = failure?.systemCode;
    return new NetworkError(
      `${call.method} ${call.url} could not be reached (${system ? `${system}, ` : ''}${reason}; ${tries}): check baseUrl and the network.`,
      { method: call.method, url: call.url, attempts: call.attempts, systemCode: system, cause: failure?.error },
    );
  };

  // The fetch openapi-fetch calls for one call: token, retries, the 401 replay.
  const callFetch = (call: CallState, scopes: readonly Scope[]) => async (request: Request): Promise<Response> => {
    call.url = stripQuery(request.url);
    // Read once: every attempt and the replay send the same bytes (a body stream is read only once).
    const body = request.body ? await request.arrayBuffer() : undefined;
    const token = await tokenFor(scopes, call);
    let sent = await sendWithRetries(call, request, body, token);
    if (sent.response.status === 401) {
      // The token was refused (expired early, keys rotated, revoked): drop it, get another, replay once.
      sent.deadline.clear();
      void sent.response.body?.cancel().catch(() => undefined);
      provider.invalidate(scopes, token);
      counters.replays++;
      emit({ type: 'api-replay', method: call.method, path: call.schemaPath });
      sent = await sendWithRetries(call, request, body, await tokenFor(scopes, call));
    }
    // openapi-fetch reads the body after this returns: the attempt's deadline keeps running for it.
    call.kept = sent.deadline;
    sent.deadline.onFail(call.failBody);
    call.response = sent.response;
    return sent.response;
  };

  const base = createClient<paths, 'application/json'>({
    baseUrl,
    fetch,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });

  // One call: openapi-fetch builds the request and parses the answer; callFetch does the rest.
  const exec = async (method: string, schemaPath: string, init: Record<string, unknown> | undefined) => {
    const { timeoutMs: callTimeout, retry: callRetry, signal, fetch: ownFetch, ...rest } = init ?? {};
    const scopes = scopesFor(method, schemaPath);
    counters.calls++;
    const callerSignal = (signal as AbortSignal | null | undefined) ?? undefined;
    let failBody: (reason: Error) => void = () => {};
    const bodyFailed = new Promise<never>((_, reject) => {
      failBody = reject;
    });
    bodyFailed.catch(() => {});
    const call: CallState = {
      method,
      schemaPath,
      timeoutMs: checkTimeout('timeoutMs', callTimeout, timeoutMs),
      retry: checkRetry('retry', callRetry, retry),
      signal: callerSignal,
      fetch: (ownFetch as Fetch | undefined) ?? fetch,
      started: now(),
      attempts: 0,
      url: `${baseUrl}${schemaPath}`,
      first: createDeadline(callerSignal),
      bodyFailed,
      failBody,
    };
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      const pending = base.request(method.toLowerCase() as 'get', schemaPath as '/products', {
        ...rest,
        // The first attempt's deadline; it starts when the request is sent, not while a token is fetched.
        signal: call.first.signal,
        fetch: callFetch(call, scopes),
      } as never) as Promise<typeof result>;
      result = await Promise.race([pending, bodyFailed]);
    } catch (error) {
      const reason = error instanceof DeadlineExceeded || error instanceof CallerAborted ? error : undefined;
      if (reason instanceof CallerAborted || (call.kept && callerSignal?.aborted)) throw aborted(call, callerSignal?.reason, ' while the answer was read');
      if (reason || call.kept?.signal.aborted) {
        throw new RequestTimeoutError(`${call.method} ${call.url} did not send its whole answer within ${call.timeoutMs} ms (${call.attempts} attempt${call.attempts === 1 ? '' : 's'}): raise timeoutMs, or check the API's health.`, {
          method: call.method,
          url: call.url,
          attempts: call.attempts,
          timeoutMs: call.timeoutMs,
        });
      }
      // openapi-fetch parses a 2xx body as JSON and lets the SyntaxError through: one error model.
      if (error instanceof SyntaxError && !(error instanceof ProductsClientError) && call.response?.ok) {
        const { status, headers } = call.response;
        throw new InvalidResponseError(`${call.method} ${call.url} answered ${status} with a body that is not JSON (content-type ${JSON.stringify(headers.get('content-type'))}): is baseUrl the API's invoke URL with its stage?`, {
          method: call.method,
          url: call.url,
          attempts: call.attempts,
          status,
          requestId: headers.get('x-amzn-requestid') ?? undefined,
          cause: error,
        });
      }
      throw error;
    } finally {
      call.kept?.clear();
      call.first.clear();
    }
    return { ...result, call };
  };
  const request = async (method: string, schemaPath: string, init: Record<string, unknown> | undefined) => {
    const { call, ...result } = await exec(method, schemaPath, init);
    if (throwOnError && !result.response.ok) throw apiError(call, result.response, result.error);
    return result;
  };

  const method = (name: string) => (path: string, init?: Record<string, unknown>) => request(name, path, init);
  const client = {
    GET: method('GET'),
    PUT: method('PUT'),
    POST: method('POST'),
    DELETE: method('DELETE'),
    use: (...middleware: Middleware[]) => base.use(...middleware),
    eject: (...middleware: Middleware[]) => base.eject(...middleware),
    paginate: (path: PaginatedPath, init?: PaginateInit<PaginatedPath>) =>
      paginate(path, init, async (query, callInit) => {
        const { data, error, response, call } = await exec('GET', path, { ...callInit, params: { query } });
        if (!response.ok || data === undefined) throw apiError(call, response, error);
        return data as components['schemas']['ProductPage'];
      }),
    modify: (id: string, change: (p: components['schemas']['Product']) => components['schemas']['ProductUpdate'] | Promise<components['schemas']['ProductUpdate']>, modifyOptions: ModifyOptions = {}) =>
      modify(id, change, modifyOptions),
    stats: (): ProductsClientStats => ({ ...counters, tokens: provider.stats() }),
    tokenProvider: provider,
  };

  const apiError = (call: CallState, response: Response, error: unknown) => new ApiError(response.status, errorBody(response, error), {
      method: call.method,
      url: call.url,
      attempts: call.attempts,
      requestId: response.headers.get('x-amzn-requestid') ?? undefined,
    });

  const modify = async (
    id: string,
    change: (p: components['schemas']['Product']) => components['schemas']['ProductUpdate'] | Promise<components['schemas']['ProductUpdate']>,
    modifyOptions: ModifyOptions,
  ): Promise<components['schemas']['Product']> => {
    const { maxAttempts = 3, ...callOptions } = modifyOptions;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 100) {
      throw new ConfigurationError('invalid_option', `modify's maxAttempts must be an integer from 1 to 100, got ${String(maxAttempts)}.`);
    }
    const path = { path: { id } };
    for (let round = 1; ; round++) {
      const read = await exec('GET', '/products/{id}', { ...callOptions, params: path });
      if (!read.response.ok || read.data === undefined) throw apiError(read.call, read.response, read.error);
      const etag = read.response.headers.get('etag');
      if (!etag) {
        throw new ApiError(read.response.status, { message: 'the answer has no ETag header to send as If-Match' }, { method: 'GET', url: read.call.url, attempts: read.call.attempts });
      }
      const update = await change(read.data as components['schemas']['Product']);
      const written = await exec('PUT', '/products/{id}', { ...callOptions, params: { ...path, header: { 'If-Match': etag } }, body: update });
      if (written.response.ok && written.data !== undefined) return written.data as components['schemas']['Product'];
      // 412: someone else wrote between our read and write; read again, unless the rounds are spent.
      if (written.response.status !== 412 || round >= maxAttempts) throw apiError(written.call, written.response, written.error);
    }
  };

  return client as unknown as ProductsClient<boolean>;
}

function errorBody(response: Response, parsed: unknown): components['schemas']['Error'] {
  if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
    return parsed as components['schemas']['Error'];
  }
  const text = typeof parsed === 'string' ? parsed : '';
  return { message: text.slice(0, 200) || response.statusText || `HTTP ${response.status}` };
}

function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? url : url.slice(0, i);
}

function checkTimeout(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_TIMER_MS) {
    throw new ConfigurationError('invalid_option', `${name} must be an integer number of ms from 1 to ${MAX_TIMER_MS}, got ${describe(value)}.`);
  }
  return value;
}

function checkRetry(name: string, value: unknown, fallback: Required<ApiRetryOptions>): Required<ApiRetryOptions> {
  if (value === undefined) return fallback;
  if (value === false) return { ...fallback, maxAttempts: 1 };
  if (value === null || typeof value !== 'object') {
    throw new ConfigurationError('invalid_option', `${name} must be an object ({ maxAttempts, baseDelayMs, maxDelayMs, maxElapsedMs }) or false, got ${describe(value)}.`);
  }
  const given = value as ApiRetryOptions;
  const number = (key: keyof ApiRetryOptions, min: number, max: number, integer: boolean) => {
    const v = given[key];
    if (v === undefined) return fallback[key];
    if (typeof v !== 'number' || Number.isNaN(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      throw new ConfigurationError('invalid_option', `${name}.${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${describe(v)}.`);
    }
    return v;
  };
  return {
    maxAttempts: number('maxAttempts', 1, 100, true),
    baseDelayMs: number('baseDelayMs', 0, MAX_TIMER_MS, false),
    maxDelayMs: number('maxDelayMs', 0, MAX_TIMER_MS, false),
    maxElapsedMs: number('maxElapsedMs', 0, Infinity, false),
  };
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : value === null ? 'null' : typeof value === 'number' ? String(value) : typeof value;
}
