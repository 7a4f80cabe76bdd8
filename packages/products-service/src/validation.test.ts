import { describe, expect, it } from 'vitest';
import { contract } from '@org/products-core/contract';
import { ValidationError } from './errors.ts';
import { operations } from './generated/operations.ts';
import { isProductId, operationModel, quote, route, validateBody, validateParameters, validatorFor } from './validation.ts';

describe('the generated contract model', () => {
  it('finds the parameters and body of each operation, path-level ones included', () => {
    const list = operationModel('listProducts');
    expect(list.parameters.map((p) => `${p.in}:${p.name}:${p.type}`)).toEqual(['query:limit:integer', 'query:cursor:string']);
    expect(list.body).toBeNull();
    const update = operationModel('updateProduct');
    expect(update.parameters.map((p) => `${p.in}:${p.name}:${p.required}`)).toEqual(['path:id:true', 'header:If-Match:false']);
    expect(update.body?.required).toBe(true);
    expect(typeof validatorFor(update.body!.media['application/json']!)).toBe('function');
  });

  it('routes by method and path template, and by nothing else', () => {
    expect(route('get', operations.getProduct.path)?.operationId).toBe('getProduct');
    expect(route('PATCH', operations.getProduct.path)).toBeUndefined();
    expect(route('GET', '/constructor')).toBeUndefined();
  });

  it('throws a clear error for a validator the generated contract lacks (and never reads Object.prototype)', () => {
    expect(() => validatorFor('toString')).toThrow(/no validator "toString".*pnpm generate/);
    expect(Object.keys(contract.validators).length).toBeGreaterThan(5);
  });

  it('checks product ids with the contract ProductId rule', () => {
    expect(isProductId('android')).toBe(true);
    expect(isProductId('a b')).toBe(false);
    expect(isProductId(5)).toBe(false);
  });
});

describe('validateParameters', () => {
  const list = operationModel('listProducts');
  it('types query values by their schema and ignores unknown parameters', () => {
    const params = validateParameters(list, { pathParameters: null, queryStringParameters: { limit: '5', cursor: 'abc', other: 'x' }, headers: null });
    expect(Object.fromEntries(params.query)).toEqual({ limit: 5, cursor: 'abc' });
  });
  it('reads headers whatever their case', () => {
    const params = validateParameters(operationModel('updateProduct'), { pathParameters: { id: 'a' }, queryStringParameters: null, headers: { 'IF-MATCH': '"2"' } });
    expect(Object.fromEntries(params.path)).toEqual({ id: 'a' });
    expect(Object.fromEntries(params.header)).toEqual({ 'If-Match': '"2"' });
  });
  it('reports every problem in one ValidationError, quoting the values', () => {
    const maximum = (() => {
      validatorFor('listProducts.query.limit')(1e9);
      return validatorFor('listProducts.query.limit').errors?.[0]?.params.limit;
    })();
    expect(() => validateParameters(list, { pathParameters: null, queryStringParameters: { limit: '1e3', cursor: '' }, headers: null })).toThrow(
      new ValidationError(`Invalid request: query parameter "limit": must be <= ${maximum} (got 1000); query parameter "cursor": must NOT have fewer than 1 characters (got "").`),
    );
  });
  it('requires a required path parameter, and does not take one from Object.prototype', () => {
    expect(() => validateParameters(operationModel('getProduct'), { pathParameters: null, queryStringParameters: null, headers: null })).toThrow(
      /path parameter "id": is required/,
    );
    const inherited = Object.create({ id: 'from-prototype' }) as Record<string, string>;
    expect(() => validateParameters(operationModel('getProduct'), { pathParameters: inherited, queryStringParameters: null, headers: null })).toThrow(
      /path parameter "id": is required/,
    );
  });
});

describe('validateBody', () => {
  it('accepts a valid body and rejects unknown fields by name', () => {
    const create = operationModel('createProduct');
    expect(validateBody(create, { name: 'a', price: 0 })).toEqual({ name: 'a', price: 0 });
    expect(() => validateBody(create, { name: 'a', Name: 'b' })).toThrow(/unknown field "Name"/);
    expect(() => validateBody(create, JSON.parse('{"name":"a","constructor":1}'))).toThrow(/unknown field "constructor"/);
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
