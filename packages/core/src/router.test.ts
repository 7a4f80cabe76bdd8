import { describe, expect, it } from 'vitest';
import { model } from './contract.ts';
import type { ContractModel, OperationModel } from './model.ts';
import { createRouter } from './router.ts';

// A hand-made model (the shape `pnpm generate` writes), so the core's tests need no tooling package.
const op = (operationId: string, method: string, path: string): OperationModel => ({
  operationId,
  method,
  path,
  security: null,
  integrationUri: 'arn:aws:apigateway:r:lambda:path/2015-03-31/functions/arn:fn/invocations',
  requestValidator: null,
  parameters: [],
  body: null,
  responses: {},
});
const generic: ContractModel = {
  ...model,
  operations: [op('root', 'GET', '/'), op('ax', 'GET', '/a/{x}'), op('ab', 'GET', '/a/b'), op('abPost', 'POST', '/a/b'), op('axc', 'GET', '/a/{x}/c'), op('greedy', 'GET', '/g/{rest+}')],
};

describe('createRouter', () => {
  const route = createRouter(generic);
  const id = (method: string, path: string) => route(method, path).operation?.operationId;

  it('prefers literal segments, then parameters, then greedy', () => {
    expect([id('GET', '/a/b'), id('GET', '/a/z'), id('GET', '/a/z/c'), id('GET', '/g/1/2'), id('GET', '/')]).toEqual(['ab', 'ax', 'axc', 'greedy', 'root']);
    expect({ ...(route('GET', '/a/%20x') as { pathParameters: object }).pathParameters }).toEqual({ x: '%20x' });
    expect({ ...(route('GET', '/g/1/2') as { pathParameters: object }).pathParameters }).toEqual({ rest: '1/2' });
  });

  it('matches nothing for unknown paths, empty segments or a method the resource lacks', () => {
    expect([id('GET', '/a'), id('GET', '/a/'), id('GET', '/a//c'), id('DELETE', '/a/b'), id('POST', '/a/z'), id('GET', '/g'), id('GET', '/g/')]).toEqual([
      undefined, undefined, undefined, undefined, undefined, undefined, undefined,
    ]);
  });

  it('routes every operation of openapi.yaml', () => {
    const real = createRouter(model);
    expect(real('GET', '/products/x1')?.operation?.operationId).toBe('getProduct');
    expect(real('PUT', '/products/x1')?.operation?.operationId).toBe('updateProduct');
    expect(real('POST', '/products')?.operation?.operationId).toBe('createProduct');
  });
});
