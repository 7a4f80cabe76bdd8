// Names shared by the CDK app and the smoke command. Kept apart from the stack so the smoke command
// (which only reads `cdk deploy` outputs) starts without loading aws-cdk-lib and cdk-nag.

/** The stack's name in the app (and so in `cdk deploy ProductsApi` and `cdk-outputs.json`). */
export const STACK_NAME = 'ProductsApi';

/**
 * `products-admin` → `ProductsAdmin`: construct ids and output names from app client names.
 * @example pascal('products-reader') // 'ProductsReader'
 */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
