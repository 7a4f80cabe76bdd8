// This file is generated from openapi.yaml by packages/contract/src/generate.ts. Do not edit it by hand:
// change openapi.yaml and run `pnpm generate`. `pnpm test` fails when it is out of date.

/** The OAuth2 resource server declared by `x-oauth2-resource-server` in openapi.yaml. */
export const resourceServer = {
  "identifier": "product-api",
  "name": "Products API",
  "tokenUrl": "https://{domainPrefix}.auth.{region}.amazoncognito.com/oauth2/token",
  "scopes": {
    "read_product": "Read products (list and get).",
    "create_product": "Create products.",
    "update_product": "Replace products.",
    "delete_product": "Delete products."
  }
} as const;

/** Every scope of the resource server, as `<identifier>/<name>`. */
export const allScopes = [
  "product-api/read_product",
  "product-api/create_product",
  "product-api/update_product",
  "product-api/delete_product"
] as const;

export type Scope = (typeof allScopes)[number];

/** Each operation's method, path template and the scopes of which any one authorizes it (API Gateway ORs them). */
export const operations = {
  "listProducts": {
    "method": "GET",
    "path": "/products",
    "scopes": [
      "product-api/read_product"
    ]
  },
  "createProduct": {
    "method": "POST",
    "path": "/products",
    "scopes": [
      "product-api/create_product"
    ]
  },
  "getProduct": {
    "method": "GET",
    "path": "/products/{id}",
    "scopes": [
      "product-api/read_product"
    ]
  },
  "updateProduct": {
    "method": "PUT",
    "path": "/products/{id}",
    "scopes": [
      "product-api/update_product"
    ]
  },
  "deleteProduct": {
    "method": "DELETE",
    "path": "/products/{id}",
    "scopes": [
      "product-api/delete_product"
    ]
  }
} as const;

export type OperationId = keyof typeof operations;

export type HttpMethod = (typeof operations)[OperationId]['method'];
