import { describe, expect, it } from 'vitest';
import { assertJsonContentType, bodyBytes, parseJson } from './body.ts';
import { InvalidJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

describe('bodyBytes', () => {
  it('returns nothing for no body, the bytes otherwise (base64 decoded)', () => {
    expect(bodyBytes(null, false, 10)).toBeUndefined();
    expect(bodyBytes('', false, 10)).toBeUndefined();
    expect(text(bodyBytes('{}', false, 10))).toBe('{}');
    expect(text(bodyBytes(Buffer.from('{"a":1}').toString('base64'), true, 10))).toBe('{"a":1}');
    expect(text(bodyBytes(Buffer.from('{"a":1}').toString('base64url'), true, 10))).toBe('{"a":1}');
  });

  it('counts UTF-8 bytes, not characters', () => {
    expect(bodyBytes('ééééé', false, 10)?.length).toBe(10);
    expect(() => bodyBytes('éééééé', false, 10)).toThrow(new PayloadTooLargeError('Request body is 12 bytes; the limit is 10 bytes.'));
  });

  it('measures a base64 body by its decoded size', () => {
    const encoded = Buffer.from('x'.repeat(12)).toString('base64');
    expect(encoded.length).toBe(16);
    expect(() => bodyBytes(encoded, true, 11)).toThrow(/12 bytes/);
    expect(bodyBytes(encoded, true, 12)?.length).toBe(12);
  });

  it('counts a surrogate pair as 4 bytes and a lone surrogate as 3, as TextEncoder writes them', () => {
    expect(bodyBytes('😀', false, 10)?.length).toBe(4);
    expect(() => bodyBytes('😀😀😀', false, 11)).toThrow(/12 bytes/);
    expect(bodyBytes('\ud800', false, 10)?.length).toBe(3);
  });

  it('refuses a body marked base64 that is not (400 invalid_json), instead of decoding garbage', () => {
    expect(() => bodyBytes('not base64!', true, 100)).toThrow(InvalidJsonError);
  });
});

describe('assertJsonContentType', () => {
  it.each(['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"'])('accepts %j', (value) => {
    expect(() => assertJsonContentType(value)).not.toThrow();
  });
  it.each([undefined, '', 'text/plain', 'application/jsonx', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'])('rejects %j', (value) => {
    expect(() => assertJsonContentType(value)).toThrow(UnsupportedMediaTypeError);
  });
});

describe('parseJson', () => {
  it('parses JSON and says where it broke otherwise', () => {
    expect(parseJson(new TextEncoder().encode('{"a":[1]}'))).toEqual({ a: [1] });
    expect(() => parseJson(new TextEncoder().encode('{"a":'))).toThrow(InvalidJsonError);
    expect(() => parseJson(new Uint8Array([0xc3, 0x28]))).toThrow(/not valid UTF-8/);
  });
});
