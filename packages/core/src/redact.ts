// What may appear in a log line: never a token or a secret, never an unbounded value. Request values
// (paths, header names, error texts) are logged only through `redact`.

const JWT_SHAPED = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g;
/** Long unbroken runs of base64/hex-like characters: secrets, keys, opaque tokens. */
const SECRET_SHAPED = /[A-Za-z0-9+/_=-]{40,}/g;

/** The longest value a log field keeps. */
export const MAX_LOGGED_LENGTH = 256;

/**
 * A request-controlled value made safe to log: JWT-shaped and secret-shaped runs replaced, the rest
 * capped at 256 characters.
 * @example redact('/dev/products/eyJhbGciOi.x.y') // '/dev/products/[redacted jwt]'
 */
export function redact(value: string, max = MAX_LOGGED_LENGTH): string {
  const safe = value.replace(JWT_SHAPED, '[redacted jwt]').replace(SECRET_SHAPED, '[redacted]');
  return safe.length > max ? `${safe.slice(0, max)}...[${safe.length - max} more]` : safe;
}
