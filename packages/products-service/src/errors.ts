import type { components } from './generated/openapi.ts';

/** The `code` values the contract allows in an error body (`Error.code` in openapi.yaml). */
export type ErrorBodyCode = NonNullable<components['schemas']['Error']['code']>;

/** Every code of this package's errors: the contract's body codes plus the few that never reach a body as a code. */
export type ServiceErrorCode = ErrorBodyCode | 'config_error' | 'dynamodb_error';

/** Options shared by every service error. */
export interface ServiceErrorOptions {
  /** The error that caused this one (kept for the log, never sent to the caller). */
  cause?: unknown;
}

/**
 * The root of the package's errors. `status` is the HTTP status the handler answers with; `bodyCode` the
 * contract's `Error.code` that goes into the body (absent where the contract has none, e.g. 401).
 * @example if (err instanceof ServiceError) console.log(err.code, err.status);
 */
export abstract class ServiceError extends Error {
  // Explicit, not `this.constructor.name`: a minifier renames classes, and the log must say which error it was.
  override name = 'ServiceError';
  /** The stable machine-readable code (in the log; in the body too when it is a contract code). */
  abstract readonly code: ServiceErrorCode;
  /** The HTTP status the handler answers with. */
  abstract readonly status: number;
  /** What the caller sees; defaults to `message`. Internal errors override it so nothing internal leaks. */
  get publicMessage(): string {
    return this.message;
  }
  /** The `code` of the error body, from the contract's `Error.code` enum; undefined where the body has none. */
  get bodyCode(): ErrorBodyCode | undefined {
    return undefined;
  }
  constructor(message: string, options: ServiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** An error whose `code` is one of the contract's `Error.code` values, and so goes into the body as is. */
export abstract class ContractError extends ServiceError {
  override name = 'ContractError';
  abstract override readonly code: ErrorBodyCode;
  override get bodyCode(): ErrorBodyCode {
    return this.code;
  }
}

/** A request that does not match the contract's schemas (path, query, header or body). */
export class ValidationError extends ContractError {
  override name = 'ValidationError';
  readonly code = 'validation_error';
  readonly status = 400;
}

/** A body that is not JSON (or not UTF-8). */
export class InvalidJsonError extends ContractError {
  override name = 'InvalidJsonError';
  readonly code = 'invalid_json';
  readonly status = 400;
}

/** A `cursor` this service did not produce (malformed, forged or from another table). */
export class InvalidCursorError extends ContractError {
  override name = 'InvalidCursorError';
  readonly code = 'invalid_cursor';
  readonly status = 400;
}

/** A body whose Content-Type is not `application/json`. */
export class UnsupportedMediaTypeError extends ContractError {
  override name = 'UnsupportedMediaTypeError';
  readonly code = 'unsupported_media_type';
  readonly status = 415;
}

/** A body over the service's size limit. */
export class PayloadTooLargeError extends ContractError {
  override name = 'PayloadTooLargeError';
  readonly code = 'payload_too_large';
  readonly status = 413;
}

/** No product has the requested id. */
export class NotFoundError extends ContractError {
  override name = 'NotFoundError';
  readonly code = 'not_found';
  readonly status = 404;
}

/** A product with this id exists already (the first writer wins). */
export class AlreadyExistsError extends ContractError {
  override name = 'AlreadyExistsError';
  readonly code = 'already_exists';
  readonly status = 409;
}

/** The product's version is not the one named by `If-Match`. */
export class PreconditionFailedError extends ContractError {
  override name = 'PreconditionFailedError';
  readonly code = 'precondition_failed';
  readonly status = 412;
}

/**
 * The event carries no authorizer claims (`client_id`): the function was invoked outside API Gateway's
 * Cognito authorizer. Answered like the gateway's own 401 (same message and code), fail-closed.
 */
export class UnauthorizedError extends ContractError {
  override name = 'UnauthorizedError';
  readonly code = 'unauthorized';
  readonly status = 401;
  override get publicMessage(): string {
    return 'Unauthorized';
  }
}

/** The event's `httpMethod` + `resource` is no operation of the contract; answered like API Gateway does (same message and code). */
export class RouteNotFoundError extends ContractError {
  override name = 'RouteNotFoundError';
  readonly code = 'route_not_found';
  readonly status = 403;
  override get publicMessage(): string {
    return 'Missing Authentication Token';
  }
}

/** Anything unexpected. The caller only sees a generic message and the request id. */
export class InternalError extends ServiceError {
  override name = 'InternalError';
  readonly code: 'internal_error' | 'dynamodb_error' = 'internal_error';
  readonly status = 500;
  override get publicMessage(): string {
    return 'Internal error; quote the requestId when you report it.';
  }
  override get bodyCode(): ErrorBodyCode {
    return 'internal_error';
  }
}

/** A DynamoDB call failed for a reason the domain does not model (throttling, missing table, network...). */
export class DynamoDbError extends InternalError {
  override name = 'DynamoDbError';
  override readonly code = 'dynamodb_error';
}

/**
 * The handler was configured wrongly (e.g. no table name). Thrown by `createHandler`; the Lambda entry then
 * answers every request with a generic 500 through `brokenHandler` and logs this message.
 */
export class ConfigError extends ServiceError {
  override name = 'ConfigError';
  readonly code = 'config_error';
  readonly status = 500;
  override get publicMessage(): string {
    return 'Internal error; quote the requestId when you report it.';
  }
  override get bodyCode(): ErrorBodyCode {
    return 'internal_error';
  }
}

/**
 * Turns anything thrown into a ServiceError, wrapping the unknown in an InternalError (original as `cause`).
 * @example const error = toServiceError(caught);
 */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new InternalError(`Unexpected failure (${what}).`, { cause: error });
}
