// Stage "validate": API Gateway's request validator as the contract configures it per operation.
// REST validators check only the presence of required query string and header parameters (not their
// schemas: the service does), and the body against the JSON model of its Content-Type.
import type { OperationModel, Validator } from './model.ts';

/** A validator failure, as API Gateway reports it. */
export type ValidationFailure = { type: 'BAD_REQUEST_BODY' | 'BAD_REQUEST_PARAMETERS'; message: string; validationErrorString: string };

/**
 * Checks one request against its operation's request validator; `undefined` means it passes. No
 * Content-Type counts as `application/json`; a Content-Type without a model passes through unvalidated.
 * @example const failure = validateRequest(op, validators, request, url, bodyText);
 */
export function validateRequest(
  op: OperationModel,
  validators: Readonly<Record<string, Validator>>,
  request: Request,
  url: URL,
  body: string,
): ValidationFailure | undefined {
  const config = op.requestValidator;
  if (!config) return undefined;
  if (config.parameters) {
    const missing = op.parameters
      .filter((p) => p.required && (p.in === 'query' ? !url.searchParams.has(p.name) : p.in === 'header' ? !request.headers.has(p.name) : false))
      .map((p) => p.name);
    if (missing.length > 0) {
      const message = `Missing required request parameters: [${missing.join(', ')}]`;
      return { type: 'BAD_REQUEST_PARAMETERS', message, validationErrorString: message };
    }
  }
  if (config.body && op.body) {
    const mediaType = (request.headers.get('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
    const key = Object.hasOwn(op.body.media, mediaType) ? op.body.media[mediaType] : undefined;
    const validate = key === undefined ? undefined : validators[key];
    if (!validate) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrorString: `[Invalid JSON: ${(error as Error).message}]` };
    }
    if (!validate(value)) {
      const errors = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrorString: `[${errors.join(', ')}]` };
    }
  }
  return undefined;
}
