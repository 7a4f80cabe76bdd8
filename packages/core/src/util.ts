// Small Web-API helpers the pipeline shares: no `node:` import, no Buffer, so the core runs in
// browsers (msw/browser), Deno, Bun and Node alike.

/**
 * A short, stable lowercase id derived from a string (FNV-1a, not a security hash): resource ids,
 * API ids.
 * @example shortHash('/products/{id}', 6) // 'k3v9xq'
 */
export function shortHash(value: string, length: number): string {
  let out = '';
  for (let round = 0; out.length < length; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < value.length; i++) {
      h ^= value.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(36);
  }
  return out.slice(0, length);
}

// getRandomValues costs a system call per call: ids for every request are cut from a pooled block.
const POOL_SIZE = 4096;
let pool = new Uint8Array(0);
let poolOffset = POOL_SIZE;

/**
 * Random bytes (not for keys or secrets: request and trace ids), cut from a pooled random block.
 * @example randomBytes(12).length // 12
 */
export function randomBytes(bytes: number): Uint8Array {
  if (bytes > POOL_SIZE) return crypto.getRandomValues(new Uint8Array(bytes));
  if (poolOffset + bytes > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    poolOffset = 0;
  }
  poolOffset += bytes;
  return pool.subarray(poolOffset - bytes, poolOffset);
}

/**
 * Random bytes as lowercase hex.
 * @example randomHex(12) // 24 hex digits
 */
export function randomHex(bytes: number): string {
  const buf = randomBytes(bytes);
  let out = '';
  for (const b of buf) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Random bytes as base64 with `/` and `+` replaced, as API Gateway's extended request ids look.
 * @example randomBase64Id(12) // 16 characters
 */
export function randomBase64Id(bytes: number): string {
  return bytesToBase64(randomBytes(bytes)).replace(/\//g, 'A').replace(/\+/g, 'B');
}

/** Bytes → standard base64. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Standard or URL-safe base64 → bytes; undefined when it is not base64. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  const normalized = text.replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  try {
    const binary = atob(normalized.padEnd(normalized.length + ((4 - (normalized.length % 4)) % 4), '='));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

/**
 * Compares two strings in time that depends only on their lengths (client secrets).
 * @example constantTimeEqual(given, expected)
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ (y[i % Math.max(1, y.length)] ?? 0);
  return diff === 0;
}

/**
 * An object without a prototype, for maps keyed by request-controlled names: `__proto__`,
 * `constructor` or `toString` are then ordinary keys.
 * @example const headers = dict<string>(); headers['constructor'] = 'x';
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Whether a value is a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Replaces `${Name}` placeholders in a string; an unknown one is left as is.
 * @example substitute('arn:${AWS::Partition}:x', { 'AWS::Partition': 'aws' }) // 'arn:aws:x'
 */
export function substitute(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}

/** Every `${Name}` in a string. */
export function placeholderNames(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!);
}
