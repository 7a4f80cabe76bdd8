// API Gateway's request validator, as the spec configures it per operation: presence of required
// query and header parameters (REST validators do not check parameter schemas), and the body
// against the JSON model of its Content-Type (no Content-Type counts as application/json; a
// Content-Type without a model passes through to the function unvalidated).
import type { OperationInfo } from './contract.ts';
import { firstIssue } from './schema.ts';

/** A validator failure: the gateway response type and its message. */
export type ValidationFailure = { type: 'BAD_REQUEST_PARAMETERS' | 'BAD_REQUEST_BODY'; message: string };

/**
 * Checks a request as the operation's request validator would; `undefined` means it passes.
 * @example const failure = validateRequest(spec, op, request, new URL(request.url), await request.text());
 */
export function validateRequest(root: { readonly [key: string]: unknown }, op: OperationInfo, request: Request, url: URL, body: string): ValidationFailure | undefined {
  if (op.validate.parameters) {
    const missing = op.parameters
      .filter((p) => p.required && (p.in === 'query' ? !url.searchParams.has(p.name) : p.in === 'header' ? !request.headers.has(p.name) : false))
      .map((p) => p.name);
    if (missing.length > 0) return { type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: [${missing.join(', ')}]` };
  }
  if (op.validate.body && op.body) {
    const mediaType = (request.headers.get('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
    const schema = Object.entries(op.body.content).find(([type]) => type.toLowerCase() === mediaType)?.[1];
    if (!schema) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };
    }
    if (firstIssue(root, schema, value)) return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };
  }
  return undefined;
}
