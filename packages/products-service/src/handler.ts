// The Lambda entry point (and the esbuild/CDK entry): the handler and its DynamoDB client are built once,
// at module scope, from the environment: TABLE_NAME (required), DYNAMODB_ENDPOINT (optional), AWS_REGION.
import { brokenHandler, createHandler, type ProxyHandler } from './create-handler.ts';
import { toServiceError } from './errors.ts';

function build(): ProxyHandler {
  try {
    return createHandler();
  } catch (error) {
    // Importing this module (e.g. through the package index) must not throw when TABLE_NAME is unset;
    // a misconfigured function answers 500 with the reason in its log instead.
    return brokenHandler(toServiceError(error));
  }
}

/**
 * The Lambda handler for every operation of openapi.yaml.
 * @example export { handler } from '@org/products-service/handler';
 */
export const handler: ProxyHandler = build();
