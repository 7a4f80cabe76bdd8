// The properties every answer must have, and the comparison of two targets' answers.
import type { OperationModel } from '@org/products-core';
import { contract } from '@org/products-core/contract';
import type { FuzzAnswer, FuzzRequest } from './request.ts';

const { validators, model } = contract;
const byId = new Map(model.operations.map((op) => [op.operationId, op]));

/** Statuses the gateway itself answers for any request it cannot route (documented in the contract). */
const UNROUTED_STATUSES = new Set([400, 403, 413]);
/** The token endpoint's answers: a token, or an OAuth2 error (405 for another method, 413 for a body over the limit). */
const TOKEN_STATUSES = new Set([200, 400, 401, 405, 413]);
const TOKEN_ERRORS = new Set(['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope']);

function parse(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/**
 * What is wrong with an answer (empty when nothing): a 5xx, a status the operation does not document,
 * a body its schema refuses, a documented header missing, a request id missing or different, a valid
 * request refused.
 * @example const problems = checkAnswer(request, answer)
 */
export function checkAnswer(request: FuzzRequest, answer: FuzzAnswer, options: { authorized: boolean }): string[] {
  const problems: string[] = [];
  const { status } = answer;
  if (status >= 500) problems.push(`answered ${status} (no 5xx ever)`);
  const isHead = request.method === 'HEAD';
  const json = parse(answer.body);

  if (request.tokenEndpoint) {
    if (!TOKEN_STATUSES.has(status)) problems.push(`the token endpoint answered ${status}; expected one of ${[...TOKEN_STATUSES].join(', ')}`);
    if (!json.ok) problems.push(`the token endpoint answered no JSON: ${JSON.stringify(answer.body.slice(0, 120))}`);
    else if (status === 200) {
      const t = json.value as Record<string, unknown>;
      if (typeof t.access_token !== 'string' || typeof t.expires_in !== 'number' || t.token_type !== 'Bearer') problems.push(`a 200 without access_token, expires_in and token_type Bearer: ${answer.body.slice(0, 200)}`);
    } else if (!TOKEN_ERRORS.has(String((json.value as Record<string, unknown>)?.error))) problems.push(`an error answer whose error is not an OAuth2 code: ${answer.body.slice(0, 200)}`);
    return problems;
  }

  const op: OperationModel | undefined = request.operationId ? byId.get(request.operationId) : undefined;
  const requestId = answer.headers['x-amzn-requestid'];
  if (op) {
    const documented = op.responses[String(status)];
    if (!documented) problems.push(`${op.operationId} answered ${status}, which the spec does not document for it (documents ${Object.keys(op.responses).join(', ')})`);
    else {
      if (documented.validator && !isHead) {
        if (!json.ok) problems.push(`${status} body is not JSON: ${JSON.stringify(answer.body.slice(0, 120))}`);
        else {
          const validate = validators[documented.validator]!;
          if (!validate(json.value)) problems.push(`${status} body breaks ${documented.validator}: ${JSON.stringify(validate.errors?.slice(0, 3))} in ${answer.body.slice(0, 300)}`);
        }
      }
      for (const h of documented.headers) if (answer.headers[h.toLowerCase()] === undefined) problems.push(`${status} lacks the documented header ${h}`);
    }
    if (request.valid && options.authorized && (status === 400 || status === 401 || status === 403 || status === 415)) {
      problems.push(`a valid, authorized request was refused ${status}: ${answer.body.slice(0, 300)}`);
    }
  } else {
    if (!UNROUTED_STATUSES.has(status)) problems.push(`an unrouted request answered ${status}; expected one of ${[...UNROUTED_STATUSES].join(', ')}`);
    if (!isHead && answer.body !== '') {
      if (!json.ok) problems.push(`${status} body is not JSON: ${JSON.stringify(answer.body.slice(0, 120))}`);
      else if (model.errorValidator && !validators[model.errorValidator]!(json.value)) problems.push(`${status} body is not the Error shape: ${answer.body.slice(0, 200)}`);
    }
  }
  // Every answer of the gateway names its request (the front door's bare 400 aside).
  const bodyId = json.ok && typeof json.value === 'object' && json.value !== null ? (json.value as Record<string, unknown>).requestId : undefined;
  if (bodyId !== undefined && bodyId !== requestId) problems.push(`body requestId ${JSON.stringify(bodyId)} is not the x-amzn-RequestId header ${JSON.stringify(requestId)}`);
  if (requestId === undefined && !(status === 400 && answer.body === '{"message":"Bad Request"}')) problems.push(`no x-amzn-RequestId header on a ${status}`);
  return problems;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;

function mask(value: unknown, key = ''): unknown {
  if (key === 'requestId') return '<requestId>';
  if (key === 'access_token') return '<token>';
  // The mock has its own app clients: the creator's client id differs by target.
  if (key === 'createdBy') return '<client>';
  // The SigV4 parser message quotes a hash of the Authorization header (each target's own token).
  if (typeof value === 'string') return value.replace(UUID, '<uuid>').replace(ISO_TIME, '<time>').replace(/'[A-Za-z0-9+/]{43}='/g, '<hash>').replace(/eyJ[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)*/g, '<jwt>');
  if (Array.isArray(value)) return value.map((v) => mask(v));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v, k)]));
  return value;
}

/**
 * An answer as two targets must agree on it: status and body, with request ids, times and generated
 * ids masked; a page of products as its size and whether it has a next page (generated ids change the
 * scan order).
 * @example expect(normalize(a, r)).toEqual(normalize(b, r))
 */
export function normalize(answer: FuzzAnswer, request: FuzzRequest): { status: number; body: unknown } {
  const json = parse(answer.body);
  let body: unknown = json.ok ? mask(json.value) : answer.body;
  if (request.operationId === 'listProducts' && answer.status === 200 && json.ok) {
    const page = json.value as { items?: unknown[]; nextCursor?: string };
    body = { items: page.items?.length, nextCursor: page.nextCursor !== undefined };
  }
  return { status: answer.status, body };
}
