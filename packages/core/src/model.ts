// The contract model's types: what `pnpm generate` writes into ./generated/ from openapi.yaml (see
// packages/contract/src/model.ts, which builds it). Plain JSON plus precompiled validators.

/** Where a parameter is sent. */
export type ParameterLocation = 'path' | 'query' | 'header';

/** One parameter of an operation. */
export type ParameterModel = {
  /** The name as the spec spells it (`id`, `limit`, `If-Match`). */
  name: string;
  /** Where it is sent. */
  in: ParameterLocation;
  /** Whether the spec marks it required. */
  required: boolean;
  /** The JSON type of its schema, to turn query and header text into numbers or booleans. */
  type: string | null;
  /** The key of its schema's validator in the contract's `validators`. */
  validator: string;
};

/** The Cognito user pool authorizer of an operation (from its security requirement). */
export type SecurityModel = {
  /** The security scheme's name (`CognitoAuthorizer`). */
  scheme: string;
  /** `providerARNs` as written in the spec (placeholders not yet substituted). */
  providerArns: string[];
  /** The scopes of which any one authorizes the call; empty: an ID token is required. */
  scopes: string[];
};

/** One documented response of an operation. */
export type ResponseModel = {
  /** Header names the spec documents for this status (the mock requires them). */
  headers: string[];
  /** The validator key of the JSON body schema, or null when the response has no JSON body. */
  validator: string | null;
  /** The spec's example body for this status, if any. */
  example?: unknown;
};

/** One operation of the contract, fully resolved. */
export type OperationModel = {
  operationId: string;
  /** Upper-case HTTP method. */
  method: string;
  /** The path template (`/products/{id}`), as API Gateway's `resource`. */
  path: string;
  /** The Cognito authorizer, or null for a method without one (AWS `NONE`). */
  security: SecurityModel | null;
  /** The Lambda proxy integration URI as written in the spec (placeholders not yet substituted). */
  integrationUri: string;
  /** The request validator in force (operation level wins over the root), or null. */
  requestValidator: { name: string; body: boolean; parameters: boolean } | null;
  /** Parameters, path-level ones merged in (operation level overrides). */
  parameters: ParameterModel[];
  /** The request body: whether required and the validator key per (lower-case) media type. */
  body: { required: boolean; media: Record<string, string> } | null;
  /** Documented responses by status (`"200"`). */
  responses: Record<string, ResponseModel>;
};

/** A gateway response customized in `x-amazon-apigateway-gateway-responses`. */
export type GatewayResponseModel = {
  statusCode: number | null;
  /** Media type → body template (plain substitution of `$context.*`, not VTL). */
  templates: Record<string, string>;
  /** `gatewayresponse.header.<name>` → `'literal'` or `method.request.*`. */
  parameters: Record<string, string>;
};

/** A default app client, decided once from the spec (used by infra, the local stack and the mock). */
export type DefaultClientModel = { name: string; scopes: string[] };

/** The whole contract as data. */
export type ContractModel = {
  /** `info.title`. */
  title: string;
  operations: OperationModel[];
  /** Gateway response type → customization. */
  gatewayResponses: Record<string, GatewayResponseModel>;
  /** `x-amazon-apigateway-binary-media-types`. */
  binaryMediaTypes: string[];
  /** The OAuth2 resource server (`x-oauth2-resource-server`), or null when the spec declares none. */
  resourceServer: { identifier: string; name: string; tokenUrl: string; scopes: Record<string, string> } | null;
  /** Every scope, `<identifier>/<name>` (or every scope the operations use, without a resource server). */
  allScopes: string[];
  /** The default app clients: `products-admin` (every scope) and `products-reader` (read-only scopes). */
  defaultClients: DefaultClientModel[];
  /** Stage throttling from `x-products-throttling`, or null. */
  throttling: { rateLimit: number; burstLimit: number } | null;
  /** The validator key of the `Error` schema, when the spec has one. */
  errorValidator: string | null;
};

/** A JSON Schema validator, as ajv's compiled and standalone functions are. */
export type Validator = ((data: unknown) => boolean) & { errors?: ValidatorError[] | null };

/** One validation error, as ajv reports it. */
export type ValidatorError = { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> };

/** The model and its validators: what the gateway core and the service run on. */
export type Contract = { model: ContractModel; validators: Record<string, Validator> };

