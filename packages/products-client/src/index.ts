export { createProductsClient } from './client.ts';
export type {
  ApiEvent,
  ApiRetryOptions,
  CallOptions,
  ClientEvent,
  ModifyOptions,
  ProductsClient,
  ProductsClientBaseOptions,
  ProductsClientMethod,
  ProductsClientOptions,
  ProductsClientStats,
  ScopeStrategy,
} from './client.ts';
export type { ItemOf, PageOf, PaginatedPath, Paginated, PaginateInit } from './paginate.ts';
export { ClientCredentialsTokenProvider } from './token-provider.ts';
export type {
  ClientCredentials,
  Fetch,
  RetryOptions,
  SharedCacheOptions,
  SharedTokenCache,
  TokenCache,
  TokenCacheEntry,
  TokenEvent,
  TokenProviderOptions,
  TokenProviderStats,
} from './token-provider.ts';
export {
  ApiError,
  ConfigurationError,
  InvalidResponseError,
  NetworkError,
  ProductsClientError,
  RequestAbortedError,
  RequestTimeoutError,
  ScopeError,
  TokenRequestError,
  isProductsClientError,
} from './errors.ts';
export type { AnyProductsClientError, ApiErrorCode } from './errors.ts';
export { allScopes, operations, resourceServer } from './generated/operations.ts';
export type { HttpMethod, OperationId, Scope } from './generated/operations.ts';
export type { components, operations as Operations, paths } from './generated/openapi.ts';

import type { components } from './generated/openapi.ts';

/** A stored product, as the API returns it. */
export type Product = components['schemas']['Product'];
/** The body of `POST /products`. */
export type NewProduct = components['schemas']['NewProduct'];
/** The body of `PUT /products/{id}`. */
export type ProductUpdate = components['schemas']['ProductUpdate'];
/** One page of `GET /products`. */
export type ProductPage = components['schemas']['ProductPage'];
/** Every error body, from the gateway (`message`) or the service (`message`, `code`, `requestId`). */
export type ErrorBody = components['schemas']['Error'];
