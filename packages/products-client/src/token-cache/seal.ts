// Sealing of cached tokens (WebCrypto only, so every runtime has it): a cached token is a bearer
// credential, so what a shared cache holds must be useless to whoever reads the file or the table
// without the client secret. AES-256-GCM; the key comes from the secret through HKDF-SHA-256 with a
// fixed salt per format version (`v1`); the cache key is the additional data, so an entry copied
// under another key (another client, scope set or token URL) does not open.

import type { SharedSealingKey as SealingKey } from './types.ts';

const encoder = new TextEncoder();
// Changing the salt or the format means a new version prefix: old entries then simply do not open.
const SALT_V1 = encoder.encode('@org/products-client token-cache v1');

/** What a sealed entry holds once opened. */
export interface SealedToken {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

/** Hex SHA-256 of token URL, client id and the sorted scope set: names the entry, never derived from the secret. */
export async function cacheKeyOf(tokenUrl: string, clientId: string, sortedScopes: readonly string[]): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(`${tokenUrl}\n${clientId}\n${sortedScopes.join(' ')}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The AES-GCM key for a client's entries (not extractable). */
export async function sealingKey(secret: string, tokenUrl: string, clientId: string): Promise<SealingKey> {
  const { subtle } = globalThis.crypto;
  const base = await subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: SALT_V1, info: encoder.encode(`${tokenUrl}\n${clientId}`) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** `v1.<iv>.<ciphertext>` (base64url) of the token and its times, bound to `cacheKey`. */
export async function seal(key: SealingKey, cacheKey: string, token: SealedToken): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const plain = encoder.encode(JSON.stringify({ t: token.token, e: token.expiresAt, r: token.refreshAt }));
  const sealed = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(cacheKey) }, key, plain);
  return `v1.${b64(iv)}.${b64(new Uint8Array(sealed))}`;
}

/** The token in `value`, or undefined when it is corrupt, foreign (another key or secret) or of an unknown format. */
export async function open(key: SealingKey, cacheKey: string, value: unknown): Promise<SealedToken | undefined> {
  try {
    const [version, iv, data, extra] = typeof value === 'string' ? value.split('.') : [];
    if (version !== 'v1' || !iv || !data || extra !== undefined) return undefined;
    const plain = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: unb64(iv), additionalData: encoder.encode(cacheKey) }, key, unb64(data));
    const parsed = JSON.parse(new TextDecoder().decode(plain)) as { t?: unknown; e?: unknown; r?: unknown };
    if (typeof parsed.t !== 'string' || parsed.t === '' || typeof parsed.e !== 'number' || typeof parsed.r !== 'number') return undefined;
    return { token: parsed.t, expiresAt: parsed.e, refreshAt: parsed.r };
  } catch {
    // Not ours, tampered with or truncated: the caller fetches a token and overwrites it.
    return undefined;
  }
}

function b64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A random lease owner id (hex): one per lease attempt. */
export function newOwner(): string {
  return [...globalThis.crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
