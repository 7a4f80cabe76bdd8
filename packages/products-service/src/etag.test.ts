import { describe, expect, it } from 'vitest';
import { etagOf, parseIfMatch } from './etag.ts';
import { ValidationError } from './errors.ts';

describe('ETag and If-Match', () => {
  it('quotes the version', () => {
    expect(etagOf(3)).toBe('"3"');
  });

  it.each([
    ['*', { any: true }],
    ['"3"', { any: false, versions: [3], header: '"3"' }],
    [' "3" , "5"', { any: false, versions: [3, 5], header: '"3" , "5"' }],
    ['W/"3"', { any: false, versions: [0], header: 'W/"3"' }],
    ['"abc"', { any: false, versions: [0], header: '"abc"' }],
    ['"0"', { any: false, versions: [0], header: '"0"' }],
    ['"03"', { any: false, versions: [0], header: '"03"' }],
  ])('parses %j', (header, expected) => {
    expect(parseIfMatch(header)).toEqual(expected);
  });

  it.each(['3', '"3', 'W/3', '"3" "4"', ''])('rejects %j as not an entity tag list', (header) => {
    expect(() => parseIfMatch(header)).toThrow(ValidationError);
  });
});
