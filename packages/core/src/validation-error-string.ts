// `$context.error.validationErrorString`: API Gateway's request validator reports body failures in the
// words of the JSON Schema validator it runs (the Java "json-schema-validator" messages), one entry
// per problem, in square brackets. The formats below follow public reports of real answers
// (packages/local/README.md, conformance table: reported, not confirmed by AWS documentation).
import type { ValidatorError } from './model.ts';

const json = (value: unknown): string => {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return '...';
  }
};

function valueAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * One validator error in API Gateway's words.
 * @example describeError({ keyword: 'required', params: { missingProperty: 'name' }, instancePath: '' }, {}) // 'object has missing required properties (["name"])'
 */
export function describeError(error: ValidatorError, data: unknown): string {
  const value = valueAt(data, error.instancePath);
  const p = error.params;
  switch (error.keyword) {
    case 'required':
      return `object has missing required properties ([${json(p.missingProperty)}])`;
    case 'additionalProperties':
      return `object instance has properties which are not allowed by the schema: [${json(p.additionalProperty)}]`;
    case 'type': {
      const allowed = String(p.type).split(',').map((t) => json(t)).join(',');
      return `instance type (${typeOf(value)}) does not match any allowed primitive type (allowed: [${allowed}])`;
    }
    case 'minLength':
      return `string ${json(value)} is too short (length: ${typeof value === 'string' ? [...value].length : '?'}, required minimum: ${String(p.limit)})`;
    case 'maxLength':
      return `string ${json(value)} is too long (length: ${typeof value === 'string' ? [...value].length : '?'}, maximum allowed: ${String(p.limit)})`;
    case 'pattern':
      return `ECMA 262 regex ${json(p.pattern)} does not match input string ${json(value)}`;
    case 'minimum':
      return `numeric instance is lower than the required minimum (minimum: ${String(p.limit)}, found: ${json(value)})`;
    case 'maximum':
      return `numeric instance is greater than the required maximum (maximum: ${String(p.limit)}, found: ${json(value)})`;
    case 'enum':
      return `instance value (${json(value)}) not found in enum (possible values: ${json(p.allowedValues)})`;
    case 'format':
      return `string ${json(value)} is invalid against requested date format(s) [${String(p.format)}]`;
    default:
      return `instance failed to match the schema (${error.keyword})`;
  }
}

/**
 * The validationErrorString of a body that failed its model.
 * @example validationErrorString(validate.errors, body) // '[object has missing required properties (["name"])]'
 */
export function validationErrorString(errors: readonly ValidatorError[] | null | undefined, data: unknown): string {
  return `[${(errors ?? []).map((e) => describeError(e, data)).join(', ')}]`;
}
