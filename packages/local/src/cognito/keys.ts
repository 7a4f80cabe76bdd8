import type { webcrypto } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { LocalStackError } from '../errors.ts';
import { readJsonIfExists, writeFileAtomic } from '../fsutil.ts';

type CryptoKey = webcrypto.CryptoKey;

type KeyEntry = { kid: string; privateKey: CryptoKey; publicKey: CryptoKey; publicJwk: JWK };
type KeyState = { current: string; kids: string[] };

/** The RSA key fields that must never leave the private key file. */
const PRIVATE_FIELDS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

/**
 * The pool's signing keys: one current key that signs, older keys kept in the JWKS until
 * dropped (as Cognito keeps old keys published so tokens already issued stay valid).
 * @example const keys = await KeyStore.open('.local/keys'); const jwt = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: keys.currentKid }).sign(keys.signingKey);
 */
export class KeyStore {
  #keys: KeyEntry[] = [];
  readonly #dir: string | undefined;
  readonly #dropListeners: ((kids: string[]) => void)[] = [];

  private constructor(dir: string | undefined) {
    this.#dir = dir;
  }

  /**
   * Loads the keys persisted in `dir` (`<dataDir>/keys`), generating the first one when none
   * exists; with no `dir` the keys live in memory only.
   * @example const keys = await KeyStore.open('.local/keys');
   */
  static async open(dir?: string): Promise<KeyStore> {
    const store = new KeyStore(dir);
    if (dir) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      let state: KeyState | undefined;
      try {
        state = await readJsonIfExists<KeyState>(join(dir, 'state.json'));
        for (const kid of state?.kids ?? []) {
          const jwk = await readJsonIfExists<JWK>(join(dir, `${kid}.private.jwk.json`));
          if (!jwk) throw new Error(`the private key file of kid "${kid}" is missing`);
          store.#keys.push(await entryFromPrivateJwk(kid, jwk));
        }
      } catch (cause) {
        throw new LocalStackError(
          'keys_unreadable',
          `Cannot read the signing keys in "${dir}": ${(cause as Error).message}. Delete that folder to start with new keys (tokens issued before become invalid).`,
          { cause },
        );
      }
      if (state && store.#keys.length > 0) {
        const current = store.#keys.findIndex((k) => k.kid === state.current);
        if (current >= 0) store.#keys.push(...store.#keys.splice(current, 1));
      }
    }
    if (store.#keys.length === 0) await store.rotate();
    return store;
  }

  /** The kid of the key that signs new tokens. */
  get currentKid(): string {
    return this.#current().kid;
  }

  /** The private key that signs new tokens. */
  get signingKey(): CryptoKey {
    return this.#current().privateKey;
  }

  /**
   * The public key for a `kid` published in the JWKS, or `undefined` (unknown or dropped).
   * @example const key = keys.verifyKey(header.kid);
   */
  verifyKey(kid: string): CryptoKey | undefined {
    return this.#keys.find((k) => k.kid === kid)?.publicKey;
  }

  /**
   * The JWKS document: every published public key, newest first.
   * @example return Response.json(keys.jwks());
   */
  jwks(): { keys: JWK[] } {
    return { keys: [...this.#keys].reverse().map((k) => ({ ...k.publicJwk })) };
  }

  /**
   * Generates a new current key; older keys stay published (and persisted) until `dropOld()`.
   * @example await keys.rotate();
   */
  async rotate(): Promise<void> {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    const jwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(jwk, 'sha256');
    if (this.#dir) await writeFileAtomic(join(this.#dir, `${kid}.private.jwk.json`), JSON.stringify(jwk), 0o600);
    this.#keys.push(await entryFromPrivateJwk(kid, jwk));
    await this.#saveState();
  }

  /**
   * Unpublishes every key but the current one and deletes their files; listeners registered
   * with `onDrop` hear the dropped kids (the authorizer forgets tokens they signed).
   * @example await keys.dropOld();
   */
  async dropOld(): Promise<string[]> {
    const dropped = this.#keys.slice(0, -1).map((k) => k.kid);
    this.#keys = this.#keys.slice(-1);
    await this.#saveState();
    if (this.#dir) for (const kid of dropped) await rm(join(this.#dir, `${kid}.private.jwk.json`), { force: true });
    for (const listener of this.#dropListeners) listener(dropped);
    return dropped;
  }

  /**
   * Registers a listener called with the kids `dropOld()` removed.
   * @example keys.onDrop((kids) => cache.forgetKids(kids));
   */
  onDrop(listener: (kids: string[]) => void): void {
    this.#dropListeners.push(listener);
  }

  #current(): KeyEntry {
    const current = this.#keys.at(-1);
    if (!current) throw new LocalStackError('keys_unreadable', 'The key store holds no key; this is a bug.');
    return current;
  }

  async #saveState(): Promise<void> {
    if (!this.#dir) return;
    const state: KeyState = { current: this.currentKid, kids: this.#keys.map((k) => k.kid) };
    await writeFileAtomic(join(this.#dir, 'state.json'), `${JSON.stringify(state, null, 2)}\n`);
  }
}

async function entryFromPrivateJwk(kid: string, jwk: JWK): Promise<KeyEntry> {
  const publicJwk: JWK = { ...jwk };
  for (const field of PRIVATE_FIELDS) delete publicJwk[field];
  Object.assign(publicJwk, { kid, alg: 'RS256', use: 'sig' });
  const privateKey = (await importJWK({ ...jwk, alg: 'RS256' }, 'RS256')) as CryptoKey;
  const publicKey = (await importJWK(publicJwk, 'RS256')) as CryptoKey;
  return { kid, privateKey, publicKey, publicJwk: { alg: 'RS256', e: publicJwk.e, kid, kty: 'RSA', n: publicJwk.n, use: 'sig' } };
}
