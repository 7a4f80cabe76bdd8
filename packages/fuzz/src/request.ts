// One fuzz case as data: what is sent (method, raw path and query, headers, body bytes) and which
// credential, so the same case can be sent to every target and printed as a replayable curl.
import { contract } from '@org/products-core/contract';

/** How a real token is spoiled before it is sent (`Bearer <token><suffix>` and friends). */
export type TokenMutation =
  | 'append-char'
  | 'append-dot'
  | 'append-segment'
  | 'append-space-junk'
  | 'truncate-signature'
  | 'drop-signature'
  | 'flip-payload'
  | 'swap-payload'
  | 'lowercase-bearer'
  | 'no-scheme'
  | 'two-tokens'
  | 'basic-scheme';

/** Tokens made with the pool's own key or another one, to try the authorizer's rules. */
export type ForgedToken = 'alg-none' | 'stranger-key' | 'expired' | 'not-yet-valid-iat' | 'wrong-issuer' | 'id-token' | 'no-scope' | 'scope-of-other-api' | 'hs256-public-key' | 'unknown-kid' | 'no-exp';

/** The credential of a case. */
export type Auth =
  | { kind: 'none' }
  /** A token from the token endpoint for a default client, optionally spoiled. */
  | { kind: 'client'; client: 'products-admin' | 'products-reader'; mutation?: TokenMutation }
  /** A token signed by the fuzz harness (see ForgedToken). */
  | { kind: 'forged'; forge: ForgedToken }
  /** A literal Authorization header value that holds no secret. */
  | { kind: 'raw'; header: string };

/** One request of the fuzz suite. */
export type FuzzRequest = {
  /** What the case tries (`createProduct body: price: minimum`). */
  label: string;
  /** The operation the case aims at, when it routes to one. */
  operationId: string | null;
  /** The method as sent (may be one no API defines). */
  method: string;
  /** The path after the stage, percent-encoded as sent, with its query string (`/products?limit=2`). */
  path: string;
  /** Headers in order (names may repeat). */
  headers: [string, string][];
  /** The credential. */
  auth: Auth;
  /** The body bytes, when there is one. */
  body?: Uint8Array;
  /** Whether the request is valid by the contract (then it must not be refused 400). */
  valid: boolean;
  /** Over the socket, send the body chunked (no Content-Length). */
  chunked?: boolean;
  /** Send it to the token endpoint instead of the API (path is then ignored). */
  tokenEndpoint?: { query: string };
};

/** The answer of a target, read whole. */
export type FuzzAnswer = { status: number; headers: Record<string, string>; body: string };

const encoder = new TextEncoder();

/** UTF-8 bytes of a text. */
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** The Authorization header value for a credential, given how to get or make the tokens. */
export async function authorizationOf(auth: Auth, tokens: { client(name: string): Promise<string>; forged(kind: ForgedToken): Promise<string> }): Promise<string | undefined> {
  switch (auth.kind) {
    case 'none':
      return undefined;
    case 'raw':
      return auth.header;
    case 'forged':
      return `Bearer ${await tokens.forged(auth.forge)}`;
    case 'client': {
      const token = await tokens.client(auth.client);
      return auth.mutation ? mutate(token, auth.mutation) : `Bearer ${token}`;
    }
  }
}

/** The Authorization header a mutation makes of a token (`$TOKEN` for the curl). */
export function mutate(token: string, mutation: TokenMutation): string {
  const [h = '', p = '', s = ''] = token.split('.');
  switch (mutation) {
    case 'append-char':
      return `Bearer ${token}x`;
    case 'append-dot':
      return `Bearer ${token}.`;
    case 'append-segment':
      return `Bearer ${token}.eyJhIjoxfQ`;
    case 'append-space-junk':
      return `Bearer ${token} junk`;
    case 'truncate-signature':
      return `Bearer ${h}.${p}.${s.slice(0, -2)}`;
    case 'drop-signature':
      return `Bearer ${h}.${p}.`;
    case 'flip-payload':
      return `Bearer ${h}.${p.slice(0, -1)}${p.endsWith('A') ? 'B' : 'A'}.${s}`;
    case 'swap-payload':
      // Another payload (all scopes, far future) under the real signature.
      return `Bearer ${h}.${Buffer.from(JSON.stringify({ token_use: 'access', scope: contract.model.allScopes.join(' '), exp: 4102444800 })).toString('base64url')}.${s}`;
    case 'lowercase-bearer':
      return `bearer ${token}`;
    case 'no-scheme':
      return token;
    case 'two-tokens':
      return `Bearer ${token}, Bearer ${token}`;
    case 'basic-scheme':
      return `Basic ${token}`;
  }
}

/** Whether a credential should authorize an operation needing `scopes` (for the valid-request property). */
export function authorizes(auth: Auth, scopes: readonly string[], clientScopes: (name: string) => readonly string[]): boolean {
  if (auth.kind !== 'client') return false;
  // Lower-case `bearer` and a bare token are accepted as AWS does (see core/authorizer.ts).
  if (auth.mutation !== undefined && auth.mutation !== 'lowercase-bearer' && auth.mutation !== 'no-scheme') return false;
  const have = clientScopes(auth.client);
  return scopes.length === 0 || scopes.some((s) => have.includes(s));
}
