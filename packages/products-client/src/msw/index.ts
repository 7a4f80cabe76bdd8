// @org/products-client/msw: the products API as MSW handlers for consumers' tests, behaving like
// production (token endpoint, authorizer, validators, service semantics) and checked against
// openapi.yaml on every answer.
export { createProductsMock } from './mock.ts';
export type { Fault, ProductsMock, ProductsMockOptions, SecurityMode, StatusOf, TokenRequestLog } from './mock.ts';
export { ProductsMockError } from './errors.ts';
export type { ProductsMockErrorCode } from './errors.ts';
export { ProductStore } from './store.ts';
export type { NewProduct, Product, ProductSeed, ProductUpdate } from './store.ts';
export type { AccessTokenClaims, MockClient, TokenRequest } from './tokens.ts';
