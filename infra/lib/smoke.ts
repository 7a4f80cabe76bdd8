import { randomBytes } from 'node:crypto';
import {
  ClientCredentialsTokenProvider,
  TokenRequestError,
  createProductsClient,
  operations,
  type Fetch,
  type ProductsClient,
} from '@org/products-client';
import { InfraError } from './errors.ts';

/** Where a deployment is and which app client the smoke run uses. */
export type SmokeOptions = {
  /** The API base URL with the stage and no trailing slash (stack output `InvokeUrl`). */
  apiUrl: string;
  /** The Cognito token endpoint (stack output `TokenUrl`). */
  tokenUrl: string;
  /** The id of an app client allowed every scope (stack output `ProductsAdminClientId`). */
  clientId: string;
  /** That client's secret (read it with `aws cognito-idp describe-user-pool-client`); never logged. */
  clientSecret: string;
  /** Optionally a read-only client (`products-reader`): checks it can read and cannot write. */
  reader?: { clientId: string; clientSecret: string };
  /** The fetch for every request (default `globalThis.fetch`). */
  fetch?: Fetch;
  /** Receives one line per step (default: nothing); lines never hold a secret or a token. */
  log?: (line: string) => void;
  /** The clock for step timings, in ms (default `performance.now`). */
  now?: () => number;
  /** The id of the product the run creates and deletes (default `smoke-<random>`, so runs never collide). */
  productId?: string;
};

/** One checked step of the smoke run. */
export type SmokeStep = {
  /** What was checked, e.g. `create the product`. */
  name: string;
  /** Whether the deployment behaved as the contract says. */
  ok: boolean;
  /** What was seen (statuses, versions), or why it failed. */
  detail: string;
  /** How long the step took, in ms. */
  ms: number;
};

/** The outcome of {@link runSmoke}. */
export type SmokeReport = {
  /** Whether every step passed. */
  ok: boolean;
  /** The id of the product the run created (and deleted). */
  productId: string;
  /** The steps in the order they ran; a failed step ends the run except for the final delete. */
  steps: SmokeStep[];
};

class StepFailed extends Error {}

/**
 * The walkthrough's Step 4 against a deployment, with the typed client: get tokens from the token
 * endpoint, create, read, list, update (with `If-Match`) and delete a product of its own, and check
 * that a token without the operation's scope and a request without a token both get 401. Never throws
 * for a misbehaving deployment: the report says which step failed; the product is deleted in any case.
 * Unusable options (a missing secret, a URL that is not http(s), an http token URL off localhost) throw
 * an {@link InfraError} `bad_arguments` before any request.
 * @example const report = await runSmoke({ apiUrl, tokenUrl, clientId, clientSecret }); process.exitCode = report.ok ? 0 : 1;
 */
export async function runSmoke(options: SmokeOptions): Promise<SmokeReport> {
  checkOptions(options);
  const fetch: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));
  const now = options.now ?? (() => performance.now());
  const log = options.log ?? (() => undefined);
  const secrets = [options.clientSecret, options.reader?.clientSecret].filter((s): s is string => !!s);
  const tokens: string[] = [];
  const scrub = (text: string): string =>
    [...secrets, ...tokens].reduce((t, secret) => t.split(secret).join('***'), text);
  const id = options.productId ?? `smoke-${randomBytes(6).toString('hex')}`;
  const steps: SmokeStep[] = [];
  let failed = false;

  const step = async (name: string, run: () => Promise<string>, always = false): Promise<void> => {
    if (failed && !always) return;
    const started = now();
    let ok = true;
    let detail: string;
    try {
      detail = await run();
    } catch (error) {
      ok = false;
      failed = true;
      detail = error instanceof StepFailed ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
    }
    const result = { name, ok, detail: scrub(detail), ms: Math.round(now() - started) };
    steps.push(result);
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${result.detail} (${result.ms} ms)`);
  };
  const expect = (condition: boolean, message: string): void => {
    if (!condition) throw new StepFailed(message);
  };

  const scopeOf = (operationId: keyof typeof operations): string => operations[operationId].scopes[0]!;
  let provider: ClientCredentialsTokenProvider;
  let readerProvider: ClientCredentialsTokenProvider | undefined;
  let client: ProductsClient;
  try {
    provider = new ClientCredentialsTokenProvider({
      tokenUrl: options.tokenUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      fetch,
    });
    if (options.reader) readerProvider = new ClientCredentialsTokenProvider({ tokenUrl: options.tokenUrl, ...options.reader, fetch });
    client = createProductsClient({ baseUrl: options.apiUrl, tokenProvider: provider, fetch });
  } catch (cause) {
    // Settings the typed client refuses (e.g. a token URL that is not https) are bad arguments, not a crash.
    throw new InfraError('bad_arguments', `The typed client refuses these settings: ${scrub((cause as Error).message)}`, { cause });
  }
  const raw = (path: string, token: string | undefined, init: RequestInit = {}): Promise<Response> =>
    fetch(
      new Request(`${options.apiUrl}${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      }),
    );
  // Routes from the generated operation map, never typed in by hand (the typed client's calls are checked
  // against the generated `paths` by the compiler; these raw ones are not).
  const path = operations.getProduct.path.replace('{id}', encodeURIComponent(id));
  let created = false;

  await step('get an access token (client_credentials)', async () => {
    const token = await provider.getToken([scopeOf('createProduct')]);
    tokens.push(token);
    const claims = decodeClaims(token);
    expect(claims.token_use === 'access', `the token's token_use is ${JSON.stringify(claims.token_use)}, not "access"`);
    return `scope "${String(claims.scope)}", client ${String(claims.client_id)}`;
  });

  await step('create a product', async () => {
    const { data, error, response } = await client.POST('/products', {
      body: { id, name: 'Smoke test product', description: 'Created and deleted by infra/bin/smoke.ts.', price: 1 },
    });
    expect(response.status === 201, `POST /products answered ${response.status} ${JSON.stringify(error)}`);
    created = true;
    expect(data?.id === id && data.version === 1, `the created product is ${JSON.stringify(data)}`);
    expect(response.headers.get('etag') === '"1"', `ETag is ${response.headers.get('etag')}, not "1"`);
    const location = response.headers.get('location') ?? '';
    expect(location.endsWith(path), `Location is ${JSON.stringify(location)}, not …${path}`);
    return `201, ETag "1", Location ${location}`;
  });

  await step('get it', async () => {
    const { data, error, response } = await client.GET('/products/{id}', { params: { path: { id } } });
    expect(response.status === 200, `GET ${path} answered ${response.status} ${JSON.stringify(error)}`);
    expect(data?.name === 'Smoke test product' && data.createdBy === options.clientId, `got ${JSON.stringify(data)}`);
    return `200, createdBy ${data!.createdBy}`;
  });

  await step('list products', async () => {
    let cursor: string | undefined;
    for (let page = 1; page <= 5; page++) {
      const { data, error, response } = await client.GET('/products', {
        params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      });
      expect(response.status === 200, `GET /products answered ${response.status} ${JSON.stringify(error)}`);
      if (data!.items.some((p) => p.id === id)) return `200, found on page ${page}`;
      cursor = data!.nextCursor;
      expect(cursor !== undefined, `the product is on no page (${page} pages read)`);
    }
    return '200, not within the first 5 pages of 100 (a large table; not a failure)';
  });

  await step('update it with If-Match', async () => {
    const update = { name: 'Smoke test product (updated)', price: 2 };
    const { data, error, response } = await client.PUT('/products/{id}', {
      params: { path: { id }, header: { 'If-Match': '"1"' } },
      body: update,
    });
    expect(response.status === 200, `PUT ${path} answered ${response.status} ${JSON.stringify(error)}`);
    expect(data?.version === 2 && data.name === update.name, `got ${JSON.stringify(data)}`);
    const stale = await client.PUT('/products/{id}', { params: { path: { id }, header: { 'If-Match': '"1"' } }, body: update });
    expect(stale.response.status === 412, `a stale If-Match answered ${stale.response.status}, not 412`);
    return '200, version 2; a stale If-Match gets 412';
  });

  await step('a token without the operation’s scope gets 401', async () => {
    const createOnly = await provider.getToken([scopeOf('createProduct')]);
    const answer = await raw(path, createOnly);
    const body = await answer.text();
    expect(answer.status === 401, `GET ${path} with a create-only token answered ${answer.status} ${body}`);
    return `401 ${body}`;
  });

  await step('no token gets 401', async () => {
    const answer = await raw(path, undefined);
    const body = await answer.text();
    expect(answer.status === 401, `GET ${path} without a token answered ${answer.status} ${body}`);
    return `401 ${body}`;
  });

  if (readerProvider) {
    await step('the reader client reads and cannot write', async () => {
      const readScope = scopeOf('getProduct');
      const token = await readerProvider.getToken([readScope]);
      tokens.push(token);
      const read = await raw(path, token);
      expect(read.status === 200, `GET ${path} as the reader answered ${read.status}`);
      const create = operations.createProduct;
      const write = (with_: string) => raw(create.path, with_, { method: create.method, body: JSON.stringify({ name: 'not allowed' }) });
      const denied = await write(token);
      expect(denied.status === 401, `${create.method} ${create.path} as the reader answered ${denied.status}, not 401`);
      // Asked for a scope the app client is not allowed, Cognito answers invalid_scope (observed) or, as an
      // older doc says, ignores it and issues a token without it. Either is fine as long as the API then
      // refuses the write; a network failure or another error is not a refusal.
      const createScope = scopeOf('createProduct');
      const outcome = await readerProvider.getToken([createScope]).then(
        (t) => ({ token: t }),
        (error: unknown) => ({ error }),
      );
      if ('error' in outcome) {
        const e = outcome.error;
        const code = e instanceof TokenRequestError ? e.code : undefined;
        expect(code === 'invalid_scope', `asked for ${createScope}, the reader got ${code ?? String(e)}, not invalid_scope or a token without the scope`);
        return `GET 200, ${create.method} 401; the token endpoint refused ${createScope} (invalid_scope)`;
      }
      tokens.push(outcome.token);
      const granted = String(decodeClaims(outcome.token).scope ?? '').split(' ').filter(Boolean);
      expect(!granted.includes(createScope), `asked for ${createScope}, the reader got a token carrying it: the reader app client is allowed to write`);
      const refused = await write(outcome.token);
      expect(refused.status === 401, `${create.method} ${create.path} with the token issued for ${createScope} answered ${refused.status}, not 401`);
      return `GET 200, ${create.method} 401; the token endpoint ignored ${createScope} (token scopes "${granted.join(' ')}") and the API refused the write with that token: 401`;
    });
  }

  await step(
    'delete it',
    async () => {
      if (!created) return 'nothing was created';
      const { response, error } = await client.DELETE('/products/{id}', { params: { path: { id } } });
      expect(response.status === 204, `DELETE ${path} answered ${response.status} ${JSON.stringify(error)}`);
      const gone = await client.GET('/products/{id}', { params: { path: { id } } });
      expect(gone.response.status === 404, `GET after DELETE answered ${gone.response.status}, not 404`);
      return '204; a later GET gets 404';
    },
    true,
  );

  return { ok: steps.every((s) => s.ok), productId: id, steps };
}

function checkOptions(options: SmokeOptions): void {
  for (const key of ['apiUrl', 'tokenUrl', 'clientId', 'clientSecret'] as const) {
    if (typeof options?.[key] !== 'string' || options[key].length === 0) {
      throw new InfraError('bad_arguments', `runSmoke needs ${key} (got ${key === 'clientSecret' ? 'none' : JSON.stringify(options?.[key])}).`);
    }
  }
  for (const key of ['apiUrl', 'tokenUrl'] as const) {
    let url: URL;
    try {
      url = new URL(options[key]);
    } catch (cause) {
      throw new InfraError('bad_arguments', `${key} ${JSON.stringify(options[key])} is not a URL.`, { cause });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new InfraError('bad_arguments', `${key} ${JSON.stringify(options[key])} is not an http(s) URL.`);
    }
  }
  if (options.apiUrl.endsWith('/')) {
    throw new InfraError('bad_arguments', `apiUrl ${JSON.stringify(options.apiUrl)} ends with "/": pass the stack's InvokeUrl output as is.`);
  }
}

function decodeClaims(token: string): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new StepFailed(`the access token is not a JWT (${(cause as Error).message})`);
  }
}
