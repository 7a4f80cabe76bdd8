// The suite's oracle on answers made up to be wrong: a property that cannot fail proves nothing, so
// each kind of bad answer the issue found must be flagged by checkAnswer or normalize.
import { describe, expect, it } from 'vitest';
import { checkAnswer, normalize } from '../src/check.ts';
import type { FuzzAnswer, FuzzRequest } from '../src/request.ts';

const get: FuzzRequest = { label: 'get a', operationId: 'getProduct', method: 'GET', path: '/products/a', headers: [], auth: { kind: 'client', client: 'products-admin' }, valid: true };
const product = { id: 'a', name: 'A', createdAt: '2026-11-30T00:00:00.000Z', updatedAt: '2026-11-30T00:00:00.000Z', createdBy: 'c', version: 1 };
const ok: FuzzAnswer = { status: 200, headers: { 'x-amzn-requestid': 'r1', etag: '"1"' }, body: JSON.stringify(product) };
const error = (status: number, code: string, requestId = 'r1'): FuzzAnswer => ({ status, headers: { 'x-amzn-requestid': requestId }, body: JSON.stringify({ message: 'm', code, requestId }) });

describe('checkAnswer flags', () => {
  it('nothing in a documented answer', () => {
    expect(checkAnswer(get, ok, { authorized: true })).toEqual([]);
    expect(checkAnswer(get, error(404, 'not_found'), { authorized: true })).toEqual([]);
  });
  it('a 5xx, even a documented one', () => {
    expect(checkAnswer(get, error(500, 'internal_error'), { authorized: true }).join()).toMatch(/no 5xx ever/);
  });
  it('a status the operation does not document', () => {
    expect(checkAnswer(get, error(409, 'already_exists'), { authorized: true }).join()).toMatch(/does not document/);
  });
  it('a body its schema refuses, and a missing documented header', () => {
    const bad = { ...ok, headers: { 'x-amzn-requestid': 'r1' }, body: JSON.stringify({ ...product, version: 0, extra: true }) };
    const problems = checkAnswer(get, bad, { authorized: true }).join('\n');
    expect(problems).toMatch(/breaks getProduct\.response\.200/);
    expect(problems).toMatch(/lacks the documented header ETag/);
  });
  it('an answer without a request id (the 500s of the issue had none), or with another one in the body', () => {
    expect(checkAnswer(get, { status: 404, headers: {}, body: '{"message":"m","code":"not_found"}' }, { authorized: true }).join()).toMatch(/no x-amzn-RequestId/);
    expect(checkAnswer(get, { ...error(404, 'not_found', 'r2'), headers: { 'x-amzn-requestid': 'r1' } }, { authorized: true }).join()).toMatch(/is not the x-amzn-RequestId/);
  });
  it('a valid, authorized request refused', () => {
    expect(checkAnswer(get, error(400, 'validation_error'), { authorized: true }).join()).toMatch(/valid, authorized request was refused 400/);
    expect(checkAnswer(get, error(401, 'unauthorized'), { authorized: true }).join()).toMatch(/refused 401/);
    expect(checkAnswer(get, error(401, 'unauthorized'), { authorized: false })).toEqual([]);
  });
  it('an unrouted request answered by anything but the gateway', () => {
    const unrouted: FuzzRequest = { ...get, operationId: null, method: 'TRACE' };
    expect(checkAnswer(unrouted, error(403, 'route_not_found'), { authorized: false })).toEqual([]);
    expect(checkAnswer(unrouted, { status: 500, headers: {}, body: '' }, { authorized: false }).join('\n')).toMatch(/no 5xx ever[\s\S]*expected one of 400, 403, 413/);
  });
  it('a token endpoint answer that is no OAuth2 answer', () => {
    const token: FuzzRequest = { ...get, operationId: null, method: 'POST', tokenEndpoint: { query: '' } };
    expect(checkAnswer(token, { status: 400, headers: {}, body: '{"error":"invalid_request"}' }, { authorized: false })).toEqual([]);
    expect(checkAnswer(token, { status: 400, headers: {}, body: '{"error":"oops"}' }, { authorized: false }).join()).toMatch(/not an OAuth2 code/);
    expect(checkAnswer(token, { status: 200, headers: {}, body: '{"access_token":"x"}' }, { authorized: false }).join()).toMatch(/without access_token, expires_in/);
  });
});

describe('normalize', () => {
  it('masks request ids, times, uuids and the creator, and keeps what must agree', () => {
    const a = normalize({ ...ok, body: JSON.stringify({ ...product, id: '0b5e8a8e-1f6c-4a3e-9d6c-2b1f0e6f1a11', createdBy: 'x' }) }, get);
    const b = normalize({ ...ok, body: JSON.stringify({ ...product, id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', createdAt: '2027-01-01T00:00:00.000Z', createdBy: 'y' }) }, get);
    expect(a).toEqual(b);
    expect(normalize(error(404, 'not_found', 'r1'), get)).toEqual(normalize(error(404, 'not_found', 'r9'), get));
    expect(normalize(error(404, 'not_found'), get)).not.toEqual(normalize(error(400, 'validation_error'), get));
    expect(normalize({ ...ok, body: JSON.stringify({ ...product, name: 'B' }) }, get)).not.toEqual(normalize(ok, get));
  });
});
