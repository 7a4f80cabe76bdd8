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
 * @example
 * try { await startLocalStack({ port: 4010 }); } catch (e) { if (e instanceof LocalStackError && e.code === 'port_in_use') console.error(e.message); }
 */
export class LocalStackError extends Error {
  readonly code: LocalStackErrorCode;
  constructor(code: LocalStackErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = this.constructor.name;
    this.code = code;
  }
}
