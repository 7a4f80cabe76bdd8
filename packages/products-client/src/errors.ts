import type { components } from './generated/openapi.ts';

/**
 * The base of every error this package throws. `code` is stable and machine-readable; `message`
 * is for humans and may change. Nothing here ever carries a client secret or an access token.
 *
 * @example
 * ```ts
 * try { await provider.getToken(['product-api/read_product']); }
 * catch (e) { if (e instanceof ProductsClientError) console.error(e.code); }
 * ```
 */
export class ProductsClientError extends Error {
  /** A stable, machine-readable code: match on it, not on the message. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = this.constructor.name;
    this.code = code;
  }
}

/**
 * An option passed to `createProductsClient` or `ClientCredentialsTokenProvider` is unusable:
 * `invalid_option` or `insecure_token_url` (a non-HTTPS token URL that is not loopback).
 */
export class ConfigurationError extends ProductsClientError {}

/**
 * Getting an access token failed. `code` is the OAuth2 `error` when the token endpoint sent one
 * (`invalid_client`, `invalid_scope`, `unauthorized_client`, ...), otherwise one of
 * `http_<status>`, `network_error`, `timeout`, `aborted`, `invalid_token_response`. `cause` is the
 * original: the fetch, timeout or JSON error, or the endpoint's OAuth2 error body
 * (`{ error, error_description }`), scrubbed of the client secret.
 */
export class TokenRequestError extends ProductsClientError {
  /** The token endpoint's HTTP status, when it answered. */
  readonly status: number | undefined;
  /** How many requests were sent to the token endpoint for this failure (retries included). */
  readonly attempts: number;
  /** Whether this kind of failure is worth retrying later (429, 5xx, network, timeout). */
  readonly retryable: boolean;

  constructor(
    code: string,
    message: string,
    details: { status?: number; attempts: number; retryable: boolean; cause?: unknown },
  ) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.attempts = details.attempts;
    this.retryable = details.retryable;
  }
}

/**
 * The client cannot pick scopes for a request: `unknown_operation` (no operation of the API has
 * this method and path) or `scope_not_requested` (none of the operation's scopes is among the
 * client's `scopes`).
 */
export class ScopeError extends ProductsClientError {}

/**
 * The API answered with an error status. Thrown only when the client was created with
 * `throwOnError: true`; otherwise the `{ error, response }` result carries the same information.
 */
export class ApiError extends ProductsClientError {
  /** The HTTP status of the API's answer. */
  readonly status: number;
  /** The error body (`message`, and `code` + `requestId` when the service answered). */
  readonly body: components['schemas']['Error'];

  constructor(status: number, body: components['schemas']['Error'], method: string, url: string) {
    super(
      body.code ?? `http_${status}`,
      `${method} ${url} answered ${status}: ${body.message}${body.requestId ? ` (requestId ${body.requestId})` : ''}`,
    );
    this.status = status;
    this.body = body;
  }
}
