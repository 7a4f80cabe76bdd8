/** Every code an infra error carries; stable, for scripts and tests to match on. */
export type InfraErrorCode =
  | 'bad_context'
  | 'bad_spec'
  | 'bundle_failed'
  | 'bad_arguments'
  | 'outputs_unreadable';

/**
 * The one error type of the CDK app and the smoke command: a stable `code`, a message that quotes the bad
 * value and says what to do, the original error kept as `cause`.
 * @example if (error instanceof InfraError && error.code === 'bad_context') process.exitCode = 2;
 */
export class InfraError extends Error {
  /** What went wrong, as a stable string. */
  readonly code: InfraErrorCode;
  constructor(code: InfraErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = this.constructor.name;
    this.code = code;
  }
}
