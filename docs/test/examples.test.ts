import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { contractAjv, listOperations, loadSpec } from '@org/products-contract';
import { startLocalStack, type LocalStack } from '@org/products-local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST_DIR, PAGE, PUBLIC_SPEC } from './paths.ts';

// What the docs tell a caller, checked against real local stacks (API Gateway and Cognito as the
// project's AWS facts record them): the shell examples run as written (bash + curl), and every
// error the guide documents is provoked and compared with what the guide says: status, code,
// message, `x-amzn-ErrorType`, a body valid against the Error schema whose requestId is the
// `x-amzn-RequestId` header. Only the port differs: the guide shows the local stack's default one.
const publicSpec = loadSpec(PUBLIC_SPEC);
const guide = String(publicSpec.info.description);
const localServer = String((publicSpec.servers as { url: string }[]).find((s) => s.url.startsWith('http://127.0.0.1'))?.url);
const localOrigin = new URL(localServer).origin;
const FAULTY_FUNCTION = new URL('./fixtures/faulty-function.ts', import.meta.url).pathname;

/** The fenced `sh` blocks of the guide. */
const shellBlocks = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

async function bash(script: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', script], { env: { ...process.env, ...env }, timeout: 10_000 });
  return stdout;
}

/** The main stack: the products function, as `pnpm start` runs it (throttling off: the tests here send bursts). */
let stack: LocalStack;
/** The faulty function behind the gateway, with a short integration timeout. */
let faulty: LocalStack;
/** Stage throttling of one request per second, bursts of one. */
let throttled: LocalStack;
/** The products function over a table that is gone: the service's own 500. */
let broken: LocalStack;
/** Added to the main stack's clock; a test moves it forward to expire a token, then puts it back. */
let skew = 0;

beforeAll(async () => {
  [stack, faulty, throttled, broken] = await Promise.all([
    startLocalStack({ port: 0, inMemory: true, docsDir: DIST_DIR, now: () => Date.now() + skew, throttling: false }),
    startLocalStack({ port: 0, inMemory: true, throttling: false, integrationTimeoutMs: 200, config: { functions: { ProductsFunctionArn: { module: FAULTY_FUNCTION } } } }),
    startLocalStack({ port: 0, inMemory: true, throttling: { rateLimit: 1, burstLimit: 1 } }),
    startLocalStack({ port: 0, inMemory: true, throttling: false }),
  ]);
  await deleteTable(broken);
});
afterAll(async () => {
  await Promise.all([stack, faulty, throttled, broken].map((s) => s?.stop()));
});

/** Deletes the products table under a running stack (dynalite checks no signature, only its shape). */
async function deleteTable(target: LocalStack): Promise<void> {
  const res = await fetch(target.dynamodbEndpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'DynamoDB_20120810.DeleteTable',
      'x-amz-date': '20260101T000000Z',
      authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
    },
    body: JSON.stringify({ TableName: 'products' }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

async function tokenFor(target: LocalStack, clientName = 'products-admin') {
  const client = target.clients.find((c) => c.name === clientName)!;
  const res = await fetch(target.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}` },
    body: 'grant_type=client_credentials',
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; expires_in: number };
}

describe('the examples in the docs, against the local stack', () => {
  let env: Record<string, string>;

  beforeAll(() => {
    const admin = stack.clients.find((c) => c.name === 'products-admin') ?? stack.clients[0]!;
    env = { CLIENT_ID: admin.clientId, CLIENT_SECRET: admin.clientSecret, API_URL: stack.apiUrl };
  });

  it('the local stack serves the page at /docs and the public spec at /openapi.yaml', async () => {
    const origin = new URL(stack.apiUrl).origin;
    const page = await fetch(`${origin}/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(PAGE, 'utf8'));
    const spec = await fetch(`${origin}/openapi.yaml`);
    expect(spec.status).toBe(200);
    expect(await spec.text()).toBe(readFileSync(PUBLIC_SPEC, 'utf8'));
  });

  it("the guide's local token request answers a bearer token, and the follow-up call works with it", async () => {
    const tokenBlock = shellBlocks.find((b) => b.includes(`${localOrigin}/oauth2/token`));
    expect(tokenBlock).toBeDefined();
    const answer = JSON.parse(await bash(tokenBlock!.replaceAll(localOrigin, new URL(stack.apiUrl).origin), env)) as Record<string, unknown>;
    expect(answer).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number), access_token: expect.any(String) });

    const callBlock = shellBlocks.find((b) => b.startsWith('curl "$API_URL/'));
    expect(callBlock).toBeDefined();
    const page = JSON.parse(await bash(callBlock!, { ...env, ACCESS_TOKEN: String(answer.access_token) })) as { items: unknown[] };
    expect(Array.isArray(page.items)).toBe(true);
  });

  it("every operation's curl sample answers its documented success status", async () => {
    const token = await tokenFor(stack);
    // Create first and delete last, so every sample finds the product the samples name.
    const rank = { post: 0, get: 1, put: 1, delete: 2 } as Record<string, number>;
    const ops = listOperations(publicSpec).sort((a, b) => (rank[a.method] ?? 1) - (rank[b.method] ?? 1));
    const success = (op: (typeof ops)[number]) => Object.keys(op.raw.responses as object).find((s) => s.startsWith('2'));
    const seen: string[] = [];
    for (const op of ops) {
      const sample = (op.raw['x-codeSamples'] as { label: string; source: string }[]).find((s) => s.label === 'curl')!.source;
      const status = await bash(`${sample} -s -o /dev/null -w '%{http_code}'`, { ...env, ACCESS_TOKEN: token.access_token });
      seen.push(`${op.operationId} ${status}`);
    }
    expect(seen).toEqual(ops.map((op) => `${op.operationId} ${success(op)}`));
  });
});

const operations = listOperations(loadSpec());
const op = (operationId: string) => operations.find((o) => o.operationId === operationId)!;

/** The rows of the first markdown table after `heading`, as cells with their outer backticks removed. */
function tableAfter(heading: string): string[][] {
  const start = guide.indexOf(`\n${heading}\n`);
  expect(start, `the guide has a "${heading}" heading`).toBeGreaterThanOrEqual(0);
  const lines = guide.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim().replace(/^`([^`]*)`$/, '$1')));
  }
  return rows;
}

/** The text of the guide's section under `heading`, up to the next heading of any level. */
function sectionAfter(heading: string): string {
  const start = guide.indexOf(`\n${heading}\n`);
  expect(start, `the guide has a "${heading}" heading`).toBeGreaterThanOrEqual(0);
  const rest = guide.slice(start + heading.length + 2);
  const end = rest.search(/^#/m);
  return end === -1 ? rest : rest.slice(0, end);
}

/** A message as the guide writes it, `...` standing for a variable part. */
const messagePattern = (message: string) => new RegExp(`^${message.split('...').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 's');

/** `/products/{id}` → `/products/x`: any value reaches the authorizer, which runs first. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'x');

/** One answer, read once: fetch's Response and a raw node:http response alike. */
type Answer = { status: number; headers: Headers; text: string };
const read = async (res: Response): Promise<Answer> => ({ status: res.status, headers: res.headers, text: await res.text() });

/**
 * A POST whose two `Content-Type` headers reach the gateway's validator combined (a media type with
 * no model: not validated) and the function as the last one (JSON): the way a body that is not JSON
 * reaches the service. fetch cannot send a header twice, so node:http does.
 */
function postWithTwoContentTypes(url: string, authorization: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { authorization, 'content-type': ['text/plain', 'application/json'] } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
          resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The contract's Error schema, compiled from openapi.yaml. */
const validateError = contractAjv(loadSpec()).compile({ $ref: 'spec#/components/schemas/Error' });

/** Checks an error answer: JSON valid against the Error schema, with a code and the request id of its header. */
function errorBody(answer: Answer): { message: string; code: string; requestId: string } {
  expect(answer.headers.get('content-type'), answer.text).toMatch(/^application\/json\b/);
  const body = JSON.parse(answer.text) as { message: string; code: string; requestId: string };
  expect(validateError(body), JSON.stringify(validateError.errors)).toBe(true);
  expect(body.code, answer.text).toEqual(expect.any(String));
  expect(body.requestId, 'requestId is the x-amzn-RequestId header').toBe(answer.headers.get('x-amzn-requestid'));
  return body;
}

describe("the guide's failure answers, against the local stack", () => {
  let admin: string;
  let reader: string;
  beforeAll(async () => {
    admin = (await tokenFor(stack)).access_token;
    reader = (await tokenFor(stack, 'products-reader')).access_token;
  });
  const api = (target: LocalStack, path: string, init: RequestInit = {}) => fetch(`${target.apiUrl}${path}`, init).then(read);
  const json = (token: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', ...extra });
  const create = op('createProduct');

  /** Requests that draw 401s, by the case names of "When the API answers 401". */
  const unauthorized: Record<string, () => Promise<Answer[]>> = {
    'no `Authorization` header': async () => [await api(stack, op('listProducts').path)],
    'malformed token, bad signature, or a token of another user pool': async () => {
      const [header, payload, signature] = admin.split('.');
      const flipped = `${signature!.slice(0, -4)}${signature!.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      const path = op('listProducts').path;
      return [await api(stack, path, { headers: { authorization: 'Bearer not-a-jwt' } }), await api(stack, path, { headers: { authorization: `Bearer ${header}.${payload}.${flipped}` } })];
    },
    "valid access token without any of the operation's scopes": async () => {
      const scopes = stack.clients.find((c) => c.name === 'products-reader')!.scopes;
      const denied = operations.find((o) => !o.scopes.some((s) => scopes.includes(s)))!;
      return [await api(stack, concrete(denied.path), { method: denied.method.toUpperCase(), headers: { authorization: `Bearer ${reader}` } })];
    },
    'expired token': async () => {
      const { access_token, expires_in } = await tokenFor(stack);
      skew = (expires_in + 1) * 1000;
      try {
        return [await api(stack, op('listProducts').path, { headers: { authorization: `Bearer ${access_token}` } })];
      } finally {
        skew = 0;
      }
    },
  };

  it('answers every 401 case of "When the API answers 401" with the status, code, message and headers the guide gives', async () => {
    // The local token endpoint issues no ID tokens (client_credentials has none); the local
    // package's authorizer tests cover that row.
    const notLocal = new Set(['an ID token instead of an access token']);
    const rows = tableAfter('## When the API answers 401');
    expect(rows.length).toBeGreaterThan(0);
    const checked: string[] = [];
    for (const [what, status, code, message] of rows) {
      if (notLocal.has(what!)) continue;
      const make = unauthorized[what!];
      expect(make, `the guide lists a 401 case this test cannot provoke: "${what}"; add a request for it`).toBeDefined();
      for (const answer of await make!()) {
        const body = errorBody(answer);
        expect({ what, status: String(answer.status), code: body.code, message: body.message }).toEqual({ what, status, code, message });
        expect(answer.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
      }
      checked.push(what!);
    }
    expect(checked.sort()).toEqual(Object.keys(unauthorized).sort());
  });

  /**
   * Requests that draw each row of "Errors from the gateway", by `x-amzn-ErrorType` and message as
   * the guide writes them.
   */
  const gatewayRows: Record<string, () => Promise<Answer[]>> = {
    'UnauthorizedException Unauthorized': async () => [await api(stack, op('listProducts').path)],
    'UnauthorizedException The incoming token has expired': () => unauthorized['expired token']!(),
    'MissingAuthenticationTokenException Missing Authentication Token': async () => {
      // An unknown path, and a method the spec does not define on a known path.
      const path = op('listProducts').path;
      const undefinedMethod = ['PATCH', 'PUT', 'POST', 'DELETE'].find((m) => !operations.some((o) => o.path === path && o.method.toUpperCase() === m))!;
      return [await api(stack, '/no-such-route'), await api(stack, path, { method: undefinedMethod })];
    },
    "IncompleteSignatureException Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '...'.": async () => {
      const answer = await api(stack, '/no-such-route', { headers: { authorization: `Bearer ${admin}` } });
      // The message quotes the header's SHA-256, never the token.
      const hash = createHash('sha256').update(`Bearer ${admin}`).digest('base64');
      expect(answer.text).toContain(`'${hash}'`);
      expect(answer.text).not.toContain(admin.split('.')[2]!);
      return [answer];
    },
    'BadRequestException Invalid request body: [...]': async () => [await api(stack, create.path, { method: 'POST', headers: json(admin), body: '{}' })],
    'TooManyRequestsException Too Many Requests': async () => {
      const token = (await tokenFor(throttled)).access_token;
      // A bucket of one, refilled once a second: of a few requests sent at once, all but about one are refused.
      const answers = await Promise.all(Array.from({ length: 4 }, () => api(throttled, op('listProducts').path, { headers: { authorization: `Bearer ${token}` } })));
      const refused = answers.filter((a) => a.status === 429);
      expect(refused.length, answers.map((a) => a.status).join(',')).toBeGreaterThan(0);
      return refused;
    },
    'none Endpoint request timed out': async () => {
      const token = (await tokenFor(faulty)).access_token;
      return [await api(faulty, op('listProducts').path, { headers: { authorization: `Bearer ${token}`, 'x-docs-fault': 'slow' } })];
    },
    'none Internal server error': async () => {
      const token = (await tokenFor(faulty)).access_token;
      const call = (fault: string) => api(faulty, op('listProducts').path, { headers: { authorization: `Bearer ${token}`, 'x-docs-fault': fault } });
      return [await call('throw'), await call('malformed')];
    },
  };
  /** Rows the local stack cannot produce, and why. */
  const notLocalRows: Record<string, string> = {
    'ExpiredTokenException AWS\'s message': 'SigV4 credentials: no caller of this API signs requests',
    "AccessDeniedException AWS's message, naming the refused action": 'the API has no resource policy',
    'BadRequestException Missing required request parameters: [...]': 'no operation has a required parameter',
    "AWS's type AWS's message": 'any other type of AWS: the emulator answers only the types above',
  };

  it('answers every row of "Errors from the gateway" with its status, code, message and x-amzn-ErrorType', async () => {
    const rows = tableAfter('## Errors from the gateway');
    expect(rows.length).toBeGreaterThan(0);
    const checked = new Set<string>();
    const skipped = new Set<string>();
    for (const [status, code, message, errorType] of rows) {
      const key = `${errorType} ${message}`;
      if (key in notLocalRows) {
        skipped.add(key);
        continue;
      }
      const make = gatewayRows[key];
      expect(make, `the guide lists a gateway answer this test cannot provoke: "${key}"; add a request for it`).toBeDefined();
      for (const answer of await make!()) {
        const body = errorBody(answer);
        expect({ key, status: String(answer.status), code: body.code }).toEqual({ key, status, code });
        expect(body.message, key).toMatch(messagePattern(message!));
        expect(answer.headers.get('x-amzn-errortype') ?? 'none').toBe(errorType);
      }
      checked.add(key);
    }
    expect([...checked].sort()).toEqual(Object.keys(gatewayRows).sort());
    expect([...skipped].sort()).toEqual(Object.keys(notLocalRows).sort());
  });

  it("answers the validator's examples of the guide, word for word, and a body that is not JSON as the gateway's validation_error", async () => {
    const [row] = tableAfter('## Errors from the gateway').filter(([, , message]) => message === 'Invalid request body: [...]');
    const examples = [...row![4]!.matchAll(/`(\[[^`]*\])`/g)].map((m) => m[1]!);
    const bodies: Record<string, string> = {
      '[object has missing required properties (["name"])]': '{}',
      '[string "" is too short (length: 0, required minimum: 1)]': '{"name":""}',
      '[Invalid JSON: send a JSON value]': '{"name":',
    };
    expect(examples.sort()).toEqual(Object.keys(bodies).sort());
    for (const example of examples) {
      const body = errorBody(await api(stack, create.path, { method: 'POST', headers: json(admin), body: bodies[example] }));
      expect(body).toMatchObject({ code: 'validation_error', message: `Invalid request body: ${example}` });
    }
  });

  /** Requests that draw each code of the catalogue; several where the gateway and the service both answer it. */
  const codes: Record<string, () => Promise<Answer[]>> = {
    unauthorized: async () => [...(await unauthorized['no `Authorization` header']!()), ...(await unauthorized['malformed token, bad signature, or a token of another user pool']!()), ...(await unauthorized['expired token']!())],
    route_not_found: async () => [await api(stack, '/no-such-route'), await api(stack, '/no-such-route', { headers: { authorization: `Bearer ${admin}` } })],
    // The body from the gateway's validator, a parameter's value from the service.
    validation_error: async () => [await api(stack, create.path, { method: 'POST', headers: json(admin), body: '{"name":""}' }), await api(stack, `${op('listProducts').path}?limit=0`, { headers: { authorization: `Bearer ${admin}` } })],
    invalid_json: async () => [await postWithTwoContentTypes(`${stack.apiUrl}${create.path}`, `Bearer ${admin}`, '{"name":')],
    invalid_cursor: async () => [await api(stack, `${op('listProducts').path}?cursor=not-a-cursor`, { headers: { authorization: `Bearer ${admin}` } })],
    unsupported_media_type: async () => [await api(stack, create.path, { method: 'POST', headers: json(admin, { 'content-type': 'text/plain' }), body: '{"name":"Phone"}' })],
    // Valid JSON the validator accepts, padded past the service's 64 KiB.
    payload_too_large: async () => [await api(stack, create.path, { method: 'POST', headers: json(admin), body: `{"name":"Phone"${' '.repeat(70_000)}}` })],
    not_found: async () => [await api(stack, concrete(op('getProduct').path).replace('/x', '/no-such-product'), { headers: { authorization: `Bearer ${admin}` } })],
    already_exists: async () => {
      const post = () => api(stack, create.path, { method: 'POST', headers: json(admin), body: '{"id":"docs-twice","name":"Phone"}' });
      expect((await post()).status).toBe(201);
      return [await post()];
    },
    precondition_failed: async () => {
      expect((await api(stack, create.path, { method: 'POST', headers: json(admin), body: '{"id":"docs-stale","name":"Phone"}' })).status).toBe(201);
      return [await api(stack, '/products/docs-stale', { method: 'PUT', headers: json(admin, { 'if-match': '"99"' }), body: '{"name":"Phone 2"}' })];
    },
    throttled: () => gatewayRows['TooManyRequestsException Too Many Requests']!(),
    integration_timeout: () => gatewayRows['none Endpoint request timed out']!(),
    // The service's own 500 (its table is gone), and the gateway's 502 for a failing function.
    internal_error: async () => {
      const token = (await tokenFor(broken)).access_token;
      return [await api(broken, op('listProducts').path, { headers: { authorization: `Bearer ${token}` } }), ...(await gatewayRows['none Internal server error']!())];
    },
  };
  /** Codes the local stack cannot produce, and why. */
  const notLocalCodes: Record<string, string> = {
    access_denied: 'the API has no resource policy',
    gateway_error: 'the emulator answers no other gateway response type',
  };

  it('answers every code of "Error codes" with one of the statuses the catalogue gives it', async () => {
    const rows = tableAfter('## Error codes');
    const enumCodes = (loadSpec().components?.schemas?.Error as { properties: { code: { enum: string[] } } }).properties.code.enum;
    expect(rows.map(([code]) => code).sort()).toEqual([...enumCodes].sort());
    const statusesSeen: Record<string, string[]> = {};
    for (const [code, statuses] of rows) {
      if (code! in notLocalCodes) continue;
      const make = codes[code!];
      expect(make, `the catalogue lists "${code}", which this test cannot provoke; add a request for it`).toBeDefined();
      for (const answer of await make!()) {
        const body = errorBody(answer);
        expect({ code: body.code, statusListed: statuses!.split(', ').includes(String(answer.status)) }, `${answer.status} ${answer.text}`).toEqual({ code, statusListed: true });
        (statusesSeen[code!] ??= []).push(String(answer.status));
      }
    }
    expect(Object.keys(statusesSeen).sort()).toEqual(Object.keys(codes).sort());
    // Both sources of internal_error were seen: the service's 500 and the gateway's 502.
    expect([...new Set(statusesSeen.internal_error)].sort()).toEqual(['500', '502']);
  });

  it('answers the two front-door 413s of "Answers without a code" as the guide gives them', async () => {
    const section = sectionAfter('## Answers without a code');
    // The last code span of each bullet is the body it quotes.
    const [plain, json413] = section
      .split(/^- /m)
      .slice(1)
      .map((bullet) => [...bullet.split('\n\n')[0]!.matchAll(/`([^`]+)`/g)].pop()?.[1]);
    expect(plain).toBe('HTTP content length exceeded 10485760 bytes.');
    expect(json413).toBe('{"message":"Request Too Long"}');
    // Over 10 MB: plain text, before routing and the authorizer (no token needed to get it).
    const huge = await api(stack, create.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ' '.repeat(10 * 1024 * 1024 + 1) });
    expect([huge.status, huge.headers.get('content-type'), huge.text]).toEqual([413, 'text; charset=utf-8', plain]);
    // About 7 MB of valid JSON: past the validator, the Lambda event would exceed 6 MB.
    const big = await api(stack, create.path, { method: 'POST', headers: json(admin), body: `{"name":"Phone"${' '.repeat(7_000_000)}}` });
    expect([big.status, big.headers.get('x-amzn-errortype'), big.text]).toEqual([413, 'BadRequestException', json413]);
  });

  it('answers the token errors the guide names with 400 and that error', async () => {
    const sentence = /A failed token request answers (\d{3}) with `\{"error":"\.\.\."\}`:([^\n]*(?:\n[^\n]+)*)/.exec(guide);
    expect(sentence, 'the guide explains failed token requests').not.toBeNull();
    // The codes are the code spans followed by their explanation in parentheses.
    const named = [...sentence![2]!.matchAll(/`([a-z_]+)`\s+\(/g)].map((m) => m[1]!);
    const client = stack.clients[0]!;
    const basic = (secret: string) => `Basic ${btoa(`${client.clientId}:${secret}`)}`;
    const bodies: Record<string, [string, string]> = {
      invalid_request: [basic(client.clientSecret), 'scope=x'],
      invalid_client: [basic('not-the-secret'), 'grant_type=client_credentials'],
      unauthorized_client: [basic(client.clientSecret), 'grant_type=authorization_code&code=x'],
      unsupported_grant_type: [basic(client.clientSecret), 'grant_type=password&username=a&password=b'],
      invalid_scope: [basic(client.clientSecret), 'grant_type=client_credentials&scope=no-such-server%2Fno_such_scope'],
    };
    expect(named.sort()).toEqual(Object.keys(bodies).sort());
    for (const code of named) {
      const [authorization, body] = bodies[code]!;
      const res = await fetch(stack.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization }, body });
      expect({ code, status: String(res.status), body: await res.json() }).toEqual({ code, status: sentence![1], body: { error: code } });
    }
  });
});
