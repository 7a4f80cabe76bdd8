/** Stable codes of every error the local stack throws. */
export type LocalStackErrorCode =
  | 'config_unreadable'
  | 'config_invalid'
  | 'option_invalid'
  | 'data_dir_unusable'
  | 'keys_unreadable'
  | 'function_unresolved'
  | 'spec_unsupported'
  | 'port_in_use'
  | 'store_failed';

/**
 * The one error type of `@org/products-local`: a stable `code`, a message quoting the bad value
 * and saying what to do, and the original error as `cause`.
 */
export class LocalStackError extends Error {
  readonly code: LocalStackErrorCode;
  constructor(code: LocalStackErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = this.constructor.name;
    this.code = code;
  }
}
