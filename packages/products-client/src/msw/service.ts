// The products service's semantics over the in-memory store: the same checks in the same order,
// the same status codes, error codes and messages as the Lambda behind the real API, so that a
// consumer's test sees what production would answer. The scenario suite in test/contract proves it
// against the local stack (which runs the real Lambda).
import type { components } from '../generated/openapi.ts';
import type { OperationId } from '../generated/operations.ts';
import type { Contract, OperationInfo } from './contract.ts';
import { allIssues, type SchemaIssue } from './schema.ts';
import type { Product, ProductStore, ProductUpdate, NewProduct } from './store.ts';

type ErrorCode = NonNullable<components['schemas']['Error']['code']>;

/** What the gateway hands the function: the parts of a Lambda proxy event the service reads. */
export type ServiceRequest = {
  op: OperationInfo;
  /** Raw path parameters, as the gateway extracted them. */
  pathParameters: Record<string, string>;
  /** The query string; the service reads the last value of a repeated name (as `queryStringParameters`). */
  query: URLSearchParams;
  headers: Headers;
  /** The raw body bytes; undefined when empty. */
  body: Uint8Array | undefined;
  /** `requestContext.path`: the stage and the path (`/dev/products`). */
  contextPath: string;
  clientId: string;
  requestId: string;
  now: Date;
};

/** What the function answers (the proxy result). */
export type ServiceResponse = { status: number; headers: Record<string, string>; body?: unknown };

/** The service's body limit, as the contract documents it (64 KiB). */
export const MAX_BODY_BYTES = 64 * 1024;
const DEFAULT_LIMIT = 20;

class Failure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(data: unknown, instancePath: string): unknown {
  let node = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function describe(subject: string, data: unknown, issues: SchemaIssue[]): string[] {
  return issues.map((issue) => {
    const where = issue.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : `${acc}.${s}`), subject);
    if (issue.keyword === 'additionalProperties') {
      return `${where}: unknown field ${quote(String(issue.params.additionalProperty))}; remove it (only the fields documented in openapi.yaml are accepted)`;
    }
    if (issue.keyword === 'required') return `${where}: ${issue.message}`;
    return `${where}: ${issue.message} (got ${quote(valueAt(data, issue.instancePath))})`;
  });
}

function coerce(raw: string, type: unknown): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function schemaType(contract: Contract, schema: { readonly [key: string]: unknown }): unknown {
  let node = schema;
  for (let i = 0; typeof node.$ref === 'string' && i < 10; i++) {
    let next: unknown = contract.root;
    for (const part of node.$ref.slice(2).split('/')) next = (next as Record<string, unknown>)[part];
    node = next as typeof node;
  }
  return node.type;
}

function validateParameters(contract: Contract, request: ServiceRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const param of request.op.parameters) {
    if (param.in === 'cookie') continue;
    const raw = param.in === 'path' ? request.pathParameters[param.name] : param.in === 'query' ? request.query.getAll(param.name).at(-1) : request.headers.get(param.name);
    const subject = `${param.in} parameter "${param.name}"`;
    if (raw === undefined || raw === null) {
      if (param.required) problems.push(`${subject}: is required`);
      continue;
    }
    const value = coerce(raw, schemaType(contract, param.schema));
    const issues = allIssues(contract.root, param.schema, value);
    if (issues.length > 0) problems.push(...describe(subject, value, issues));
    else out[`${param.in}:${param.name}`] = value;
  }
  if (problems.length > 0) throw new Failure(400, 'validation_error', `Invalid request: ${problems.join('; ')}.`);
  return out;
}

function assertJsonContentType(contentType: string | null): void {
  const [mediaType = '', ...params] = (contentType ?? '').split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (mediaType !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new Failure(
      415,
      'unsupported_media_type',
      contentType === null
        ? 'The request has a body but no Content-Type; send application/json.'
        : `Content-Type ${JSON.stringify(contentType)} is not supported; send application/json.`,
    );
  }
}

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Failure(400, 'invalid_json', 'Request body is not valid UTF-8; send JSON encoded as UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Failure(400, 'invalid_json', `Request body is not valid JSON (${(cause as Error).message}); send a JSON object.`);
  }
}

function base64urlEncode(text: string): string {
  let binary = '';
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64urlDecode(text: string): string {
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    // Node's Buffer decoder skips what it cannot read; the JSON parse below then fails as the service's does.
    binary = '';
  }
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

const CURSOR_ID = /^[A-Za-z0-9_-]{1,64}$/;

function decodeCursor(cursor: string): string {
  const fail = (why: string) =>
    new Failure(
      400,
      'invalid_cursor',
      `Cursor ${JSON.stringify(cursor.length > 40 ? `${cursor.slice(0, 37)}...` : cursor)} is not valid (${why}); pass the nextCursor of a previous page unchanged, or leave it out to start from the beginning.`,
    );
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw fail('not base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(base64urlDecode(cursor));
  } catch {
    throw fail('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail('not a key');
  const id = (parsed as Record<string, unknown>).id;
  if (Object.keys(parsed).length !== 1 || typeof id !== 'string' || !CURSOR_ID.test(id)) throw fail('not a key of this table');
  return id;
}

type IfMatch = { any: true } | { any: false; versions: number[]; header: string };

function parseIfMatch(header: string): IfMatch {
  const text = header.trim();
  if (text === '*') return { any: true };
  const versions: number[] = [];
  for (const part of text.split(',')) {
    const match = /^(W\/)?"([\x21\x23-\x7e]*)"$/.exec(part.trim());
    if (!match) {
      throw new Failure(
        400,
        'validation_error',
        `If-Match ${JSON.stringify(header)} is not an entity tag list; send the ETag of a previous read exactly as received (with its double quotes, e.g. "1"), or "*".`,
      );
    }
    const [, weak, opaque = ''] = match;
    versions.push(!weak && /^[1-9]\d{0,14}$/.test(opaque) ? Number(opaque) : 0);
  }
  return { any: false, versions, header: text };
}

const notFound = (id: string) => new Failure(404, 'not_found', `Product ${JSON.stringify(id)} was not found.`);

function json(status: number, body: unknown, headers: Record<string, string> = {}): ServiceResponse {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body };
}

type Implementation = (request: ServiceRequest, params: Record<string, unknown>, body: unknown) => ServiceResponse;

/**
 * The service behind the gateway, over `store`: answers a routed, authorized request.
 * @example const answer = createService(contract, store)(request);
 */
export function createService(contract: Contract, store: ProductStore): (request: ServiceRequest) => ServiceResponse {
  const implementations: Record<OperationId, Implementation> = {
    listProducts(_request, params) {
      const limit = typeof params['query:limit'] === 'number' ? params['query:limit'] : DEFAULT_LIMIT;
      const cursor = params['query:cursor'];
      const page = store.scan(limit, typeof cursor === 'string' ? decodeCursor(cursor) : undefined);
      const body: components['schemas']['ProductPage'] = { items: page.items };
      if (page.lastId !== undefined) body.nextCursor = base64urlEncode(JSON.stringify({ id: page.lastId }));
      return json(200, body);
    },
    createProduct(request, _params, body) {
      const input = body as NewProduct;
      const at = request.now.toISOString();
      const product: Product = { id: input.id ?? crypto.randomUUID(), name: input.name, createdAt: at, updatedAt: at, createdBy: request.clientId, version: 1 };
      if (input.description !== undefined) product.description = input.description;
      if (input.price !== undefined) product.price = input.price;
      if (store.has(product.id)) {
        throw new Failure(409, 'already_exists', `Product ${JSON.stringify(product.id)} exists already; choose another id, or leave it out to get a generated one.`);
      }
      store.write(product);
      const base = request.contextPath.replace(/\/+$/, '');
      return json(201, product, { Location: `${base}/${encodeURIComponent(product.id)}`, ETag: `"${product.version}"` });
    },
    getProduct(_request, params) {
      const id = String(params['path:id']);
      const product = store.get(id);
      if (!product) throw notFound(id);
      return json(200, product, { ETag: `"${product.version}"` });
    },
    updateProduct(request, params, body) {
      const id = String(params['path:id']);
      const header = params['header:If-Match'];
      const ifMatch = typeof header === 'string' ? parseIfMatch(header) : undefined;
      const current = store.get(id);
      if (!current) throw notFound(id);
      if (ifMatch && !ifMatch.any && !ifMatch.versions.includes(current.version)) {
        throw new Failure(412, 'precondition_failed', `Product ${JSON.stringify(id)} is at version "${current.version}", not ${ifMatch.header}: read it again and retry.`);
      }
      const update = body as ProductUpdate;
      const next: Product = { ...current, name: update.name, updatedAt: request.now.toISOString(), version: current.version + 1 };
      delete next.description;
      delete next.price;
      if (update.description !== undefined) next.description = update.description;
      if (update.price !== undefined) next.price = update.price;
      store.write(next);
      return json(200, store.get(id), { ETag: `"${next.version}"` });
    },
    deleteProduct(_request, params) {
      const id = String(params['path:id']);
      if (!store.delete(id)) throw notFound(id);
      return { status: 204, headers: {} };
    },
  };

  return (request) => {
    try {
      if (request.body && request.body.length > MAX_BODY_BYTES) {
        throw new Failure(413, 'payload_too_large', `Request body is ${request.body.length} bytes; the limit is ${MAX_BODY_BYTES} bytes.`);
      }
      const params = validateParameters(contract, request);
      let body: unknown;
      if (request.op.body) {
        if (!request.body) {
          if (request.op.body.required) throw new Failure(400, 'validation_error', 'Invalid request body: body is required; send a JSON object.');
        } else {
          assertJsonContentType(request.headers.get('content-type'));
          body = parseJson(request.body);
          const schema = request.op.body.content['application/json'];
          const issues = schema ? allIssues(contract.root, schema, body) : [];
          if (issues.length > 0) throw new Failure(400, 'validation_error', `Invalid request body: ${describe('body', body, issues).join('; ')}.`);
        }
      }
      return implementations[request.op.operationId](request, params, body);
    } catch (error) {
      if (!(error instanceof Failure)) throw error;
      return json(error.status, { message: error.message, code: error.code, requestId: request.requestId });
    }
  };
}
