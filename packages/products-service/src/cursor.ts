import { base64Decode, base64urlEncode } from './base64.ts';
import { InvalidCursorError } from './errors.ts';
import { productsTable } from './table.ts';
import { isProductId } from './validation.ts';

/** A key of the products table, as lib-dynamodb reads and writes it. */
export type ProductKey = { [productsTable.partitionKey.name]: string };

const KEY_NAME = productsTable.partitionKey.name;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The opaque `nextCursor` of a page: base64url of the JSON of DynamoDB's `LastEvaluatedKey`.
 * @example encodeCursor({ id: 'android' }) === 'eyJpZCI6ImFuZHJvaWQifQ';
 */
export function encodeCursor(key: ProductKey): string {
  return base64urlEncode(JSON.stringify({ [KEY_NAME]: key[KEY_NAME] }));
}

/**
 * Reads a `cursor` back into an `ExclusiveStartKey`. Anything this service could not have produced is an
 * InvalidCursorError (400), never a DynamoDB error.
 * @example const startKey = decodeCursor(query.cursor);
 */
export function decodeCursor(cursor: string): ProductKey {
  const fail = (why: string, cause?: unknown) =>
    new InvalidCursorError(
      `Cursor ${JSON.stringify(cursor.length > 40 ? `${cursor.slice(0, 37)}...` : cursor)} is not valid (${why}); pass the nextCursor of a previous page unchanged, or leave it out to start from the beginning.`,
      { cause },
    );
  const bytes = /^[A-Za-z0-9_-]+$/.test(cursor) ? base64Decode(cursor) : undefined;
  if (!bytes) throw fail('not base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(bytes));
  } catch (cause) {
    throw fail('not JSON', cause);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail('not a key');
  const keys = Object.keys(parsed);
  const id = Object.hasOwn(parsed, KEY_NAME) ? (parsed as Record<string, unknown>)[KEY_NAME] : undefined;
  // A cursor can only name a key the API could have stored: the contract's ProductId rule (its generated validator).
  if (keys.length !== 1 || typeof id !== 'string' || !isProductId(id)) throw fail('not a key of this table');
  return { [KEY_NAME]: id };
}
