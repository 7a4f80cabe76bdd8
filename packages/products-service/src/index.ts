export { createHandler, brokenHandler } from './create-handler.ts';
export type { HandlerOptions, ProxyHandler } from './create-handler.ts';
export { handler } from './handler.ts';
export { productsTable, createTableInput } from './table.ts';
export { createDocumentClient, ProductRepository } from './repository.ts';
export type { DocumentClientOptions, NewProduct, Product, ProductUpdate, ReplaceOptions } from './repository.ts';
export { encodeCursor, decodeCursor } from './cursor.ts';
export { etagOf, parseIfMatch } from './etag.ts';
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
