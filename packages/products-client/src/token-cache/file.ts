// The package's build sees no Node types (its main entry must not need them); this adapter is for Node.
/// <reference types="node" />
// Files in one directory, for processes on one host (containers sharing a volume, workers, CLI runs).
// Every change is atomic without a global lock: entries are written to a temp file and renamed into
// place; a lease is an exclusive lock file (created whole with link(), which fails if it exists)
// that turns stale after its TTL; a conditional removal renames the file aside first, checks it,
// and links it back if it was not the one to remove.
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigurationError } from '../errors.ts';
import { sharedTokenCache } from './shared.ts';
import type { SharedCacheOptions, SharedTokenCache, TokenCache, TokenCacheEntry } from './types.ts';

/** Options of {@link fileTokenCache}: a directory, the shared cache's bounds (the lease is the stale-lock timeout). */
export interface FileTokenCacheOptions extends SharedCacheOptions {
  /** The directory of the cache files; created with mode 0700 when missing. Files are mode 0600. */
  dir: string;
  /** The clock for lease expiry, in ms since the epoch (default `Date.now`); hosts sharing a directory share a clock. */
  now?: () => number;
}

interface Lease {
  owner: string;
  expiresAt: number;
}

/**
 * A token cache in files, shared by the processes of one host: one token request per scope set
 * for all of them. Tokens are sealed by the provider (AES-GCM, key from the client secret).
 *
 * @example
 * ```ts
 * import { fileTokenCache } from '@org/products-client/token-cache';
 * const client = createProductsClient({
 *   baseUrl,
 *   credentials,
 *   token: { cache: fileTokenCache({ dir: '/var/cache/products-client' }) },
 * });
 * ```
 */
export function fileTokenCache(options: FileTokenCacheOptions): TokenCache & SharedTokenCache {
  if (options === null || typeof options !== 'object' || typeof options.dir !== 'string' || options.dir === '') {
    throw new ConfigurationError('invalid_option', `fileTokenCache needs { dir }: a directory path, got ${JSON.stringify(options?.dir ?? null)}.`);
  }
  const dir = options.dir;
  const now = options.now ?? Date.now;
  let ready: Promise<unknown> | undefined;
  const ensureDir = () => (ready ??= mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    ready = undefined; // try again next time (the directory may be mounted later)
    throw error;
  }));
  // Keys come from the provider as hex digests; anything else is refused rather than used as a path.
  const path = (key: string, kind: 'token' | 'lease') => {
    if (!/^[0-9a-f]{16,128}$/.test(key)) throw new ConfigurationError('invalid_option', `fileTokenCache: key ${JSON.stringify(key.slice(0, 80))} is not a hex digest.`);
    return join(dir, `${key}.${kind}`);
  };
  const unique = (file: string, suffix: string) => `${file}.${process.pid}.${randomBytes(6).toString('hex')}.${suffix}`;

  // Creates `file` with `content` whole and only if it does not exist (link is atomic and exclusive).
  async function createExclusive(file: string, content: string): Promise<boolean> {
    const temp = unique(file, 'tmp');
    await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
    try {
      await link(temp, file);
      return true;
    } catch (error) {
      if (codeOf(error) === 'EEXIST') return false;
      throw error;
    } finally {
      await unlink(temp).catch(() => {});
    }
  }

  // Removes `file` if `test` holds for its content: renamed aside first, so what is checked is what is removed.
  async function removeIf(file: string, test: (text: string) => boolean): Promise<boolean> {
    const aside = unique(file, 'old');
    try {
      await rename(file, aside);
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return false;
      throw error;
    }
    try {
      if (test(await readFile(aside, 'utf8'))) return true;
      // Not the one to remove: put it back, unless a newer one took its place meanwhile.
      await link(aside, file).catch((error: unknown) => {
        if (codeOf(error) !== 'EEXIST') throw error;
      });
      return false;
    } finally {
      await unlink(aside).catch(() => {});
    }
  }

  const port: TokenCache = {
    async get(key) {
      const text = await readOrUndefined(path(key, 'token'));
      const entry = text === undefined ? undefined : parse<TokenCacheEntry>(text);
      // A corrupt file reads as a miss: the provider fetches and overwrites it.
      return entry && typeof entry.value === 'string' && typeof entry.expiresAt === 'number' ? { value: entry.value, expiresAt: entry.expiresAt } : undefined;
    },
    async set(key, entry) {
      const file = path(key, 'token');
      await ensureDir();
      const temp = unique(file, 'tmp');
      try {
        await writeFile(temp, JSON.stringify({ value: entry.value, expiresAt: entry.expiresAt }), { mode: 0o600, flag: 'wx' });
        await rename(temp, file);
      } catch (error) {
        await unlink(temp).catch(() => {});
        throw error;
      }
    },
    async delete(key, value) {
      const file = path(key, 'token');
      const text = await readOrUndefined(file);
      if (text === undefined || parse<TokenCacheEntry>(text)?.value !== value) return;
      await removeIf(file, (current) => parse<TokenCacheEntry>(current)?.value === value);
    },
    async acquire(key, owner, ttlMs) {
      const file = path(key, 'lease');
      await ensureDir();
      const content = JSON.stringify({ owner, expiresAt: now() + ttlMs } satisfies Lease);
      if (await createExclusive(file, content)) return true;
      const text = await readOrUndefined(file);
      const held = text === undefined ? undefined : parse<Lease>(text);
      if (held && typeof held.expiresAt === 'number' && held.expiresAt > now() && held.owner !== owner) return false;
      // Stale (its holder died or hung) or unreadable: take it over, but only that very lease.
      const staleText = text;
      if (staleText !== undefined && !(await removeIf(file, (current) => current === staleText))) return false;
      return createExclusive(file, content);
    },
    async release(key, owner) {
      await removeIf(path(key, 'lease'), (text) => parse<Lease>(text)?.owner === owner);
    },
  };
  return sharedTokenCache(port, options);
}

async function readOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function parse<T>(text: string): Partial<T> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Partial<T>) : undefined;
  } catch {
    return undefined;
  }
}

function codeOf(error: unknown): string | undefined {
  return (error as { code?: unknown } | null)?.code as string | undefined;
}
