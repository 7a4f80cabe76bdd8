// @org/products-client/msw: the products API as MSW handlers for consumers' tests. An adapter over
// the gateway core and the real service (bundled in at build time), so it behaves like the local
// stack by construction; every answer is checked against openapi.yaml.
export { createProductsMock } from './mock.ts';
export { ProductsMockError } from './errors.ts';
export type { ProductsMockErrorCode } from './errors.ts';
export { ProductStore } from './store.ts';
export type {
  AccessTokenClaims,
  Fault,
  MockClient,
  NewProduct,
  Product,
  ProductSeed,
  ProductsMock,
  ProductsMockOptions,
  ProductUpdate,
  SecurityMode,
  StatusOf,
  TokenRequest,
  TokenRequestLog,
} from './types.ts';
