// This file is generated from openapi.yaml by packages/contract/src/generate.ts. Do not edit it by hand:
// change openapi.yaml and run `pnpm generate`. `pnpm test` fails when it is out of date.

import type { ContractModel } from '../model.ts';

/** openapi.yaml resolved into the model the gateway core, the service and the mock run on. */
export const model: ContractModel = {
  "title": "Products API",
  "operations": [
    {
      "operationId": "listProducts",
      "method": "GET",
      "path": "/products",
      "security": {
        "scheme": "CognitoAuthorizer",
        "providerArns": [
          "${UserPoolArn}"
        ],
        "scopes": [
          "product-api/read_product"
        ]
      },
      "integrationUri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
      "requestValidator": {
        "name": "params-only",
        "body": false,
        "parameters": true
      },
      "parameters": [
        {
          "name": "limit",
          "in": "query",
          "required": false,
          "type": "integer",
          "validator": "listProducts.query.limit"
        },
        {
          "name": "cursor",
          "in": "query",
          "required": false,
          "type": "string",
          "validator": "listProducts.query.cursor"
        }
      ],
      "body": null,
      "responses": {
        "200": {
          "headers": [],
          "validator": "listProducts.response.200",
          "example": {
            "items": [
              {
                "id": "android",
                "name": "Android phone",
                "description": "A phone that runs Android.",
                "price": 199.99,
                "createdAt": "2026-11-26T10:00:00.000Z",
                "updatedAt": "2026-11-26T10:00:00.000Z",
                "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
                "version": 1
              }
            ],
            "nextCursor": "eyJpZCI6ImFuZHJvaWQifQ"
          }
        },
        "400": {
          "headers": [],
          "validator": "listProducts.response.400",
          "example": {
            "message": "Invalid request body: [string \"\" is too short (length: 0, required minimum: 1)]",
            "code": "validation_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "401": {
          "headers": [],
          "validator": "listProducts.response.401",
          "example": {
            "message": "Unauthorized",
            "code": "unauthorized",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "403": {
          "headers": [],
          "validator": "listProducts.response.403",
          "example": {
            "message": "Missing Authentication Token",
            "code": "route_not_found",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "413": {
          "headers": [],
          "validator": "listProducts.response.413",
          "example": {
            "message": "Request body is 70000 bytes; the limit is 65536 bytes.",
            "code": "payload_too_large",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "429": {
          "headers": [],
          "validator": "listProducts.response.429",
          "example": {
            "message": "Too Many Requests",
            "code": "throttled",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "500": {
          "headers": [],
          "validator": "listProducts.response.500",
          "example": {
            "message": "Internal error; quote the requestId when you report it.",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "502": {
          "headers": [],
          "validator": "listProducts.response.502",
          "example": {
            "message": "Internal server error",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "504": {
          "headers": [],
          "validator": "listProducts.response.504",
          "example": {
            "message": "Endpoint request timed out",
            "code": "integration_timeout",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        }
      }
    },
    {
      "operationId": "createProduct",
      "method": "POST",
      "path": "/products",
      "security": {
        "scheme": "CognitoAuthorizer",
        "providerArns": [
          "${UserPoolArn}"
        ],
        "scopes": [
          "product-api/create_product"
        ]
      },
      "integrationUri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
      "requestValidator": {
        "name": "all",
        "body": true,
        "parameters": true
      },
      "parameters": [],
      "body": {
        "required": true,
        "media": {
          "application/json": "createProduct.body.application/json"
        }
      },
      "responses": {
        "201": {
          "headers": [
            "Location",
            "ETag"
          ],
          "validator": "createProduct.response.201",
          "example": {
            "id": "android",
            "name": "Android phone",
            "description": "A phone that runs Android.",
            "price": 199.99,
            "createdAt": "2026-11-26T10:00:00.000Z",
            "updatedAt": "2026-11-26T10:00:00.000Z",
            "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
            "version": 1
          }
        },
        "400": {
          "headers": [],
          "validator": "createProduct.response.400",
          "example": {
            "message": "Invalid request body: [string \"\" is too short (length: 0, required minimum: 1)]",
            "code": "validation_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "401": {
          "headers": [],
          "validator": "createProduct.response.401",
          "example": {
            "message": "Unauthorized",
            "code": "unauthorized",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "403": {
          "headers": [],
          "validator": "createProduct.response.403",
          "example": {
            "message": "Missing Authentication Token",
            "code": "route_not_found",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "409": {
          "headers": [],
          "validator": "createProduct.response.409",
          "example": {
            "message": "Product \"android\" exists already; choose another id, or leave it out to get a generated one.",
            "code": "already_exists",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "413": {
          "headers": [],
          "validator": "createProduct.response.413",
          "example": {
            "message": "Request body is 70000 bytes; the limit is 65536 bytes.",
            "code": "payload_too_large",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "415": {
          "headers": [],
          "validator": "createProduct.response.415",
          "example": {
            "message": "Content-Type \"text/plain\" is not supported; send application/json.",
            "code": "unsupported_media_type",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "429": {
          "headers": [],
          "validator": "createProduct.response.429",
          "example": {
            "message": "Too Many Requests",
            "code": "throttled",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "500": {
          "headers": [],
          "validator": "createProduct.response.500",
          "example": {
            "message": "Internal error; quote the requestId when you report it.",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "502": {
          "headers": [],
          "validator": "createProduct.response.502",
          "example": {
            "message": "Internal server error",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "504": {
          "headers": [],
          "validator": "createProduct.response.504",
          "example": {
            "message": "Endpoint request timed out",
            "code": "integration_timeout",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        }
      }
    },
    {
      "operationId": "getProduct",
      "method": "GET",
      "path": "/products/{id}",
      "security": {
        "scheme": "CognitoAuthorizer",
        "providerArns": [
          "${UserPoolArn}"
        ],
        "scopes": [
          "product-api/read_product"
        ]
      },
      "integrationUri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
      "requestValidator": {
        "name": "params-only",
        "body": false,
        "parameters": true
      },
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "type": "string",
          "validator": "getProduct.path.id"
        }
      ],
      "body": null,
      "responses": {
        "200": {
          "headers": [
            "ETag"
          ],
          "validator": "getProduct.response.200",
          "example": {
            "id": "android",
            "name": "Android phone",
            "price": 199.99,
            "createdAt": "2026-11-26T10:00:00.000Z",
            "updatedAt": "2026-11-26T10:00:00.000Z",
            "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
            "version": 1
          }
        },
        "400": {
          "headers": [],
          "validator": "getProduct.response.400",
          "example": {
            "message": "Invalid request body: [string \"\" is too short (length: 0, required minimum: 1)]",
            "code": "validation_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "401": {
          "headers": [],
          "validator": "getProduct.response.401",
          "example": {
            "message": "Unauthorized",
            "code": "unauthorized",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "403": {
          "headers": [],
          "validator": "getProduct.response.403",
          "example": {
            "message": "Missing Authentication Token",
            "code": "route_not_found",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "404": {
          "headers": [],
          "validator": "getProduct.response.404",
          "example": {
            "message": "Product \"android\" was not found.",
            "code": "not_found",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "413": {
          "headers": [],
          "validator": "getProduct.response.413",
          "example": {
            "message": "Request body is 70000 bytes; the limit is 65536 bytes.",
            "code": "payload_too_large",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "429": {
          "headers": [],
          "validator": "getProduct.response.429",
          "example": {
            "message": "Too Many Requests",
            "code": "throttled",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "500": {
          "headers": [],
          "validator": "getProduct.response.500",
          "example": {
            "message": "Internal error; quote the requestId when you report it.",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "502": {
          "headers": [],
          "validator": "getProduct.response.502",
          "example": {
            "message": "Internal server error",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "504": {
          "headers": [],
          "validator": "getProduct.response.504",
          "example": {
            "message": "Endpoint request timed out",
            "code": "integration_timeout",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        }
      }
    },
    {
      "operationId": "updateProduct",
      "method": "PUT",
      "path": "/products/{id}",
      "security": {
        "scheme": "CognitoAuthorizer",
        "providerArns": [
          "${UserPoolArn}"
        ],
        "scopes": [
          "product-api/update_product"
        ]
      },
      "integrationUri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
      "requestValidator": {
        "name": "all",
        "body": true,
        "parameters": true
      },
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "type": "string",
          "validator": "updateProduct.path.id"
        },
        {
          "name": "If-Match",
          "in": "header",
          "required": false,
          "type": "string",
          "validator": "updateProduct.header.If-Match"
        }
      ],
      "body": {
        "required": true,
        "media": {
          "application/json": "updateProduct.body.application/json"
        }
      },
      "responses": {
        "200": {
          "headers": [
            "ETag"
          ],
          "validator": "updateProduct.response.200",
          "example": {
            "id": "android",
            "name": "Android phone (2026)",
            "price": 179.99,
            "createdAt": "2026-11-26T10:00:00.000Z",
            "updatedAt": "2026-11-26T11:00:00.000Z",
            "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
            "version": 2
          }
        },
        "400": {
          "headers": [],
          "validator": "updateProduct.response.400",
          "example": {
            "message": "Invalid request body: [string \"\" is too short (length: 0, required minimum: 1)]",
            "code": "validation_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "401": {
          "headers": [],
          "validator": "updateProduct.response.401",
          "example": {
            "message": "Unauthorized",
            "code": "unauthorized",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "403": {
          "headers": [],
          "validator": "updateProduct.response.403",
          "example": {
            "message": "Missing Authentication Token",
            "code": "route_not_found",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "404": {
          "headers": [],
          "validator": "updateProduct.response.404",
          "example": {
            "message": "Product \"android\" was not found.",
            "code": "not_found",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "412": {
          "headers": [],
          "validator": "updateProduct.response.412",
          "example": {
            "message": "Product \"android\" is at version \"2\", not \"1\": read it again and retry.",
            "code": "precondition_failed",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "413": {
          "headers": [],
          "validator": "updateProduct.response.413",
          "example": {
            "message": "Request body is 70000 bytes; the limit is 65536 bytes.",
            "code": "payload_too_large",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "415": {
          "headers": [],
          "validator": "updateProduct.response.415",
          "example": {
            "message": "Content-Type \"text/plain\" is not supported; send application/json.",
            "code": "unsupported_media_type",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "429": {
          "headers": [],
          "validator": "updateProduct.response.429",
          "example": {
            "message": "Too Many Requests",
            "code": "throttled",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "500": {
          "headers": [],
          "validator": "updateProduct.response.500",
          "example": {
            "message": "Internal error; quote the requestId when you report it.",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "502": {
          "headers": [],
          "validator": "updateProduct.response.502",
          "example": {
            "message": "Internal server error",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "504": {
          "headers": [],
          "validator": "updateProduct.response.504",
          "example": {
            "message": "Endpoint request timed out",
            "code": "integration_timeout",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        }
      }
    },
    {
      "operationId": "deleteProduct",
      "method": "DELETE",
      "path": "/products/{id}",
      "security": {
        "scheme": "CognitoAuthorizer",
        "providerArns": [
          "${UserPoolArn}"
        ],
        "scopes": [
          "product-api/delete_product"
        ]
      },
      "integrationUri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
      "requestValidator": {
        "name": "params-only",
        "body": false,
        "parameters": true
      },
      "parameters": [
        {
          "name": "id",
          "in": "path",
          "required": true,
          "type": "string",
          "validator": "deleteProduct.path.id"
        }
      ],
      "body": null,
      "responses": {
        "204": {
          "headers": [],
          "validator": null
        },
        "400": {
          "headers": [],
          "validator": "deleteProduct.response.400",
          "example": {
            "message": "Invalid request body: [string \"\" is too short (length: 0, required minimum: 1)]",
            "code": "validation_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "401": {
          "headers": [],
          "validator": "deleteProduct.response.401",
          "example": {
            "message": "Unauthorized",
            "code": "unauthorized",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "403": {
          "headers": [],
          "validator": "deleteProduct.response.403",
          "example": {
            "message": "Missing Authentication Token",
            "code": "route_not_found",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "404": {
          "headers": [],
          "validator": "deleteProduct.response.404",
          "example": {
            "message": "Product \"android\" was not found.",
            "code": "not_found",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "413": {
          "headers": [],
          "validator": "deleteProduct.response.413",
          "example": {
            "message": "Request body is 70000 bytes; the limit is 65536 bytes.",
            "code": "payload_too_large",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "429": {
          "headers": [],
          "validator": "deleteProduct.response.429",
          "example": {
            "message": "Too Many Requests",
            "code": "throttled",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "500": {
          "headers": [],
          "validator": "deleteProduct.response.500",
          "example": {
            "message": "Internal error; quote the requestId when you report it.",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "502": {
          "headers": [],
          "validator": "deleteProduct.response.502",
          "example": {
            "message": "Internal server error",
            "code": "internal_error",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        },
        "504": {
          "headers": [],
          "validator": "deleteProduct.response.504",
          "example": {
            "message": "Endpoint request timed out",
            "code": "integration_timeout",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
          }
        }
      }
    }
  ],
  "gatewayResponses": {
    "UNAUTHORIZED": {
      "statusCode": 401,
      "templates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"unauthorized\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    },
    "EXPIRED_TOKEN": {
      "statusCode": 401,
      "templates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"unauthorized\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    },
    "ACCESS_DENIED": {
      "statusCode": 403,
      "templates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"access_denied\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    },
    "MISSING_AUTHENTICATION_TOKEN": {
      "statusCode": 403,
      "templates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"route_not_found\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    },
    "BAD_REQUEST_BODY": {
      "statusCode": 400,
      "templates": {
        "application/json": "{\"message\":\"Invalid request body: $context.error.validationErrorString\",\"code\":\"validation_error\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    },
    "BAD_REQUEST_PARAMETERS": {
      "statusCode": 400,
      "templates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"validation_error\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    },
    "THROTTLED": {
      "statusCode": 429,
      "templates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"throttled\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    },
    "INTEGRATION_TIMEOUT": {
      "statusCode": 504,
      "templates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"integration_timeout\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    },
    "DEFAULT_4XX": {
      "statusCode": null,
      "templates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"gateway_error\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    },
    "DEFAULT_5XX": {
      "statusCode": null,
      "templates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"internal_error\",\"requestId\":\"$context.requestId\"}"
      },
      "parameters": {}
    }
  },
  "binaryMediaTypes": [],
  "resourceServer": {
    "identifier": "product-api",
    "name": "Products API",
    "tokenUrl": "https://{domainPrefix}.auth.{region}.amazoncognito.com/oauth2/token",
    "scopes": {
      "read_product": "Read products (list and get).",
      "create_product": "Create products.",
      "update_product": "Replace products.",
      "delete_product": "Delete products."
    }
  },
  "allScopes": [
    "product-api/read_product",
    "product-api/create_product",
    "product-api/update_product",
    "product-api/delete_product"
  ],
  "defaultClients": [
    {
      "name": "products-admin",
      "scopes": [
        "product-api/read_product",
        "product-api/create_product",
        "product-api/update_product",
        "product-api/delete_product"
      ]
    },
    {
      "name": "products-reader",
      "scopes": [
        "product-api/read_product"
      ]
    }
  ],
  "throttling": {
    "rateLimit": 50,
    "burstLimit": 100
  },
  "errorValidator": "schema.Error"
};
