import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isObject, listOperations, type OpenApiDocument, type Operation } from '@org/products-contract';
import { LocalStackError } from '../errors.ts';

// ajv-formats is CommonJS with a default export; under NodeNext its namespace is what we get.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** A validator failure, as API Gateway reports it. */
export type ValidationFailure = { type: 'BAD_REQUEST_BODY' | 'BAD_REQUEST_PARAMETERS'; message: string; validationErrorString: string };

/** Checks one request against its operation; `undefined` means it passes. */
export type RequestValidator = (request: Request, body: string) => ValidationFailure | undefined;

/**
 * Builds the request validator of every operation from `x-amazon-apigateway-request-validators`
 * and `x-amazon-apigateway-request-validator` (operation level wins over the root):
 * - parameters: presence of the required query string and header parameters only (REST
 *   validators check presence, not the parameter schemas);
 * - body: the JSON model for the request's Content-Type; no Content-Type counts as
 *   `application/json`; a Content-Type without a model passes through unvalidated.
 * @example const validate = createValidators(spec).get(operationKey(operation)); const failure = validate?.(request, body);
 */
export function createValidators(spec: OpenApiDocument): Map<string, RequestValidator> {
  const validators = isObject(spec['x-amazon-apigateway-request-validators']) ? (spec['x-amazon-apigateway-request-validators'] as Record<string, unknown>) : {};
  const rootName = typeof spec['x-amazon-apigateway-request-validator'] === 'string' ? spec['x-amazon-apigateway-request-validator'] : undefined;
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema({ components: { schemas: spec.components?.schemas ?? {} } }, 'spec');
  const out = new Map<string, RequestValidator>();
  const cache = new Map<string, ValidateFunction>();
  for (const op of listOperations(spec)) {
    const name = typeof op.raw['x-amazon-apigateway-request-validator'] === 'string' ? (op.raw['x-amazon-apigateway-request-validator'] as string) : rootName;
    if (name === undefined) continue;
    const config = validators[name];
    if (!isObject(config)) {
      throw new LocalStackError('spec_unsupported', `Operation "${op.operationId}" names request validator "${name}", which x-amazon-apigateway-request-validators does not declare.`);
    }
    const checkParams = config.validateRequestParameters === true;
    const checkBody = config.validateRequestBody === true;
    const required = checkParams ? requiredParameters(spec, op) : [];
    const models = checkBody ? bodyModels(spec, op, ajv, cache) : new Map<string, ValidateFunction>();
    if (required.length === 0 && models.size === 0) continue;
    out.set(operationKey(op), (request, body) => {
      if (required.length > 0) {
        const url = new URL(request.url);
        const missing = required.filter((p) => (p.in === 'query' ? !url.searchParams.has(p.name) : !request.headers.has(p.name))).map((p) => p.name);
        if (missing.length > 0) {
          const list = `[${missing.join(', ')}]`;
          return { type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: ${list}`, validationErrorString: `Missing required request parameters: ${list}` };
        }
      }
      if (models.size > 0) {
        const mediaType = (request.headers.get('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
        const validate = models.get(mediaType);
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
    });
  }
  return out;
}

/**
 * The key operations are looked up by: `GET /products/{id}`.
 * @example validators.get(operationKey(match.operation));
 */
export function operationKey(op: Pick<Operation, 'method' | 'path'>): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

type Parameter = { name: string; in: string; required?: boolean };

function deref<T>(spec: OpenApiDocument, value: unknown): T | undefined {
  if (isObject(value) && typeof value.$ref === 'string') {
    const parts = value.$ref.replace(/^#\//, '').split('/');
    let node: unknown = spec;
    for (const part of parts) node = isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return node as T | undefined;
  }
  return value as T | undefined;
}

function requiredParameters(spec: OpenApiDocument, op: Operation): Parameter[] {
  const pathItem = spec.paths[op.path] ?? {};
  const lists = [pathItem.parameters, op.raw.parameters].map((l) => (Array.isArray(l) ? l : []));
  const byKey = new Map<string, Parameter>();
  // Operation-level parameters override path-level ones of the same name and location.
  for (const list of lists) {
    for (const raw of list) {
      const p = deref<Parameter>(spec, raw);
      if (p && typeof p.name === 'string') byKey.set(`${p.in}:${p.name}`, p);
    }
  }
  return [...byKey.values()].filter((p) => p.required === true && (p.in === 'query' || p.in === 'header'));
}

function bodyModels(spec: OpenApiDocument, op: Operation, ajv: Ajv, cache: Map<string, ValidateFunction>): Map<string, ValidateFunction> {
  const out = new Map<string, ValidateFunction>();
  const body = deref<Record<string, unknown>>(spec, op.raw.requestBody);
  if (!isObject(body) || !isObject(body.content)) return out;
  for (const [mediaType, media] of Object.entries(body.content)) {
    if (!isObject(media) || media.schema === undefined) continue;
    const schema = media.schema as Record<string, unknown>;
    // Local refs (#/components/...) are rewritten to point into the registered "spec" document.
    const rewritten = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"spec#/')) as object;
    const key = JSON.stringify(rewritten);
    let validate = cache.get(key);
    if (!validate) {
      validate = ajv.compile(rewritten);
      cache.set(key, validate);
    }
    out.set(mediaType.toLowerCase(), validate);
  }
  return out;
}
