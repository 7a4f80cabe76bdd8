// Arbitraries from JSON Schemas: fast-check has none, and the contract's schemas use a small subset
// (type, minimum/maximum, minLength/maxLength, pattern, enum, required, properties,
// additionalProperties, items, $ref, format date-time). Valid values come from the schema; invalid ones
// break exactly one of its rules, so a refusal can be traced to that rule.
import fc from 'fast-check';

/** The subset of JSON Schema the generator reads (OpenAPI 3.0 schema objects). */
export type Schema = {
  $ref?: string;
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  format?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
};

/** Resolves `#/components/...` references against the spec document. */
export type Resolver = (schema: Schema) => Schema;

/**
 * A resolver over a spec's components (follows chains of `$ref`).
 * @example const resolve = resolverOf(loadSpec());
 */
export function resolverOf(spec: unknown): Resolver {
  const resolve = (schema: Schema, depth = 0): Schema => {
    if (schema.$ref === undefined) return schema;
    if (depth > 16) throw new Error(`$ref chain too deep at "${schema.$ref}": fix the spec's references.`);
    const ref = schema.$ref.replace(/^spec#/, '#');
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got "${schema.$ref}".`);
    let node: unknown = spec;
    for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (node === undefined) throw new Error(`$ref "${schema.$ref}" points nowhere in the spec.`);
    return resolve(node as Schema, depth + 1);
  };
  return (schema) => resolve(schema);
}

/** Characters a `pattern` of the form `^[class]{m,n}$` allows, or undefined for any other pattern. */
function charClassPattern(pattern: string): { chars: string[]; min: number; max: number } | undefined {
  const m = /^\^\[([^\]]+)\]\{(\d+),(\d+)\}\$$/.exec(pattern);
  if (!m) return undefined;
  const chars: string[] = [];
  const body = m[1]!;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (body[i + 1] === '-' && i + 2 < body.length) {
      for (let code = c.charCodeAt(0); code <= body.charCodeAt(i + 2); code++) chars.push(String.fromCharCode(code));
      i += 2;
    } else chars.push(c);
  }
  return { chars, min: Number(m[2]), max: Number(m[3]) };
}

// Strings a service may choke on though the schema allows them: astral characters (two UTF-16 units,
// one "character" for ajv's ucs2length), combining marks, RTL, NUL, quotes, JSON and HTML syntax.
const oddChars = fc.constantFrom('😀', 'é', '\u0301', '\u202e', '\u0000', '"', '\\', '<', '{', '\u2028', 'ß', ' ', '𝔘');

function stringOf(schema: Schema): fc.Arbitrary<string> {
  if (schema.enum) return fc.constantFrom(...(schema.enum.filter((v) => typeof v === 'string') as string[]));
  if (schema.format === 'date-time') return fc.date({ min: new Date(0), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString());
  const minLength = schema.minLength ?? 0;
  if (schema.pattern !== undefined) {
    const cls = charClassPattern(schema.pattern);
    if (!cls) {
      // Any other pattern (the If-Match entity-tag list): fast-check generates strings from the regex itself.
      const re = new RegExp(schema.pattern);
      const maxLen = schema.maxLength ?? 64;
      return fc.stringMatching(re).filter((v) => [...v].length >= minLength && [...v].length <= maxLen);
    }
    const min = Math.max(cls.min, minLength);
    const max = Math.min(cls.max, schema.maxLength ?? cls.max);
    const plain = fc.array(fc.constantFrom(...cls.chars), { minLength: min, maxLength: max }).map((a) => a.join(''));
    // Object.prototype names the pattern allows (`__proto__` is a valid product id): maps keyed by
    // them must hold.
    const pattern = new RegExp(schema.pattern);
    const hostile = HOSTILE_NAMES.filter((n) => pattern.test(n) && n.length >= min && n.length <= max);
    return hostile.length > 0 ? fc.oneof({ weight: 6, arbitrary: plain }, { weight: 1, arbitrary: fc.constantFrom(...hostile) }) : plain;
  }
  const maxLength = schema.maxLength ?? 64;
  // Mostly short strings (the interesting ones), sometimes right at the limit.
  const char = fc.oneof({ weight: 6, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) }, { weight: 2, arbitrary: oddChars }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) });
  const short = fc.array(char, { minLength, maxLength: Math.min(maxLength, Math.max(minLength, 24)) }).map((a) => a.join(''));
  const long = fc.constant(maxLength).chain((n) => fc.array(fc.constantFrom('a', 'é', '😀'), { minLength: Math.max(minLength, n - 2), maxLength: n }).map((a) => a.join('')));
  // ajv counts code points; a string of `n` code points is valid whatever its UTF-16 length.
  return fc.oneof({ weight: 8, arbitrary: short }, { weight: 1, arbitrary: long }).filter((s) => [...s].length >= minLength && [...s].length <= maxLength);
}

function numberOf(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1e9;
  const max = schema.maximum ?? 1e9;
  if (typeof schema.exclusiveMinimum === 'number' || typeof schema.exclusiveMaximum === 'number' || schema.exclusiveMinimum === true || schema.exclusiveMaximum === true) {
    throw new Error('The generator does not read exclusiveMinimum/exclusiveMaximum yet: teach src/schema.ts numberOf.');
  }
  if (schema.multipleOf !== undefined) {
    const step = schema.multipleOf;
    return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((k) => Number((k * step).toPrecision(15)));
  }
  if (integer) return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(Math.ceil(min), Math.floor(max)));
  return fc.oneof(
    { weight: 4, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)) },
    // Prices as people write them, and the edges.
    { weight: 4, arbitrary: fc.integer({ min: Math.ceil(min * 100), max: Math.floor(Math.min(max, 1e7) * 100) }).map((c) => c / 100) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
  );
}

/**
 * Values the schema accepts. `additionalProperties: false` objects get only declared keys; optional ones
 * come and go.
 * @example fc.sample(validValue({ type: 'integer', minimum: 1, maximum: 100 }, resolve), 3)
 */
export function validValue(raw: Schema, resolve: Resolver): fc.Arbitrary<unknown> {
  const schema = resolve(raw);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(schema.items ?? {}, resolve), { maxLength: 3 });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, sub] of Object.entries(properties)) record[name] = validValue(sub, resolve);
      // Optional keys come and go; required ones are always there.
      return fc.record(record, { requiredKeys: [...required] as never[] }) as fc.Arbitrary<unknown>;
    }
    default:
      // No type: any JSON value.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Names of `Object.prototype` members and other keys plain-object maps trip over. */
export const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', '__lookupGetter__', 'propertyIsEnumerable', 'toLocaleString'] as const;

/**
 * Numbers beyond what the service can store: DynamoDB keeps 38 significant digits from 1E-130 to
 * 9.99E+125 (positive or negative), and JSON can say more than a double holds.
 */
export const NUMBER_EDGES_TEXT = [
  '1e-131', '1E-200', '5e-324', '-1e-131', '1e126', '9.99e125', '1e308', '1e400', '-1e400',
  '0.12345678901234567890123456789012345678901', '123456789012345678901234567890123456789',
  '1.0000000000000000000000000000000000000001', '-0', '0e0', '1E2', '0.000001', '1e-130', '99999999999999999999',
] as const;

/** One way a value breaks its schema, with the rule it breaks. */
export type Breakage = { rule: string; value: unknown };

/**
 * Values the schema refuses, each labelled with the rule it breaks (wrong type, out of range, too long,
 * pattern, a required key missing, an undeclared key, a hostile key).
 * @example fc.sample(invalidValue(schemaOfNewProduct, resolve), 3)
 */
export function invalidValue(raw: Schema, resolve: Resolver): fc.Arbitrary<Breakage> {
  const schema = resolve(raw);
  const wrongType = fc
    .constantFrom<unknown>(null, true, 0, -1.5, 'text', [], {}, [1, 2], { a: 1 })
    .filter((v) => !typeMatches(schema.type, v))
    .map((value) => ({ rule: `type (${schema.type ?? 'any'})`, value }));
  const options: fc.Arbitrary<Breakage>[] = [wrongType];
  if (schema.type === 'number' || schema.type === 'integer') {
    if (schema.minimum !== undefined) options.push(fc.constantFrom(schema.minimum - 1, schema.minimum - 1e-9, -1e300).map((value) => ({ rule: 'minimum', value })));
    if (schema.maximum !== undefined) options.push(fc.constantFrom(schema.maximum + 1, schema.maximum * 10, 1e300).map((value) => ({ rule: 'maximum', value })));
    if (schema.type === 'integer') options.push(fc.constantFrom(1.5, 2.000001).map((value) => ({ rule: 'integer', value })));
  }
  if (schema.type === 'string') {
    if (schema.maxLength !== undefined) options.push(fc.constant({ rule: 'maxLength', value: 'x'.repeat(schema.maxLength + 1) }));
    if (schema.maxLength !== undefined) options.push(fc.constant({ rule: 'maxLength (astral)', value: '😀'.repeat(schema.maxLength + 1) }));
    if ((schema.minLength ?? 0) > 0) options.push(fc.constant({ rule: 'minLength', value: '' }));
    if (schema.pattern !== undefined) options.push(fc.constantFrom('a b', 'a/b', '..', 'é', 'a.b', '%2F', '../etc').map((value) => ({ rule: 'pattern', value })));
  }
  if (schema.type === 'object') {
    const base = validValue(schema, resolve) as fc.Arbitrary<Record<string, unknown>>;
    for (const name of schema.required ?? []) {
      options.push(base.map((v) => {
        const copy = { ...v };
        delete copy[name];
        return { rule: `required ${name}`, value: copy };
      }));
    }
    if (schema.additionalProperties === false) {
      const extra = fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.constantFrom('colour', 'version', 'createdBy', 'ID', 'Name'));
      options.push(
        fc.tuple(base, extra, fc.jsonValue({ maxDepth: 1 })).map(([v, key, value]) => {
          // defineProperty: `__proto__` as an own key, as JSON.parse makes it from request text.
          const copy: Record<string, unknown> = { ...v };
          Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
          return { rule: `additionalProperties (${key})`, value: copy };
        }),
      );
    }
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      options.push(fc.tuple(base, invalidValue(sub, resolve)).map(([v, bad]) => ({ rule: `${name}: ${bad.rule}`, value: { ...v, [name]: bad.value } })));
    }
  }
  return fc.oneof(...options);
}

function typeMatches(type: string | undefined, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    default:
      return true;
  }
}
