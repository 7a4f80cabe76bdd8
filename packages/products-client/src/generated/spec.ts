// This file is generated from openapi.yaml by packages/contract/src/generate.ts. Do not edit it by hand:
// change openapi.yaml and run `pnpm generate`. `pnpm test` fails when it is out of date.

/** openapi.yaml as parsed JSON. Typed loosely on purpose: read it through a validator, not by hand. */
export const spec: { readonly [key: string]: unknown } = {
  "openapi": "3.0.3",
  "info": {
    "title": "Products API",
    "version": "1.0.0",
    "description": "A products catalogue behind AWS API Gateway (REST API, Lambda proxy integration) and\nprotected by Amazon Cognito OAuth2 scopes (client_credentials, machine to machine).\n\nEvery operation names the one scope it needs. Get an access token for that scope from the\nCognito token endpoint and send it as `Authorization: Bearer <access_token>`.\n\nThis file is the single source of truth: the CDK app imports it as a `SpecRestApi`, the local\nstack enforces it, the typed client is generated from it and the docs are built from it.\n\nThe placeholders `${AWS::Region}`, `${UserPoolArn}` and `${ProductsFunctionArn}` are replaced at deploy time by the CDK app and at start time by the\nlocal stack.\n",
    "contact": {
      "name": "Products API team",
      "url": "https://github.com/org/products-api"
    },
    "license": {
      "name": "MIT",
      "url": "https://opensource.org/licenses/MIT"
    }
  },
  "servers": [
    {
      "url": "https://{restApiId}.execute-api.{region}.amazonaws.com/{stage}",
      "description": "AWS API Gateway (REST API) invoke URL",
      "variables": {
        "restApiId": {
          "default": "abc123defg",
          "description": "The REST API id printed by `cdk deploy` (output `InvokeUrl`)."
        },
        "region": {
          "default": "us-east-1",
          "description": "The AWS region of the deployment."
        },
        "stage": {
          "default": "dev",
          "description": "The API Gateway stage."
        }
      }
    },
    {
      "url": "http://127.0.0.1:4010/dev",
      "description": "The local stack (`pnpm start`)"
    }
  ],
  "tags": [
    {
      "name": "products",
      "description": "Create, read, update, delete and list products."
    }
  ],
  "x-amazon-apigateway-request-validators": {
    "all": {
      "validateRequestBody": true,
      "validateRequestParameters": true
    },
    "params-only": {
      "validateRequestBody": false,
      "validateRequestParameters": true
    }
  },
  "x-amazon-apigateway-request-validator": "all",
  "x-products-throttling": {
    "rateLimit": 50,
    "burstLimit": 100
  },
  "x-amazon-apigateway-gateway-responses": {
    "UNAUTHORIZED": {
      "statusCode": 401,
      "responseTemplates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"unauthorized\",\"requestId\":\"$context.requestId\"}"
      }
    },
    "EXPIRED_TOKEN": {
      "statusCode": 401,
      "responseTemplates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"unauthorized\",\"requestId\":\"$context.requestId\"}"
      }
    },
    "ACCESS_DENIED": {
      "statusCode": 403,
      "responseTemplates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"access_denied\",\"requestId\":\"$context.requestId\"}"
      }
    },
    "MISSING_AUTHENTICATION_TOKEN": {
      "statusCode": 403,
      "responseTemplates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"route_not_found\",\"requestId\":\"$context.requestId\"}"
      }
    },
    "BAD_REQUEST_BODY": {
      "statusCode": 400,
      "responseTemplates": {
        "application/json": "{\"message\":\"Invalid request body: $context.error.validationErrorString\",\"code\":\"validation_error\",\"requestId\":\"$context.requestId\"}"
      }
    },
    "BAD_REQUEST_PARAMETERS": {
      "statusCode": 400,
      "responseTemplates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"validation_error\",\"requestId\":\"$context.requestId\"}"
      }
    },
    "THROTTLED": {
      "statusCode": 429,
      "responseTemplates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"throttled\",\"requestId\":\"$context.requestId\"}"
      }
    },
    "INTEGRATION_TIMEOUT": {
      "statusCode": 504,
      "responseTemplates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"integration_timeout\",\"requestId\":\"$context.requestId\"}"
      }
    },
    "DEFAULT_4XX": {
      "responseTemplates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"gateway_error\",\"requestId\":\"$context.requestId\"}"
      }
    },
    "DEFAULT_5XX": {
      "responseTemplates": {
        "application/json": "{\"message\":$context.error.messageString,\"code\":\"internal_error\",\"requestId\":\"$context.requestId\"}"
      }
    }
  },
  "paths": {
    "/products": {
      "get": {
        "operationId": "listProducts",
        "summary": "List products",
        "description": "Returns one page of products. Pass the `nextCursor` of a page as `cursor` to get the next\npage; there are no more pages when `nextCursor` is absent. The order is the table's scan\norder, not sorted.\n",
        "tags": [
          "products"
        ],
        "security": [
          {
            "CognitoAuthorizer": [
              "product-api/read_product"
            ]
          }
        ],
        "x-amazon-apigateway-request-validator": "params-only",
        "x-amazon-apigateway-integration": {
          "type": "aws_proxy",
          "httpMethod": "POST",
          "uri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
          "passthroughBehavior": "when_no_match"
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/Cursor"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of products.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ProductPage"
                },
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
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "502": {
            "$ref": "#/components/responses/BadGateway"
          },
          "504": {
            "$ref": "#/components/responses/GatewayTimeout"
          }
        }
      },
      "post": {
        "operationId": "createProduct",
        "summary": "Create a product",
        "description": "Creates a product. The `id` is taken from the body or generated (a UUID). The first writer\nof an id wins: creating an id that exists answers 409 and changes nothing.\n",
        "tags": [
          "products"
        ],
        "security": [
          {
            "CognitoAuthorizer": [
              "product-api/create_product"
            ]
          }
        ],
        "x-amazon-apigateway-integration": {
          "type": "aws_proxy",
          "httpMethod": "POST",
          "uri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
          "passthroughBehavior": "when_no_match"
        },
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NewProduct"
              },
              "example": {
                "id": "android",
                "name": "Android phone",
                "description": "A phone that runs Android.",
                "price": 199.99
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The product was created.",
            "headers": {
              "Location": {
                "$ref": "#/components/headers/Location"
              },
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Product"
                },
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
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "502": {
            "$ref": "#/components/responses/BadGateway"
          },
          "504": {
            "$ref": "#/components/responses/GatewayTimeout"
          }
        }
      }
    },
    "/products/{id}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ProductIdPath"
        }
      ],
      "get": {
        "operationId": "getProduct",
        "summary": "Get a product",
        "description": "Returns one product and its `ETag` (the product's version), for a later conditional update.",
        "tags": [
          "products"
        ],
        "security": [
          {
            "CognitoAuthorizer": [
              "product-api/read_product"
            ]
          }
        ],
        "x-amazon-apigateway-request-validator": "params-only",
        "x-amazon-apigateway-integration": {
          "type": "aws_proxy",
          "httpMethod": "POST",
          "uri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
          "passthroughBehavior": "when_no_match"
        },
        "responses": {
          "200": {
            "description": "The product.",
            "headers": {
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Product"
                },
                "example": {
                  "id": "android",
                  "name": "Android phone",
                  "price": 199.99,
                  "createdAt": "2026-11-26T10:00:00.000Z",
                  "updatedAt": "2026-11-26T10:00:00.000Z",
                  "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
                  "version": 1
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "502": {
            "$ref": "#/components/responses/BadGateway"
          },
          "504": {
            "$ref": "#/components/responses/GatewayTimeout"
          }
        }
      },
      "put": {
        "operationId": "updateProduct",
        "summary": "Replace a product",
        "description": "Replaces the mutable fields of a product (`name`, `description`, `price`); a field left out\nis removed. Send the `ETag` of a previous read as `If-Match` to update only if nobody changed\nthe product since (412 otherwise). The `version` increases by one.\n",
        "tags": [
          "products"
        ],
        "security": [
          {
            "CognitoAuthorizer": [
              "product-api/update_product"
            ]
          }
        ],
        "x-amazon-apigateway-integration": {
          "type": "aws_proxy",
          "httpMethod": "POST",
          "uri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
          "passthroughBehavior": "when_no_match"
        },
        "parameters": [
          {
            "$ref": "#/components/parameters/IfMatch"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ProductUpdate"
              },
              "example": {
                "name": "Android phone (2026)",
                "price": 179.99
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated product.",
            "headers": {
              "ETag": {
                "$ref": "#/components/headers/ETag"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Product"
                },
                "example": {
                  "id": "android",
                  "name": "Android phone (2026)",
                  "price": 179.99,
                  "createdAt": "2026-11-26T10:00:00.000Z",
                  "updatedAt": "2026-11-26T11:00:00.000Z",
                  "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
                  "version": 2
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "412": {
            "$ref": "#/components/responses/PreconditionFailed"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "502": {
            "$ref": "#/components/responses/BadGateway"
          },
          "504": {
            "$ref": "#/components/responses/GatewayTimeout"
          }
        }
      },
      "delete": {
        "operationId": "deleteProduct",
        "summary": "Delete a product",
        "description": "Deletes a product. Deleting a product that does not exist answers 404.",
        "tags": [
          "products"
        ],
        "security": [
          {
            "CognitoAuthorizer": [
              "product-api/delete_product"
            ]
          }
        ],
        "x-amazon-apigateway-request-validator": "params-only",
        "x-amazon-apigateway-integration": {
          "type": "aws_proxy",
          "httpMethod": "POST",
          "uri": "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${ProductsFunctionArn}/invocations",
          "passthroughBehavior": "when_no_match"
        },
        "responses": {
          "204": {
            "description": "The product was deleted."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalServerError"
          },
          "502": {
            "$ref": "#/components/responses/BadGateway"
          },
          "504": {
            "$ref": "#/components/responses/GatewayTimeout"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "CognitoAuthorizer": {
        "type": "apiKey",
        "name": "Authorization",
        "in": "header",
        "description": "An Amazon Cognito access token from the client_credentials grant, sent as\n`Authorization: Bearer <access_token>`. Each operation needs one of its listed scopes.\n",
        "x-amazon-apigateway-authtype": "cognito_user_pools",
        "x-amazon-apigateway-authorizer": {
          "type": "cognito_user_pools",
          "providerARNs": [
            "${UserPoolArn}"
          ]
        },
        "x-oauth2-resource-server": {
          "identifier": "product-api",
          "name": "Products API",
          "tokenUrl": "https://{domainPrefix}.auth.{region}.amazoncognito.com/oauth2/token",
          "scopes": {
            "read_product": "Read products (list and get).",
            "create_product": "Create products.",
            "update_product": "Replace products.",
            "delete_product": "Delete products."
          }
        }
      }
    },
    "parameters": {
      "ProductIdPath": {
        "name": "id",
        "in": "path",
        "required": true,
        "description": "The product id.",
        "example": "android",
        "schema": {
          "$ref": "#/components/schemas/ProductId"
        }
      },
      "Limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "The most products on one page, from 1 to 100. Defaults to 20.",
        "example": 20,
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100
        }
      },
      "Cursor": {
        "name": "cursor",
        "in": "query",
        "required": false,
        "description": "The opaque `nextCursor` of the previous page. Do not build or change it.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 2048
        }
      },
      "IfMatch": {
        "name": "If-Match",
        "in": "header",
        "required": false,
        "description": "The `ETag` of the version you read; the update fails with 412 if the product changed since.",
        "example": "\"1\"",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 64
        }
      }
    },
    "headers": {
      "ETag": {
        "description": "The product's version as an entity tag, for `If-Match`.",
        "schema": {
          "type": "string"
        }
      },
      "Location": {
        "description": "The path of the new product.",
        "schema": {
          "type": "string"
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request is invalid. From the gateway's request validator: `validation_error` with the\nvalidator's detail (`Invalid request body: [...]` or `Missing required request parameters:\n[...]`). From the service: `validation_error` naming the field, `invalid_json` or\n`invalid_cursor`.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "name: must NOT have fewer than 1 characters",
              "code": "validation_error",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "The access token is missing, invalid, expired (`The incoming token has expired`), an ID\ntoken, or carries none of the operation's scopes.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Unauthorized",
              "code": "unauthorized",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "Forbidden": {
        "description": "No such route or method: `route_not_found` (AWS's message is `Missing Authentication\nToken`; with an `Authorization` header it is a SigV4 parser message instead), or\n`access_denied` when a resource policy refuses the call.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Missing Authentication Token",
              "code": "route_not_found",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "NotFound": {
        "description": "No product has this id.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Product \"android\" was not found.",
              "code": "not_found",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "Conflict": {
        "description": "A product with this id exists already; nothing was changed.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Product \"android\" exists already.",
              "code": "already_exists",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "PreconditionFailed": {
        "description": "The product changed since the `If-Match` version was read; nothing was changed.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Product \"android\" is at version \"2\", not \"1\": read it again and retry.",
              "code": "precondition_failed",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "The request body is too large (gateway limit 10 MB, service limit 64 KiB).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Request body is 70000 bytes; the limit is 65536 bytes.",
              "code": "payload_too_large",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "The request body is not `application/json`.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Content-Type \"text/plain\" is not supported; send application/json.",
              "code": "unsupported_media_type",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "TooManyRequests": {
        "description": "`throttled`: the stage's throttling limit was exceeded; retry with exponential backoff and\njitter. Other refusals of the gateway itself answer `gateway_error`.\n",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Too Many Requests",
              "code": "throttled",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "InternalServerError": {
        "description": "An unexpected failure in the service. Quote the `requestId` when you report it.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Internal error; quote the requestId when you report it.",
              "code": "internal_error",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "BadGateway": {
        "description": "The function failed or returned a malformed response (`internal_error`).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Internal server error",
              "code": "internal_error",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      },
      "GatewayTimeout": {
        "description": "The function did not answer within the integration timeout (`integration_timeout`).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            },
            "example": {
              "message": "Endpoint request timed out",
              "code": "integration_timeout",
              "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
            }
          }
        }
      }
    },
    "schemas": {
      "ProductId": {
        "type": "string",
        "description": "Letters, digits, `_` and `-`, 1 to 64 characters.",
        "pattern": "^[A-Za-z0-9_-]{1,64}$",
        "minLength": 1,
        "maxLength": 64
      },
      "ProductName": {
        "type": "string",
        "description": "The product's display name.",
        "minLength": 1,
        "maxLength": 200
      },
      "ProductDescription": {
        "type": "string",
        "description": "A longer description.",
        "maxLength": 2000
      },
      "Price": {
        "type": "number",
        "description": "The price, not negative.",
        "minimum": 0,
        "maximum": 1000000000
      },
      "NewProduct": {
        "type": "object",
        "description": "A product to create. Unknown fields are rejected.",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/ProductId"
          },
          "name": {
            "$ref": "#/components/schemas/ProductName"
          },
          "description": {
            "$ref": "#/components/schemas/ProductDescription"
          },
          "price": {
            "$ref": "#/components/schemas/Price"
          }
        }
      },
      "ProductUpdate": {
        "type": "object",
        "description": "The new mutable fields of a product. Unknown fields are rejected.",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/ProductName"
          },
          "description": {
            "$ref": "#/components/schemas/ProductDescription"
          },
          "price": {
            "$ref": "#/components/schemas/Price"
          }
        }
      },
      "Product": {
        "type": "object",
        "description": "A stored product.",
        "additionalProperties": false,
        "required": [
          "id",
          "name",
          "createdAt",
          "updatedAt",
          "createdBy",
          "version"
        ],
        "properties": {
          "id": {
            "$ref": "#/components/schemas/ProductId"
          },
          "name": {
            "$ref": "#/components/schemas/ProductName"
          },
          "description": {
            "$ref": "#/components/schemas/ProductDescription"
          },
          "price": {
            "$ref": "#/components/schemas/Price"
          },
          "createdAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the product was created (ISO 8601, UTC)."
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the product was last changed (ISO 8601, UTC)."
          },
          "createdBy": {
            "type": "string",
            "description": "The OAuth2 `client_id` of the app client that created the product.",
            "minLength": 1
          },
          "version": {
            "type": "integer",
            "description": "Starts at 1 and increases by one on every update; the `ETag` is this number quoted.",
            "minimum": 1
          }
        }
      },
      "ProductPage": {
        "type": "object",
        "description": "One page of products.",
        "additionalProperties": false,
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Product"
            }
          },
          "nextCursor": {
            "type": "string",
            "description": "Pass as `cursor` to get the next page; absent on the last page."
          }
        }
      },
      "Error": {
        "type": "object",
        "description": "Every error body, from the gateway or from the service: a `message` for people, a stable\n`code` to branch on and the `requestId` to quote. Two answers of AWS's front door cannot be\ncustomized and carry only `message` (a body over 10 MB; REQUEST_TOO_LARGE, an event over 6 MB).\n",
        "required": [
          "message"
        ],
        "properties": {
          "message": {
            "type": "string",
            "description": "What went wrong and what to do about it."
          },
          "code": {
            "type": "string",
            "description": "A stable machine-readable code; see the error catalogue.",
            "enum": [
              "unauthorized",
              "access_denied",
              "route_not_found",
              "throttled",
              "integration_timeout",
              "gateway_error",
              "validation_error",
              "invalid_json",
              "invalid_cursor",
              "unsupported_media_type",
              "payload_too_large",
              "not_found",
              "already_exists",
              "precondition_failed",
              "internal_error"
            ]
          },
          "requestId": {
            "type": "string",
            "description": "The API Gateway request id (also the `x-amzn-RequestId` header); quote it when you report a problem."
          }
        }
      }
    }
  }
};
