// base64 and base64url on Web APIs only (atob/btoa, TextEncoder): the service core runs in browsers too
// (bundled into the MSW kit), where there is no Buffer.

const encoder = new TextEncoder();

/** Bytes → a "binary string" (one char per byte), in slices so a large input does not overflow the call stack. */
function toBinary(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}

/**
 * UTF-8 text → base64url without padding (RFC 4648 §5).
 * @example base64urlEncode('{"id":"android"}') === 'eyJpZCI6ImFuZHJvaWQifQ'
 */
export function base64urlEncode(text: string): string {
  return btoa(toBinary(encoder.encode(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * base64 (standard or url alphabet, padding optional, whitespace ignored) → bytes; undefined when the text
 * is not base64 at all.
 * @example new TextDecoder().decode(base64Decode('eyJhIjoxfQ')) === '{"a":1}'
 */
export function base64Decode(text: string): Uint8Array | undefined {
  const normal = text.replace(/[\t\n\f\r ]+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(normal) || normal.replace(/=+$/, '').length % 4 === 1) return undefined;
  const padded = normal.replace(/=+$/, '').padEnd(Math.ceil(normal.replace(/=+$/, '').length / 4) * 4, '=');
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The UTF-8 length of a string, without encoding it (a lone surrogate counts 3 bytes, as TextEncoder writes U+FFFD).
 * @example utf8Length('é') === 2
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
