// `@org/products-service/web`: the service without Node, DynamoDB or Powertools, for the MSW kit (browsers
// and Node) and tests. `test/web-entry.test.ts` bundles this module for a neutral platform and fails if its
// module graph reaches `node:*`, the AWS SDK or Node globals.
export { createService, errorResult, requestLine } from './service.ts';
export type { ProxyHandler, RequestRecord, ServiceOptions } from './service.ts';
export { InMemoryProductRepository } from './memory-repository.ts';
export { isStorableNumber } from './repository.ts';
export type { NewProduct, Product, ProductPage, ProductRepository, ProductUpdate, ReplaceOptions } from './repository.ts';
export { scanKey } from './scan-order.ts';
export { encodeCursor, decodeCursor } from './cursor.ts';
export type { ProductKey } from './cursor.ts';
export { etagOf, parseIfMatch } from './etag.ts';
export type { IfMatch } from './etag.ts';
export { DEFAULT_MAX_BODY_BYTES } from './body.ts';
export {
  ServiceError,
  ContractError,
  ValidationError,
  InvalidJsonError,
  InvalidCursorError,
  UnsupportedMediaTypeError,
  PayloadTooLargeError,
  NotFoundError,
  AlreadyExistsError,
  PreconditionFailedError,
  UnauthorizedError,
  RouteNotFoundError,
  InternalError,
  DynamoDbError,
  ConfigError,
  toServiceError,
} from './errors.ts';
export type { ErrorBodyCode, ServiceErrorCode } from './errors.ts';
