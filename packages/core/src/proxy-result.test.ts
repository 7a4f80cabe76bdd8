import { describe, expect, it } from 'vitest';
import { mapProxyResult } from './proxy-result.ts';

describe('mapProxyResult', () => {
  it('maps a minimal result, defaulting Content-Type to application/json', () => {
    expect(mapProxyResult({ statusCode: 200, body: '{}' }, [])).toEqual({ ok: true, status: 200, headers: [['content-type', 'application/json']], body: '{}' });
  });

  it('accepts a numeric string statusCode, as AWS does', () => {
    expect(mapProxyResult({ statusCode: '404', body: 'x' }, [])).toMatchObject({ ok: true, status: 404 });
  });

  it('merges headers and multiValueHeaders: a name in both keeps only the multi-value list', () => {
    const mapped = mapProxyResult({ statusCode: 200, headers: { A: '1', B: 2 }, multiValueHeaders: { a: ['x', 'y'] }, body: '' }, []);
    expect(mapped).toEqual({ ok: true, status: 200, headers: [['B', '2'], ['a', 'x'], ['a', 'y'], ['content-type', 'application/json']], body: '' });
  });

  it('decodes base64 only for binary media types', () => {
    const result = { statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from('png').toString('base64'), isBase64Encoded: true };
    expect(mapProxyResult(result, [])).toMatchObject({ ok: true, body: 'cG5n' });
    const decoded = mapProxyResult(result, ['image/png']);
    expect(decoded.ok && Buffer.from(decoded.body as Uint8Array).toString()).toBe('png');
  });

  it.each([
    ['null', null],
    ['a string', 'hello'],
    ['an array', []],
    ['no statusCode', { body: '' }],
    ['a non-numeric string statusCode', { statusCode: 'OK' }],
    ['statusCode 99', { statusCode: 99 }],
    ['an object body', { statusCode: 200, body: {} }],
    ['a non-boolean isBase64Encoded', { statusCode: 200, isBase64Encoded: 'yes' }],
    ['an unknown key', { statusCode: 200, cookies: [] }],
    ['an object header value', { statusCode: 200, headers: { a: {} } }],
    ['multiValueHeaders not lists', { statusCode: 200, multiValueHeaders: { a: 'x' } }],
  ])('is malformed with %s', (_, result) => {
    expect(mapProxyResult(result, []).ok).toBe(false);
  });
});
