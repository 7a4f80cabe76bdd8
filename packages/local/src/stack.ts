import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput } from '@org/products-service';
import { createGateway, createTokenEndpoint, openIdConfiguration, placeholderNames, type Contract, type LambdaHandler, type RequestInfo, type ThrottleSettings, type TokenRequestRecord } from '@org/products-core';
import { contract as generatedContract } from '@org/products-core/contract';
import { SignJWT } from 'jose';
import { checkConfig, DEFAULT_FUNCTIONS, loadConfigFile, resolvePool, type LocalConfig } from './config.ts';
import { KeyStore } from './cognito/keys.ts';
import { JoseVerifier } from './cognito/verifier.ts';
import { LocalStackError } from './errors.ts';
import { writeFileAtomic } from './fsutil.ts';
import { createApp, listen, type App } from './server.ts';
import { startStore } from './store.ts';
import { lockDataDir } from './lock.ts';

/** The repository root (for the default data dir and docs dir). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export type LocalStackOptions = {
  /** The one port for API, token endpoint and JWKS; 0 picks a free one; default 4010. */
  port?: number;
  /** The address to listen on; default `127.0.0.1`. */
  host?: string;
  /** The API Gateway stage, first path segment of the API; default `dev`. */
  stage?: string;
  /** Where data, keys, client secrets and `stack.json` live; default `<repo>/.local`; relative paths resolve against the working directory. */
  dataDir?: string;
  /** Keep everything in memory (nothing read from or written to the data dir). */
  inMemory?: boolean;
  /** A config file path (JSON or YAML) or the config itself. */
  config?: string | LocalConfig;
  /** The contract to emulate (model + precompiled validators); default the one generated from openapi.yaml. Tests build others with `compileContract` of @org/products-contract. */
  contract?: Contract;
  /** The clock for token times and the authorizer, epoch ms; default `Date.now`. */
  now?: () => number;
  /** Receives access-log and token-log lines (JSON, never a secret or token); default: dropped. */
  log?: (line: string) => void;
  /** Where `/docs` and `/openapi.yaml` are served from; default the config's `docsDir`, then `<repo>/docs/dist`. */
  docsDir?: string;
  /** The integration timeout; default the config's, then 29000 ms. */
  integrationTimeoutMs?: number;
  /** Cache verified tokens in the authorizer (default true); the bench turns it off to compare. */
  authorizerCache?: boolean;
  /** Stage throttling as on AWS (default: the contract's `x-products-throttling`); `false` turns it off (benchmarks, soak tests). */
  throttling?: boolean | ThrottleSettings;
};

/** One app client as shown in `stack.json` and the banner. */
export type LocalClient = {
  /** The app client's name (`products-admin`). */
  name: string;
  /** The OAuth2 client id (also the tokens' `sub` and `client_id`). */
  clientId: string;
  /** The client secret: a local, throwaway credential; never logged. */
  clientSecret: string;
  /** The full scopes the client may ask for (`product-api/read_product`). */
  scopes: string[];
};

/** A running local stack. */
export type LocalStack = {
  /** `http://127.0.0.1:<port>/<stage>`, no trailing slash. */
  apiUrl: string;
  /** `http://127.0.0.1:<port>/oauth2/token`. */
  tokenUrl: string;
  /** `http://127.0.0.1:<port>/<userPoolId>`. */
  issuer: string;
  /** `<issuer>/.well-known/jwks.json`. */
  jwksUrl: string;
  /** The local user pool id (`us-east-1_local…`), kept across restarts on the same data dir. */
  userPoolId: string;
  /** The app clients; by default `products-admin` (every scope) and `products-reader` (read only). */
  clients: LocalClient[];
  /** The port everything listens on. */
  port: number;
  /** The stage. */
  stage: string;
  /** The dynalite endpoint the functions use. */
  dynamodbEndpoint: string;
  /** The data dir, or undefined in memory. */
  dataDir: string | undefined;
  /** The whole origin as `(Request) => Response`, for in-process calls (same behaviour as the socket). */
  fetch: App;
  /** New signing key; the old one stays in the JWKS. */
  rotateKeys(): Promise<void>;
  /** The JWKS keeps only the current key; tokens signed by dropped keys now get 401. */
  dropOldKeys(): Promise<void>;
  /** Closes the HTTP server and dynalite and releases the data dir. */
  stop(): Promise<void>;
};

const RESERVED_STAGES = new Set(['oauth2', 'docs', 'openapi.yaml', '.well-known']);

/**
 * Starts the whole system locally: a Cognito-compatible token endpoint and JWKS, the API Gateway
 * emulator driven by the spec, the configured functions (by default the products handler) and
 * dynalite; all on one port.
 * @example
 * const stack = await startLocalStack({ port: 0, inMemory: true });
 * const admin = stack.clients.find((c) => c.name === 'products-admin')!;
 * await stack.stop();
 */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  const stage = options.stage ?? 'dev';
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(stage) || RESERVED_STAGES.has(stage)) {
    throw new LocalStackError('option_invalid', `Stage "${stage}" is not usable: use letters, digits, "-" or "_", and not one of ${[...RESERVED_STAGES].join(', ')}.`);
  }
  const port = options.port ?? 4010;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LocalStackError('option_invalid', `Port ${JSON.stringify(port)} is not a port number (0 to 65535).`);
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const config: LocalConfig =
    typeof options.config === 'string' ? loadConfigFile(options.config) : options.config ? checkConfig(options.config, 'options.config') : {};
  const region = config.region ?? 'us-east-1';
  const dataDir = options.inMemory ? undefined : resolve(options.dataDir ?? join(REPO_ROOT, '.local'));
  if (dataDir) {
    try {
      await mkdir(dataDir, { recursive: true });
    } catch (cause) {
      throw new LocalStackError('data_dir_unusable', `Cannot create the data dir "${dataDir}": ${(cause as Error).message}. Pass another --data-dir.`, { cause });
    }
  }

  const contract = options.contract ?? generatedContract;
  const { model } = contract;
  const release = dataDir ? await lockDataDir(dataDir) : async () => undefined;
  const cleanup: (() => Promise<void>)[] = [release];
  const failStart = async (error: unknown): Promise<never> => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    const { code, syscall } = error instanceof Error ? (error as NodeJS.ErrnoException) : {};
    if (code === 'EADDRINUSE') {
      throw new LocalStackError('port_in_use', `Port ${port} on ${host} is in use: stop what listens there or pass another --port.`, { cause: error });
    }
    // The other ways the one listen() can fail: a host that is no address of this machine, a privileged port.
    if ((code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') && (syscall === 'listen' || syscall === 'getaddrinfo')) {
      throw new LocalStackError('option_invalid', `Cannot listen on host "${host}" (${code}): pass an address of this machine, such as 127.0.0.1.`, { cause: error });
    }
    if (code === 'EACCES' && syscall === 'listen') {
      throw new LocalStackError('option_invalid', `Port ${port} on ${host} needs privileges to listen on: pass a port above 1023.`, { cause: error });
    }
    throw error;
  };

  try {
    const pool = await resolvePool({ model, config, region, dataDir });
    const keys = await KeyStore.open(dataDir ? join(dataDir, 'keys') : undefined);
    const tableName = config.tableName ?? 'products';
    const store = await startStore({ path: dataDir ? join(dataDir, 'dynamodb') : undefined, region, tables: [createTableInput(tableName)] });
    cleanup.push(() => store.stop());
    const documentClient = DynamoDBDocumentClient.from(store.client, { marshallOptions: { removeUndefinedValues: true } });

    // Every placeholder other than the region and the pool names a function.
    const accountId = '000000000000';
    const poolArn = `arn:aws:cognito-idp:${region}:${accountId}:userpool/${pool.userPoolId}`;
    const functionNames = [...new Set(model.operations.flatMap((op) => placeholderNames(op.integrationUri)))].filter(
      (n) => n !== 'AWS::Region' && n !== 'AWS::Partition' && n !== 'UserPoolArn',
    );
    const mapping = { ...DEFAULT_FUNCTIONS, ...(config.functions ?? {}) };
    const values: Record<string, string> = { 'AWS::Region': region, 'AWS::Partition': 'aws', UserPoolArn: poolArn };
    const functions: Record<string, LambdaHandler> = {};
    for (const name of functionNames) {
      const fn = mapping[name];
      if (!fn) throw new LocalStackError('function_unresolved', `The spec uses \${${name}} and the config maps no module to it: add "functions": { "${name}": { "module": "...", "export": "createHandler" } }.`);
      const arn = `arn:aws:lambda:${region}:${accountId}:function:${name.replace(/Arn$/, '')}`;
      values[name] = arn;
      functions[arn] = await loadFunction(name, fn.module, fn.export ?? 'createHandler', { tableName, endpoint: store.endpoint, region, dynamodb: documentClient, log, now: () => new Date(now()) });
    }

    // The issuer names the port, so the server listens before the app that needs it exists.
    let app: App | undefined;
    const http = await listen((request, info?: RequestInfo) => (app ? app(request, info) : Promise.resolve(new Response('starting', { status: 503 }))), { host, port });
    cleanup.push(() => http.close());
    const origin = `http://${host.includes(':') ? `[${host}]` : host}:${http.port}`;
    const issuer = `${origin}/${pool.userPoolId}`;
    const tokenUrl = `${origin}/oauth2/token`;
    const verifier = new JoseVerifier({ pools: [{ arn: poolArn, issuer, verifyKey: (kid) => keys.verifyKey(kid) }], now, cache: options.authorizerCache });
    keys.onDrop((kids) => verifier.forgetKids(kids));
    const gateway = createGateway({
      contract,
      stage,
      placeholders: values,
      resolveFunction: (arn) => functions[arn],
      verifier,
      now,
      log,
      accountId,
      integrationTimeoutMs: options.integrationTimeoutMs ?? config.integrationTimeoutMs,
      throttling: options.throttling === false ? null : typeof options.throttling === 'object' ? options.throttling : model.throttling,
    });
    const tokenEndpoint = createTokenEndpoint({
      clients: () => pool.clients,
      issue: async (client, scopes) => {
        const iat = Math.floor(now() / 1000);
        const expiresIn = client.accessTokenValiditySeconds ?? 3600;
        // Claims in Cognito's order, for client_credentials: no aud, no username.
        const claims = { sub: client.clientId, token_use: 'access', scope: scopes.join(' '), auth_time: iat, iss: issuer, exp: iat + expiresIn, iat, version: 2, jti: randomUUID(), client_id: client.clientId };
        const accessToken = await new SignJWT(claims).setProtectedHeader({ kid: keys.currentKid, alg: 'RS256' }).sign(keys.signingKey);
        return { accessToken, expiresIn };
      },
      onRequest: (record) => log(tokenLogLine(record, now())),
    });
    const docsDir = options.docsDir ?? config.docsDir ?? join(REPO_ROOT, 'docs', 'dist');
    app = createApp({
      stage,
      userPoolId: pool.userPoolId,
      gateway,
      tokenEndpoint,
      jwks: () => keys.jwks(),
      openIdConfiguration: () => openIdConfiguration(issuer, tokenUrl, model.allScopes),
      docsDir,
    });
    const ready = app;

    const clients = pool.clients.map(({ name, clientId, clientSecret, scopes }) => ({ name, clientId, clientSecret, scopes }));
    const stack: LocalStack = {
      apiUrl: `${origin}/${stage}`,
      tokenUrl,
      issuer,
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      userPoolId: pool.userPoolId,
      clients,
      port: http.port,
      stage,
      dynamodbEndpoint: store.endpoint,
      dataDir,
      fetch: (request, info) => ready(request, info),
      rotateKeys: () => keys.rotate(),
      dropOldKeys: async () => {
        await keys.dropOld();
      },
      stop: async () => {
        await http.close();
        await store.stop();
        await release();
      },
    };
    if (dataDir) await writeStackJson(dataDir, stack);
    return stack;
  } catch (error) {
    return failStart(error);
  }
}

/** One JSON token-log line: never a secret or a token, a client id only when it is a known one. */
function tokenLogLine(record: TokenRequestRecord, nowMs: number): string {
  const line: Record<string, unknown> = { type: 'token', time: new Date(nowMs).toISOString(), status: record.status };
  if (record.error) Object.assign(line, { error: record.error, why: record.why });
  line.clientId = record.clientId ?? null;
  if (record.status === 200) Object.assign(line, { scope: record.scope, expiresIn: record.expiresIn });
  return JSON.stringify(line);
}

/**
 * The `stack.json` document: what a script needs to call the local stack (secrets included, on purpose).
 * @example console.log(JSON.stringify(stackDocument(stack), null, 2));
 */
export function stackDocument(stack: Pick<LocalStack, 'apiUrl' | 'tokenUrl' | 'issuer' | 'jwksUrl' | 'clients'>): Record<string, unknown> {
  return { apiUrl: stack.apiUrl, tokenUrl: stack.tokenUrl, issuer: stack.issuer, jwksUrl: stack.jwksUrl, clients: stack.clients };
}

/**
 * Writes `<dataDir>/stack.json` (mode 0600: it holds the client secrets).
 * @example await writeStackJson('.local', stack);
 */
export async function writeStackJson(dataDir: string, stack: Pick<LocalStack, 'apiUrl' | 'tokenUrl' | 'issuer' | 'jwksUrl' | 'clients'>): Promise<string> {
  const path = join(dataDir, 'stack.json');
  await writeFileAtomic(path, `${JSON.stringify(stackDocument(stack), null, 2)}\n`, 0o600);
  return path;
}

async function loadFunction(name: string, specifier: string, exportName: string, factoryOptions: Record<string, unknown>): Promise<LambdaHandler> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(isAbsolute(specifier) ? pathToFileURL(specifier).href : specifier)) as Record<string, unknown>;
  } catch (cause) {
    throw new LocalStackError('function_unresolved', `Cannot import "${specifier}" for \${${name}}: ${(cause as Error).message}`, { cause });
  }
  const factory = mod[exportName];
  if (typeof factory !== 'function') {
    throw new LocalStackError('function_unresolved', `"${specifier}" has no function export "${exportName}" for \${${name}}; exports: ${Object.keys(mod).join(', ')}.`);
  }
  const handler: unknown = await factory(factoryOptions);
  if (typeof handler !== 'function') {
    throw new LocalStackError('function_unresolved', `${specifier}#${exportName}(options) must return a Lambda handler function, not ${typeof handler}.`);
  }
  return handler as LambdaHandler;
}
