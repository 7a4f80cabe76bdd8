// The contract checker must be able to fail: each case breaks openapi.yaml in one way.
import { describe, expect, it } from 'vitest';
import { contractProblems, expectDocumented } from './contract.ts';

const product = {
  id: 'a',
  name: 'A',
  createdAt: '2026-11-26T10:00:00.000Z',
  updatedAt: '2026-11-26T10:00:00.000Z',
  createdBy: 'client',
  version: 1,
};
const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}) => ({
  statusCode,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('contractProblems', () => {
  it('accepts documented responses', () => {
    expect(contractProblems({ operationId: 'getProduct' }, json(200, product, { ETag: '"1"' }))).toEqual([]);
    expect(contractProblems({ operationId: 'deleteProduct' }, { statusCode: 204, headers: {}, body: '' })).toEqual([]);
    expect(contractProblems({ operationId: 'listProducts' }, json(200, { items: [product], nextCursor: 'x' }))).toEqual([]);
    expect(contractProblems({ operationId: 'createProduct' }, json(409, { message: 'm', code: 'already_exists', requestId: 'r' }))).toEqual([]);
  });

  it.each([
    ['an undocumented status', 'getProduct', json(409, { message: 'm' }), /status 409 is not documented/],
    ['a 201 on list', 'listProducts', json(201, { items: [] }), /status 201 is not documented/],
    ['a missing ETag', 'getProduct', json(200, product), /header ETag is documented but missing/],
    ['a missing Location', 'createProduct', json(201, product, { ETag: '"1"' }), /header Location/],
    ['a missing required field', 'getProduct', json(200, { ...product, version: undefined }, { ETag: '"1"' }), /version/],
    ['an extra field', 'getProduct', json(200, { ...product, secret: 1 }, { ETag: '"1"' }), /additional properties/],
    ['a wrong type', 'getProduct', json(200, { ...product, version: '1' }, { ETag: '"1"' }), /must be integer/],
    ['a bad date', 'getProduct', json(200, { ...product, createdAt: 'yesterday' }, { ETag: '"1"' }), /date-time/],
    ['an unknown error code', 'getProduct', json(404, { message: 'm', code: 'gone' }), /allowed values/],
    ['an error without message', 'getProduct', json(404, { code: 'not_found' }), /message/],
    ['a body on 204', 'deleteProduct', { statusCode: 204, headers: {}, body: '{}' }, /documents no body/],
    ['no Content-Type', 'getProduct', { statusCode: 404, headers: {}, body: '{"message":"m"}' }, /Content-Type/],
    ['a non-JSON body', 'getProduct', { statusCode: 404, headers: { 'content-type': 'application/json' }, body: 'oops' }, /not JSON/],
  ])('rejects %s', (_, operationId, result, problem) => {
    expect(contractProblems({ operationId }, result).join('; ')).toMatch(problem);
    expect(() => expectDocumented(operationId, result)).toThrow(/breaks openapi.yaml/);
  });
});
