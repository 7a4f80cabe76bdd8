import { describe, expect, it } from 'vitest';
import { compileContract, parseSpec } from '@org/products-contract';
import { model } from './contract.ts';
import { createRouter } from './router.ts';

const integration = { type: 'aws_proxy', httpMethod: 'POST', uri: 'arn:aws:apigateway:r:lambda:path/2015-03-31/functions/arn:fn/invocations' };
const op = (operationId: string) => ({ operationId, responses: {}, 'x-amazon-apigateway-integration': integration });

describe('createRouter', () => {
  const route = createRouter(
    compileContract(parseSpec(
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {
          '/': { get: op('root') },
          '/a/{x}': { get: op('ax') },
          '/a/b': { get: op('ab'), post: op('abPost') },
          '/a/{x}/c': { get: op('axc') },
          '/g/{rest+}': { get: op('greedy') },
        },
      }),
    )).model,
  );
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
