import type { components } from './generated/openapi.ts';

/** The service's error codes (from the spec's `Error` schema), or `http_<status>` for answers without one (the gateway's). */
export type ApiErrorCode = NonNullable<components['schemas']['Error']['code']> | `http_${number}`;

/**
 * The base of every error this package throws. `code` is stable and machine-readable; `message`
 * is for humans and may change. `name` is set by each class as a literal (a minifier renames
 * classes, so it is never taken from the constructor). Nothing here ever carries a client secret
 * or an access token.
 *
 * @example
 * ```ts
 * try { await provider.getToken(['product-api/read_product']); }
 * catch (e) { if (e instanceof ProductsClientError) console.error(e.name, e.code); }
 * ```
 */
export class ProductsClientError extends Error {
  override name: string = 'ProductsClientError';
  /** A stable, machine-readable code: match on it, not on the message. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * An option passed to `createProductsClient` or `ClientCredentialsTokenProvider` is unusable:
 * `invalid_option` or `insecure_token_url` (a non-HTTPS token URL that is not loopback).
 */
export class ConfigurationError extends ProductsClientError {
  override name = 'ConfigurationError' as const;
  declare readonly code: 'invalid_option' | 'insecure_token_url';

  constructor(code: 'invalid_option' | 'insecure_token_url', message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/**
 * Getting an access token failed. `code` is the OAuth2 `error` when the token endpoint sent one
 * (`invalid_client`, `invalid_scope`, `unauthorized_client`, ...), otherwise one of
 * `too_many_requests`, `http_<status>`, `network_error`, `timeout`, `aborted`,
 * `invalid_token_response`. `cause` is the original: the fetch, timeout or JSON error, or the
 * endpoint's OAuth2 error body (`{ error, error_description }`), scrubbed of the client secret.
 */
export class TokenRequestError extends ProductsClientError {
  override name = 'TokenRequestError' as const;
  /** The token endpoint's HTTP status, when it answered. */
  readonly status: number | undefined;
  /** How many requests were sent to the token endpoint for this failure (retries included). */
  readonly attempts: number;
  /** Whether this kind of failure is worth retrying later (429, 5xx, network, timeout). */
  readonly retryable: boolean;
  /** The token endpoint's `x-amzn-RequestId` header, when it answered with one (Cognito does). */
  readonly requestId: string | undefined;

  constructor(
    code: string,
    message: string,
    details: { status?: number; attempts: number; retryable: boolean; requestId?: string; cause?: unknown },
  ) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.attempts = details.attempts;
    this.retryable = details.retryable;
    this.requestId = details.requestId;
  }
}

/**
 * The client cannot pick scopes for a request: `unknown_operation` (no operation of the API has
 * this method and path) or `scope_not_requested` (none of the operation's scopes is among the
 * client's `scopes`).
 */
export class ScopeError extends ProductsClientError {
  override name = 'ScopeError' as const;
  declare readonly code: 'unknown_operation' | 'scope_not_requested';

  constructor(code: 'unknown_operation' | 'scope_not_requested', message: string) {
    super(code, message);
  }
}

/** What every failure of an API request knows about the request. */
interface RequestDetails {
  /** The method, e.g. `GET`. */
  method: string;
  /** The URL without its query string (a cursor can be long, and queries may carry data). */
  url: string;
  /** Requests sent for this call: retries and the replay after a 401 included. */
  attempts: number;
}

/**
 * The API answered with an error status. Thrown for every non-2xx answer when the client was
 * created with `throwOnError: true`, and always by `paginate` and `modify`; otherwise the
 * `{ error, response }` result carries the same information.
 */
export class ApiError extends ProductsClientError {
  override name = 'ApiError' as const;
  declare readonly code: ApiErrorCode;
  /** The HTTP status of the API's answer. */
  readonly status: number;
  /** The error body (`message`, and `code` + `requestId` when the service answered). */
  readonly body: components['schemas']['Error'];
  /** API Gateway's request id (`x-amzn-RequestId` header, else the body's `requestId`): quote it when you report a problem. */
  readonly requestId: string | undefined;
  /** Requests sent for this call: retries and the replay after a 401 included. */
  readonly attempts: number;
  /** The request's method. */
  readonly method: string;
  /** The request's URL without its query string. */
  readonly url: string;

  constructor(status: number, body: components['schemas']['Error'], details: RequestDetails & { requestId?: string | undefined }) {
    const requestId = details.requestId ?? body.requestId;
    super(
      body.code ?? `http_${status}`,
      `${details.method} ${details.url} answered ${status}: ${body.message}${requestId ? ` (requestId ${requestId})` : ''}${details.attempts > 1 ? ` after ${details.attempts} attempts` : ''}`,
    );
    this.status = status;
    this.body = body;
    this.requestId = requestId;
    this.attempts = details.attempts;
    this.method = details.method;
    this.url = details.url;
  }
}

/**
 * The API could not be reached (DNS, connection refused or reset, TLS, a dropped connection) on
 * every attempt. `systemCode` is the operating system's code when there is one (`ECONNREFUSED`,
 * `ENOTFOUND`, ...); `cause` is the original error of the last attempt.
 */
export class NetworkError extends ProductsClientError {
  override name = 'NetworkError' as const;
  declare readonly code: 'network_error';
  /** The system error's code found in the cause chain (`ECONNREFUSED`, `ECONNRESET`, `ENOTFOUND`, ...), if any. */
  readonly systemCode: string | undefined;
  /** Requests sent for this call, retries included. */
  readonly attempts: number;
  /** The request's method. */
  readonly method: string;
  /** The request's URL without its query string. */
  readonly url: string;

  constructor(message: string, details: RequestDetails & { systemCode: string | undefined; cause: unknown }) {
    super('network_error', message, { cause: details.cause });
    this.systemCode = details.systemCode;
    this.attempts = details.attempts;
    this.method = details.method;
    this.url = details.url;
  }
}

/** The API did not answer (headers and body) within `timeoutMs` on the last attempt; earlier timeouts were retried when the method allows it. */
export class RequestTimeoutError extends ProductsClientError {
  override name = 'RequestTimeoutError' as const;
  declare readonly code: 'timeout';
  /** The per-attempt timeout that passed. */
  readonly timeoutMs: number;
  /** Requests sent for this call, retries included. */
  readonly attempts: number;
  /** The request's method. */
  readonly method: string;
  /** The request's URL without its query string. */
  readonly url: string;

  constructor(message: string, details: RequestDetails & { timeoutMs: number }) {
    super('timeout', message);
    this.timeoutMs = details.timeoutMs;
    this.attempts = details.attempts;
    this.method = details.method;
    this.url = details.url;
  }
}

/** A 2xx answer whose body is not what its content type says (JSON that does not parse); `cause` is the parser's error. */
export class InvalidResponseError extends ProductsClientError {
  override name = 'InvalidResponseError' as const;
  declare readonly code: 'invalid_response';
  /** The HTTP status of the answer. */
  readonly status: number;
  /** API Gateway's request id (`x-amzn-RequestId` header), if any. */
  readonly requestId: string | undefined;
  /** Requests sent for this call, retries included. */
  readonly attempts: number;
  /** The request's method. */
  readonly method: string;
  /** The request's URL without its query string. */
  readonly url: string;

  constructor(message: string, details: RequestDetails & { status: number; requestId: string | undefined; cause: unknown }) {
    super('invalid_response', message, { cause: details.cause });
    this.status = details.status;
    this.requestId = details.requestId;
    this.attempts = details.attempts;
    this.method = details.method;
    this.url = details.url;
  }
}

/** The caller's `signal` aborted the call; `cause` is the signal's reason. */
export class RequestAbortedError extends ProductsClientError {
  override name = 'RequestAbortedError' as const;
  declare readonly code: 'aborted';
  /** Requests sent for this call before the abort. */
  readonly attempts: number;
  /** The request's method. */
  readonly method: string;
  /** The request's URL without its query string. */
  readonly url: string;

  constructor(message: string, details: RequestDetails & { cause: unknown }) {
    super('aborted', message, { cause: details.cause });
    this.attempts = details.attempts;
    this.method = details.method;
    this.url = details.url;
  }
}

/**
 * Every error the client throws, as a union: `switch (error.name)` (or `error.code` where it is
 * unique) narrows it to one class with its own fields.
 *
 * @example
 * ```ts
 * function describe(error: AnyProductsClientError): string {
 *   switch (error.name) {
 *     case 'ApiError': return `${error.status} ${error.requestId ?? ''}`;
 *     case 'NetworkError': return error.systemCode ?? 'network';
 *     default: return error.code;
 *   }
 * }
 * ```
 */
export type AnyProductsClientError =
  | ConfigurationError
  | TokenRequestError
  | ScopeError
  | ApiError
  | NetworkError
  | RequestTimeoutError
  | RequestAbortedError
  | InvalidResponseError;

/**
 * Whether `error` is one the client threw, narrowed to the union of its classes.
 *
 * @example
 * ```ts
 * catch (error) { if (isProductsClientError(error) && error.name === 'ApiError') console.log(error.status); }
 * ```
 */
export function isProductsClientError(error: unknown): error is AnyProductsClientError {
  return error instanceof ProductsClientError;
}
