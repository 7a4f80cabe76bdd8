import { isObject, type OpenApiDocument } from '@org/products-contract';

/** API Gateway's gateway response types with their default status and `x-amzn-ErrorType`. */
export const GATEWAY_RESPONSE_DEFAULTS: Record<string, { status: number; errorType?: string }> = {
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
  THROTTLED: { status: 429 },
  UNAUTHORIZED: { status: 401, errorType: 'UnauthorizedException' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  WAF_FILTERED: { status: 403 },
};

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
};

type Configured = { statusCode?: number; templates: Record<string, string>; parameters: Record<string, string> };

/**
 * Renders gateway responses from the spec's `x-amazon-apigateway-gateway-responses`, falling back
 * to DEFAULT_4XX/DEFAULT_5XX and then to AWS's defaults. Templates are plain substitution of
 * `$context.error.messageString` (a JSON string), `$context.error.message`,
 * `$context.error.validationErrorString`, `$context.error.responseType` and `$context.requestId`.
 * @example const render = createGatewayResponses(spec); render({ type: 'UNAUTHORIZED', message: 'Unauthorized' }, ctx);
 */
export function createGatewayResponses(spec: OpenApiDocument) {
  const configured = new Map<string, Configured>();
  const raw = spec['x-amazon-apigateway-gateway-responses'];
  if (isObject(raw)) {
    for (const [type, value] of Object.entries(raw)) {
      if (!isObject(value)) continue;
      const templates = isObject(value.responseTemplates) ? (value.responseTemplates as Record<string, string>) : {};
      const parameters = isObject(value.responseParameters) ? (value.responseParameters as Record<string, string>) : {};
      const statusCode = value.statusCode === undefined ? undefined : Number(value.statusCode);
      configured.set(type, { statusCode, templates, parameters });
    }
  }

  return (error: GatewayError, ctx: { requestId: string; request: Request; pathParameters?: Record<string, string> | null }): Response => {
    const defaults = GATEWAY_RESPONSE_DEFAULTS[error.type] ?? { status: error.status ?? 500 };
    const baseStatus = error.status ?? defaults.status;
    const fallbackType = baseStatus >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
    const own = configured.get(error.type);
    const fallback = configured.get(fallbackType);
    const status = own?.statusCode ?? (error.status ?? defaults.status);
    // The type's own templates and parameters win; DEFAULT_4XX/5XX fill what it lacks.
    const templates = own && Object.keys(own.templates).length > 0 ? own.templates : (fallback?.templates ?? {});
    const parameters = { ...(fallback?.parameters ?? {}), ...(own?.parameters ?? {}) };
    const contentType = 'application/json' in templates ? 'application/json' : (Object.keys(templates)[0] ?? 'application/json');
    const template = templates[contentType] ?? DEFAULT_TEMPLATE;
    const body = template
      .replaceAll('$context.error.messageString', JSON.stringify(error.message))
      .replaceAll('$context.error.validationErrorString', error.validationErrorString ?? '')
      .replaceAll('$context.error.responseType', error.type)
      .replaceAll('$context.error.message', error.message)
      .replaceAll('$context.requestId', ctx.requestId);
    const headers = new Headers({ 'content-type': contentType, 'x-amzn-requestid': ctx.requestId });
    if (defaults.errorType) headers.set('x-amzn-errortype', defaults.errorType);
    const url = new URL(ctx.request.url);
    for (const [key, value] of Object.entries(parameters)) {
      const name = /^gatewayresponse\.header\.(.+)$/.exec(key)?.[1];
      if (!name || typeof value !== 'string') continue;
      const resolved = resolveParameter(value, ctx.request, url, ctx.pathParameters ?? null);
      if (resolved !== undefined) headers.set(name, resolved);
    }
    return new Response(body, { status, headers });
  };
}

function resolveParameter(value: string, request: Request, url: URL, path: Record<string, string> | null): string | undefined {
  const literal = /^'(.*)'$/s.exec(value);
  if (literal) return literal[1];
  const header = /^method\.request\.header\.(.+)$/.exec(value);
  if (header) return request.headers.get(header[1]!) ?? undefined;
  const query = /^method\.request\.querystring\.(.+)$/.exec(value);
  if (query) return url.searchParams.get(query[1]!) ?? undefined;
  const param = /^method\.request\.path\.(.+)$/.exec(value);
  if (param) return path?.[param[1]!];
  return undefined;
}
