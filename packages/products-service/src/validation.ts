// Validates requests against openapi.yaml itself (the generated `spec.ts`), so the handler and the gateway
// enforce the same schemas without a hand-written copy.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { spec } from './generated/spec.ts';
import { operations, type OperationId } from './generated/operations.ts';
import { ValidationError } from './errors.ts';

type FormatsPlugin = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS: under Node's ESM loader the default import is the plugin itself, under some
// bundlers it is `{ default: plugin }`.
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

const SPEC_ID = 'openapi.json';

/** Where a parameter is sent. */
export type ParameterLocation = 'path' | 'query' | 'header';

/** One parameter of an operation, read from the spec. */
export interface ParameterModel {
  /** The parameter's name as the spec spells it (`id`, `limit`, `If-Match`). */
  name: string;
  /** Where it is sent. */
  in: ParameterLocation;
  /** Whether the spec marks it required. */
  required: boolean;
  /** The JSON type of its schema, used to turn the query string's text into a number where needed. */
  type: string | undefined;
  /** JSON pointer to its schema inside the spec document. */
  schemaPointer: string;
}

/** What the handler needs to know about one operation, read from the spec. */
export interface OperationModel {
  /** The operation's id in openapi.yaml. */
  operationId: OperationId;
  /** Upper-case HTTP method. */
  method: string;
  /** The path template, as API Gateway sends it in `event.resource`. */
  path: string;
  /** Its parameters (path-level ones included). */
  parameters: ParameterModel[];
  /** Its JSON request body, when it has one. */
  body: { required: boolean; schemaPointer: string } | undefined;
}

type Json = { [key: string]: unknown };

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The value at a JSON pointer of the spec document. */
function at(pointer: string): unknown {
  let node: unknown = spec;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = isJson(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
  }
  return node;
}

/** Follows `$ref`s to `#/...` until a real node; returns the node and its pointer. */
function deref(pointer: string): { node: Json; pointer: string } {
  let current = pointer;
  for (let hops = 0; hops < 10; hops++) {
    const node = at(current);
    if (!isJson(node)) throw new Error(`openapi.yaml has nothing at "#${current}".`);
    const ref = node.$ref;
    if (typeof ref !== 'string') return { node, pointer: current };
    if (!ref.startsWith('#/')) throw new Error(`openapi.yaml: only local $refs are supported, not "${ref}".`);
    current = ref.slice(1);
  }
  throw new Error(`openapi.yaml: $ref chain at "#${pointer}" is too long.`);
}

function parametersAt(pointer: string): ParameterModel[] {
  const list = at(pointer);
  if (!Array.isArray(list)) return [];
  return list.map((_, index) => {
    const { node, pointer: paramPointer } = deref(`${pointer}/${index}`);
    const location = node.in;
    if (location !== 'path' && location !== 'query' && location !== 'header') {
      throw new Error(`openapi.yaml: parameter at "#${paramPointer}" is in "${String(location)}", which the service does not read.`);
    }
    const schema = deref(`${paramPointer}/schema`).node;
    return {
      name: String(node.name),
      in: location,
      required: node.required === true,
      type: typeof schema.type === 'string' ? schema.type : undefined,
      schemaPointer: `${paramPointer}/schema`,
    };
  });
}

/**
 * Reads one operation's parameters and body schema from the spec.
 * @example const op = operationModel('createProduct'); op.body?.required === true;
 */
export function operationModel(operationId: OperationId): OperationModel {
  const { method, path } = operations[operationId];
  const pathPointer = `/paths/${escapePointer(path)}`;
  const opPointer = `${pathPointer}/${method.toLowerCase()}`;
  const byKey = new Map<string, ParameterModel>();
  // Operation-level parameters override path-level ones with the same name and location (OpenAPI rule).
  for (const p of [...parametersAt(`${pathPointer}/parameters`), ...parametersAt(`${opPointer}/parameters`)]) {
    byKey.set(`${p.in}:${p.name}`, p);
  }
  let body: OperationModel['body'];
  if (isJson(at(`${opPointer}/requestBody`))) {
    const { node, pointer } = deref(`${opPointer}/requestBody`);
    const schemaPointer = `${pointer}/content/application~1json/schema`;
    if (at(schemaPointer) === undefined) throw new Error(`openapi.yaml: ${operationId} has a request body without an application/json schema.`);
    body = { required: node.required === true, schemaPointer };
  }
  return { operationId, method, path, parameters: [...byKey.values()], body };
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** The compiled validator of the schema at a pointer of the spec (compiled once, on first use). */
function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (validate) return validate;
  if (!ajv) {
    // strict: false because an OpenAPI document is not a JSON Schema: its other keywords must be ignored.
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(ajv);
    ajv.addSchema(spec as object, SPEC_ID);
  }
  // The pointer's segments are already JSON-pointer escaped; the fragment must also be URI-safe (`{id}`).
  validate = ajv.getSchema(`${SPEC_ID}#${pointer.split('/').map(encodeURIComponent).join('/')}`);
  if (!validate) throw new Error(`openapi.yaml has no schema at "#${pointer}".`);
  validators.set(pointer, validate);
  return validate;
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

/**
 * Whether a value is a valid product id by the spec's own `ProductId` schema (the same rule the gateway and
 * the body validator apply), e.g. for an id read back from a cursor.
 * @example isProductId('android') === true; isProductId('a b') === false;
 */
export function isProductId(value: unknown): boolean {
  return validatorAt('/components/schemas/ProductId')(value) === true;
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
    node = isJson(node) || Array.isArray(node) ? (node as Json)[key] : undefined;
  }
  return node;
}

/** Turns ajv's errors into one sentence per problem, naming where and quoting the value. */
export function describeErrors(subject: string, data: unknown, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const where = error.instancePath
      .split('/')
      .slice(1)
      .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((acc, s) => (/^\d+$/.test(s) ? `${acc}[${s}]` : `${acc}.${s}`), subject);
    const message = error.message ?? 'is invalid';
    if (error.keyword === 'additionalProperties') {
      const extra = String((error.params as { additionalProperty?: unknown }).additionalProperty);
      return `${where}: unknown field ${quote(extra)}; remove it (only the fields documented in openapi.yaml are accepted)`;
    }
    if (error.keyword === 'required') return `${where}: ${message}`;
    return `${where}: ${message} (got ${quote(valueAt(data, error.instancePath))})`;
  });
}

/** The text of a query or header parameter, as the schema's type (numbers parsed strictly; else left as text). */
function coerce(raw: string, type: string | undefined): unknown {
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

/** The raw request parts the validator looks at. */
export interface RawRequest {
  /** `event.pathParameters`. */
  pathParameters: Record<string, string | undefined> | null | undefined;
  /** `event.queryStringParameters`. */
  queryStringParameters: Record<string, string | undefined> | null | undefined;
  /** `event.headers` (any case). */
  headers: Record<string, string | undefined> | null | undefined;
}

/** The parameters of a request, validated and typed by the spec. Unknown query parameters are ignored. */
export type Parameters = Record<ParameterLocation, Record<string, unknown>>;

/**
 * Checks an operation's path, query and header parameters against the spec; throws one ValidationError
 * listing every problem.
 * @example const params = validateParameters(operationModel('listProducts'), event); params.query.limit;
 */
export function validateParameters(op: OperationModel, request: RawRequest): Parameters {
  const out: Parameters = { path: {}, query: {}, header: {} };
  const problems: string[] = [];
  const lowerHeaders = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(request.headers ?? {})) lowerHeaders.set(name.toLowerCase(), value);
  for (const param of op.parameters) {
    const raw =
      param.in === 'path'
        ? request.pathParameters?.[param.name]
        : param.in === 'query'
          ? request.queryStringParameters?.[param.name]
          : lowerHeaders.get(param.name.toLowerCase());
    const subject = `${param.in} parameter "${param.name}"`;
    if (raw === undefined || raw === null) {
      if (param.required) problems.push(`${subject}: is required`);
      continue;
    }
    const value = coerce(raw, param.type);
    const validate = validatorAt(param.schemaPointer);
    if (!validate(value)) problems.push(...describeErrors(subject, value, validate.errors));
    else out[param.in][param.name] = value;
  }
  if (problems.length > 0) throw new ValidationError(`Invalid request: ${problems.join('; ')}.`);
  return out;
}

/**
 * Checks a parsed JSON body against the operation's request body schema.
 * @example const product = validateBody(operationModel('createProduct'), JSON.parse(event.body));
 */
export function validateBody<T>(op: OperationModel, body: unknown): T {
  if (!op.body) return body as T;
  const validate = validatorAt(op.body.schemaPointer);
  if (!validate(body)) {
    throw new ValidationError(`Invalid request body: ${describeErrors('body', body, validate.errors).join('; ')}.`);
  }
  return body as T;
}
