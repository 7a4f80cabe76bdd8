import { describe, expect, it } from 'vitest';
import { spec } from '../generated/spec.ts';
import { readContract, type OperationInfo } from './contract.ts';
import { validateRequest } from './validator.ts';

const contract = readContract(spec);
const createProduct = contract.byId.get('createProduct')!;
const listProducts = contract.byId.get('listProducts')!;

const check = (op: OperationInfo, url: string, init: RequestInit = {}) => {
  const request = new Request(url, init);
  return validateRequest(spec, op, request, new URL(url), typeof init.body === 'string' ? init.body : '');
};

describe('validateRequest', () => {
  it('reads each operation\'s validator from the spec (params-only skips the body)', () => {
    expect(createProduct.validate).toEqual({ body: true, parameters: true });
    expect(listProducts.validate).toEqual({ body: false, parameters: true });
  });

  it('names every missing required query and header parameter, as API Gateway does', () => {
    // openapi.yaml has no required query or header parameter today; this is what one would get.
    const op: OperationInfo = {
      ...listProducts,
      parameters: [
        { name: 'q1', in: 'query', required: true, schema: { type: 'string' } },
        { name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer' } },
      ],
    };
    expect(check(op, 'http://x/dev/products')).toEqual({ type: 'BAD_REQUEST_PARAMETERS', message: 'Missing required request parameters: [q1, X-Tenant]' });
    expect(check(op, 'http://x/dev/products?q1=a', { headers: { 'x-tenant': 't' } })).toBeUndefined();
  });

  it('validates the body by Content-Type: none counts as JSON, an unmodelled type passes through', () => {
    const post = (body: string, contentType?: string) =>
      check(createProduct, 'http://x/dev/products', { method: 'POST', body, ...(contentType ? { headers: { 'content-type': contentType } } : {}) });
    expect(post('{"name":"ok"}', 'application/json')).toBeUndefined();
    expect(post('{"name":""}', 'application/json')).toEqual({ type: 'BAD_REQUEST_BODY', message: 'Invalid request body' });
    expect(post('{"name":', 'Application/JSON; charset=utf-8')).toEqual({ type: 'BAD_REQUEST_BODY', message: 'Invalid request body' });
    expect(post('not json', 'text/plain')).toBeUndefined();
    const noType = validateRequest(spec, createProduct, new Request('http://x/dev/products', { method: 'POST' }), new URL('http://x/dev/products'), '{"name":""}');
    expect(noType).toEqual({ type: 'BAD_REQUEST_BODY', message: 'Invalid request body' });
  });
});
