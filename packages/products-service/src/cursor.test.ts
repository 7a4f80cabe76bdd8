import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { InvalidCursorError } from './errors.ts';

describe('cursor', () => {
  it('is base64url of the key JSON, and round-trips', () => {
    const cursor = encodeCursor({ id: 'android' });
    expect(cursor).toBe('eyJpZCI6ImFuZHJvaWQifQ');
    expect(Buffer.from(cursor, 'base64url').toString()).toBe('{"id":"android"}');
    expect(decodeCursor(cursor)).toEqual({ id: 'android' });
  });

  it.each(['', '***', 'eyJpZCI6', Buffer.from('{"id":5}').toString('base64url'), Buffer.from('{"id":"a","x":1}').toString('base64url'), Buffer.from('"a"').toString('base64url')])(
    'rejects %j with an InvalidCursorError that says what to do',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(InvalidCursorError);
      expect(() => decodeCursor(cursor)).toThrow(/pass the nextCursor of a previous page unchanged/);
    },
  );

  it('quotes a long bad cursor only in part', () => {
    const error = (() => {
      try {
        decodeCursor('!'.repeat(500));
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('"!!!!');
    expect(error?.message.length).toBeLessThan(250);
  });
});
