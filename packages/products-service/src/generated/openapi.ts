// This file is generated from openapi.yaml by packages/contract/src/generate.ts. Do not edit it by hand:
// change openapi.yaml and run `pnpm generate`. `pnpm test` fails when it is out of date.
/* eslint-disable */

export interface paths {
    "/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List products
         * @description Returns one page of products. Pass the `nextCursor` of a page as `cursor` to get the next
         *     page; there are no more pages when `nextCursor` is absent. The order is the table's scan
         *     order, not sorted.
         */
        get: operations["listProducts"];
        put?: never;
        /**
         * Create a product
         * @description Creates a product. The `id` is taken from the body or generated (a UUID). The first writer
         *     of an id wins: creating an id that exists answers 409 and changes nothing.
         */
        post: operations["createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The product id.
                 * @example android
                 */
                id: components["parameters"]["ProductIdPath"];
            };
            cookie?: never;
        };
        /**
         * Get a product
         * @description Returns one product and its `ETag` (the product's version), for a later conditional update.
         */
        get: operations["getProduct"];
        /**
         * Replace a product
         * @description Replaces the mutable fields of a product (`name`, `description`, `price`); a field left out
         *     is removed. Send the `ETag` of a previous read as `If-Match` to update only if nobody changed
         *     the product since (412 otherwise). The `version` increases by one.
         */
        put: operations["updateProduct"];
        post?: never;
        /**
         * Delete a product
         * @description Deletes a product. Deleting a product that does not exist answers 404.
         */
        delete: operations["deleteProduct"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Letters, digits, `_` and `-`, 1 to 64 characters. */
        ProductId: string;
        /** @description The product's display name. */
        ProductName: string;
        /** @description A longer description. */
        ProductDescription: string;
        /**
         * @description The price, not negative, in cents at most (two decimals). The bounds and the step keep every
         *     valid price storable as a DynamoDB number (at most 38 significant digits, no magnitude below
         *     1E-130), so a price the contract accepts is never refused by the table.
         */
        Price: number;
        /** @description A product to create. Unknown fields are rejected. */
        NewProduct: {
            id?: components["schemas"]["ProductId"];
            name: components["schemas"]["ProductName"];
            description?: components["schemas"]["ProductDescription"];
            price?: components["schemas"]["Price"];
        };
        /** @description The new mutable fields of a product. Unknown fields are rejected. */
        ProductUpdate: {
            name: components["schemas"]["ProductName"];
            description?: components["schemas"]["ProductDescription"];
            price?: components["schemas"]["Price"];
        };
        /** @description A stored product. */
        Product: {
            id: components["schemas"]["ProductId"];
            name: components["schemas"]["ProductName"];
            description?: components["schemas"]["ProductDescription"];
            price?: components["schemas"]["Price"];
            /**
             * Format: date-time
             * @description When the product was created (ISO 8601, UTC).
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the product was last changed (ISO 8601, UTC).
             */
            updatedAt: string;
            /** @description The OAuth2 `client_id` of the app client that created the product. */
            createdBy: string;
            /** @description Starts at 1 and increases by one on every update; the `ETag` is this number quoted. */
            version: number;
        };
        /** @description One page of products. */
        ProductPage: {
            items: components["schemas"]["Product"][];
            /** @description Pass as `cursor` to get the next page; absent on the last page. */
            nextCursor?: string;
        };
        /**
         * @description Every error body, from the gateway or from the service: a `message` for people, a stable
         *     `code` to branch on and the `requestId` to quote. Two answers of AWS's front door cannot be
         *     customized: a body over 10 MB gets a plain-text 413 (`HTTP content length exceeded 10485760
         *     bytes.`), and an event over Lambda's 6 MB gets REQUEST_TOO_LARGE, `{"message":"Request Too Long"}`.
         */
        Error: {
            /** @description What went wrong and what to do about it. */
            message: string;
            /**
             * @description A stable machine-readable code; see the error catalogue.
             * @enum {string}
             */
            code?: "unauthorized" | "access_denied" | "route_not_found" | "throttled" | "integration_timeout" | "gateway_error" | "validation_error" | "invalid_json" | "invalid_cursor" | "unsupported_media_type" | "payload_too_large" | "not_found" | "already_exists" | "precondition_failed" | "internal_error";
            /** @description The API Gateway request id (also the `x-amzn-RequestId` header); quote it when you report a problem. */
            requestId?: string;
        };
    };
    responses: {
        /**
         * @description The request is invalid. From the gateway's request validator: `validation_error` with the
         *     validator's detail (`Invalid request body: [...]` or `Missing required request parameters:
         *     [...]`). From the service: `validation_error` naming the field, `invalid_json` or
         *     `invalid_cursor`.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Invalid request body: [string \"\" is too short (length: 0, required minimum: 1)]",
                 *       "code": "validation_error",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description The access token is missing, invalid, expired (`The incoming token has expired`), an ID
         *     token, or carries none of the operation's scopes.
         */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Unauthorized",
                 *       "code": "unauthorized",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description No such route or method: `route_not_found` (AWS's message is `Missing Authentication
         *     Token`; with an `Authorization` header it is a SigV4 parser message instead), or
         *     `access_denied` when a resource policy refuses the call.
         */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Missing Authentication Token",
                 *       "code": "route_not_found",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No product has this id. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Product \"android\" was not found.",
                 *       "code": "not_found",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A product with this id exists already; nothing was changed. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Product \"android\" exists already; choose another id, or leave it out to get a generated one.",
                 *       "code": "already_exists",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The product changed since the `If-Match` version was read; nothing was changed. */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Product \"android\" is at version \"2\", not \"1\": read it again and retry.",
                 *       "code": "precondition_failed",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request body is too large (gateway limit 10 MB, service limit 64 KiB). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Request body is 70000 bytes; the limit is 65536 bytes.",
                 *       "code": "payload_too_large",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Content-Type \"text/plain\" is not supported; send application/json.",
                 *       "code": "unsupported_media_type",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description `throttled`: the stage's throttling limit was exceeded; retry with exponential backoff and
         *     jitter. Other refusals of the gateway itself answer `gateway_error`.
         */
        TooManyRequests: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Too Many Requests",
                 *       "code": "throttled",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description An unexpected failure in the service. Quote the `requestId` when you report it. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Internal error; quote the requestId when you report it.",
                 *       "code": "internal_error",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The function failed or returned a malformed response (`internal_error`). */
        BadGateway: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Internal server error",
                 *       "code": "internal_error",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The function did not answer within the integration timeout (`integration_timeout`). */
        GatewayTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "message": "Endpoint request timed out",
                 *       "code": "integration_timeout",
                 *       "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /**
         * @description The product id.
         * @example android
         */
        ProductIdPath: components["schemas"]["ProductId"];
        /**
         * @description The most products on one page, from 1 to 100. Defaults to 20.
         * @example 20
         */
        Limit: number;
        /** @description The opaque `nextCursor` of the previous page. Do not build or change it. */
        Cursor: string;
        /**
         * @description The `ETag` of the version you read (with its double quotes), a comma-separated list of them, or
         *     `*`; the update fails with 412 if the product changed since.
         * @example "1"
         */
        IfMatch: string;
    };
    requestBodies: never;
    headers: {
        /** @description The product's version as an entity tag, for `If-Match`. */
        ETag: string;
        /** @description The path of the new product. */
        Location: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listProducts: {
        parameters: {
            query?: {
                /**
                 * @description The most products on one page, from 1 to 100. Defaults to 20.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
                /** @description The opaque `nextCursor` of the previous page. Do not build or change it. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of products. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "android",
                     *           "name": "Android phone",
                     *           "description": "A phone that runs Android.",
                     *           "price": 199.99,
                     *           "createdAt": "2026-11-26T10:00:00.000Z",
                     *           "updatedAt": "2026-11-26T10:00:00.000Z",
                     *           "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
                     *           "version": 1
                     *         }
                     *       ],
                     *       "nextCursor": "eyJpZCI6ImFuZHJvaWQifQ"
                     *     }
                     */
                    "application/json": components["schemas"]["ProductPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    createProduct: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "id": "android",
                 *       "name": "Android phone",
                 *       "description": "A phone that runs Android.",
                 *       "price": 199.99
                 *     }
                 */
                "application/json": components["schemas"]["NewProduct"];
            };
        };
        responses: {
            /** @description The product was created. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "android",
                     *       "name": "Android phone",
                     *       "description": "A phone that runs Android.",
                     *       "price": 199.99,
                     *       "createdAt": "2026-11-26T10:00:00.000Z",
                     *       "updatedAt": "2026-11-26T10:00:00.000Z",
                     *       "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The product id.
                 * @example android
                 */
                id: components["parameters"]["ProductIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "android",
                     *       "name": "Android phone",
                     *       "price": 199.99,
                     *       "createdAt": "2026-11-26T10:00:00.000Z",
                     *       "updatedAt": "2026-11-26T10:00:00.000Z",
                     *       "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
                     *       "version": 1
                     *     }
                     */
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    updateProduct: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of the version you read (with its double quotes), a comma-separated list of them, or
                 *     `*`; the update fails with 412 if the product changed since.
                 * @example "1"
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /**
                 * @description The product id.
                 * @example android
                 */
                id: components["parameters"]["ProductIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Android phone (2026)",
                 *       "price": 179.99
                 *     }
                 */
                "application/json": components["schemas"]["ProductUpdate"];
            };
        };
        responses: {
            /** @description The updated product. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "android",
                     *       "name": "Android phone (2026)",
                     *       "price": 179.99,
                     *       "createdAt": "2026-11-26T10:00:00.000Z",
                     *       "updatedAt": "2026-11-26T11:00:00.000Z",
                     *       "createdBy": "4s4c7qmtkoa2kfk4bm0esgk33c",
                     *       "version": 2
                     *     }
                     */
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
    deleteProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The product id.
                 * @example android
                 */
                id: components["parameters"]["ProductIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product was deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            502: components["responses"]["BadGateway"];
            504: components["responses"]["GatewayTimeout"];
        };
    };
}
