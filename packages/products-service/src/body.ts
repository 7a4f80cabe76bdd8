import { base64Decode, utf8Length } from './base64.ts';
import { InvalidJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors.ts';

/** The service's own body limit (the contract documents 64 KiB; the gateway's is 10 MB). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const encoder = new TextEncoder();

/**
 * The raw bytes of a proxy event's body (base64-decoded when API Gateway encoded it), or undefined when
 * there is none. Throws PayloadTooLargeError over `maxBytes`.
 * @example const bytes = bodyBytes(event.body, event.isBase64Encoded, 65536);
 */
export function bodyBytes(body: string | null | undefined, isBase64Encoded: boolean | undefined, maxBytes: number): Uint8Array | undefined {
  if (body === null || body === undefined || body === '') return undefined;
  // A plain body is measured before it is copied; a base64 one is decoded to be measured exactly (padding and
  // stray characters make the text's length only an estimate; a Lambda event is at most 6 MB anyway).
  let bytes: Uint8Array | undefined;
  let size: number;
  if (isBase64Encoded) {
    bytes = base64Decode(body);
    if (!bytes) throw new InvalidJsonError('Request body is marked base64-encoded but is not base64; send JSON encoded as UTF-8.');
    size = bytes.length;
  } else {
    size = utf8Length(body);
    if (size <= maxBytes) bytes = encoder.encode(body);
  }
  if (size > maxBytes) {
    throw new PayloadTooLargeError(`Request body is ${size} bytes; the limit is ${maxBytes} bytes.`);
  }
  return bytes;
}

/**
 * Checks that a Content-Type header names JSON (`application/json`, charset UTF-8 if given).
 * @example assertJsonContentType('application/json; charset=utf-8');
 */
export function assertJsonContentType(contentType: string | undefined): void {
  const [mediaType = '', ...params] = (contentType ?? '').split(';').map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length).replace(/^"|"$/g, '');
  if (mediaType !== 'application/json' || (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new UnsupportedMediaTypeError(
      contentType === undefined
        ? 'The request has a body but no Content-Type; send application/json.'
        : `Content-Type ${JSON.stringify(contentType)} is not supported; send application/json.`,
    );
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a JSON body (UTF-8); anything else is an InvalidJsonError that says where it broke.
 * @example const value = parseJson(new TextEncoder().encode('{"name":"a"}'));
 */
export function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new InvalidJsonError('Request body is not valid UTF-8; send JSON encoded as UTF-8.', { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new InvalidJsonError(`Request body is not valid JSON (${detail}); send a JSON object.`, { cause });
  }
}
