// Stage "gateway responses": the answers API Gateway itself gives (401, 403, 400, 413, 429, 502,
// 504...), rendered from the contract's `x-amazon-apigateway-gateway-responses`.
import type { ContractModel, GatewayResponseModel } from './model.ts';

/** API Gateway's gateway response types with their default status and `x-amzn-ErrorType`. */
export const GATEWAY_RESPONSE_DEFAULTS: Readonly<Record<string, { status: number; errorType?: string }>> = {
  ACCESS_DENIED: { status: 403, errorType: 'AccessDeniedException' },
  API_CONFIGURATION_ERROR: { status: 500 },
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500 },
  AUTHORIZER_FAILURE: { status: 500 },
  BAD_REQUEST_BODY: { status: 400, errorType: 'BadRequestException' },
  BAD_REQUEST_PARAMETERS: { status: 400, errorType: 'BadRequestException' },
  DEFAULT_4XX: { status: 400 },
  DEFAULT_5XX: { status: 500 },
  EXPIRED_TOKEN: { status: 403, errorType: 'ExpiredTokenException' },
  INTEGRATION_FAILURE: { status: 504 },
  INTEGRATION_TIMEOUT: { status: 504 },
  INVALID_API_KEY: { status: 403 },
  INVALID_SIGNATURE: { status: 403 },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: 'MissingAuthenticationTokenException' },
  QUOTA_EXCEEDED: { status: 429 },
  REQUEST_TOO_LARGE: { status: 413, errorType: 'BadRequestException' },
  RESOURCE_NOT_FOUND: { status: 404 },
  THROTTLED: { status: 429, errorType: 'TooManyRequestsException' },
  UNAUTHORIZED: { status: 401, errorType: 'UnauthorizedException' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  WAF_FILTERED: { status: 403 },
};

/**
 * Types whose customization AWS lists as unsupported: the emulator applies neither their own nor the
 * DEFAULT_4XX/5XX customization (UNCONFIRMED whether DEFAULT_4XX reaches them on AWS; chosen: no).
 */
const NOT_CUSTOMIZABLE = new Set(['REQUEST_TOO_LARGE']);

/** The built-in body when neither the type nor DEFAULT_4XX/5XX has a template. */
const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';

/** What a gateway response is rendered from. */
export type GatewayError = {
  /** The gateway response type (`UNAUTHORIZED`). */
  type: string;
  /** `$context.error.message`. */
  message: string;
  /** `$context.error.validationErrorString`, for validator failures. */
  validationErrorString?: string;
  /** Overrides the type's default status where AWS does (a malformed Lambda result is a 502 DEFAULT_5XX). */
  status?: number;
  /** Overrides the `x-amzn-ErrorType` header (AWS's SigV4 parser answers IncompleteSignatureException). */
  errorType?: string;
};

/** The request facts a gateway response's header mappings may read. */
export type ResponseContext = { requestId: string; request: Request; pathParameters?: Record<string, string> | null };

/**
 * A renderer of gateway responses: the type's customization, then DEFAULT_4XX/DEFAULT_5XX, then AWS's
 * defaults. Templates are plain substitution of `$context.error.messageString` (a JSON string),
 * `$context.error.message`, `$context.error.validationErrorString`, `$context.error.responseType` and
 * `$context.requestId`.
 * @example const render = createGatewayResponses(model); render({ type: 'UNAUTHORIZED', message: 'Unauthorized' }, ctx)
 */
export function createGatewayResponses(model: ContractModel): (error: GatewayError, ctx: ResponseContext) => Response {
  const configured = new Map<string, GatewayResponseModel>(Object.entries(model.gatewayResponses));
  return (error, ctx) => {
    const defaults = GATEWAY_RESPONSE_DEFAULTS[error.type] ?? { status: error.status ?? 500 };
    const baseStatus = error.status ?? defaults.status;
    const customizable = !NOT_CUSTOMIZABLE.has(error.type);
    const fallback = customizable ? configured.get(baseStatus >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX') : undefined;
    const own = customizable ? configured.get(error.type) : undefined;
    const status = own?.statusCode ?? baseStatus;
    // The type's own templates and parameters win; DEFAULT_4XX/5XX fill what it lacks.
    const templates = own && Object.keys(own.templates).length > 0 ? own.templates : (fallback?.templates ?? {});
    const parameters = { ...(fallback?.parameters ?? {}), ...(own?.parameters ?? {}) };
    const contentType = 'application/json' in templates ? 'application/json' : (Object.keys(templates)[0] ?? 'application/json');
    const template = templates[contentType] ?? DEFAULT_TEMPLATE;
    const body = renderTemplate(template, error, ctx.requestId);
    const headers = new Headers({ 'content-type': contentType, 'x-amzn-requestid': ctx.requestId });
    const errorType = error.errorType ?? defaults.errorType;
    if (errorType) headers.set('x-amzn-errortype', errorType);
    const url = new URL(ctx.request.url);
    for (const [key, value] of Object.entries(parameters)) {
      const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
      if (!name) continue;
      const resolved = resolveParameter(value, ctx.request, url, ctx.pathParameters ?? null);
      if (resolved !== undefined) headers.set(name, resolved);
    }
    return new Response(body, { status, headers });
  };
}

/**
 * Substitutes the `$context` variables API Gateway offers in gateway response templates.
 * @example renderTemplate('{"message":$context.error.messageString}', { type: 'UNAUTHORIZED', message: 'Unauthorized' }, 'id')
 */
export function renderTemplate(template: string, error: GatewayError, requestId: string): string {
  // One pass, longest names first, so a substituted value is never substituted again.
  const values: Record<string, string> = {
    '$context.error.messageString': JSON.stringify(error.message),
    // Reported answers show the validator's detail JSON-escaped inside a JSON template (UNCONFIRMED).
    '$context.error.validationErrorString': JSON.stringify(error.validationErrorString ?? '').slice(1, -1),
    '$context.error.responseType': error.type,
    '$context.error.message': error.message,
    '$context.requestId': requestId,
  };
  return template.replace(/\$context\.(?:error\.(?:messageString|validationErrorString|responseType|message)|requestId)/g, (name) => values[name] ?? name);
}

function resolveParameter(value: string, request: Request, url: URL, path: Record<string, string> | null): string | undefined {
  const literal = /^'(.*)'$/s.exec(value);
  if (literal) return literal[1];
  const header = /^method\.request\.header\.(.+)$/.exec(value);
  if (header) return request.headers.get(header[1]!) ?? undefined;
  const query = /^method\.request\.querystring\.(.+)$/.exec(value);
  if (query) return url.searchParams.get(query[1]!) ?? undefined;
  const param = /^method\.request\.path\.(.+)$/.exec(value);
  if (param && path && Object.hasOwn(path, param[1]!)) return path[param[1]!];
  return undefined;
}
