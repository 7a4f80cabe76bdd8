import { describe, expect, it } from 'vitest';
import { spec } from '../generated/spec.ts';
import { operations } from '../generated/operations.ts';
import { checkResponse, readContract, routeRequest, type OperationInfo } from './contract.ts';
import { ProductsMockError } from './errors.ts';

const contract = readContract(spec);
const getProduct = contract.byId.get('getProduct')!;
const product = { id: 'a', name: 'A', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', createdBy: 'c', version: 1 };

describe('readContract', () => {
  it('reads every operation of the generated map with its documented statuses', () => {
    expect(contract.operations.map((o) => o.operationId)).toEqual(Object.keys(operations));
    expect([...getProduct.responses.keys()]).toEqual(expect.arrayContaining([200, 401, 403, 404]));
    expect(getProduct.responseHeaders.get(200)).toEqual(['ETag']);
    expect(contract.gatewayResponses.UNAUTHORIZED).toMatchObject({ statusCode: 401, template: '{"message":$context.error.messageString}' });
  });
});

describe('checkResponse', () => {
  const etag = new Headers({ ETag: '"1"' });
  it('passes a documented answer', () => {
    expect(() => checkResponse(contract, getProduct, 200, product, etag)).not.toThrow();
  });

  it.each([
    ['an undocumented status', 418, product, etag, /does not document/],
    ['a body that breaks the schema', 200, { ...product, version: 0 }, etag, /at "\/version": must be >= 1/],
    ['a stray field', 200, { ...product, secret: 'x' }, etag, /must NOT have additional properties/],
    ['a missing documented header', 200, product, new Headers(), /lacks the documented header "ETag"/],
  ] as const)('throws contract_violation for %s', (_, status, body, headers, message) => {
    const call = () => checkResponse(contract, getProduct, status, body, headers);
    expect(call).toThrow(ProductsMockError);
    expect(call).toThrow(message);
  });

  it('throws contract_violation for a body where none is documented (204)', () => {
    const deleteProduct = contract.byId.get('deleteProduct')!;
    expect(() => checkResponse(contract, deleteProduct, 204, undefined, new Headers())).not.toThrow();
    expect(() => checkResponse(contract, deleteProduct, 204, product, new Headers())).toThrow(/must be empty/);
  });
});

describe('routeRequest', () => {
  it('routes every operation of the spec by its method and path template', () => {
    for (const op of contract.operations) {
      const path = op.path.replace(/\{[^}]+\}/g, 'abc');
      expect(routeRequest(contract, op.method.toLowerCase(), path)?.op.operationId, op.operationId).toBe(op.operationId);
    }
    expect(routeRequest(contract, 'GET', `${getProduct.path.replace('{id}', 'a%2Fb')}`)?.params).toEqual({ id: 'a%2Fb' });
  });

  it('picks the most specific resource before the method, as API Gateway: a literal resource without the method is no route', () => {
    // openapi.yaml has no literal resource beside {id} today; this is what one would get.
    const deleteProduct = contract.byId.get('deleteProduct')!;
    const search: OperationInfo = { ...getProduct, path: '/products/search', segments: ['products', 'search'] };
    const routes = { operations: [deleteProduct, search] };
    expect(routeRequest(routes, 'GET', '/products/search')?.op).toBe(search);
    expect(routeRequest(routes, 'DELETE', '/products/x')).toEqual({ op: deleteProduct, params: { id: 'x' } });
    expect(routeRequest(routes, 'DELETE', '/products/search')).toBeUndefined();
    expect(routeRequest(routes, 'GET', '/products/x')).toBeUndefined();
  });
});
