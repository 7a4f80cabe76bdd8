// `@org/products-service`: the Node entry (DynamoDB). The Web-only service is `@org/products-service/web`.
export * from './web.ts';
export { createHandler, brokenHandler } from './create-handler.ts';
export { createObserver, METRIC_NAMES, DEFAULT_NAMESPACE, DEFAULT_SERVICE_NAME } from './observability.ts';
export type { ObserverOptions } from './observability.ts';
export type { HandlerOptions } from './create-handler.ts';
export { handler } from './handler.ts';
export { productsTable, createTableInput } from './table.ts';
export { createDocumentClient, DynamoDbProductRepository } from './dynamodb-repository.ts';
export type { DocumentClientOptions } from './dynamodb-repository.ts';
