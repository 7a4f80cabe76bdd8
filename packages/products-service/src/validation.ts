// Validates requests with the contract's precompiled validators (ajv standalone code that `pnpm generate`
// writes into @org/products-core from openapi.yaml): nothing is compiled, and the spec is not read, at run time.
import { contract } from '@org/products-core/contract';
import type { OperationModel, ParameterLocation, Validator, ValidatorError } from '@org/products-core/model';
import type { OperationId } from './generated/operations.ts';
import { ValidationError } from './errors.ts';

export type { OperationModel, ParameterLocation };

type Json = { [key: string]: unknown };

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The precompiled validator with this key (`getProduct.path.id`, `schema.ProductId`). A missing key means
 * the generated contract and this code disagree: a build problem, so it throws at once.
 * @example validatorFor('schema.ProductId')('android') === true
 */
export function validatorFor(key: string): Validator {
  const validate = Object.hasOwn(contract.validators, key) ? contract.validators[key] : undefined;
  if (!validate) throw new Error(`The generated contract has no validator "${key}"; run \`pnpm generate\`.`);
  return validate;
}

/** Route table `METHOD /path/template` → operation, from the generated model (never written by hand). */
const routes = new Map<string, OperationModel>(contract.model.operations.map((op) => [`${op.method} ${op.path}`, op]));

/**
 * The operation API Gateway routed this event to: its `httpMethod` and `resource` (the path template).
 * @example route(event.httpMethod, event.resource)?.operationId // 'getProduct'
 */
export function route(method: string, resource: string): (OperationModel & { operationId: OperationId }) | undefined {
  return routes.get(`${method.toUpperCase()} ${resource}`) as (OperationModel & { operationId: OperationId }) | undefined;
}

/**
 * An operation of the contract by id.
 * @example operationModel('createProduct').body?.required === true
 */
export function operationModel(operationId: OperationId): OperationModel {
  const op = contract.model.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`The generated contract has no operation "${operationId}"; run \`pnpm generate\`.`);
  return op;
}

/** The first characters of a value too deep to stringify, walking only its first members (no recursion). */
function opening(value: unknown): string {
  let text = '';
  let node = value;
  while (text.length < 60 && typeof node === 'object' && node !== null) {
    if (Array.isArray(node)) {
      text += '[';
      node = node[0];
    } else {
      const [key] = Object.keys(node);
      text += key === undefined ? '{' : `{${JSON.stringify(key)}:`;
      node = key === undefined ? undefined : (node as Json)[key];
    }
  }
  return text;
}

let productId: Validator | undefined;

/**
 * Whether a value is a valid product id by the spec's own `ProductId` schema (the same rule the gateway and
 * the body validator apply), e.g. for an id read back from a cursor.
 * @example isProductId('android') === true; isProductId('a b') === false;
 */
export function isProductId(value: unknown): boolean {
  productId ??= validatorFor('schema.ProductId');
  return productId(value) === true;
}

/**
 * A short, safe rendering of a bad value for an error message.
 * @example quote({ price: -1 }) === '{"price":-1}';
 */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // A body nested thousands deep overflows the stack of JSON.stringify (and of String() too): a 400 for
    // it must not become a 500, so quote just its opening.
    text = `${opening(value)}...`;
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(data: unknown, instancePath: string): unknown {
  let node = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = (isJson(node) || Array.isArray(node)) && Object.hasOwn(node, key) ? (node as Json)[key] : undefined;
  }
  return node;
}

/**
 * Turns a validator's errors into one sentence per problem, naming where and quoting the value.
 * @example describeErrors('body', body, validate.errors) // ['body.price: must be >= 0 (got -1)']
 */
export function describeErrors(subject: string, data: unknown, errors: ValidatorError[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const where = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : `${acc}.${s}`), subject);
    const message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      const extra = String(error.params.additionalProperty);
      return `${where}: unknown field ${quote(extra)}; remove it (only the fields documented in openapi.yaml are accepted)`;
    }
    if (error.keyword === 'required') return `${where}: ${message}`;
    return `${where}: ${message} (got ${quote(valueAt(data, error.instancePath))})`;
  });
}

/** The text of a query or header parameter, as the schema's type (numbers parsed strictly; else left as text). */
function coerce(raw: string, type: string | null): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** The raw request parts the validator looks at (a proxy event has them under these names). */
export interface RawRequest {
  /** `event.pathParameters`. */
  pathParameters: Record<string, string | undefined> | null | undefined;
  /** `event.queryStringParameters`. */
  queryStringParameters: Record<string, string | undefined> | null | undefined;
  /** `event.headers` (any case). */
  headers: Record<string, string | undefined> | null | undefined;
}

/** The parameters of a request, validated and typed by the spec. Unknown query parameters are ignored. */
export type Parameters = Record<ParameterLocation, Map<string, unknown>>;

/** An own property of a request map: a name such as `constructor` or `__proto__` is just a name, never Object.prototype's. */
function own(record: Record<string, string | undefined> | null | undefined, name: string): string | undefined {
  return record && Object.hasOwn(record, name) ? record[name] : undefined;
}

/**
 * Checks an operation's path, query and header parameters against the spec; throws one ValidationError
 * listing every problem.
 * @example const params = validateParameters(operationModel('listProducts'), event); params.query.get('limit');
 */
export function validateParameters(op: OperationModel, request: RawRequest): Parameters {
  const out: Parameters = { path: new Map(), query: new Map(), header: new Map() };
  const problems: string[] = [];
  const lowerHeaders = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(request.headers ?? {})) lowerHeaders.set(name.toLowerCase(), value);
  for (const param of op.parameters) {
    const raw =
      param.in === 'path'
        ? own(request.pathParameters, param.name)
        : param.in === 'query'
          ? own(request.queryStringParameters, param.name)
          : lowerHeaders.get(param.name.toLowerCase());
    const subject = `${param.in} parameter "${param.name}"`;
    if (raw === undefined || raw === null) {
      if (param.required) problems.push(`${subject}: is required`);
      continue;
    }
    const value = coerce(raw, param.type);
    const validate = validatorFor(param.validator);
    if (!validate(value)) problems.push(...describeErrors(subject, value, validate.errors));
    else out[param.in].set(param.name, value);
  }
  if (problems.length > 0) throw new ValidationError(`Invalid request: ${problems.join('; ')}.`);
  return out;
}

/**
 * Checks a parsed JSON body against the operation's `application/json` request body schema.
 * @example const product = validateBody(operationModel('createProduct'), JSON.parse(event.body));
 */
export function validateBody<T>(op: OperationModel, body: unknown): T {
  const key = op.body?.media['application/json'];
  if (!key) return body as T;
  const validate = validatorFor(key);
  if (!validate(body)) {
    throw new ValidationError(`Invalid request body: ${describeErrors('body', body, validate.errors).join('; ')}.`);
  }
  return body as T;
}
