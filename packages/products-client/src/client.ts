import createClient, { type Client, type HeadersOptions, type Middleware } from 'openapi-fetch';
import { ApiError, ConfigurationError, ScopeError } from './errors.ts';
import { allScopes, operations, type Scope } from './generated/operations.ts';
import type { components, paths } from './generated/openapi.ts';
import {
  ClientCredentialsTokenProvider,
  type ClientCredentials,
  type Fetch,
  type TokenProviderOptions,
} from './token-provider.ts';

/** How the client picks the scopes of each request's token. */
export type ScopeStrategy = 'per-operation' | 'combined';

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
  /** Throw an `ApiError` for every non-2xx answer instead of returning `{ error, response }` (default false). */
  throwOnError?: boolean;
  /** Token provider tuning (clock, timeouts, retries, refresh ahead, event hook), only with `credentials`: a given `tokenProvider` is tuned where it is built. */
  token?: Omit<TokenProviderOptions, keyof ClientCredentials | 'fetch'>;
}

/** The typed client: openapi-fetch's `GET`/`POST`/`PUT`/`DELETE` over the API's paths, plus its token provider. */
export type ProductsClient = Client<paths, 'application/json'> & {
  /** The provider that gets and caches this client's tokens (for `stats()`, `clear()`, sharing). */
  readonly tokenProvider: ClientCredentialsTokenProvider;
};

interface Sent {
  scopes: readonly Scope[];
  token: string;
  replay: Request | undefined;
}

const routes = new Map<string, readonly Scope[]>(
  Object.values(operations).map((op) => [`${op.method} ${op.path}`, op.scopes]),
);

/**
 * Creates the typed Products API client. Each request gets a bearer token for the scope its
 * operation needs (from the generated operation→scopes map), cached and shared; a 401 drops the
 * token and replays the request once with a new one.
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
export function createProductsClient(options: ProductsClientOptions): ProductsClient {
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
    provider = new ClientCredentialsTokenProvider({
      ...options.token,
      tokenUrl,
      clientId,
      clientSecret,
      ...(authMethod === undefined ? {} : { authMethod }),
      fetch,
    });
  }

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

  // Keyed by openapi-fetch's per-call options object, not by the Request: a middleware added
  // later may replace the Request, and the 401 replay must still find what was sent.
  const sent = new WeakMap<object, Sent>();
  const auth: Middleware = {
    async onRequest({ request, schemaPath, options }) {
      const scopes = scopesFor(request.method, schemaPath);
      const token = await provider.getToken(scopes, { signal: request.signal });
      // A replay after a 401 must send the same body, and a body stream can be read only once.
      const replay = request.body ? request.clone() : undefined;
      request.headers.set('Authorization', `Bearer ${token}`);
      sent.set(options, { scopes, token, replay });
      return undefined;
    },
    async onResponse({ request, response, options }) {
      let final = response;
      const state = sent.get(options);
      if (state && response.status === 401) {
        // The token was refused (expired early, keys rotated, revoked): drop it, get another, replay once.
        provider.invalidate(state.scopes, state.token);
        const token = await provider.getToken(state.scopes, { signal: request.signal });
        const headers = new Headers(request.headers);
        headers.set('Authorization', `Bearer ${token}`);
        // Not awaited: under MSW the response is a tee whose other branch MSW keeps unread, so
        // awaiting cancel() would wait forever; the replay must not depend on it.
        void response.body?.cancel().catch(() => undefined);
        final = await options.fetch(new Request(state.replay ?? request, { headers }));
      }
      if (throwOnError && !final.ok) {
        throw new ApiError(final.status, await errorBody(final), request.method, stripQuery(request.url));
      }
      return final === response ? undefined : final;
    },
  };

  const client = createClient<paths, 'application/json'>({
    baseUrl,
    fetch,
    ...(options.headers === undefined ? {} : { headers: options.headers }),
  });
  client.use(auth);
  return Object.assign(client, { tokenProvider: provider });
}

async function errorBody(response: Response): Promise<components['schemas']['Error']> {
  const text = await response.clone().text();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
      return parsed as components['schemas']['Error'];
    }
  } catch {
    // Not JSON: fall through and keep the text as the message.
  }
  return { message: text.slice(0, 200) || response.statusText || `HTTP ${response.status}` };
}

function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? url : url.slice(0, i);
}
