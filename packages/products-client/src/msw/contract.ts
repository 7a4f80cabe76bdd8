// What the mock needs from openapi.yaml, read once from the generated spec data: routes, scopes,
// parameters, request validators, response schemas and the gateway responses. Nothing here is
// copied by hand from the contract.
import { operations as operationScopes, type OperationId } from '../generated/operations.ts';
import { ProductsMockError } from './errors.ts';
import { assertSupported, firstIssue, resolveRef, type SchemaIssue } from './schema.ts';

type Json = { readonly [key: string]: unknown };

export type ParameterInfo = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required: boolean; schema: Json };

export type OperationInfo = {
  operationId: OperationId;
  method: string;
  /** The path template (`/products/{id}`). */
  path: string;
  /** Path segments; `{name}` marks a parameter. */
  segments: string[];
  scopes: readonly string[];
  parameters: ParameterInfo[];
  /** The request body's schema per media type, when the operation takes a body. */
  body?: { required: boolean; content: Record<string, Json> };
  validate: { body: boolean; parameters: boolean };
  /** Documented response statuses → the JSON schema of their body (undefined when none). */
  responses: Map<number, Json | undefined>;
  /** Documented response statuses → the `example` of their JSON body, when there is one. */
  examples: Map<number, unknown>;
  /** Headers each documented response must carry. */
  responseHeaders: Map<number, string[]>;
};

export type GatewayResponseInfo = { statusCode?: number; template?: string; headers: Record<string, string> };

export type Contract = {
  root: Json;
  operations: OperationInfo[];
  byId: Map<string, OperationInfo>;
  gatewayResponses: Record<string, GatewayResponseInfo>;
};

function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function deref(root: Json, value: unknown): Json {
  let node = obj(value);
  for (let i = 0; typeof node.$ref === 'string' && i < 20; i++) node = resolveRef(root, node.$ref);
  return node;
}

/**
 * Reads the contract from the spec data.
 * @example const contract = readContract(spec); contract.byId.get('getProduct')?.scopes
 */
export function readContract(root: Json): Contract {
  const paths = obj(root.paths);
  const validators = obj(root['x-amazon-apigateway-request-validators']);
  const defaultValidator = root['x-amazon-apigateway-request-validator'];
  const list: OperationInfo[] = [];

  for (const [operationId, info] of Object.entries(operationScopes) as [OperationId, (typeof operationScopes)[OperationId]][]) {
    const item = obj(paths[info.path]);
    const raw = obj(item[info.method.toLowerCase()]);
    const params = new Map<string, ParameterInfo>();
    for (const p of [...((item.parameters as unknown[]) ?? []), ...((raw.parameters as unknown[]) ?? [])]) {
      const param = deref(root, p);
      const where = param.in as ParameterInfo['in'];
      const schema = obj(param.schema);
      assertSupported(root, schema);
      params.set(`${where}:${String(param.name)}`, { name: String(param.name), in: where, required: param.required === true, schema });
    }
    let body: OperationInfo['body'];
    if (raw.requestBody !== undefined) {
      const requestBody = deref(root, raw.requestBody);
      const content: Record<string, Json> = {};
      for (const [type, media] of Object.entries(obj(requestBody.content))) {
        const schema = obj(obj(media).schema);
        assertSupported(root, schema);
        content[type] = schema;
      }
      body = { required: requestBody.required === true, content };
    }
    const validatorName = raw['x-amazon-apigateway-request-validator'] ?? defaultValidator;
    const validator = typeof validatorName === 'string' ? obj(validators[validatorName]) : {};
    const responses = new Map<number, Json | undefined>();
    const examples = new Map<number, unknown>();
    const responseHeaders = new Map<number, string[]>();
    for (const [status, r] of Object.entries(obj(raw.responses))) {
      const response = deref(root, r);
      const media = obj(obj(response.content)['application/json']);
      const schema = media.schema === undefined ? undefined : obj(media.schema);
      if (schema) assertSupported(root, schema);
      responses.set(Number(status), schema);
      if (media.example !== undefined) examples.set(Number(status), media.example);
      responseHeaders.set(Number(status), Object.keys(obj(response.headers)));
    }
    list.push({
      operationId,
      method: info.method,
      path: info.path,
      segments: info.path.split('/').filter(Boolean),
      scopes: info.scopes,
      parameters: [...params.values()],
      ...(body ? { body } : {}),
      validate: { body: validator.validateRequestBody === true, parameters: validator.validateRequestParameters === true },
      responses,
      examples,
      responseHeaders,
    });
  }

  const gatewayResponses: Record<string, GatewayResponseInfo> = {};
  for (const [type, r] of Object.entries(obj(root['x-amazon-apigateway-gateway-responses']))) {
    const response = obj(r);
    const headers: Record<string, string> = {};
    // responseParameters look like `gatewayresponse.header.Name: "'value'"`: only static values apply here.
    for (const [key, value] of Object.entries(obj(response.responseParameters))) {
      const m = /^gatewayresponse\.header\.(.+)$/.exec(key);
      const literal = typeof value === 'string' ? /^'(.*)'$/.exec(value) : null;
      if (m?.[1] && literal) headers[m[1]] = literal[1] ?? '';
    }
    const template = obj(response.responseTemplates)['application/json'];
    gatewayResponses[type] = {
      ...(typeof response.statusCode === 'number' || typeof response.statusCode === 'string' ? { statusCode: Number(response.statusCode) } : {}),
      ...(typeof template === 'string' ? { template } : {}),
      headers,
    };
  }

  return { root, operations: list, byId: new Map(list.map((op) => [op.operationId, op])), gatewayResponses };
}

/** A routed request: the operation and its raw path parameters (as sent, not decoded). */
export type RouteMatch = { op: OperationInfo; params: Record<string, string> };

/**
 * Routes `(method, path)` as API Gateway does: first the most specific resource (path template)
 * matching the path, segment by segment, a literal segment beating `{param}`, then the method on
 * that resource. A resource without the method matches nothing (the gateway answers 403 Missing
 * Authentication Token) even when a less specific resource has the method, as the local stack does.
 * @example routeRequest(contract, 'GET', '/products/android') // { op: getProduct, params: { id: 'android' } }
 */
export function routeRequest(contract: Pick<Contract, 'operations'>, method: string, path: string): RouteMatch | undefined {
  const parts = path === '/' || path === '' ? [] : path.slice(1).split('/');
  let best: { template: string; params: Record<string, string>; rank: string } | undefined;
  for (const op of contract.operations) {
    if (op.segments.length !== parts.length || best?.template === op.path) continue;
    const params: Record<string, string> = {};
    let rank = '';
    let matches = true;
    op.segments.forEach((segment, i) => {
      const part = parts[i] ?? '';
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      if (part === '' || (param === undefined && segment !== part)) matches = false;
      else if (param !== undefined) {
        params[param] = part;
        rank += '1';
      } else rank += '0';
    });
    // Equal lengths, so comparing the rank strings compares segment by segment.
    if (matches && (!best || rank < best.rank)) best = { template: op.path, params, rank };
  }
  if (!best) return undefined;
  const wanted = method.toUpperCase();
  const op = contract.operations.find((o) => o.path === best.template && o.method === wanted);
  return op ? { op, params: best.params } : undefined;
}

/**
 * Checks a body the mock is about to send against the documented response of the operation, and
 * throws when it breaks the contract (a bug in the mock, reported loudly instead of shipped).
 * @example checkResponse(contract, op, 200, product, new Headers({ ETag: '"1"' }));
 */
export function checkResponse(contract: Contract, op: OperationInfo, status: number, body: unknown, headers: Headers): void {
  if (!op.responses.has(status)) {
    throw new ProductsMockError(
      'contract_violation',
      `The products mock answered ${op.operationId} with status ${status}, which openapi.yaml does not document for it.`,
    );
  }
  const schema = op.responses.get(status);
  let issue: SchemaIssue | undefined;
  if (schema) issue = firstIssue(contract.root, schema, body);
  else if (body !== undefined) {
    issue = { instancePath: '', keyword: 'content', message: 'must be empty', params: {} };
  }
  if (issue) {
    throw new ProductsMockError(
      'contract_violation',
      `The products mock's ${status} response to ${op.operationId} breaks openapi.yaml at "${issue.instancePath || '/'}": ${issue.message}.`,
    );
  }
  for (const name of op.responseHeaders.get(status) ?? []) {
    if (!headers.has(name)) {
      throw new ProductsMockError(
        'contract_violation',
        `The products mock's ${status} response to ${op.operationId} lacks the documented header "${name}".`,
      );
    }
  }
}
