// Stage "validate": API Gateway's request validator as the contract configures it per operation.
// REST validators check only the presence of required query string and header parameters (not their
// schemas: the service does), and the body against the JSON model of its Content-Type.
import type { OperationModel, Validator } from './model.ts';
import { validationErrorString } from './validation-error-string.ts';

/** A validator failure, as API Gateway reports it. */
export type ValidationFailure = { type: 'BAD_REQUEST_BODY' | 'BAD_REQUEST_PARAMETERS'; message: string; validationErrorString: string };

/**
 * Checks one request against its operation's request validator; `undefined` means it passes. No
 * Content-Type counts as `application/json`; a Content-Type without a model passes through unvalidated.
 * `body` is the body's text, or undefined when its bytes are not UTF-8.
 * @example const failure = validateRequest(op, validators, request, url, bodyText);
 */
export function validateRequest(
  op: OperationModel,
  validators: Readonly<Record<string, Validator>>,
  request: Request,
  url: URL,
  body: string | undefined,
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
    if (body === undefined) {
      // Chosen: a body model never sees text that is not UTF-8 (the bytes would reach the function with
      // replacement characters, and be stored altered).
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrorString: '[The request body is not valid UTF-8]' };
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      // V8's message quotes a piece of the body; keep only where it broke.
      const at = /position (\d+)/.exec((error as Error).message)?.[1];
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrorString: `[Invalid JSON${at === undefined ? '' : ` at position ${at}`}: ${body.trim() === '' ? 'the body is empty' : 'send a JSON value'}]` };
    }
    if (!validate(value)) {
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrorString: validationErrorString(validate.errors, value) };
    }
  }
  return undefined;
}
