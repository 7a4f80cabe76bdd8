// The public types of `@org/products-client/msw`. They are declared here, from this package's own
// generated types, and never from the private workspace packages the mock is built on (the gateway
// core, the service): the shipped .d.ts must resolve for a consumer who installs only this package.
import type { HttpHandler } from 'msw';
import type { components, operations as OperationTypes } from '../generated/openapi.ts';
import type { OperationId } from '../generated/operations.ts';
import type { ProductStore } from './store.ts';

/** A stored product, as openapi.yaml defines it. */
export type Product = components['schemas']['Product'];
/** The body of `createProduct`. */
export type NewProduct = components['schemas']['NewProduct'];
/** The body of `updateProduct`. */
export type ProductUpdate = components['schemas']['ProductUpdate'];
/**
 * A product to seed the mock with: a `NewProduct` whose stored fields (`createdAt`, `updatedAt`,
 * `createdBy`, `version`) may be given; missing ones are filled as a create at `now` would.
 */
export type ProductSeed = NewProduct & Partial<Pick<Product, 'createdAt' | 'updatedAt' | 'createdBy' | 'version'>>;

/** One app client of the mock's user pool. */
export type MockClient = {
  /** The app client's name (`products-admin`). */
  name: string;
  /** The client id sent as the Basic user name or `client_id`. */
  clientId: string;
  /** The client secret. */
  clientSecret: string;
  /** The full scopes (`product-api/read_product`) the client may ask for. */
  scopes: readonly string[];
  /** Access token lifetime in seconds; default 3600 as in Cognito. */
  accessTokenValiditySeconds?: number;
};

/** The claims of a token the mock issues, as Cognito puts them for client_credentials. */
export type AccessTokenClaims = {
  sub: string;
  token_use: 'access' | 'id';
  scope: string;
  auth_time: number;
  iss: string;
  exp: number;
  iat: number;
  version: number;
  jti: string;
  client_id: string;
};

/** One request to the token endpoint, as recorded in `mock.tokenRequests` (faults included). */
export type TokenRequest = {
  /** The name of the client that authenticated, or `undefined` when authentication failed. */
  client: string | undefined;
  /** The client's id, only when it is a known client's (an unknown one may be a secret pasted in the wrong place). */
  clientId: string | undefined;
  /** The requested scopes, sorted; `undefined` when the request named none (all allowed scopes). */
  scopes: string[] | undefined;
  /** The HTTP status answered; `0` when an injected fault dropped the connection (a fetch network error's status). */
  status: number;
  /** The OAuth2 `error` code of a refused request. */
  error?: string;
  /** `true` when an injected fault (`mock.fail('token', ...)`) answered instead of the token endpoint. */
  fault?: true;
};

/** How strictly the mock's gateway checks the `Authorization` header. */
export type SecurityMode = 'enforce' | 'presence' | 'off';

/** Options of `createProductsMock`. */
export type ProductsMockOptions = {
  /** The API's base URL with the stage; default `http://127.0.0.1:4010/dev`, as the local stack. */
  baseUrl?: string;
  /** The token endpoint; default `http://127.0.0.1:4010/oauth2/token`, as the local stack. */
  tokenUrl?: string;
  /** The app clients; default `products-admin` (every scope) and `products-reader` (read scopes), with fixed test credentials. */
  clients?: MockClient[];
  /** `enforce` (default): the API Gateway Cognito authorizer; `presence`: any Authorization header with a non-empty token (`Bearer ` stripped) passes; `off`: no check. */
  security?: SecurityMode;
  /** Products stored at creation and again by every `reset()`. */
  seed?: ProductSeed[];
  /** The clock in epoch milliseconds, for token expiry and timestamps; default `Date.now`. */
  now?: () => number;
};

type JsonBodyOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Responses<Op extends OperationId> = OperationTypes[Op]['responses'];
/** A documented status of an operation. */
export type StatusOf<Op extends OperationId> = Extract<keyof Responses<Op>, number>;

/** How many requests a fault applies to. */
type Times = {
  /** How many requests the fault applies to (a positive integer); default every request until `reset()`. */
  times?: number;
};

/**
 * A fault to inject into one operation (or the token endpoint, as `'token'`): a documented status
 * with its body, a network error, or a delay before the normal answer.
 */
export type Fault<Op extends OperationId | 'token' = OperationId> =
  | (Op extends OperationId
      ? {
          [S in StatusOf<Op>]: {
            /** A status openapi.yaml documents for the operation. */
            status: S;
            /** The body; default the spec's example for that status (with a fresh requestId). Checked against the spec. */
            body?: JsonBodyOf<Responses<Op>[S]>;
            /** Response headers; those openapi.yaml documents for the status (`ETag` on a 200 of getProduct) are required. */
            headers?: Record<string, string>;
            /** Wait this long before answering (ms). */
            delayMs?: number;
          } & Times;
        }[StatusOf<Op>]
      : {
          /** The token endpoint's status. */
          status: number;
          /** The body; default `{"error":"invalid_request"}` for 4xx, `{"message":"Internal server error"}` otherwise. */
          body?: unknown;
          /** Extra response headers. */
          headers?: Record<string, string>;
          /** Wait this long before answering (ms). */
          delayMs?: number;
        } & Times)
  | ({
      /** Fail the request as a dropped connection (fetch rejects with a TypeError). */
      networkError: true;
      /** Wait this long before failing (ms). */
      delayMs?: number;
    } & Times)
  | ({
      /** Answer normally, after this many ms; `'infinite'` never answers (until the request is aborted). */
      delayMs: number | 'infinite';
    } & Times);

/** The token requests the mock received, to assert that code caches tokens. */
export type TokenRequestLog = {
  /** Every request, oldest first, faulted ones included. */
  readonly all: readonly TokenRequest[];
  /**
   * How many requests match, faulted ones included: `client` is the client's name; `scopes` the
   * requested scopes in any order (`[]` matches requests that named none); `status` the answer's
   * status (`0` for an injected network error).
   * @example expect(mock.tokenRequests.count({ client: 'products-admin', status: 200 })).toBe(1);
   */
  count(filter?: { client?: string; scopes?: readonly string[]; status?: number }): number;
  /**
   * Successful requests per `"<client name> <sorted scopes>"` (`*` when the request named none).
   * @example expect(mock.tokenRequests.byClientAndScopes()).toEqual({ 'products-admin product-api/read_product': 1 });
   */
  byClientAndScopes(): Record<string, number>;
};

/** What `createProductsMock` returns. */
export type ProductsMock = {
  /** Pass to `setupServer(...mock.handlers)` (msw/node) or `setupWorker` (msw/browser). */
  readonly handlers: HttpHandler[];
  /** The in-memory products table. */
  readonly store: ProductStore;
  /** The token endpoint's request log. */
  readonly tokenRequests: TokenRequestLog;
  /** The app clients with their credentials. */
  readonly clients: readonly MockClient[];
  /** The API base URL the handlers answer. */
  readonly baseUrl: string;
  /** The token endpoint URL the handlers answer. */
  readonly tokenUrl: string;
  /**
   * The mock as a `fetch` function, without MSW's interception (for clients that take a `fetch` option).
   * @example const client = createProductsClient({ baseUrl: mock.baseUrl, credentials, fetch: mock.fetch });
   */
  readonly fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  /**
   * Restores the seed, clears the token log and every fault; tokens already issued stay valid.
   * @example afterEach(() => mock.reset());
   */
  reset(): void;
  /**
   * Injects a fault into an operation (or `'token'`); returns a function that removes it.
   * @example mock.fail('getProduct', { status: 500, times: 1 });
   */
  fail<Op extends OperationId | 'token'>(operationId: Op, fault: Fault<Op>): () => void;
  /**
   * Issues a token directly (no token request is logged): for tests of expired tokens, ID tokens or scopes.
   * @example const token = mock.issueToken({ client: 'products-reader', expiresInSeconds: -1 });
   */
  issueToken(options?: { client?: string; scopes?: readonly string[]; expiresInSeconds?: number; tokenUse?: 'access' | 'id' }): string;
  /**
   * Forgets every token issued so far: they now get 401 Unauthorized, as after the pool's signing key
   * was rotated and the old key dropped from the JWKS (the local stack's `rotateKeys` + `dropOldKeys`).
   * @example mock.revokeTokens(); // the client's next call gets 401, fetches a new token and replays
   */
  revokeTokens(): void;
};
