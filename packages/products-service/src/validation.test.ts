import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.ts';
import { operations } from './generated/operations.ts';
import { spec } from './generated/spec.ts';
import { operationModel, quote, validateBody, validateParameters } from './validation.ts';

describe('operationModel (read from openapi.yaml)', () => {
  it('finds the parameters and body of each operation, path-level ones included', () => {
    const list = operationModel('listProducts');
    expect(list.parameters.map((p) => `${p.in}:${p.name}:${p.type}`)).toEqual(['query:limit:integer', 'query:cursor:string']);
    expect(list.body).toBeUndefined();
    const update = operationModel('updateProduct');
    expect(update.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual(['path:id:true', 'header:If-Match:false']);
    const escaped = operations.updateProduct.path.replaceAll('/', '~1');
    expect(update.body).toEqual({ required: true, schemaPointer: `/paths/${escaped}/put/requestBody/content/application~1json/schema` });
  });
});

describe('validateParameters', () => {
  const list = operationModel('listProducts');
  it('types query values by their schema and ignores unknown parameters', () => {
    const params = validateParameters(list, { pathParameters: null, queryStringParameters: { limit: '5', cursor: 'abc', other: 'x' }, headers: null });
    expect(params.query).toEqual({ limit: 5, cursor: 'abc' });
  });
  it('reads headers whatever their case', () => {
    const params = validateParameters(operationModel('updateProduct'), { pathParameters: { id: 'a' }, queryStringParameters: null, headers: { 'IF-MATCH': '"2"' } });
    expect(params).toEqual({ path: { id: 'a' }, query: {}, header: { 'If-Match': '"2"' } });
  });
  it('reports every problem in one ValidationError, quoting the values', () => {
    const { maximum } = (spec as any).components.parameters.Limit.schema as { maximum: number };
    expect(() => validateParameters(list, { pathParameters: null, queryStringParameters: { limit: '1e3', cursor: '' }, headers: null })).toThrow(
      new ValidationError(`Invalid request: query parameter "limit": must be <= ${maximum} (got 1000); query parameter "cursor": must NOT have fewer than 1 characters (got "").`),
    );
  });
  it('requires a required path parameter', () => {
    expect(() => validateParameters(operationModel('getProduct'), { pathParameters: null, queryStringParameters: null, headers: null })).toThrow(
      /path parameter "id": is required/,
    );
  });
});

describe('validateBody', () => {
  it('accepts a valid body and rejects unknown fields by name', () => {
    const create = operationModel('createProduct');
    expect(validateBody(create, { name: 'a', price: 0 })).toEqual({ name: 'a', price: 0 });
    expect(() => validateBody(create, { name: 'a', Name: 'b' })).toThrow(/unknown field "Name"/);
  });
});

describe('quote', () => {
  it('renders a value as JSON, cut to 60 characters', () => {
    expect(quote({ price: -1 })).toBe('{"price":-1}');
    expect(quote('x'.repeat(100))).toBe(`"${'x'.repeat(56)}...`);
  });
  it('quotes only the opening of a value too deep or cyclic to stringify, without throwing', () => {
    const deep = JSON.parse(`${'['.repeat(30000)}${']'.repeat(30000)}`);
    expect(quote(deep)).toBe(`${'['.repeat(57)}...`);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(quote(cyclic)).toMatch(/^\{"self":\{"self":.*\.\.\.$/);
  });
});
