// Stage "map result": the Lambda proxy result back to HTTP, as API Gateway maps it (502 when malformed).
import { base64ToBytes, isRecord as isObject } from './util.ts';

const RESULT_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A Lambda proxy result checked and ready to send, or why it is malformed (→ 502). */
export type MappedResult = { ok: true; status: number; headers: [string, string][]; body: Uint8Array | string | null } | { ok: false; reason: string };

/**
 * Maps a REST (payload v1) Lambda proxy result back to HTTP as API Gateway does: `statusCode`
 * required (an integer 100–599, or such a number as a string), `body` a string, `headers` values scalars, `multiValueHeaders`
 * lists merged with `headers` (a name in both keeps the multi-value list), and any other key
 * makes the result malformed (UNCONFIRMED: chosen strict). `Content-Type` defaults to
 * `application/json`. `isBase64Encoded: true` bodies are decoded only when the response
 * Content-Type is one of the API's binary media types; otherwise the text is sent as is.
 * @example const mapped = mapProxyResult(await handler(event, context), []);
 */
export function mapProxyResult(result: unknown, binaryMediaTypes: string[]): MappedResult {
  if (!isObject(result)) return { ok: false, reason: `the result is ${result === null ? 'null' : Array.isArray(result) ? 'an array' : typeof result}, not an object` };
  for (const key of Object.keys(result)) if (!RESULT_KEYS.has(key)) return { ok: false, reason: `unknown key "${key}"` };
  // Functions returning `'statusCode': '400'` work on AWS (observed), so numeric strings count.
  const raw = result.statusCode;
  const status = typeof raw === 'string' && /^\d{3}$/.test(raw) ? Number(raw) : raw;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) {
    return { ok: false, reason: `statusCode ${JSON.stringify(raw)} is not an integer from 100 to 599` };
  }
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') return { ok: false, reason: 'body is not a string' };
  if (result.isBase64Encoded !== undefined && typeof result.isBase64Encoded !== 'boolean') return { ok: false, reason: 'isBase64Encoded is not a boolean' };

  const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
  const multi = new Map<string, string[]>();
  if (result.multiValueHeaders !== undefined && result.multiValueHeaders !== null) {
    if (!isObject(result.multiValueHeaders)) return { ok: false, reason: 'multiValueHeaders is not an object' };
    for (const [name, values] of Object.entries(result.multiValueHeaders)) {
      if (!Array.isArray(values) || !values.every(scalar)) return { ok: false, reason: `multiValueHeaders.${name} is not a list of strings` };
      multi.set(name.toLowerCase(), values.map(String));
    }
  }
  const headers: [string, string][] = [];
  if (result.headers !== undefined && result.headers !== null) {
    if (!isObject(result.headers)) return { ok: false, reason: 'headers is not an object' };
    for (const [name, value] of Object.entries(result.headers)) {
      if (!scalar(value)) return { ok: false, reason: `headers.${name} is not a string` };
      if (!multi.has(name.toLowerCase())) headers.push([name, String(value)]);
    }
  }
  for (const [name, values] of multi) for (const value of values) headers.push([name, value]);
  if (!headers.some(([n]) => n.toLowerCase() === 'content-type')) headers.push(['content-type', 'application/json']);

  const text = typeof result.body === 'string' ? result.body : '';
  let body: Uint8Array | string | null = text;
  if (result.isBase64Encoded === true) {
    const contentType = (headers.find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? '').split(';')[0]!.trim().toLowerCase();
    if (binaryMediaTypes.some((t) => t === '*/*' || t.toLowerCase() === contentType)) body = base64ToBytes(text) ?? new Uint8Array(0);
  }
  if (NULL_BODY_STATUSES.has(status)) body = null;
  return { ok: true, status, headers, body };
}
