/** Stable codes of the mock's own errors (misuse of the mock, or the mock breaking the contract). */
export type ProductsMockErrorCode = 'contract_violation' | 'invalid_option' | 'unknown_operation' | 'undocumented_status';

/**
 * Thrown by `createProductsMock` and its helpers: a bad option, a fault the contract does not
 * document, or a response of the mock that breaks openapi.yaml (a bug in the mock, never in your code).
 * @example expect(() => mock.fail('getProduct', { status: 418 as never })).toThrow(ProductsMockError);
 */
export class ProductsMockError extends Error {
  readonly code: ProductsMockErrorCode;
  constructor(code: ProductsMockErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    // Set by hand: a minifier renames the class, and consumers bundle the mock into browser tests.
    this.name = 'ProductsMockError';
    this.code = code;
  }
}
