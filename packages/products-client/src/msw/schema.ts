// A validator for the JSON Schema subset that openapi.yaml may use (the REST importer's draft-4
// subset, further narrowed by the contract's rules). Written here rather than shipping ajv so that
// `@org/products-client/msw` adds no runtime dependency to consumers' installs; `schema.test.ts`
// checks it against ajv on the spec's own schemas, and any keyword it does not know makes it throw
// instead of silently accepting what the gateway would reject.
import { ProductsMockError } from './errors.ts';

/** One validation failure, shaped like an ajv error so messages read the same as the service's. */
export type SchemaIssue = {
  /** JSON Pointer of the failing value (`/name`), empty for the root. */
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
};

type Schema = { readonly [key: string]: unknown };

const ANNOTATIONS = new Set(['description', 'title', 'example', 'examples', 'externalDocs', 'xml']);
const KNOWN = new Set([
  '$ref', 'type', 'enum', 'required', 'properties', 'additionalProperties', 'items',
  'pattern', 'minLength', 'maxLength', 'format', 'minimum', 'maximum', 'nullable',
]);

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[tT\s](?:([01]\d|2[0-3]):([0-5]\d):([0-5]\d)|23:59:60)(?:\.\d+)?(?:[zZ]|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)$/;

function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

const FORMATS: Record<string, (value: string) => boolean> = { 'date-time': isDateTime };

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeOf(value) === type;
  }
}

function pointerEscape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Resolves a local `$ref` (`#/components/schemas/Product`) inside `root`. */
export function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#/')) {
    throw new ProductsMockError('unsupported_schema', `Only local $ref values are supported, got "${ref}".`);
  }
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Schema)[key] : undefined;
  }
  if (typeof node !== 'object' || node === null) {
    throw new ProductsMockError('unsupported_schema', `The $ref "${ref}" points at nothing in the spec.`);
  }
  return node as Schema;
}

/**
 * Checks every keyword of a schema (following `$ref`s) is one this validator implements, so a new
 * keyword in openapi.yaml fails loudly when the mock is created rather than being ignored.
 * @example assertSupported(spec, { $ref: '#/components/schemas/Product' });
 */
export function assertSupported(root: Schema, schema: Schema, at = '#', seen = new Set<Schema>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (!KNOWN.has(key)) {
      throw new ProductsMockError(
        'unsupported_schema',
        `The schema at ${at} uses "${key}", which the products mock cannot validate; extend src/msw/schema.ts.`,
      );
    }
    if (key === '$ref') assertSupported(root, resolveRef(root, String(value)), String(value), seen);
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [name, sub] of Object.entries(value)) assertSupported(root, sub as Schema, `${at}/properties/${name}`, seen);
    }
    if ((key === 'items' || key === 'additionalProperties') && typeof value === 'object' && value !== null) {
      assertSupported(root, value as Schema, `${at}/${key}`, seen);
    }
  }
}

/**
 * Validates `value` against `schema` (refs resolved in `root`) and returns the first issue, in the
 * order ajv reports it (ajv's default `allErrors: false`), or `undefined` when the value is valid.
 * @example const issue = firstIssue(spec, { $ref: '#/components/schemas/NewProduct' }, body);
 */
export function firstIssue(root: Schema, schema: Schema, value: unknown): SchemaIssue | undefined {
  const out: SchemaIssue[] = [];
  collect(root, schema, value, '', out, false);
  return out[0];
}

/**
 * Every issue of `value`, in the order ajv reports them with `allErrors: true`.
 * @example allIssues(spec, { type: 'integer', minimum: 1 }, 0) // [{ keyword: 'minimum', ... }]
 */
export function allIssues(root: Schema, schema: Schema, value: unknown): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  collect(root, schema, value, '', out, true);
  return out;
}

/** Pushes issues into `out`; returns true when validation must stop (first issue, not `all`). */
function collect(root: Schema, schema: Schema, value: unknown, path: string, out: SchemaIssue[], all: boolean): boolean {
  const report = (issue: SchemaIssue): boolean => {
    out.push(issue);
    return !all;
  };
  if (typeof schema.$ref === 'string') return collect(root, resolveRef(root, schema.$ref), value, path, out, all);
  if (value === null && schema.nullable === true) return false;

  const type = schema.type;
  if (typeof type === 'string' && !matchesType(value, type)) {
    // Keywords of the other type groups do not apply to a value of the wrong type (as in ajv).
    return report({ instancePath: path, keyword: 'type', message: `must be ${type}`, params: { type } });
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    if (report({ instancePath: path, keyword: 'enum', message: 'must be equal to one of the allowed values', params: { allowedValues: schema.enum } })) return true;
  }

  if (typeof value === 'number') {
    if (typeof schema.maximum === 'number' && !(value <= schema.maximum)) {
      if (report({ instancePath: path, keyword: 'maximum', message: `must be <= ${schema.maximum}`, params: { comparison: '<=', limit: schema.maximum } })) return true;
    }
    if (typeof schema.minimum === 'number' && !(value >= schema.minimum)) {
      if (report({ instancePath: path, keyword: 'minimum', message: `must be >= ${schema.minimum}`, params: { comparison: '>=', limit: schema.minimum } })) return true;
    }
  }

  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) {
      if (report({ instancePath: path, keyword: 'maxLength', message: `must NOT have more than ${schema.maxLength} characters`, params: { limit: schema.maxLength } })) return true;
    }
    if (typeof schema.minLength === 'number' && length < schema.minLength) {
      if (report({ instancePath: path, keyword: 'minLength', message: `must NOT have fewer than ${schema.minLength} characters`, params: { limit: schema.minLength } })) return true;
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
      if (report({ instancePath: path, keyword: 'pattern', message: `must match pattern "${schema.pattern}"`, params: { pattern: schema.pattern } })) return true;
    }
    if (typeof schema.format === 'string') {
      const check = FORMATS[schema.format];
      if (!check) throw new ProductsMockError('unsupported_schema', `The format "${schema.format}" is not supported by the products mock.`);
      if (!check(value)) {
        if (report({ instancePath: path, keyword: 'format', message: `must match format "${schema.format}"`, params: { format: schema.format } })) return true;
      }
    }
  }

  if (Array.isArray(value) && typeof schema.items === 'object' && schema.items !== null) {
    for (const [i, item] of value.entries()) {
      if (collect(root, schema.items as Schema, item, `${path}/${i}`, out, all)) return true;
    }
  }

  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(schema.required)) {
      for (const name of schema.required as string[]) {
        if (!(name in object) || object[name] === undefined) {
          if (report({ instancePath: path, keyword: 'required', message: `must have required property '${name}'`, params: { missingProperty: name } })) return true;
        }
      }
    }
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const extra = schema.additionalProperties;
    if (extra !== undefined && extra !== true) {
      for (const [name, sub] of Object.entries(object)) {
        if (name in properties || sub === undefined) continue;
        if (extra === false) {
          if (report({ instancePath: path, keyword: 'additionalProperties', message: 'must NOT have additional properties', params: { additionalProperty: name } })) return true;
        } else if (collect(root, extra as Schema, sub, `${path}/${pointerEscape(name)}`, out, all)) return true;
      }
    }
    for (const [name, sub] of Object.entries(properties)) {
      if (object[name] === undefined) continue;
      if (collect(root, sub, object[name], `${path}/${pointerEscape(name)}`, out, all)) return true;
    }
  }
  return false;
}
