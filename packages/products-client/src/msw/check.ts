// The mock's promise, checked on every answer: the status is one openapi.yaml documents for the
// operation, the body matches its schema (the generated, precompiled validators) and the documented
// headers are there. A mismatch is a bug in the mock, reported loudly instead of shipped.
import type { Contract, OperationModel } from '@org/products-core/model';
import { ProductsMockError } from './errors.ts';

/** The first problem of a value against a validator of the contract, or undefined when it passes. */
export function firstIssue(contract: Contract, key: string, value: unknown): { instancePath: string; message: string } | undefined {
  const validate = contract.validators[key];
  // A missing key means the generated model and validators disagree: a build problem, loud at once.
  if (!validate) throw new ProductsMockError('contract_violation', `The generated contract has no validator "${key}"; regenerate it with \`pnpm generate\`.`);
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  return { instancePath: error?.instancePath ?? '', message: error?.message ?? 'is invalid' };
}

/**
 * Checks a status, body and headers against the operation's documented response (or, for a request
 * that routes to no operation, the gateway's `Error` schema); throws `contract_violation`.
 * @example checkAnswer(contract, op, 200, product, new Headers({ ETag: '"1"' }));
 */
export function checkAnswer(contract: Contract, op: OperationModel | undefined, status: number, body: unknown, headers: Headers): void {
  const what = op ? `response to ${op.operationId}` : 'gateway response';
  if (!op) {
    const key = contract.model.errorValidator;
    const issue = key ? firstIssue(contract, key, body) : undefined;
    if (issue) throw violation(`The products mock's ${status} ${what} breaks the Error schema at "${issue.instancePath || '/'}": ${issue.message}.`);
    return;
  }
  const documented = Object.hasOwn(op.responses, String(status)) ? op.responses[String(status)] : undefined;
  if (!documented) throw violation(`The products mock answered ${op.operationId} with status ${status}, which openapi.yaml does not document for it.`);
  if (documented.validator) {
    const issue = firstIssue(contract, documented.validator, body);
    if (issue) throw violation(`The products mock's ${status} ${what} breaks openapi.yaml at "${issue.instancePath || '/'}": ${issue.message}.`);
  } else if (body !== undefined) {
    throw violation(`The products mock's ${status} ${what} has a body, and openapi.yaml documents none.`);
  }
  for (const name of documented.headers) {
    if (!headers.has(name)) throw violation(`The products mock's ${status} ${what} lacks the documented header "${name}".`);
  }
}

/**
 * Reads a response the mock is about to send and checks it; returns it unread. API Gateway's front
 * door answers an over-long body in plain text before any gateway response applies: outside
 * openapi.yaml, so that answer alone is not checked.
 * @example return checkResponse(contract, op, await gateway(request));
 */
export async function checkResponse(contract: Contract, op: OperationModel | undefined, response: Response): Promise<Response> {
  const contentType = response.headers.get('content-type') ?? '';
  if (response.status === 413 && contentType.startsWith('text')) return response;
  const text = await response.clone().text();
  let body: unknown;
  if (text !== '') {
    try {
      body = JSON.parse(text);
    } catch (cause) {
      throw violation(`The products mock answered ${op?.operationId ?? 'a request'} with a body that is not JSON.`, cause);
    }
  }
  checkAnswer(contract, op, response.status, body, response.headers);
  return response;
}

function violation(message: string, cause?: unknown): ProductsMockError {
  return new ProductsMockError('contract_violation', message, cause === undefined ? undefined : { cause });
}
