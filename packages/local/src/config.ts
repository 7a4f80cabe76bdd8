import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ContractModel } from '@org/products-core';
import { isRecord as isObject } from '@org/products-core';
import { LocalStackError } from './errors.ts';
import { readJsonIfExists, writeFileAtomic } from './fsutil.ts';

/** One app client of the local user pool (client_credentials only, as M2M clients are). */
export type ClientConfig = {
  /** The app client's name (`products-admin`). */
  name: string;
  /** Fixes the client id; by default a random one is generated once and persisted. */
  clientId?: string;
  /** Fixes the client secret; by default a random one is generated once and persisted. */
  clientSecret?: string;
  /** The full scopes (`product-api/read_product`) the client may ask for; default: every scope of the spec. */
  scopes?: string[];
  /** Access token lifetime in seconds, 300 to 86400 as in Cognito; default 3600. */
  accessTokenValiditySeconds?: number;
};

/** Which local module answers for a Lambda ARN placeholder of the spec's integration URIs. */
export type FunctionConfig = {
  /** A package name or a path (relative to the config file) to import. */
  module: string;
  /** The named export: a factory `(options) => handler` called once at start; default `createHandler`. */
  export?: string;
};

/** The `--config` file (JSON or YAML) or the `config` option of `startLocalStack`. */
export type LocalConfig = {
  /** The user pool id; default: a random `<region>_local…` id generated once and persisted. */
  userPoolId?: string;
  /** The region placed in ARNs, the issuer-independent parts of events and the DynamoDB client; default `us-east-1`. */
  region?: string;
  /** The DynamoDB table the functions use; default `products`. */
  tableName?: string;
  /** The app clients; default `products-admin` (every scope) and `products-reader` (the scopes of GET operations only). */
  clients?: ClientConfig[];
  /** Placeholder name (`ProductsFunctionArn`) → module; default maps `ProductsFunctionArn` to `@org/products-service`. */
  functions?: Record<string, FunctionConfig>;
  /** How long the gateway waits for a function before 504; default 29000 ms as API Gateway. */
  integrationTimeoutMs?: number;
  /** Where `/docs` and `/openapi.yaml` are served from; default `<repo>/docs/dist`. */
  docsDir?: string;
};

/** A client with every field settled. */
export type ResolvedClient = Required<ClientConfig>;

/** The default function mapping: the products Lambda. */
export const DEFAULT_FUNCTIONS: Record<string, FunctionConfig> = {
  ProductsFunctionArn: { module: '@org/products-service', export: 'createHandler' },
};

const CONFIG_KEYS = ['userPoolId', 'region', 'tableName', 'clients', 'functions', 'integrationTimeoutMs', 'docsDir'];
const CLIENT_KEYS = ['name', 'clientId', 'clientSecret', 'scopes', 'accessTokenValiditySeconds'];

/**
 * Reads a config file (JSON or YAML) and checks its shape; relative `functions[].module` paths
 * and `docsDir` are resolved against the file's folder.
 * @example const config = loadConfigFile('local.config.json');
 */
export function loadConfigFile(path: string): LocalConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new LocalStackError('config_unreadable', `Cannot read the config file "${path}": ${(cause as Error).message}`, { cause });
  }
  const config = checkConfig(raw ?? {}, path);
  const base = dirname(resolve(path));
  if (config.docsDir && !isAbsolute(config.docsDir)) config.docsDir = join(base, config.docsDir);
  for (const fn of Object.values(config.functions ?? {})) {
    if (fn.module.startsWith('.')) fn.module = join(base, fn.module);
  }
  return config;
}

/**
 * Checks a config object's shape, throwing `config_invalid` with the offending key.
 * @example checkConfig({ clients: [{ name: 'ci' }] }, 'options.config');
 */
export function checkConfig(raw: unknown, source: string): LocalConfig {
  const fail = (what: string): never => {
    throw new LocalStackError('config_invalid', `${source}: ${what}. See packages/local/README.md, "Config file".`);
  };
  if (!isObject(raw)) fail('must be an object');
  const config = raw as Record<string, unknown>;
  for (const key of Object.keys(config)) if (!CONFIG_KEYS.includes(key)) fail(`unknown key "${key}" (known: ${CONFIG_KEYS.join(', ')})`);
  for (const key of ['userPoolId', 'region', 'tableName', 'docsDir']) {
    if (config[key] !== undefined && (typeof config[key] !== 'string' || config[key] === '')) fail(`"${key}" must be a non-empty string, not ${JSON.stringify(config[key])}`);
  }
  if (config.userPoolId !== undefined && !/^[\w-]+_[0-9a-zA-Z]+$/.test(String(config.userPoolId))) {
    fail(`"userPoolId" ${JSON.stringify(config.userPoolId)} must look like a Cognito pool id ("us-east-1_local1234")`);
  }
  if (config.integrationTimeoutMs !== undefined && !(Number.isInteger(config.integrationTimeoutMs) && (config.integrationTimeoutMs as number) > 0)) {
    fail(`"integrationTimeoutMs" must be a positive integer, not ${JSON.stringify(config.integrationTimeoutMs)}`);
  }
  if (config.clients !== undefined) {
    if (!Array.isArray(config.clients) || config.clients.length === 0) fail('"clients" must be a non-empty array');
    const names = new Set<string>();
    for (const [i, c] of (config.clients as unknown[]).entries()) {
      if (!isObject(c)) fail(`clients[${i}] must be an object`);
      const client = c as Record<string, unknown>;
      for (const key of Object.keys(client)) if (!CLIENT_KEYS.includes(key)) fail(`clients[${i}] has an unknown key "${key}" (known: ${CLIENT_KEYS.join(', ')})`);
      if (typeof client.name !== 'string' || !client.name) fail(`clients[${i}].name must be a non-empty string`);
      if (names.has(client.name as string)) fail(`two clients are named "${client.name}"`);
      names.add(client.name as string);
      for (const key of ['clientId', 'clientSecret']) {
        if (client[key] !== undefined && (typeof client[key] !== 'string' || !/^[\w.~+/=-]{1,128}$/.test(client[key] as string))) {
          fail(`clients[${i}].${key} must be 1 to 128 letters, digits or "._~+/=-"`);
        }
      }
      if (client.scopes !== undefined && !(Array.isArray(client.scopes) && client.scopes.every((s) => typeof s === 'string'))) {
        fail(`clients[${i}].scopes must be an array of strings`);
      }
      const validity = client.accessTokenValiditySeconds;
      if (validity !== undefined && !(Number.isInteger(validity) && (validity as number) >= 300 && (validity as number) <= 86400)) {
        fail(`clients[${i}].accessTokenValiditySeconds must be an integer from 300 to 86400 (as in Cognito), not ${JSON.stringify(validity)}`);
      }
    }
  }
  if (config.functions !== undefined) {
    if (!isObject(config.functions)) fail('"functions" must be an object of placeholder name → { module, export }');
    for (const [name, fn] of Object.entries(config.functions as Record<string, unknown>)) {
      if (!isObject(fn) || typeof fn.module !== 'string' || (fn.export !== undefined && typeof fn.export !== 'string')) {
        fail(`functions.${name} must be { "module": string, "export"?: string }`);
      }
    }
  }
  return structuredClone(config) as LocalConfig;
}

type PoolFile = { userPoolId: string; clients: { name: string; clientId: string; clientSecret: string }[] };

/** The local user pool: its id and app clients with every field settled. */
export type PoolState = { userPoolId: string; clients: ResolvedClient[] };

/**
 * Settles the pool id and the clients: values fixed by the config win, then those persisted in
 * `<dataDir>/pool.json` (mode 0600: it holds the secrets), then fresh random ones, which are
 * persisted so that the ids and secrets survive restarts.
 * @example const pool = await resolvePool({ model, config, region: 'us-east-1', dataDir: '.local' });
 */
export async function resolvePool(options: { model: ContractModel; config: LocalConfig; region: string; dataDir?: string }): Promise<PoolState> {
  const { model, config, region, dataDir } = options;
  const file = dataDir ? join(dataDir, 'pool.json') : undefined;
  let saved: PoolFile | undefined;
  if (file) {
    try {
      saved = await readJsonIfExists<PoolFile>(file);
    } catch (cause) {
      throw new LocalStackError('data_dir_unusable', `Cannot read the pool file: ${(cause as Error).message}. Fix or delete it (new client ids and secrets are then generated).`, { cause });
    }
  }
  const all = new Set(model.allScopes);
  // The default clients are decided once, in the generated contract model (infra and the mock use the same).
  const configured: ClientConfig[] = config.clients ?? model.defaultClients;
  const clients: ResolvedClient[] = configured.map((c) => {
    const previous = saved?.clients.find((s) => s.name === c.name);
    const scopes = [...new Set(c.scopes ?? [...all])];
    for (const scope of scopes) {
      if (!all.has(scope)) {
        throw new LocalStackError('config_invalid', `Client "${c.name}" asks for scope "${scope}", which the spec does not declare; declared: ${[...all].join(', ')}.`);
      }
    }
    return {
      name: c.name,
      clientId: c.clientId ?? previous?.clientId ?? randomToken(26),
      clientSecret: c.clientSecret ?? previous?.clientSecret ?? randomToken(52),
      scopes,
      accessTokenValiditySeconds: c.accessTokenValiditySeconds ?? 3600,
    };
  });
  const ids = new Set<string>();
  for (const c of clients) {
    if (ids.has(c.clientId)) throw new LocalStackError('config_invalid', `Two clients have the client id "${c.clientId}"; give each its own.`);
    ids.add(c.clientId);
  }
  const userPoolId = config.userPoolId ?? saved?.userPoolId ?? `${region}_local${randomToken(6)}`;
  if (file) {
    const next: PoolFile = {
      userPoolId,
      clients: [
        ...clients.map(({ name, clientId, clientSecret }) => ({ name, clientId, clientSecret })),
        // Clients dropped from the config keep their ids on disk, so adding them back restores them.
        ...(saved?.clients ?? []).filter((s) => !clients.some((c) => c.name === s.name)),
      ],
    };
    if (JSON.stringify(next) !== JSON.stringify(saved)) await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`, 0o600);
  }
  return { userPoolId, clients };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A random lowercase alphanumeric string, like Cognito's client ids and secrets.
 * @example const clientId = randomToken(26);
 */
export function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 252 = 7 × 36: bytes above it are re-drawn so every character is equally likely.
  for (let i = 0; out.length < length; i++) {
    const b = i < bytes.length ? bytes[i]! : randomBytes(1)[0]!;
    if (b < 252) out += ALPHABET[b % 36];
  }
  return out;
}
