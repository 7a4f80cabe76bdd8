import { ValidationError } from './errors.ts';

/**
 * The ETag of a product version: the version number in double quotes.
 * @example etagOf(3) === '"3"';
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** What an `If-Match` header asks for: any existing version (`*`), or one of these versions. */
export type IfMatch = { any: true } | { any: false; versions: number[]; header: string };

/**
 * Parses `If-Match` (RFC 9110): `*` or a comma-separated list of entity tags. Weak tags (`W/"3"`) never match
 * (If-Match uses strong comparison), nor do tags that are no version of ours (`"abc"`): both are kept as
 * version 0, which no product has, so the update answers 412. A value that is not an entity tag at all (`3`
 * without quotes) is a ValidationError: the caller most likely dropped the quotes.
 * @example parseIfMatch('"3"') // { any: false, versions: [3], header: '"3"' }
 */
export function parseIfMatch(header: string): IfMatch {
  const text = header.trim();
  if (text === '*') return { any: true };
  const versions: number[] = [];
  for (const part of text.split(',')) {
    const tag = part.trim();
    const match = /^(W\/)?"([\x21\x23-\x7e]*)"$/.exec(tag);
    if (!match) {
      throw new ValidationError(
        `If-Match ${JSON.stringify(header)} is not an entity tag list; send the ETag of a previous read exactly as received (with its double quotes, e.g. "1"), or "*".`,
      );
    }
    const [, weak, opaque = ''] = match;
    versions.push(!weak && /^[1-9]\d{0,14}$/.test(opaque) ? Number(opaque) : 0);
  }
  return { any: false, versions, header: text };
}
