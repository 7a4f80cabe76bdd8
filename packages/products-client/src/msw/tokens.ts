// What the mock's user pool keeps of its own: the tokens it issued. Cognito's decisions (client
// authentication, scopes, error answers) and the authorizer's (expiry, token_use, scopes) are the
// gateway core's. Tokens are JWT-shaped (header.claims.random) but unsigned: the mock recognises its
// own tokens by remembering them, so an edited or foreign token is refused as a bad signature is,
// and the mock needs no crypto library.
import type { TokenVerifier } from '@org/products-core';
import type { ContractModel } from '@org/products-core/model';
import type { AccessTokenClaims, MockClient } from './types.ts';

/**
 * The default app clients, as infra and the local stack have them (`contract.model.defaultClients`,
 * one rule for everyone), with fixed test credentials.
 * @example defaultClients(contract.model)[0] // { name: 'products-admin', clientId: 'products-admin-test-id', ... }
 */
export function defaultClients(model: ContractModel): MockClient[] {
  return model.defaultClients.map(({ name, scopes }) => ({ name, clientId: `${name}-test-id`, clientSecret: `${name}-test-secret`, scopes: [...scopes] }));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const json64 = (value: unknown): string => base64url(new TextEncoder().encode(JSON.stringify(value)));

/** The pool's memory of issued tokens, and the gateway's verifier over it. */
export class TokenRegistry {
  readonly #tokens = new Map<string, AccessTokenClaims>();
  readonly #issuer: string;
  readonly #poolArn: string;

  constructor(issuer: string, poolArn: string) {
    this.#issuer = issuer;
    this.#poolArn = poolArn;
  }

  /**
   * Issues a token for `client` with `scopes` at `nowMs`, valid for `lifetimeSeconds`.
   * @example const token = registry.issue(client, ['product-api/read_product'], Date.now(), 3600);
   */
  issue(client: Pick<MockClient, 'clientId'>, scopes: readonly string[], nowMs: number, lifetimeSeconds: number, tokenUse: 'access' | 'id' = 'access'): string {
    const iat = Math.floor(nowMs / 1000);
    // Cognito's claims, in its order, for client_credentials.
    const claims: AccessTokenClaims = {
      sub: client.clientId,
      token_use: tokenUse,
      scope: scopes.join(' '),
      auth_time: iat,
      iss: this.#issuer,
      exp: iat + lifetimeSeconds,
      iat,
      version: 2,
      jti: crypto.randomUUID(),
      client_id: client.clientId,
    };
    const token = `${json64({ kid: 'products-mock', alg: 'RS256' })}.${json64(claims)}.${base64url(crypto.getRandomValues(new Uint8Array(32)))}`;
    this.#tokens.set(token, claims);
    return token;
  }

  /** The claims of a token this pool issued, or `undefined` for any other string. */
  claims(token: string): AccessTokenClaims | undefined {
    return this.#tokens.get(token);
  }

  /** Forgets every issued token (they then get 401, as tokens of a dropped signing key would). */
  clear(): void {
    this.#tokens.clear();
  }

  /** The authorizer's signature check: a token is valid when this pool issued it and has not forgotten it. */
  readonly verifier: TokenVerifier = {
    verify: async (token) => {
      const claims = this.#tokens.get(token);
      return claims ? { ok: true, claims, poolArn: this.#poolArn } : { ok: false, reason: 'not a token this mock issued (or revoked since)' };
    },
  };
}

/**
 * The `client_id` claim of a token the mock did not issue (`presence`/`off` security), when it is
 * one `createdBy` can hold.
 * @example foreignClientId('e30.eyJjbGllbnRfaWQiOiJhcHAifQ.x') // 'app'
 */
export function foreignClientId(token: string | undefined): string | undefined {
  const part = token?.split('.')[1];
  if (!part) return undefined;
  try {
    const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    const id = typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>).client_id : undefined;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
