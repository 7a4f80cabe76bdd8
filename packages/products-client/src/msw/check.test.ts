// The check every answer of the mock passes, on answers the real handler cannot be made to give.
import { contract } from '@org/products-core/contract';
import { describe, expect, it } from 'vitest';
import { checkAnswer, checkResponse } from './check.ts';

const op = (id: string) => contract.model.operations.find((o) => o.operationId === id)!;
const product = { id: 'a', name: 'A', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', createdBy: 'c', version: 1 };
const violation = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toMatchObject({ name: 'ProductsMockError', code: 'contract_violation' });
    return (error as Error).message;
  }
  throw new Error('no contract_violation');
};

describe('checkAnswer', () => {
  it('passes a documented answer with its headers', () => {
    expect(() => checkAnswer(contract, op('getProduct'), 200, product, new Headers({ ETag: '"1"' }))).not.toThrow();
    expect(() => checkAnswer(contract, op('deleteProduct'), 204, undefined, new Headers())).not.toThrow();
  });

  it('refuses an undocumented status, a body off its schema, a missing documented header, a body where none is documented', () => {
    expect(violation(() => checkAnswer(contract, op('getProduct'), 418, undefined, new Headers()))).toBe(
      'The products mock answered getProduct with status 418, which openapi.yaml does not document for it.',
    );
    expect(violation(() => checkAnswer(contract, op('getProduct'), 200, { ...product, name: '' }, new Headers({ ETag: '"1"' })))).toMatch(
      /^The products mock's 200 response to getProduct breaks openapi.yaml at "\/name": /,
    );
    expect(violation(() => checkAnswer(contract, op('getProduct'), 200, product, new Headers()))).toBe(
      `The products mock's 200 response to getProduct lacks the documented header "ETag".`,
    );
    expect(violation(() => checkAnswer(contract, op('deleteProduct'), 204, {}, new Headers()))).toMatch(/has a body, and openapi.yaml documents none/);
  });

  it('checks an answer to no operation (403 Missing Authentication Token) against the Error schema', () => {
    expect(() => checkAnswer(contract, undefined, 403, { message: 'Missing Authentication Token' }, new Headers())).not.toThrow();
    expect(violation(() => checkAnswer(contract, undefined, 403, { note: 1 }, new Headers()))).toMatch(/403 gateway response breaks the Error schema/);
  });
});

describe('checkResponse', () => {
  it('refuses a body that is not JSON, and lets only the front door\'s plain-text 413 through', async () => {
    await expect(checkResponse(contract, op('listProducts'), new Response('oops', { status: 500 }))).rejects.toMatchObject({ code: 'contract_violation' });
    const front = new Response('HTTP content length exceeded 10485760 bytes.', { status: 413, headers: { 'content-type': 'text; charset=utf-8' } });
    expect(await checkResponse(contract, op('createProduct'), front)).toBe(front);
  });
});
